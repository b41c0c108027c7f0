"""Grades in the import formats of Canvas and Moodle, matched to the LMS's own roster.

Canvas imports a gradebook CSV whose identity columns are `Student, ID, SIS User ID, SIS Login ID,
Section`, in that order, then one column per assignment, named `<name> (<canvas id>)` to update
an existing assignment (a plain name makes a new one), with a "Points Possible" row first.
Moodle imports a CSV with one identifier column (ID number, email address or username) and one
column per grade item, mapped in its import form.

The roster is the LMS's own gradebook export, read as it is. Each nbgrader student is matched to
a roster row by the roster's key column (its id, case aside, or the part before '@'), else by the
email address or the name of nbgrader's students table: that is a renamed student, listed.
Roster students with no submission get an empty cell or a zero (the instructor's choice), and are
listed; submissions with no roster row are listed, never dropped silently. Scores are totals after
the late penalty.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from autograder._exceptions import CourseError
from autograder.export import ClassGrades

__all__ = ["CANVAS_IDENTITY", "MOODLE_IDENTIFIERS", "LmsExport", "Roster", "read_roster", "write_canvas",
           "write_moodle"]

CANVAS_IDENTITY = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
CANVAS_POINTS = "Points Possible"
MOODLE_IDENTIFIERS = {"idnumber": "ID number", "email": "Email address", "username": "Username"}
CANVAS_KEYS = ("SIS Login ID", "SIS User ID", "ID")  # the first column of these the roster has is its key


@dataclass
class Roster:
    """The rows of an LMS gradebook export, its header, and the column that identifies a student."""

    path: Path
    header: list[str]
    rows: list[dict[str, str]]
    key: str


@dataclass
class LmsExport:
    """What an LMS export wrote and whom it could not match."""

    path: Path
    rows: int
    renamed: list[tuple[str, str, str]] = field(default_factory=list)  # (nbgrader id, roster key, how)
    missing: list[str] = field(default_factory=list)  # roster students with no submission
    extra: list[str] = field(default_factory=list)  # submissions with no roster row

    def summary(self) -> str:
        """Returns what was written and every student who needs a look, one line each."""
        lines = [f"{self.path}: {self.rows} students"]
        lines += [f"matched by {how}: {student} is {key} in the roster" for student, key, how in self.renamed]
        lines += [f"no submission (in the roster only): {key}" for key in self.missing]
        lines += [f"NOT IN THE ROSTER, not exported: {student}" for student in self.extra]
        return "\n".join(lines)


def is_canvas_filler(row: dict[str, str]) -> bool:
    """Returns True for the rows of a Canvas export that are no student: Points Possible, Muted, Test Student."""
    name = (row.get("Student") or "").strip()
    return name in (CANVAS_POINTS, "Muted", "Student, Test", "Test Student") or not any(row.values())


def read_roster(path: Path, key: str | None = None) -> Roster:
    """Returns the roster of an LMS gradebook export (Canvas or Moodle CSV); key names its id column."""
    if not path.is_file():
        raise CourseError(f"roster {path} does not exist.")
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        header = list(reader.fieldnames or [])
        rows = [row for row in reader if not is_canvas_filler(row)]
    key = key or next((k for k in (*CANVAS_KEYS, *MOODLE_IDENTIFIERS.values()) if k in header), None)
    if key not in header:
        raise CourseError(f"roster {path} has no column {key!r} to match students by; its columns: {header}.")
    return Roster(path, header, rows, key)


def roster_from_gradebook(grades: list[ClassGrades], key: str) -> Roster:
    """Returns a roster made of nbgrader's students table, for an export without the LMS's roster."""
    people: dict[str, dict[str, str]] = {}
    for assignment in grades:
        people.update(assignment.people)
    rows = []
    for student in sorted(people):
        person = people[student]
        name = ", ".join(p for p in (person["last_name"], person["first_name"]) if p) or student
        rows.append({"Student": name, "ID": "", "SIS User ID": student, "SIS Login ID": student, "Section": "",
                     "Username": student, "ID number": student, "Email address": person["email"] or student})
    return Roster(Path("gradebook"), [*CANVAS_IDENTITY, *MOODLE_IDENTIFIERS.values()], rows, key)


def roster_name(row: dict[str, str]) -> str:
    """Returns a roster row's name as 'first last', lower case (Canvas writes 'Last, First'; Moodle's grading
    worksheet 'Full name')."""
    if row.get("Full name"):
        return " ".join(row["Full name"].split()).lower()
    if row.get("First name") or row.get("Last name"):
        return f"{row.get('First name', '')} {row.get('Last name', '')}".strip().lower()
    last, _, first = (row.get("Student") or "").partition(", ")
    return f"{first} {last}".strip().lower()


def id_columns(roster: Roster) -> list[str]:
    """Returns the roster's columns that identify a student, its key first."""
    others = [c for c in (*CANVAS_KEYS, *MOODLE_IDENTIFIERS.values()) if c in roster.header and c != roster.key]
    return [roster.key, *others]


def index_ids(roster: Roster) -> dict[str, int]:
    """Returns {id, lower case: roster row index} over every id column, and each email's part before '@'."""
    found: dict[str, int] = {}
    for column in reversed(id_columns(roster)):  # the key column wins
        for index, row in enumerate(roster.rows):
            value = (row.get(column) or "").strip().lower()
            if value:
                found[value.partition("@")[0]] = index
                found[value] = index
    return found


def match_students(roster: Roster, grades: list[ClassGrades]) -> tuple[dict[int, str], list[tuple[str, str, str]]]:
    """Returns {roster row index: nbgrader id} and the students matched by email or name (renamed)."""
    students = sorted({s for g in grades for s in g.scores})
    people = {s: p for g in grades for s, p in g.people.items()}
    ids = index_ids(roster)
    emails = {(row.get("Email address") or "").strip().lower(): i for i, row in enumerate(roster.rows)}
    names = {roster_name(row): i for i, row in enumerate(roster.rows)}
    matched: dict[int, str] = {}
    renamed = []
    for student in students:
        person = people.get(student, {})
        email = (person.get("email") or "").strip().lower()
        full = f"{person.get('first_name', '')} {person.get('last_name', '')}".strip().lower()
        candidates = [(ids.get(student.lower()), ""), (emails.get(email) if email else None, "email"),
                      (names.get(full) if full else None, "name")]
        index, how = next(((i, h) for i, h in candidates if i is not None and i not in matched), (None, ""))
        if index is None:
            continue
        matched[index] = student
        if how:
            renamed.append((student, roster.rows[index][roster.key], how))
    return matched, renamed


def score_cell(grades: ClassGrades, student: str | None, missing: str) -> str:
    """Returns a student's final score on an assignment as the LMS reads it; no submission: '' or 0."""
    if student is None or student not in grades.scores:
        return "0" if missing == "zero" else ""
    return f"{grades.final(student):g}"


def column_of(assignment: str, roster: Roster) -> str:
    """Returns the roster's column for an assignment ('python_basics (1234)' in Canvas), else its name."""
    return next((c for c in roster.header if c == assignment or c.startswith(f"{assignment} (")), assignment)


def export_result(path: Path, roster: Roster, grades: list[ClassGrades], matched, renamed) -> LmsExport:
    """Returns what was exported and the students left out on either side."""
    students = sorted({s for g in grades for s in g.scores})
    unmatched = sorted(set(students) - set(matched.values()))
    missing = [row[roster.key] for i, row in enumerate(roster.rows) if i not in matched]
    return LmsExport(path, len(roster.rows), renamed, missing, unmatched)


def write_canvas(grades: list[ClassGrades], path: Path, roster: Roster | None = None,
                 missing: str = "empty") -> LmsExport:
    """Writes a Canvas gradebook import CSV: the identity columns, one column per assignment, points row."""
    roster = roster or roster_from_gradebook(grades, "SIS Login ID")
    matched, renamed = match_students(roster, grades)
    columns = [column_of(g.assignment, roster) for g in grades]
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(CANVAS_IDENTITY + columns)
        writer.writerow([CANVAS_POINTS, "", "", "", ""] + [f"{g.max_total():g}" for g in grades])
        for index, row in enumerate(roster.rows):
            identity = [row.get(column, "") for column in CANVAS_IDENTITY]
            writer.writerow(identity + [score_cell(g, matched.get(index), missing) for g in grades])
    return export_result(path, roster, grades, matched, renamed)


def write_moodle(grades: list[ClassGrades], path: Path, roster: Roster | None = None, missing: str = "empty",
                 identifier: str = "email") -> LmsExport:
    """Writes a Moodle grade import CSV: the identifier column, then one column per grade item (assignment)."""
    column = MOODLE_IDENTIFIERS[identifier]
    roster = roster or roster_from_gradebook(grades, column)
    if column not in roster.header:
        raise CourseError(f"roster {roster.path} has no column {column!r} for Moodle's {identifier} identifier.")
    matched, renamed = match_students(roster, grades)
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([column] + [g.assignment for g in grades])
        for index, row in enumerate(roster.rows):
            writer.writerow([row[column]] + [score_cell(g, matched.get(index), missing) for g in grades])
    return export_result(path, roster, grades, matched, renamed)
