"""The class's code: each student's solution cells and each exercise's base code (starter and reference)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from autograder._exceptions import CourseError
from autograder.cells import is_solution_cell, nbgrader_meta
from autograder.similarity.normalise import SOLUTION_MARKERS, is_one_short_expression

__all__ = ["ClassCode", "Exercise", "anonymised", "read_base", "read_class"]

Exercise = tuple[str, str]  # (notebook, solution grade id)


def solution_cells(path: Path) -> dict[str, str]:
    """Returns {solution grade id: source} of a notebook's autograded solution cells; {} if it cannot be read."""
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception:
        return {}
    return {nbgrader_meta(cell)["grade_id"]: cell.source for cell in nb.cells
            if is_solution_cell(cell) and nbgrader_meta(cell).get("grade_id")}


@dataclass
class ClassCode:
    """Every student's solution cells, and each exercise's base code (starter and reference)."""

    code: dict[str, dict[Exercise, str]]  # student -> exercise -> source
    base: dict[Exercise, str]  # exercise -> starter and reference solution
    skipped: list[Exercise] = field(default_factory=list)  # one short expression


def read_base(course: Path, assignment: str) -> tuple[dict[Exercise, str], list[Exercise]]:
    """Returns each compared exercise's base code (reference solution and starter) and the exercises skipped."""
    sources = sorted((course / "source" / assignment).glob("*.ipynb"))
    if not sources:
        raise CourseError(f"unknown assignment {assignment!r}: no notebooks in {course / 'source' / assignment}.")
    base, skipped = {}, []
    for source in sources:
        starter = solution_cells(course / "release" / assignment / source.name)
        for grade_id, reference in solution_cells(source).items():
            if is_one_short_expression(reference):
                skipped.append((source.stem, grade_id))
            else:
                base[(source.stem, grade_id)] = SOLUTION_MARKERS.sub("", reference) + "\n" + starter.get(grade_id, "")
    return base, skipped


def read_class(course: Path, assignment: str) -> ClassCode:
    """Returns the submitted solution cells of the class and the base code, from submitted/, source/ and release/."""
    base, skipped = read_base(course, assignment)
    notebooks = sorted({notebook for notebook, _ in base})
    code: dict[str, dict[Exercise, str]] = {}
    for folder in sorted((course / "submitted").glob(f"*/{assignment}")):
        cells = {}
        for notebook in notebooks:
            for grade_id, text in solution_cells(folder / f"{notebook}.ipynb").items():
                if (notebook, grade_id) in base:
                    cells[(notebook, grade_id)] = text
        code[folder.parent.name] = cells
    if not code:
        raise CourseError(f"no submission of {assignment!r} in {course / 'submitted'}.")
    return ClassCode(code, base, skipped)



def anonymised(code: ClassCode, names: dict[str, str]) -> ClassCode:
    """Returns the class's code keyed by pseudonyms."""
    return ClassCode({names[s]: cells for s, cells in code.code.items()}, code.base, code.skipped)
