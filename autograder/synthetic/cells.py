"""The course's cells as a synthetic class is built from them: solution and test cells, references, submissions."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

from autograder.cells import is_solution_cell as is_solution  # the judge's predicates, under the names tests use
from autograder.cells import is_test_cell as is_grade

__all__ = ["SOLUTION_REGION", "is_grade", "is_solution", "reference_solutions", "reference_source", "submission"]

SOLUTION_REGION = re.compile(r"^\s*### (BEGIN|END) SOLUTION\s*\n", re.MULTILINE)


def reference_source(source_cell_text: str) -> str:
    """Returns a solution cell as a student who wrote the reference would leave it."""
    return SOLUTION_REGION.sub("", source_cell_text)


def submission(released: Path, solutions: dict[str, str]) -> nbformat.NotebookNode:
    """Returns the released notebook with the given solution cells filled in, by grade id."""
    nb = nbformat.read(released, as_version=4)
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if is_solution(cell) and grade_id in solutions:
            cell.source = solutions[grade_id].strip("\n")
    return nb


def reference_solutions(source: Path) -> dict[str, str]:
    """Returns {solution grade id: cell source} of a source notebook's reference solutions."""
    return {
        c.metadata["nbgrader"]["grade_id"]: reference_source(c.source)
        for c in nbformat.read(source, as_version=4).cells
        if is_solution(c)
    }
