"""What a sandbox can read and write, by inventory: walk everything from inside, compare with an allowlist.

A student's notebook, graded by `nbgrader autograde` in a course full of planted canaries (the
gradebook, the source with its hidden tests, another student's submission, the course secret,
a file in the course root), runs a cell that walks the whole file system and reports every file
it can read outside the allowlist, everything it can write, and any canary it finds in what it
can read. The same probe runs in a bare sandbox of the kind the judged run uses. Either fails
whatever the path of a leaked file, since it compares with what is allowed, not with what we
thought of.
"""

from __future__ import annotations

import json
import re
import sys

import nbformat
import pytest

from autograder.judge import kernel_side_package
from autograder.release import ASSIGNMENT, ROOT
from autograder.sandbox import Limits, run_sandboxed
from autograder.sandbox.command import readonly_roots
from tests._course import new_course, read_scores, reference_solutions, start_nbgrader, submission

CANARIES = ("CANARY-COURSE-41d7", "CANARY-VICTIM-9b2e")
NOTEBOOK = "01_why_numpy"
MARK = "INVENTORY:"


def allowed_roots() -> list[str]:
    """Returns the folders a sandbox may read: system files, the Python installation and venv, the
    kernel-side package (the copy of autograder/inside/), and its own /tmp and /grading."""
    fixed = ["/usr", "/bin", "/lib", "/lib64", "/sbin", "/etc/alternatives", "/etc/ld.so.cache", "/tmp", "/grading"]
    return fixed + [str(r) for r in readonly_roots()] + [str(kernel_side_package())]


def probe_code(secrets: list[str]) -> str:
    """Returns a cell that walks the file system and prints what it may read and write, as JSON.

    It walks everything but the insides of the allowed read-only roots (system files, Python,
    the venv: their files may be read by definition), and proves each of those roots read-only by
    trying to write in it; it reads every file of its own work folders for the canaries."""
    return f'''
import json, os, stat
allowed = {allowed_roots()!r}
own = ["/tmp", "/grading"]
writable_ok = own + ["/dev"]
secrets = {secrets!r}
def under(path, roots):
    return any(path == r or path.startswith(r.rstrip("/") + "/") for r in roots)
outside, writable, found, files = [], [], [], 0
for root in allowed:
    if root in own or not os.path.isdir(root):
        continue
    try:
        open(os.path.join(root, "probe-was-here"), "w").close()
        writable.append(root)
    except OSError:
        pass
    files += sum(len(names) for _, _, names in os.walk(root)) if root.startswith("/tmp/autograder-kernel") else 0
readonly = [r for r in allowed if r not in own]  # the venv may itself lie under /tmp on the host
for top, dirs, names in os.walk("/", followlinks=False):
    if top.startswith(("/proc", "/sys")) or under(top, readonly):
        dirs[:] = []
        continue
    for name in dirs + names:
        path = os.path.join(top, name)
        try:
            info = os.lstat(path)
        except OSError:
            continue
        if stat.S_ISLNK(info.st_mode):
            continue
        if os.access(path, os.W_OK) and not under(path, writable_ok):
            writable.append(path)
        if not stat.S_ISREG(info.st_mode) or not os.access(path, os.R_OK):
            continue
        files += 1
        if not under(path, allowed):
            outside.append(path)
        if info.st_size < 10_000_000:
            try:
                data = open(path, "rb").read()
            except OSError:
                continue
            found += [f"{{s}} in {{path}}" for s in secrets if s.encode() in data]
for root in [r for r in allowed if r.startswith("/tmp/autograder-kernel")]:
    for top, _, names in os.walk(root):
        for name in names:
            data = open(os.path.join(top, name), "rb").read()
            found += [f"{{s}} in {{top}}/{{name}}" for s in secrets if s.encode() in data]
kernel_files = []  # of the package this sandbox imports (the judge's copy, whichever process made it)
for root in [r for r in os.environ.get("PYTHONPATH", "").split(":") if r]:
    for top, _, names in os.walk(root):
        kernel_files += [os.path.relpath(os.path.join(top, name), root) for name in names]
print("{MARK}" + json.dumps({{"files": files, "outside": outside[:50], "writable": writable[:50],
                              "found": found[:50], "kernel_files": kernel_files[:50]}}))
'''


def is_kernel_side_file(relative: str) -> bool:
    """Returns True if a file of the kernel-side package is one it may hold: the copy's autograder/__init__.py,
    a module of autograder/inside/, or matplotlib's font list."""
    inside = {f"autograder/inside/{path.name}" for path in (ROOT / "autograder" / "inside").glob("*.py")}
    font_list = re.fullmatch(r"fontlist-[\w.-]+\.json", relative) is not None
    return font_list or relative in inside | {"autograder/__init__.py"}


def check_inventory(report: dict) -> None:
    assert report["files"] >= 5, f"the walk saw only {report['files']} files: did it run?"
    assert report["kernel_files"], "the walk saw no kernel-side package"
    unexpected = [f for f in report["kernel_files"] if not is_kernel_side_file(f)]
    assert not unexpected, f"the kernel-side package holds more than autograder/inside/: {unexpected}"
    assert report["outside"] == [], f"readable outside the allowlist: {report['outside']}"
    assert report["writable"] == [], f"writable outside /tmp and /grading: {report['writable']}"
    assert report["found"] == [], f"canaries readable in the sandbox: {report['found']}"


def report_of(text: str) -> dict:
    line = next((ln for ln in text.splitlines() if ln.startswith(MARK)), None)
    assert line is not None, f"the probe printed no inventory: {text[-2000:]}"
    return json.loads(line[len(MARK):])


@pytest.fixture(scope="module")
def graded_inventory(tmp_path_factory):
    """Grades a class of a probing student and a victim in a course full of canaries."""
    config = (ROOT / "nbgrader_config.py").read_text() + "\nc.TrustedJudge.cell_timeout = 60\n"
    course = new_course(tmp_path_factory.mktemp("inventory"), config)
    (course / "CANARY.txt").write_text(CANARIES[0])
    source = course / "source" / ASSIGNMENT / f"{NOTEBOOK}.ipynb"
    released = course / "release" / ASSIGNMENT / f"{NOTEBOOK}.ipynb"
    victim = submission(released, reference_solutions(source))
    victim.cells.append(nbformat.v4.new_markdown_cell(CANARIES[1]))
    (course / "submitted" / "victim" / ASSIGNMENT).mkdir(parents=True)
    nbformat.write(victim, course / "submitted" / "victim" / ASSIGNMENT / f"{NOTEBOOK}.ipynb")
    from autograder.secret import course_secret

    secret = course_secret(course).hex()
    hidden = "BEGIN HIDDEN TESTS"
    prober = submission(released, reference_solutions(source))
    prober.cells.append(nbformat.v4.new_code_cell(probe_code([*CANARIES, secret, "def reference_sigmoid", hidden,
                                                              "SQLite format 3"])))
    (course / "submitted" / "prober" / ASSIGNMENT).mkdir(parents=True)
    nbformat.write(prober, course / "submitted" / "prober" / ASSIGNMENT / f"{NOTEBOOK}.ipynb")
    process = start_nbgrader(course, "autograde", ASSIGNMENT)
    output, _ = process.communicate(timeout=600)
    assert process.returncode == 0, output
    graded = nbformat.read(course / "autograded" / "prober" / ASSIGNMENT / f"{NOTEBOOK}.ipynb", as_version=4)
    printed = "".join(o.get("text", "") for o in graded.cells[-1].get("outputs", []))
    return {"report": report_of(printed), "scores": read_scores(course)}


def test_a_graded_notebook_reads_and_writes_only_what_is_allowed(graded_inventory):
    check_inventory(graded_inventory["report"])


def test_the_probing_student_is_still_graded(graded_inventory):
    scores = {k[2]: v for k, v in graded_inventory["scores"].items() if k[0] == "prober" and k[1] == NOTEBOOK}
    assert scores and all(score == most for score, most in scores.values()), scores


def test_a_bare_sandbox_of_the_judged_run_reads_and_writes_only_what_is_allowed(tmp_path):
    from autograder.secret import course_secret

    secret = course_secret(tmp_path).hex()
    result = run_sandboxed([sys.executable, "-c", probe_code([secret, "def reference_sigmoid"])],
                           Limits(wall_seconds=120, cpu_seconds=120), pythonpath=str(kernel_side_package()))
    check_inventory(report_of(result.output))


def test_the_inventory_catches_a_folder_the_sandbox_should_not_see():
    # The probe must be able to fail: mount a course-like folder with a canary, and it is reported.
    # (Outside /tmp: the sandbox's own /tmp is allowed, whatever is mounted there.)
    import shutil
    import tempfile
    from pathlib import Path

    tmp_path = Path(tempfile.mkdtemp(dir="/var/tmp"))
    leaked = tmp_path / "course"
    leaked.mkdir()
    (leaked / "gradebook.db").write_text(CANARIES[0])
    leaked.chmod(0o755)
    tmp_path.chmod(0o755)
    (leaked / "gradebook.db").chmod(0o644)
    result = run_sandboxed([sys.executable, "-c", probe_code([CANARIES[0]])], Limits(wall_seconds=120, cpu_seconds=120),
                           pythonpath=str(kernel_side_package()), readonly=(leaked,))
    shutil.rmtree(tmp_path)
    report = report_of(result.output)
    assert str(leaked / "gradebook.db") in report["outside"]
    assert any(CANARIES[0] in hit for hit in report["found"])


def test_a_child_of_the_judged_runs_template_reads_and_writes_only_what_is_allowed(tmp_path):
    """The same walk from children forked by the template of judged runs (ForkServer): two in a row,
    so the second also sees whatever the first could leave behind."""
    from autograder.inside.functions import FUNCTIONS
    from autograder.inside.wire import decode
    from autograder.sandbox import ForkServer
    from autograder.secret import course_secret

    probe = probe_code([course_secret(tmp_path).hex(), "def reference_sigmoid"])
    source = (f"import contextlib, io, json\nPROBE = {probe!r}\n"
              "def report():\n"
              "    printed = io.StringIO()\n"
              "    with contextlib.redirect_stdout(printed):\n"
              "        exec(PROBE, {})\n"
              f"    found = json.loads(printed.getvalue().split({MARK!r}, 1)[1])\n"
              "    return (found['files'], len(found['outside']), len(found['writable']), len(found['found']))\n")
    server = ForkServer(Limits(wall_seconds=120, cpu_seconds=120), str(kernel_side_package()))
    try:
        answers = []
        for nonce in ("first", "second"):
            job = {"cells": [{"source": source, "name": "probe"}], "cpu_seconds": 100, "nonce": nonce, "files": {},
                   "checks": [{"grade_id": "p", "function": "report", "cases": [{"args": [], "kwargs": {}}]}]}
            result = server.run(json.dumps(job).encode(), 120)
            answers.append(json.loads(result.output))
    finally:
        server.close()
    for answer in answers:
        record = answer["values"]["p"]["records"][0]
        assert "returned" in record, (answer["cells"], record)
        files, outside, writable, found = decode(record["returned"], FUNCTIONS)
        assert files >= 5 and (outside, writable, found) == (0, 0, 0), (files, outside, writable, found)
