"""Export: a row per student, a column per notebook and per exercise."""

from __future__ import annotations

import csv
import shutil

import pytest

from autograder import export
from autograder._exceptions import CourseError
from autograder.release import ASSIGNMENT


def test_csv_has_a_column_per_notebook_and_exercise(small_class, tmp_path):
    course, _ = small_class
    path = export.main(course, ASSIGNMENT, tmp_path / "grades.csv")
    rows = list(csv.DictReader(path.open()))
    assert [r["student"] for r in rows] == ["ada_reference", "bob_untouched", "cy_hangs"]
    assert "01_why_numpy:sigmoid" in rows[0] and "07_l1_l2_losses" in rows[0]
    assert rows[0]["total"] == rows[0]["max"] and float(rows[1]["total"]) == 0
    assert float(rows[2]["01_why_numpy:basic_sigmoid"]) == 0


def test_nothing_is_overwritten_without_force(small_class, tmp_path):
    course, _ = small_class
    target = tmp_path / "grades.csv"
    target.write_text("keep me")
    with pytest.raises(CourseError, match="--force"):
        export.main(course, ASSIGNMENT, target)
    assert target.read_text() == "keep me"


def test_a_gradebook_from_another_course_is_a_clear_error(small_class, tmp_path):
    course, _ = small_class
    (tmp_path / "source" / "other").mkdir(parents=True)
    shutil.copy(course / "source" / ASSIGNMENT / "01_why_numpy.ipynb", tmp_path / "source" / "other")
    shutil.copy(course / "gradebook.db", tmp_path / "gradebook.db")
    with pytest.raises(CourseError, match="no assignment 'other'"):
        export.read_grades(tmp_path, "other")


def test_a_missing_gradebook_is_a_clear_error(tmp_path):
    with pytest.raises(CourseError, match="grade the class first"):
        export.read_grades(tmp_path, ASSIGNMENT)
