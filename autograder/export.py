"""Export grades: one row per student, one column per notebook and per exercise.

nbgrader's own `nbgrader export` gives one total per student; an instructor usually also wants
to see which exercises a student missed. The exercise of a test cell is the solution cell above
it in the source notebook.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from autograder._exceptions import CourseError
from autograder._gradebook import describe, open_gradebook

__all__ = ["ClassGrades", "exercise_of_cells", "main", "read_grades", "write_csv"]


@dataclass
class ClassGrades:
    """Every student's scores by notebook and by exercise, and the most each can earn."""

    notebooks: list[str] = field(default_factory=list)
    exercises: list[tuple[str, str]] = field(default_factory=list)  # (notebook, exercise)
    most: dict[tuple[str, str], float] = field(default_factory=dict)
    scores: dict[str, dict[tuple[str, str], float]] = field(default_factory=dict)  # student -> (nb, ex) -> score
    messages: dict[str, dict[tuple[str, str], list[str]]] = field(default_factory=dict)

    def notebook_score(self, student: str, notebook: str) -> float:
        """Returns a student's score on one notebook."""
        return sum(v for (nb, _), v in self.scores.get(student, {}).items() if nb == notebook)

    def notebook_most(self, notebook: str) -> float:
        """Returns the most one can earn on a notebook."""
        return sum(v for (nb, _), v in self.most.items() if nb == notebook)

    def total(self, student: str) -> float:
        """Returns a student's total score."""
        return sum(self.scores.get(student, {}).values())


def exercise_of_cells(source: Path) -> dict[str, str]:
    """Returns {test cell grade id: exercise (the solution grade id above it)} of a source notebook."""
    mapping, current = {}, None
    for cell in nbformat.read(source, as_version=4).cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution") and not meta.get("grade"):
            current = meta["grade_id"]
        elif meta.get("grade") and not meta.get("solution"):
            mapping[meta["grade_id"]] = current or meta["grade_id"]
    return mapping


def read_grades(course: Path, assignment: str) -> ClassGrades:
    """Returns the class's grades from the course's gradebook, grouped by exercise."""
    from nbgrader.api import MissingEntry

    with open_gradebook(course) as gradebook:  # the course's db_url: SQLite or a database server
        sources = sorted((course / "source" / assignment).glob("*.ipynb"))
        if not sources:
            raise CourseError(f"unknown assignment {assignment!r}: no notebooks in {course / 'source' / assignment}.")
        exercise_of = {source.stem: exercise_of_cells(source) for source in sources}
        grades = ClassGrades(notebooks=[s.stem for s in sources])
        try:
            gradebook.find_assignment(assignment)
        except MissingEntry as error:
            raise CourseError(
                f"{describe(gradebook.engine.url)} has no assignment {assignment!r}: is it this course's gradebook?"
            ) from error
        for notebook in grades.notebooks:
            for exercise in dict.fromkeys(exercise_of[notebook].values()):
                grades.exercises.append((notebook, exercise))
        for student in gradebook.students:
            try:
                submission = gradebook.find_submission(assignment, student.id)
            except MissingEntry:
                continue
            row: dict[tuple[str, str], float] = defaultdict(float)
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    exercise = exercise_of.get(notebook.name, {}).get(grade.name, grade.name)
                    row[(notebook.name, exercise)] += grade.score or 0.0
            grades.scores[student.id] = dict(row)
        for notebook in gradebook.find_assignment(assignment).notebooks:
            for cell in notebook.grade_cells:
                key = (notebook.name, exercise_of.get(notebook.name, {}).get(cell.name, cell.name))
                grades.most[key] = grades.most.get(key, 0.0) + (cell.max_score or 0.0)
    return grades


def write_csv(grades: ClassGrades, path: Path) -> None:
    """Writes the grades: student, total, max, then each notebook and each notebook:exercise."""
    header = ["student", "total", "max"] + grades.notebooks + [f"{nb}:{ex}" for nb, ex in grades.exercises]
    most = sum(grades.most.values())
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for student in sorted(grades.scores):
            writer.writerow(
                [student, f"{grades.total(student):g}", f"{most:g}"]
                + [f"{grades.notebook_score(student, nb):g}" for nb in grades.notebooks]
                + [f"{grades.scores[student].get(key, 0.0):g}" for key in grades.exercises]
            )


def main(course: Path, assignment: str, output: Path, force: bool = False) -> Path:
    """Exports the class's grades to a CSV file; refuses to overwrite without force."""
    if output.exists() and not force:
        raise CourseError(f"{output} exists; pass --force to overwrite it.")
    write_csv(read_grades(course.resolve(), assignment), output)
    return output
