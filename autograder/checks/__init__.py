"""Named checks for every graded test cell of the course, looked up by grade id.

A hidden test is one line, `check("softmax_values", softmax)`: the inputs, the reference and
the messages live here, so the same judgement can run in the student's kernel or outside it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from autograder import secret
from autograder.checks import (
    logistic_regression,
    losses,
    normalization,
    reshape,
    sigmoid_gradient,
    softmax_broadcasting,
    vectorization,
    why_numpy,
)
from autograder.checks._core import Case, Check, CheckFailed, Mistake, Raises
from autograder.checks._values import describe

__all__ = ["CHECKS", "Case", "Check", "CheckFailed", "Mistake", "Raises", "check", "describe", "student_seed"]

NOTEBOOK_MODULES = (
    why_numpy,
    sigmoid_gradient,
    reshape,
    normalization,
    softmax_broadcasting,
    vectorization,
    losses,
    logistic_regression,
)


def collect_checks() -> dict[str, Check]:
    """Returns every check of the course by grade id, refusing duplicate ids."""
    checks: dict[str, Check] = {}
    for module in NOTEBOOK_MODULES:
        for item in module.CHECKS:
            if item.grade_id in checks:
                raise ValueError(f"grade id {item.grade_id!r} is defined twice in autograder.checks")
            checks[item.grade_id] = item
    return checks


CHECKS = collect_checks()


def student_seed() -> int:
    """Returns a seed that is fixed for one student, differs between students and needs the course secret.

    While nbgrader autogrades, the kernel runs in <course>/autograded/<student>/<assignment>/,
    so the seed is the one `autograder.secret.student_seed` gives the grader outside the kernel.
    """
    if os.environ.get("NBGRADER_EXECUTION") == "autograde":
        here = Path.cwd()
        return secret.student_seed(here.parent.name, secret.course_secret(here.parents[2]))
    return 0


def check(grade_id: str, student: Callable[..., Any], seed: int | None = None) -> None:
    """Runs the named check on the student's function; raises CheckFailed when it is wrong."""
    CHECKS[grade_id].run(student, student_seed() if seed is None else seed)
