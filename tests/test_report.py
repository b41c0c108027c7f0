"""The report: a self-contained page with figures, failures, crashes and students to watch."""

from __future__ import annotations

import json

import nbformat
import pytest

from autograder import report, timing_log
from autograder._exceptions import CourseError
from autograder.release import ASSIGNMENT
from autograder.report import evidence


def test_report_is_self_contained_and_says_what_went_wrong(small_class, tmp_path):
    course, _ = small_class
    page = report.main(course, ASSIGNMENT, tmp_path / "report")
    text = page.read_text()
    assert text.count("data:image/png;base64,") == 2 and (tmp_path / "report" / "scores.png").exists()
    for section in ("Pass rate per exercise", "Most common failures", "Crashing and slowest", "need attention"):
        assert section in text
    assert "bob_untouched" in text and "cy_hangs" in text
    assert "NotImplementedError" in text, "the untouched stubs' failures are the most common message"


def test_anonymised_report_with_late_and_similarity_sections(small_class, tmp_path):
    course, _ = small_class
    text = report.main(course, ASSIGNMENT, tmp_path / "report", anonymise=True, similarity=True).read_text()
    assert "Late submissions" in text and "Similarity leads" in text and "not verdicts" in text
    assert "bob_untouched" not in text and "cy_hangs" not in text and "student-" in text


def test_report_is_not_overwritten_without_force(small_class, tmp_path):
    course, _ = small_class
    report.main(course, ASSIGNMENT, tmp_path / "report")
    with pytest.raises(CourseError, match="--force"):
        report.main(course, ASSIGNMENT, tmp_path / "report")


def test_message_kinds_group_alike_failures():
    a = evidence.message_kind("`softmax` is wrong for a matrix of shape (4, 7) and dtype float32: sum over rows")
    b = evidence.message_kind("`softmax` is wrong for a matrix of shape (3, 5) and dtype float64: sum over rows")
    assert a == b and "1 - σ" in evidence.message_kind("you computed 1 - σ(x)")


def test_the_crashes_are_the_endings_the_judge_logged(small_class):
    """cy_hangs's notebook 01 hangs (its cell ran out of time); nobody else's notebook crashed."""
    course, _ = small_class
    assert evidence.crashes(course, ASSIGNMENT) == {"cy_hangs": 1}
    logged = evidence.logged_endings(course)
    hung = logged[("cy_hangs", "01_why_numpy")]
    assert (hung["ending"], hung["display"]) != ("finished", "finished"), hung
    assert {(r["ending"], r["display"]) for key, r in logged.items() if key != ("cy_hangs", "01_why_numpy")} == {
        ("finished", "finished")}
    assert all(r["ending"] in timing_log.ENDINGS and r["display"] in timing_log.DISPLAY_ENDINGS
               for r in logged.values()), "the judge writes only the endings timing_log types"


def autograded_notebook(course, student: str, stem: str, markdown: str) -> None:
    folder = course / "autograded" / student / ASSIGNMENT
    folder.mkdir(parents=True, exist_ok=True)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(markdown)])
    nbformat.write(nb, folder / f"{stem}.ipynb")


def test_a_students_words_are_not_a_crash_and_the_last_logged_ending_counts(tmp_path):
    course = tmp_path
    autograded_notebook(course, "ann", "01_a", "My loop did not run and the kernel died, I think.")
    autograded_notebook(course, "ann", "02_b", "All fine.")
    autograded_notebook(course, "ben", "01_a", "All fine.")
    autograded_notebook(course, "cat", "01_a", "Graded before the log held endings: the kernel died")
    lines = [
        {"student": "ann", "notebook": "01_a", "run": 1.0, "ending": "finished", "display": "finished"},
        {"student": "ann", "notebook": "02_b", "run": 1.0, "ending": "kernel died", "display": ""},
        {"student": "ben", "notebook": "01_a", "run": 9.0, "ending": "finished", "display": "timeout"},
        {"student": "ann", "notebook": "02_b", "run": 1.0, "ending": "finished", "display": "finished"},  # regraded
        {"student": "cat", "notebook": "01_a", "run": 2.0},  # no ending: the judge's messages are searched
    ]
    log = timing_log.log_of_course(course)
    log.write_text("\n".join(json.dumps(line) for line in lines) + "\nnot json\n[1]\n")
    assert evidence.crashes(course, ASSIGNMENT) == {"ben": 1, "cat": 1}
    assert evidence.timings(course) == {"ann": 3.0, "ben": 9.0, "cat": 2.0}
