"""The term report across two assignments, the late section and pseudonyms in the report (gradebooks built directly)."""

from __future__ import annotations

import datetime

from autograder import report
from autograder.report.assignment import late_rows
from tests._gradebook_builder import DUE, build_course

TERM = {
    "week1": {"ada": {"first": 2, "second": 3}, "bob": {"first": 2, "second": 0}, "cy": {"first": 0, "second": 0},
              "dee": {"first": 2, "second": 3, "timestamp": DUE + datetime.timedelta(hours=30)}},
    "week2": {"ada": {"first": 2, "second": 3}, "bob": {"first": 2, "second": 0}, "dee": {"first": 0, "second": 1}},
}


def test_term_report_shows_trajectories_items_and_students_to_watch(tmp_path):
    course = build_course(tmp_path / "course", TERM)
    page = report.main_term(course, tmp_path / "report")
    text = page.read_text()
    assert "Trajectories" in text and text.count("data:image/png;base64,") == 1
    assert "Item analysis" in text and "discrimination" in text
    assert "no submission of week2" in text, "cy handed in only week1"
    assert "fell from 100% to 20%" in text, "dee fell"


def test_item_analysis_difficulty_and_discrimination():
    from autograder.export import ClassGrades

    course_terms = []
    for name, students in TERM.items():
        grades = ClassGrades(notebooks=["01_work"], exercises=[("01_work", "first"), ("01_work", "second")],
                             most={("01_work", "first"): 2.0, ("01_work", "second"): 3.0}, assignment=name)
        grades.scores = {s: {("01_work", "first"): r["first"], ("01_work", "second"): r["second"]}
                         for s, r in students.items()}
        course_terms.append(grades)
    items = {(a, e): (d, r) for a, e, d, r in report.item_analysis(course_terms)}
    difficulty, discrimination = items[("week1", "01 second")]
    assert difficulty == 0.5, "ada and dee have its 3 points, bob and cy none"
    assert discrimination > 0.5, "the strong students got it, the weak did not"


def test_anonymised_term_report_has_no_student_ids(tmp_path):
    course = build_course(tmp_path / "course", TERM)
    text = report.main_term(course, tmp_path / "report", anonymise=True).read_text()
    assert "student-" in text and not any(f"<td>{name}</td>" in text for name in ("ada", "bob", "cy", "dee"))


def test_late_rows_name_the_lateness_and_the_points_taken(tmp_path):
    from autograder import late
    from autograder.export import read_grades

    course = build_course(tmp_path / "course", TERM)
    late.main(course, "week1")
    rows = late_rows(read_grades(course, "week1"))
    assert rows == [("dee", "1.2 days late, 1 point(s) taken by the late policy")]
