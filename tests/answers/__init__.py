"""Realistic student answers per exercise, right and wrong, to grade end to end.

Each notebook has a module named like its checks module in autograder.checks. An answer is
the whole source of a solution cell as a student would leave it. An answer may use the
notebook's given code (its PRELUDE) but never another exercise's function, so answers of
different exercises can be combined in one submission.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

NOTEBOOKS = {
    "01_why_numpy": "why_numpy",
    "02_sigmoid_gradient": "sigmoid_gradient",
    "03_reshape": "reshape",
    "04_normalization": "normalization",
    "05_softmax_broadcasting": "softmax_broadcasting",
    "06_vectorization": "vectorization",
    "07_l1_l2_losses": "losses",
}

DEFAULT_PRELUDE = "import math\n\nimport numpy as np\n"


@dataclass(frozen=True)
class Answer:
    """One student's solution cell for the exercise whose solution grade id is `exercise`."""

    exercise: str
    label: str
    right: bool
    source: str
    says: str = ""  # a phrase the failure message must contain, for a wrong answer


def answers_of(notebook: str) -> list[Answer]:
    """Returns the answers written for a notebook (by stem), empty if none yet."""
    try:
        module = importlib.import_module(f"tests.answers.{NOTEBOOKS[notebook]}")
    except ModuleNotFoundError:
        return []
    return list(module.ANSWERS)


def prelude_of(notebook: str) -> str:
    """Returns the given code a notebook defines before its exercises, for in-process tests."""
    try:
        module = importlib.import_module(f"tests.answers.{NOTEBOOKS[notebook]}")
    except ModuleNotFoundError:
        return DEFAULT_PRELUDE
    return getattr(module, "PRELUDE", DEFAULT_PRELUDE)
