"""Realistic student answers per exercise, right and wrong, to grade end to end.

Each notebook has a module named like its checks module in autograder.checks. An answer is
the whole source of a solution cell as a student would leave it. An answer may use the
notebook's given functions (read from the notebook) but never another exercise's function, so answers of
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
    "08_logistic_regression": "logistic_regression",
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
        module = importlib.import_module(f"{__name__}.{NOTEBOOKS[notebook]}")
    except ModuleNotFoundError:
        return []
    return list(module.ANSWERS)


def prelude_of(notebook: str) -> str:
    """Returns the imports and the given functions a notebook defines outside its exercises.

    Read from the source notebook itself, so the in-process tests define exactly what a student
    finds there (the given `sigmoid` of 02, the loop versions of 06), never a copy of it.
    """
    import ast

    import nbformat

    from autograder.release import source_dir

    given = []
    for cell in nbformat.read(source_dir() / f"{notebook}.ipynb", as_version=4).cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code" or meta.get("grade") or meta.get("solution"):
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:
            continue
        given += [ast.unparse(s) for s in tree.body if isinstance(s, ast.FunctionDef)]
    return DEFAULT_PRELUDE + "\n\n".join(given) + "\n"
