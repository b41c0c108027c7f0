"""Stable pseudonyms for shared reports and exports: the same student is the same pseudonym on every run.

A pseudonym is a keyed hash of the student id with the course secret (see secret.py), so it is
stable across runs and assignments, and cannot be turned back into a name without the secret.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import replace
from pathlib import Path

from autograder.export import ClassGrades

__all__ = ["anonymise_grades", "pseudonym", "pseudonyms"]

PREFIX = "student-"


def pseudonym(student: str, secret: bytes) -> str:
    """Returns the pseudonym of a student id: 'student-' and 8 hex digits of its HMAC with the secret."""
    digest = hmac.new(secret, b"pseudonym:" + student.encode(), hashlib.sha256).hexdigest()
    return PREFIX + digest[:8]


def pseudonyms(course: Path, students) -> dict[str, str]:
    """Returns {student id: pseudonym} with the course's secret."""
    from autograder.secret import course_secret

    secret = course_secret(course)
    return {student: pseudonym(student, secret) for student in students}


def rename_keys(table: dict, names: dict[str, str]) -> dict:
    """Returns a dict keyed by student with each key replaced by its pseudonym."""
    return {names.get(key, key): value for key, value in table.items()}


def anonymise_grades(grades: ClassGrades, names: dict[str, str]) -> ClassGrades:
    """Returns the grades with every student id replaced by its pseudonym and no names or emails."""
    blank = {"first_name": "", "last_name": "", "email": ""}
    return replace(grades, scores=rename_keys(grades.scores, names), messages=rename_keys(grades.messages, names),
                   seconds_late=rename_keys(grades.seconds_late, names),
                   penalties=rename_keys(grades.penalties, names),
                   people={names.get(s, s): dict(blank) for s in grades.people})
