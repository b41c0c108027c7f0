"""LMS export: Canvas and Moodle import files matched to the LMS's roster; nbgrader's long CSV; pseudonyms."""

from __future__ import annotations

import csv
import datetime
import re
from pathlib import Path

import pytest

from autograder import export, lms
from autograder._exceptions import CourseError
from tests._gradebook_builder import DUE, build_course

FIXTURES = Path(__file__).parent / "fixtures"
CLASS = {
    "ada": {"first": 2, "second": 3, "first_name": "Ada", "last_name": "Lovelace"},
    "bea": {"first": 2, "second": 1, "first_name": "Beatrice", "last_name": "Kovalevskaya",
            "email": "beatrice.k@uni.example"},  # renamed: the roster knows her as beatrice.k
    "cyd": {"first": 1, "second": 0, "first_name": "Cyd", "last_name": "Extra"},  # in no roster
    "eve": {"first": 2, "second": 3, "timestamp": DUE + datetime.timedelta(days=1, seconds=1)},  # 2 days late
}


@pytest.fixture
def course(tmp_path):
    """Returns a course with two assignments graded; eve's first one late (policy: 10 %/day, cap 50 %)."""
    second = {s: dict(r, timestamp=DUE) for s, r in CLASS.items() if s != "cyd"}
    course = build_course(tmp_path / "course", {"python_basics": CLASS, "week2": second})
    from autograder import late

    late.main(course, "python_basics")
    return course


def rows_of(path: Path) -> list[list[str]]:
    """Returns a CSV's rows."""
    with path.open(newline="") as handle:
        return list(csv.reader(handle))


def test_canvas_file_has_the_shape_of_canvas_import_example(course, tmp_path):
    """Does the Canvas file have Canvas's identity columns, in order, a Points Possible row and numeric scores?"""
    example = rows_of(FIXTURES / "canvas_import_example.csv")
    result = export.main(course, ["python_basics", "week2"], tmp_path / "canvas.csv", format="canvas",
                         roster=FIXTURES / "canvas_roster.csv")
    rows = rows_of(result.path)
    assert rows[0][:5] == example[0][:5] == lms.CANVAS_IDENTITY
    assert rows[0][5:] == ["python_basics (4242)", "week2"], "the roster's Canvas id is kept, a new name stays plain"
    assert re.fullmatch(r".+ \(\d+\)", example[0][5]) and re.fullmatch(r".+ \(\d+\)", rows[0][5])
    assert rows[1][0] == example[1][0] == "Points Possible" and rows[1][1:5] == example[1][1:5] == [""] * 4
    assert rows[1][5:] == ["5", "5"]
    assert all(len(row) == len(rows[0]) for row in rows)
    assert all(re.fullmatch(r"(\d+(\.\d+)?)?", cell) for row in rows[2:] for cell in row[5:])


def test_canvas_roster_missing_extra_and_renamed_students_are_listed(course, tmp_path):
    """Are a roster student without submission, a submission without roster row and a renamed student all listed?"""
    result = export.main(course, "python_basics", tmp_path / "canvas.csv", format="canvas",
                         roster=FIXTURES / "canvas_roster.csv")
    by_login = {row[3]: row for row in rows_of(result.path)[2:]}
    assert by_login["ada"][5] == "5" and by_login["beatrice.k"][5] == "3"
    assert by_login["dan"][5] == "", "no submission: an empty cell by default"
    assert result.renamed == [("bea", "beatrice.k", "name")]
    assert result.missing == ["dan"] and result.extra == ["cyd", "eve"]
    summary = result.summary()
    assert "NOT IN THE ROSTER, not exported: cyd" in summary and "no submission (in the roster only): dan" in summary
    assert "Test" not in "".join(row[0] for row in rows_of(result.path)), "Canvas's test student is no student"


def test_canvas_without_roster_uses_nbgrader_students_and_applies_late_penalties(course, tmp_path):
    """Without a roster, is every submission a row, and is a late student's score after the penalty?"""
    result = export.main(course, "python_basics", tmp_path / "canvas.csv", format="canvas", missing="zero")
    rows = {row[3]: row for row in rows_of(result.path)[2:]}
    assert sorted(rows) == ["ada", "bea", "cyd", "eve"] and rows["ada"][0] == "Lovelace, Ada"
    assert rows["eve"][5] == "4", "5 points, 2 started days late at 10 % a day"
    assert not result.extra and not result.missing


def test_moodle_file_has_the_shape_of_moodle_import_example(course, tmp_path):
    """Does the Moodle file have one identifier column, then one column per grade item, as Moodle imports?"""
    example = rows_of(FIXTURES / "moodle_import_example.csv")
    result = export.main(course, ["python_basics", "week2"], tmp_path / "moodle.csv", format="moodle",
                         roster=FIXTURES / "moodle_roster.csv", missing="zero")
    rows = rows_of(result.path)
    assert rows[0][0] == example[0][0] == "Email address" and rows[0][1:] == ["python_basics", "week2"]
    assert len(rows[0]) == len(example[0])
    scores = {row[0]: row[1:] for row in rows[1:]}
    assert scores == {"ada@uni.example": ["5", "5"], "beatrice.k@uni.example": ["3", "3"],
                      "dan@uni.example": ["0", "0"]}
    assert result.renamed == [("bea", "20261002", "email")] and result.missing == ["20261004"]
    assert result.extra == ["cyd", "eve"]


def test_moodle_id_number_identifier(course, tmp_path):
    """Can the instructor pick Moodle's ID number as the user column?"""
    result = export.main(course, "python_basics", tmp_path / "moodle.csv", format="moodle",
                         roster=FIXTURES / "moodle_roster.csv", identifier="idnumber")
    rows = rows_of(result.path)
    assert rows[0] == ["ID number", "python_basics"] and ["20261001", "5"] in rows


def test_nbgrader_format_is_nbgrader_export(course, tmp_path):
    """Is --format nbgrader nbgrader's own long CSV, with the late penalty?"""
    path = export.main(course, "python_basics", tmp_path / "long.csv", format="nbgrader")
    rows = list(csv.DictReader(path.open()))
    assert list(rows[0])[:4] == ["assignment", "duedate", "timestamp", "student_id"]
    eve = next(r for r in rows if r["student_id"] == "eve")
    assert float(eve["late_submission_penalty"]) == 1.0 and float(eve["score"]) == 4.0


def test_wide_csv_shows_lateness_and_final_score(course, tmp_path):
    """Does the default CSV show seconds late, the penalty and the final score?"""
    rows = {r["student"]: r for r in csv.DictReader(export.main(course, "python_basics", tmp_path / "w.csv").open())}
    assert rows["eve"]["seconds_late"] == "86401" and rows["eve"]["late_penalty"] == "1"
    assert rows["eve"]["final"] == "4" and rows["ada"]["late_penalty"] == "0"


def test_anonymised_exports_use_stable_pseudonyms(course, tmp_path):
    """Are ids, names and emails replaced by the same pseudonyms on every run, in wide and nbgrader CSVs?"""
    first = list(csv.DictReader(export.main(course, "python_basics", tmp_path / "a.csv", anonymise=True).open()))
    again = list(csv.DictReader(export.main(course, "python_basics", tmp_path / "b.csv", anonymise=True).open()))
    assert [r["student"] for r in first] == [r["student"] for r in again]
    assert all(re.fullmatch(r"student-[0-9a-f]{8}", r["student"]) for r in first)
    long = export.main(course, "python_basics", tmp_path / "c.csv", format="nbgrader", anonymise=True).read_text()
    assert "ada" not in long and "Lovelace" not in long and "beatrice" not in long
    assert {r["student"] for r in first} <= set(re.findall(r"student-[0-9a-f]{8}", long))


def test_lms_exports_refuse_to_anonymise(course, tmp_path):
    with pytest.raises(CourseError, match="real identities"):
        export.main(course, "python_basics", tmp_path / "x.csv", format="canvas", anonymise=True)


def test_a_roster_without_an_id_column_is_a_clear_error(tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("Name,Score\nAda,1\n")
    with pytest.raises(CourseError, match="no column"):
        lms.read_roster(roster)
