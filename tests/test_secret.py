"""Secret seeds: a keyed hash of the student id, with a course secret kept private on disk."""

from __future__ import annotations

import stat
import zlib
from pathlib import Path

import pytest

from autograder import checks, secret
from autograder.secret import ENV_VAR, course_secret, secret_path, student_seed


@pytest.fixture(autouse=True)
def no_secret_in_the_environment(monkeypatch):
    monkeypatch.delenv(ENV_VAR, raising=False)


def test_same_student_and_secret_give_the_same_seed():
    assert student_seed("alice", b"k" * 32) == student_seed("alice", b"k" * 32)


def test_seeds_differ_between_students_and_secrets():
    key = b"k" * 32
    assert student_seed("alice", key) != student_seed("bob", key)
    assert student_seed("alice", key) != student_seed("alice", b"l" * 32)


def test_seed_is_not_the_public_crc32_and_fits_64_bits():
    seed = student_seed("alice", b"k" * 32)
    assert seed != zlib.crc32(b"alice")
    assert 0 <= seed < 2**64


def test_secret_file_is_created_private_and_kept(tmp_path: Path):
    first = course_secret(tmp_path)
    path = secret_path(tmp_path)
    assert len(first) == secret.SECRET_BYTES
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert course_secret(tmp_path) == first  # a regrade draws the same inputs
    assert [p.name for p in path.parent.iterdir()] == ["secret"]  # no temporary file left


def test_two_courses_get_different_secrets(tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assert course_secret(tmp_path / "a") != course_secret(tmp_path / "b")


def test_a_symlinked_secret_is_refused(tmp_path: Path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.write_bytes(b"chosen by someone else")
    course = tmp_path / "course"
    (course / ".autograder").mkdir(parents=True)
    secret_path(course).symlink_to(elsewhere)
    with pytest.raises(PermissionError, match="link"):
        course_secret(course)
    assert elsewhere.read_bytes() == b"chosen by someone else"


def test_a_dangling_symlink_is_not_followed_to_create_a_file(tmp_path: Path):
    course = tmp_path / "course"
    (course / ".autograder").mkdir(parents=True)
    target = tmp_path / "planted"
    secret_path(course).symlink_to(target)
    with pytest.raises(PermissionError):
        course_secret(course)
    assert not target.exists()


def test_a_symlinked_secret_folder_is_refused(tmp_path: Path):
    real = tmp_path / "real"
    real.mkdir()
    course = tmp_path / "course"
    course.mkdir()
    (course / ".autograder").symlink_to(real, target_is_directory=True)
    with pytest.raises(PermissionError, match="link"):
        course_secret(course)
    assert not list(real.iterdir())


def test_the_environment_variable_wins(tmp_path: Path, monkeypatch):
    course_secret(tmp_path)
    monkeypatch.setenv(ENV_VAR, "from the environment")
    assert course_secret(tmp_path) == b"from the environment"


def test_the_environment_variable_needs_no_course_folder(tmp_path: Path, monkeypatch):
    monkeypatch.setenv(ENV_VAR, "from the environment")
    assert course_secret(tmp_path / "missing") == b"from the environment"
    assert not (tmp_path / "missing").exists()


def test_in_kernel_seed_is_the_graders_seed(tmp_path: Path, monkeypatch):
    """Stock nbgrader runs the kernel in <course>/autograded/<student>/<assignment>."""
    kernel_dir = tmp_path / "autograded" / "alice" / "python_basics"
    kernel_dir.mkdir(parents=True)
    monkeypatch.chdir(kernel_dir)
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert checks.student_seed() == student_seed("alice", course_secret(tmp_path))
    assert secret_path(tmp_path).is_file()
    monkeypatch.delenv("NBGRADER_EXECUTION")
    assert checks.student_seed() == 0


def test_secret_folder_is_ignored_by_git():
    ignored = (Path(__file__).resolve().parents[1] / ".gitignore").read_text().splitlines()
    assert "/.autograder/" in ignored
