"""Collect: submissions however students named them, matched or reported."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from autograder._exceptions import CourseError
from autograder.collect import collect, match_notebook
from autograder.release import ASSIGNMENT, ROOT

STEMS = sorted(p.stem for p in (ROOT / "source" / ASSIGNMENT).glob("*.ipynb"))


@pytest.mark.parametrize(
    ("filename", "stem"),
    [
        ("alice_01_why_numpy.ipynb", "01_why_numpy"),
        ("01_why_numpy - Bob Smith.ipynb", "01_why_numpy"),
        ("carol-03_reshape (1).ipynb", "03_reshape"),
        ("dave 07.ipynb", "07_l1_l2_losses"),
        ("my notes.ipynb", None),
    ],
)
def test_file_names_are_matched_to_notebooks(filename: str, stem: str | None):
    assert match_notebook(filename, STEMS) == stem


def course_with_source(folder: Path) -> Path:
    shutil.copytree(ROOT / "source", folder / "source")
    return folder


def test_a_zip_of_mixed_layouts_is_imported_and_the_rest_reported(tmp_path: Path):
    course = course_with_source(tmp_path / "course")
    notebook = (ROOT / "release" / ASSIGNMENT / "01_why_numpy.ipynb").read_bytes()
    archive = tmp_path / "hand-in.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("alice/01_why_numpy.ipynb", notebook)
        zipped.writestr("bob_02_sigmoid_gradient.ipynb", notebook)
        zipped.writestr("03_reshape - carol (1).ipynb", notebook)
        zipped.writestr("random.ipynb", notebook)
        zipped.writestr("__MACOSX/alice/._01_why_numpy.ipynb", b"")
    result = collect(course, ASSIGNMENT, archive)
    assert result.copied == {"alice": ["01_why_numpy"], "bob": ["02_sigmoid_gradient"], "carol": ["03_reshape"]}
    assert result.unmatched == ["random.ipynb"]
    assert (course / "submitted" / "carol" / ASSIGNMENT / "03_reshape.ipynb").read_bytes() == notebook
    again = collect(course, ASSIGNMENT, archive)
    assert len(again.skipped) == 3 and not again.copied, "nothing is replaced without --force"


def test_bad_sources_are_clear_errors(tmp_path: Path):
    course = course_with_source(tmp_path / "course")
    with pytest.raises(CourseError, match="does not exist"):
        collect(course, ASSIGNMENT, tmp_path / "missing")
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(CourseError, match="neither a folder nor a zip"):
        collect(course, ASSIGNMENT, tmp_path / "notes.txt")
    with pytest.raises(CourseError, match="unknown assignment"):
        collect(course, "other", tmp_path)
