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
from autograder._gradebook import describe_gradebook, open_gradebook
from autograder.cells import is_solution_cell, is_test_cell, nbgrader_meta

__all__ = ["ClassGrades", "exercise_of_cells", "main", "read_grades", "write_csv"]


@dataclass
class ClassGrades:
    """Every student's scores by notebook and by exercise, and the most each can earn."""

    notebooks: list[str] = field(default_factory=list)
    exercises: list[tuple[str, str]] = field(default_factory=list)  # (notebook, exercise)
    most: dict[tuple[str, str], float] = field(default_factory=dict)
    scores: dict[str, dict[tuple[str, str], float]] = field(default_factory=dict)  # student -> (nb, ex) -> score
    messages: dict[str, dict[tuple[str, str], list[str]]] = field(default_factory=dict)
    assignment: str = ""
    seconds_late: dict[str, float] = field(default_factory=dict)  # student -> seconds past the due date
    penalties: dict[str, float] = field(default_factory=dict)  # student -> points taken by the late policy
    people: dict[str, dict[str, str]] = field(default_factory=dict)  # student -> first_name, last_name, email

    def notebook_score(self, student: str, notebook: str) -> float:
        """Returns a student's score on one notebook."""
        return sum(v for (nb, _), v in self.scores.get(student, {}).items() if nb == notebook)

    def notebook_most(self, notebook: str) -> float:
        """Returns the most one can earn on a notebook."""
        return sum(v for (nb, _), v in self.most.items() if nb == notebook)

    def total(self, student: str) -> float:
        """Returns a student's total score."""
        return sum(self.scores.get(student, {}).values())

    def final(self, student: str) -> float:
        """Returns a student's total after the late penalty."""
        return max(self.total(student) - self.penalties.get(student, 0.0), 0.0)

    def max_total(self) -> float:
        """Returns the most one can earn on the assignment."""
        return sum(self.most.values())


def exercise_of_cells(source: Path) -> dict[str, str]:
    """Returns {test cell grade id: exercise (the solution grade id above it)} of a source notebook."""
    mapping, current = {}, None
    for cell in nbformat.read(source, as_version=4).cells:
        meta = nbgrader_meta(cell)
        if is_solution_cell(cell):
            current = meta["grade_id"]
        elif is_test_cell(cell):
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
        grades = ClassGrades(notebooks=[s.stem for s in sources], assignment=assignment)
        try:
            gradebook.find_assignment(assignment)
        except MissingEntry as error:
            raise CourseError(
                f"{describe_gradebook(gradebook.engine.url)} has no assignment {assignment!r}: "
                "is it this course's gradebook?"
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
            grades.seconds_late[student.id] = submission.total_seconds_late
            grades.penalties[student.id] = sum(nb.late_submission_penalty or 0.0 for nb in submission.notebooks)
            grades.people[student.id] = {"first_name": student.first_name or "", "last_name": student.last_name or "",
                                         "email": student.email or ""}
        for notebook in gradebook.find_assignment(assignment).notebooks:
            for cell in notebook.grade_cells:
                key = (notebook.name, exercise_of.get(notebook.name, {}).get(cell.name, cell.name))
                grades.most[key] = grades.most.get(key, 0.0) + (cell.max_score or 0.0)
    return grades


def write_csv(grades: ClassGrades, path: Path) -> None:
    """Writes the grades: student, total, max, seconds late, late penalty, final (total less the penalty),
    then each notebook and each notebook:exercise."""
    header = (["student", "total", "max", "seconds_late", "late_penalty", "final"] + grades.notebooks
              + [f"{nb}:{ex}" for nb, ex in grades.exercises])
    most = grades.max_total()
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for student in sorted(grades.scores):
            writer.writerow(
                [student, f"{grades.total(student):g}", f"{most:g}", f"{grades.seconds_late.get(student, 0):.0f}",
                 f"{grades.penalties.get(student, 0.0):g}", f"{grades.final(student):g}"]
                + [f"{grades.notebook_score(student, nb):g}" for nb in grades.notebooks]
                + [f"{grades.scores[student].get(key, 0.0):g}" for key in grades.exercises]
            )


FORMATS = ("wide", "canvas", "moodle", "nbgrader")


def write_nbgrader(course: Path, assignments: list[str], path: Path, names: dict[str, str] | None) -> None:
    """Writes nbgrader's own long CSV (`nbgrader export`): a row per student and assignment."""
    from nbgrader.plugins.export import CsvExportPlugin

    with open_gradebook(course) as gradebook:
        CsvExportPlugin(to=str(path), assignment=assignments).export(gradebook)
    if names is not None:
        with path.open(newline="") as handle:
            rows = list(csv.DictReader(handle))
        for row in rows:
            row.update(student_id=names.get(row["student_id"], row["student_id"]), last_name="", first_name="",
                       email="")
        with path.open("w", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]) if rows else ["student_id"])
            writer.writeheader()
            writer.writerows(rows)


def main(course: Path, assignment: str | list[str], output: Path, force: bool = False, *, format: str = "wide",
         roster: Path | None = None, missing: str = "empty", identifier: str = "email", match: str | None = None,
         anonymise: bool = False):
    """Exports the class's grades to a CSV file; refuses to overwrite without force.

    format: wide (default: a column per notebook and exercise), canvas or moodle (a gradebook import
    file, matched to the LMS's roster export if given, a column per assignment), nbgrader (its own
    long CSV). missing: 'empty' or 'zero' for roster students with no submission; identifier: Moodle's
    user column (email, idnumber, username); match: the roster column to match nbgrader ids against;
    anonymise: stable pseudonyms instead of student ids (wide and nbgrader only). Returns the CSV's
    path, or for canvas and moodle what was written and whom it could not match.
    """
    from autograder import anonymise as pseudonymous
    from autograder import lms

    if format not in FORMATS:
        raise CourseError(f"unknown export format {format!r}: choose one of {', '.join(FORMATS)}.")
    if output.exists() and not force:
        raise CourseError(f"{output} exists; pass --force to overwrite it.")
    if anonymise and format in ("canvas", "moodle"):
        raise CourseError(f"a {format} import needs the students' real identities: drop --anonymise.")
    course = course.resolve()
    assignments = [assignment] if isinstance(assignment, str) else list(assignment)
    if format == "nbgrader":
        for name in assignments:
            read_grades(course, name)  # the same one-sentence errors as every other format
        names = None
        if anonymise:
            with open_gradebook(course) as gradebook:
                names = pseudonymous.pseudonyms(course, [s.id for s in gradebook.students])
        write_nbgrader(course, assignments, output, names)
        return output
    grades = [read_grades(course, name) for name in assignments]
    if format == "wide":
        if len(grades) != 1:
            raise CourseError("the wide CSV holds one assignment: name one, or use --format canvas, moodle, nbgrader.")
        table = grades[0]
        if anonymise:
            table = pseudonymous.anonymise_grades(table, pseudonymous.pseudonyms(course, table.scores))
        write_csv(table, output)
        return output
    people = lms.read_roster(roster, match) if roster else None
    if format == "canvas":
        return lms.write_canvas(grades, output, people, missing)
    return lms.write_moodle(grades, output, people, missing, identifier)
