"""Which submissions are graded already (resume.py): a marker of what was graded, checked against now."""

from __future__ import annotations

import pytest

from autograder import resume

A = "python_basics"


@pytest.fixture
def course(tmp_path):
    """A course with a source notebook, a config and two students' submissions (no gradebook)."""
    (tmp_path / "nbgrader_config.py").write_text("c = get_config()\n")
    (tmp_path / "source" / A).mkdir(parents=True)
    (tmp_path / "source" / A / "01.ipynb").write_text("{}")
    for student in ("ann", "ben"):
        folder = tmp_path / "submitted" / student / A
        folder.mkdir(parents=True)
        (folder / "01.ipynb").write_text(f'{{"by": "{student}"}}')
    return tmp_path


def test_a_marker_holds_for_this_submission_against_this_source_only(course):
    source = resume.source_digest(course, A)
    resume.mark_graded(course, A, "ann", source)
    assert resume.has_current_marker(course, A, "ann", source)
    assert not resume.has_current_marker(course, A, "ben", source), "ben was never marked"
    (course / "submitted" / "ann" / A / "01.ipynb").write_text('{"by": "ann", "again": true}')
    assert not resume.has_current_marker(course, A, "ann", source), "a new submission is graded again"


def test_a_changed_test_or_config_changes_the_source_digest(course):
    before = resume.source_digest(course, A)
    (course / "nbgrader_config.py").write_text("c = get_config()\nc.TrustedJudge.timeout = 10\n")
    after_config = resume.source_digest(course, A)
    (course / "source" / A / "01.ipynb").write_text('{"changed": 1}')
    assert len({before, after_config, resume.source_digest(course, A)}) == 3


def test_checkpoints_and_caches_are_not_part_of_a_submission(course):
    folder = course / "submitted" / "ann" / A
    digest = resume.submission_digest(course, A, "ann")
    for junk in (".ipynb_checkpoints/01-checkpoint.ipynb", "__pycache__/x.pyc"):
        (folder / junk).parent.mkdir(exist_ok=True)
        (folder / junk).write_text("noise")
    assert resume.submission_digest(course, A, "ann") == digest
    assert [p.name for p in resume.files_in(folder)] == ["01.ipynb"]
    (folder / "extra.py").write_text("x = 1\n")
    assert resume.submission_digest(course, A, "ann") != digest


def test_unmark_and_a_broken_marker_mean_not_graded(course):
    source = resume.source_digest(course, A)
    resume.mark_graded(course, A, "ann", source)
    resume.unmark(course, A, "ann")
    assert not resume.has_current_marker(course, A, "ann", source)
    resume.unmark(course, A, "ann")  # again: no error
    resume.mark_graded(course, A, "ben", source)
    resume.marker_path(course, A, "ben").write_text('{"source": "cut sh')
    assert not resume.has_current_marker(course, A, "ben", source)
    resume.marker_path(course, A, "ben").write_text('["not", "a", "record"]')
    assert not resume.has_current_marker(course, A, "ben", source)


def test_a_marked_student_missing_from_the_gradebook_is_graded_again(course):
    """A fresh (here: absent) gradebook makes every marker moot."""
    source = resume.source_digest(course, A)
    resume.mark_graded(course, A, "ann", source)
    assert resume.marker_path(course, A, "ann").is_relative_to(course / "autograded" / ".autograder")
    assert resume.graded_students(course, A, ["ann", "ben"]) == set()
