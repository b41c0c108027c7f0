"""What the instructor's notebook says, as the judge needs it: each cell that runs, in order."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import nbformat

from autograder.cells import is_solution_cell, is_test_cell, nbgrader_meta, text_of

__all__ = ["HIDDEN_REGION", "SKIP_TAG", "Layout", "fallback_layout", "layout_of", "solutions_of",
           "without_hidden_tests"]


SKIP_TAG = "demo"
HIDDEN_REGION = re.compile(r"### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS\n?", re.DOTALL)


def without_hidden_tests(source: str) -> str:
    """Returns a test cell's source without its hidden region (no sandbox ever sees hidden tests)."""
    return HIDDEN_REGION.sub("", source)


@dataclass(frozen=True)
class Layout:
    """The instructor's notebook, as the judge needs it: each cell that runs, in order.

    kind is "given" (instructor code), "solution" (the student's cell of that grade id) or "test"
    (the visible part of a test cell); text is the instructor's, empty for solutions."""

    cells: tuple[tuple[str, str, str], ...]


@lru_cache(maxsize=64)
def layout_of(path: str, modified: float) -> Layout:
    """Returns the layout of a source notebook (cached per file version)."""
    nb = nbformat.read(path, as_version=4)
    cells = []
    for cell in nb.cells:
        if cell.cell_type != "code" or SKIP_TAG in cell.metadata.get("tags", []):
            continue
        grade_id = nbgrader_meta(cell).get("grade_id", "")
        if is_solution_cell(cell):
            cells.append(("solution", grade_id, ""))
        elif is_test_cell(cell):
            cells.append(("test", grade_id, without_hidden_tests(cell.source)))
        else:
            cells.append(("given", "", cell.source))
    return Layout(tuple(cells))


def fallback_layout(nb: Any) -> Layout:
    """Returns a layout read from the submission itself, when no source notebook is known (tests only):
    its test cells' visible parts and solution cells; no given code is trusted from it."""
    cells = []
    for cell in nb.cells:
        grade_id = nbgrader_meta(cell).get("grade_id", "")
        if is_solution_cell(cell):
            cells.append(("solution", grade_id, ""))
        elif is_test_cell(cell):
            cells.append(("test", grade_id, without_hidden_tests(text_of(cell.source))))
    return Layout(tuple(cells))


def solutions_of(nb: Any) -> dict[str, str]:
    """Returns the text of the submission's solution cells by grade id (the first of each)."""
    found: dict[str, str] = {}
    for cell in nb.cells:
        if is_solution_cell(cell):
            found.setdefault(nbgrader_meta(cell).get("grade_id", ""), text_of(cell.source))
    return found
