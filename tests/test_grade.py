"""Class grading: every student graded, a hanging submission cut off, stock gradebook results."""

from __future__ import annotations

import pytest

from autograder._exceptions import CourseError
from autograder.grade import find_students, grade_class
from autograder.release import ASSIGNMENT
from tests._course import read_scores


def test_every_student_is_graded(small_class):
    _, result = small_class
    assert [s.student for s in result.students] == ["ada_reference", "bob_untouched", "cy_hangs"]
    assert all(s.ok for s in result.students), result.summary()
    assert result.notebooks == 24 and "notebooks/s" in result.summary()


def test_scores_are_in_nbgrader_gradebook(small_class):
    course, _ = small_class
    scores = read_scores(course)
    total = {s: sum(v[0] for k, v in scores.items() if k[0] == s) for s in ("ada_reference", "bob_untouched")}
    most = sum(v[1] for k, v in scores.items() if k[0] == "ada_reference")
    assert total == {"ada_reference": most, "bob_untouched": 0.0}


def test_a_hanging_notebook_is_cut_off_and_the_rest_graded(small_class):
    course, _ = small_class
    scores = read_scores(course)
    hung = scores[("cy_hangs", "01_why_numpy", "basic_sigmoid_values")]
    rest = [v for k, v in scores.items() if k[0] == "cy_hangs" and k[2] != "basic_sigmoid_values"]
    assert hung == (0.0, 1.0), "the cell that hangs must cost its exercise"
    assert rest and all(score == most for score, most in rest), "every other exercise must be graded in full"


def test_unknown_assignment_and_missing_submissions_are_clear_errors(tmp_path, small_class):
    course, _ = small_class
    with pytest.raises(CourseError, match="unknown assignment"):
        grade_class(course, "no_such_assignment", progress=False)
    with pytest.raises(CourseError, match="does not exist"):
        find_students(tmp_path, ASSIGNMENT)


def test_a_course_without_a_gradebook_registers_the_assignment_itself(tmp_path):
    # `autograder release` writes release/ but no gradebook: grading right after it must just work.
    import shutil

    from autograder.release import ROOT
    from autograder.resume import files_digest
    from tests.conftest import SMALL_LIMITS, write_small_class

    (tmp_path / "nbgrader_config.py").write_text((ROOT / "nbgrader_config.py").read_text() + SMALL_LIMITS)
    shutil.copytree(ROOT / "source", tmp_path / "source")
    shutil.copytree(ROOT / "release", tmp_path / "release")
    write_small_class(tmp_path)
    release_before = files_digest(tmp_path / "release")
    assert not (tmp_path / "gradebook.db").exists()

    result = grade_class(tmp_path, ASSIGNMENT, workers=1, students=["ada_reference"], progress=False)
    assert [s.ok for s in result.students] == [True], result.summary()
    scores = read_scores(tmp_path)
    assert scores and all(score == most for score, most in scores.values())
    assert files_digest(tmp_path / "release") == release_before, "registering must not change the release"
