"""The report: a self-contained page with figures, failures, crashes and students to watch."""

from __future__ import annotations

import pytest

from autograder import report
from autograder._exceptions import CourseError
from autograder.release import ASSIGNMENT


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
    a = report.message_kind("`softmax` is wrong for a matrix of shape (4, 7) and dtype float32: sum over rows")
    b = report.message_kind("`softmax` is wrong for a matrix of shape (3, 5) and dtype float64: sum over rows")
    assert a == b and "1 - σ" in report.message_kind("you computed 1 - σ(x)")
