"""The `autograder` command line: each job parses its arguments, and a course error is one sentence, exit 1."""

from __future__ import annotations

import subprocess
import sys

import pytest

from autograder import cli

JOBS = ("build", "sync", "bundle", "release", "collect", "grade", "feedback", "export", "late", "report",
        "similarity", "demo")


def test_every_job_is_on_the_command_line():
    done = subprocess.run([sys.executable, "-m", "autograder", "--help"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    for job in JOBS:
        assert job in done.stdout, f"{job} missing from autograder --help"


def test_a_job_is_required_and_an_unknown_one_refused(capsys):
    for argv in ([], ["grades"]):
        with pytest.raises(SystemExit) as stopped:
            cli.main(argv)
        assert stopped.value.code == 2
    assert "invalid choice: 'grades'" in capsys.readouterr().err


def test_class_jobs_default_to_the_course_here_and_its_assignment():
    args = cli.parser().parse_args(["grade"])
    assert (args.assignment, str(args.course), args.workers, args.force, args.scheduler) == (
        "python_basics", ".", None, False, None)
    args = cli.parser().parse_args(["grade", "week2", "--course", "/srv/course", "--student", "ann",
                                    "--student", "ben", "--workers", "3"])
    assert (args.assignment, str(args.course), args.student, args.workers) == ("week2", "/srv/course", ["ann", "ben"],
                                                                               3)
    demo = cli.parser().parse_args(["demo"])
    assert (str(demo.output), demo.students, demo.workers, demo.force) == ("demo", 12, None, False)


def test_a_course_error_is_one_sentence_and_exit_code_1(tmp_path, capsys):
    code = cli.main(["grade", "--course", str(tmp_path), "--no-progress"])
    printed = capsys.readouterr()
    assert code == 1
    assert printed.err.startswith("autograder: ") and "nbgrader_config.py" in printed.err, printed.err
    assert "Traceback" not in printed.err and printed.err.count("\n") == 1


def test_demo_refuses_a_folder_in_use_without_force(tmp_path, capsys):
    (tmp_path / "demo").mkdir()
    (tmp_path / "demo" / "notes.txt").write_text("mine")
    assert cli.main(["demo", "--output", str(tmp_path / "demo")]) == 1
    assert "--force" in capsys.readouterr().err
    assert (tmp_path / "demo" / "notes.txt").read_text() == "mine"
