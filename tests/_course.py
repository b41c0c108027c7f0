"""What the tests need to know of the course: its notebooks, exercises and grade cells."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import nbformat

from autograder.release import ROOT, source_notebooks


@dataclass(frozen=True)
class Exercise:
    """A solution cell and the graded test cells that follow it."""

    notebook: str
    solution_id: str
    tests: dict[str, float]  # grade id -> points


def is_solution(cell) -> bool:
    """Returns True if the cell is an autograded solution cell."""
    meta = cell.metadata.get("nbgrader", {})
    return bool(meta.get("solution")) and not meta.get("grade")


def is_grade(cell) -> bool:
    """Returns True if the cell is an autograded test cell."""
    meta = cell.metadata.get("nbgrader", {})
    return bool(meta.get("grade")) and not meta.get("solution")


def exercises_of(path: Path) -> list[Exercise]:
    """Returns the exercises of a notebook in order."""
    nb = nbformat.read(path, as_version=4)
    found: list[Exercise] = []
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if is_solution(cell):
            found.append(Exercise(path.stem, meta["grade_id"], {}))
        elif is_grade(cell):
            assert found, f"{path.name}: test cell {meta['grade_id']} comes before any solution cell"
            found[-1].tests[meta["grade_id"]] = float(meta["points"])
    return found


def all_exercises(root: Path = ROOT) -> list[Exercise]:
    """Returns every exercise of the course."""
    return [e for path in source_notebooks(root) for e in exercises_of(path)]
