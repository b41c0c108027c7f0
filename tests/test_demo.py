"""`autograder demo` runs the whole instructor cycle on a synthetic class, in its own folder."""

from __future__ import annotations

import pytest

from autograder import demo
from autograder._exceptions import CourseError


def test_demo_runs_the_whole_cycle(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("AUTOGRADER_DB_URL", "postgresql+psycopg2://instructor@127.0.0.1:1/the_real_class")
    page = demo.main(tmp_path / "demo", students=4, workers=2)
    printed = capsys.readouterr().out
    for step in ("1/5", "2/5", "3/5", "4/5", "5/5", "graded 4 students, 28 notebooks"):
        assert step in printed, printed
    assert page.exists() and (tmp_path / "demo" / "grades_by_exercise.csv").exists()
    assert list((tmp_path / "demo" / "feedback").glob("*/python_basics/01_why_numpy.html"))
    assert (tmp_path / "demo" / "gradebook.db").exists(), "the demo keeps its own gradebook, never the class's"


def test_demo_does_not_replace_a_folder_without_force(tmp_path):
    (tmp_path / "demo").mkdir()
    (tmp_path / "demo" / "mine.txt").write_text("keep")
    with pytest.raises(CourseError, match="--force"):
        demo.main(tmp_path / "demo", students=1)
    assert (tmp_path / "demo" / "mine.txt").read_text() == "keep"
