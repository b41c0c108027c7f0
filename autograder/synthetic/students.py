"""A synthetic class of realistic submissions: right and wrong answers, references, broken, slow and untouched."""

from __future__ import annotations

from pathlib import Path

import nbformat

from autograder.release import ASSIGNMENT, source_notebooks
from autograder.synthetic.answers import answers_of
from autograder.synthetic.cells import reference_solutions, submission

__all__ = ["KINDS", "SLOW_CODE", "student_solutions", "write_class"]

KINDS = ("answers", "answers", "answers", "answers", "answers", "answers", "reference", "broken", "slow", "untouched")
SLOW_CODE = "busy = 0\nfor step in range(5_000_000):  # about a second of CPU\n    busy += step\n"


def student_solutions(kind: str, k: int, source: Path) -> dict[str, str] | None:
    """Returns the solution cells of student k of a kind for one notebook (None: untouched release)."""
    reference = reference_solutions(source)
    if kind == "untouched":
        return {}
    if kind == "answers":
        chosen = {}
        for exercise in reference:
            options = [a for a in answers_of(source.stem) if a.exercise == exercise]
            if options:
                chosen[exercise] = options[k % len(options)].source
        return {**reference, **chosen}
    first = next(iter(reference))
    if kind == "broken":
        last = list(reference)[-1]
        return {**reference, first: reference[first] + "\nthis is not python (", last: "raise RuntimeError('oops')"}
    if kind == "slow":
        return {**reference, first: SLOW_CODE + reference[first]}
    return reference


def write_class(course: Path, students: int) -> None:
    """Writes submitted/<student>/python_basics/*.ipynb for the synthetic class."""
    release = course / "release" / ASSIGNMENT
    for k in range(students):
        kind = KINDS[k % len(KINDS)]
        folder = course / "submitted" / f"s{k:03d}_{kind}" / ASSIGNMENT
        folder.mkdir(parents=True)
        for source in source_notebooks(course):
            solutions = student_solutions(kind, k, source)
            nbformat.write(submission(release / source.name, solutions), folder / source.name)
