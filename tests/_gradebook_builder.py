"""A course of the tests' own, built with nbgrader's Gradebook API: no grading, a second per test.

Each assignment has one notebook `01_work` with two exercises (`first`, 2 points; `second`,
3 points); each student's score per exercise, hand-in time and name are given.
"""

from __future__ import annotations

import datetime
import functools
from pathlib import Path

import nbformat

LATE_CONFIG = """
from autograder.late import LatePenalty
c = get_config()  # noqa: F821
c.AssignLatePenalties.plugin_class = LatePenalty
c.LatePenalty.percent = 10
c.LatePenalty.period = "day"
c.LatePenalty.grace_minutes = 0
c.LatePenalty.cap_percent = 50
"""
EXERCISES = {"first": 2.0, "second": 3.0}
DUE = datetime.datetime(2026, 12, 1, 23, 59, 0)


def remember_alembic_head() -> None:
    """Makes nbgrader ask `alembic heads` (seconds, a subprocess) once per test session, not per new gradebook."""
    from nbgrader import api

    if not hasattr(api.get_alembic_version, "cache_info"):
        api.get_alembic_version = functools.cache(api.get_alembic_version)


def solution_cell(grade_id: str) -> nbformat.NotebookNode:
    """Returns an nbgrader solution cell."""
    cell = nbformat.v4.new_code_cell(f"def {grade_id}(x):\n    ### BEGIN SOLUTION\n    return x\n    ### END SOLUTION")
    cell.metadata["nbgrader"] = {"grade": False, "solution": True, "locked": False, "grade_id": grade_id,
                                 "schema_version": 3}
    return cell


def test_cell(grade_id: str, points: float) -> nbformat.NotebookNode:
    """Returns an nbgrader autograded test cell."""
    cell = nbformat.v4.new_code_cell(f"assert {grade_id.removesuffix('_test')}(1) == 1")
    cell.metadata["nbgrader"] = {"grade": True, "solution": False, "locked": True, "grade_id": grade_id,
                                 "points": points, "schema_version": 3}
    return cell


def write_source(course: Path, assignment: str) -> None:
    """Writes source/<assignment>/01_work.ipynb with the two exercises and their tests."""
    cells = []
    for name, points in EXERCISES.items():
        cells += [solution_cell(name), test_cell(f"{name}_test", points)]
    folder = course / "source" / assignment
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nbformat.v4.new_notebook(cells=cells), folder / "01_work.ipynb")


def build_course(course: Path, classes: dict[str, dict[str, dict]], config: str = LATE_CONFIG) -> Path:
    """Returns a course whose gradebook holds the classes: {assignment: {student: {"first": 2, "second": 1,
    "timestamp": datetime, "first_name": ..., "last_name": ..., "email": ...}}}; due date DUE."""
    from nbgrader.api import Gradebook

    remember_alembic_head()
    course.mkdir(parents=True, exist_ok=True)
    (course / "nbgrader_config.py").write_text(config)
    with Gradebook("sqlite:///" + str(course / "gradebook.db")) as gradebook:
        for assignment, students in classes.items():
            write_source(course, assignment)
            gradebook.update_or_create_assignment(assignment, duedate=DUE)
            gradebook.update_or_create_notebook("01_work", assignment)
            for name, points in EXERCISES.items():
                gradebook.update_or_create_solution_cell(name, "01_work", assignment)
                gradebook.update_or_create_grade_cell(f"{name}_test", "01_work", assignment, max_score=points,
                                                      cell_type="code")
            for student, record in students.items():
                add_graded_submission(gradebook, assignment, student, record)
    return course


def add_graded_submission(gradebook, assignment: str, student: str, record: dict) -> None:
    """Adds a student (with name and email if given) and their graded submission."""
    from nbgrader.api import MissingEntry

    person = {k: record[k] for k in ("first_name", "last_name", "email") if k in record}
    try:
        gradebook.find_student(student)
        gradebook.update_or_create_student(student, **person)
    except MissingEntry:
        gradebook.add_student(student, **person)
    gradebook.add_submission(assignment, student, timestamp=record.get("timestamp", DUE))
    for name in EXERCISES:
        grade = gradebook.find_grade(f"{name}_test", "01_work", assignment, student)
        grade.auto_score = record.get(name, 0.0)
    gradebook.db.commit()
