"""Collect: submissions however students named them, matched or reported."""

from __future__ import annotations

import datetime
import os
import shutil
import stat
import struct
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


def notebook_bytes() -> bytes:
    return (ROOT / "release" / ASSIGNMENT / "01_why_numpy.ipynb").read_bytes()


def test_links_in_a_hand_in_folder_are_refused_and_never_followed(tmp_path: Path):
    course = course_with_source(tmp_path / "course")
    hand_in = tmp_path / "hand-in"
    (hand_in / "alice").mkdir(parents=True)
    (hand_in / "alice" / "01_why_numpy.ipynb").write_bytes(notebook_bytes())
    (hand_in / "bob").mkdir()
    os.symlink(course / "source" / ASSIGNMENT / "01_why_numpy.ipynb", hand_in / "bob" / "01_why_numpy.ipynb")
    os.symlink(hand_in / "alice" / "01_why_numpy.ipynb", hand_in / "carol_02_sigmoid_gradient.ipynb")
    os.symlink(course / "source" / ASSIGNMENT, hand_in / "dave")  # a linked folder: never entered
    os.mkfifo(hand_in / "eve_03_reshape.ipynb")
    result = collect(course, ASSIGNMENT, hand_in)
    assert result.copied == {"alice": ["01_why_numpy"]}
    assert result.refused == [
        "bob/01_why_numpy.ipynb is a link; links are not collected.",
        "carol_02_sigmoid_gradient.ipynb is a link; links are not collected.",
        "dave is a link; links are not collected.",
        "eve_03_reshape.ipynb is not a regular file; only regular files are collected.",
    ]
    assert not (course / "submitted" / "bob").exists() and not (course / "submitted" / "dave").exists()
    assert "refused: dave is a link" in result.summary()


def test_a_submission_that_is_a_link_in_submitted_is_replaced_not_written_through(tmp_path: Path):
    course = course_with_source(tmp_path / "course")
    source_notebook = course / "source" / ASSIGNMENT / "01_why_numpy.ipynb"
    before = source_notebook.read_bytes()
    target = course / "submitted" / "alice" / ASSIGNMENT / "01_why_numpy.ipynb"
    target.parent.mkdir(parents=True)
    os.symlink(source_notebook, target)
    (tmp_path / "hand-in").mkdir()
    (tmp_path / "hand-in" / "alice_01_why_numpy.ipynb").write_bytes(notebook_bytes())
    assert collect(course, ASSIGNMENT, tmp_path / "hand-in").skipped == ["alice_01_why_numpy.ipynb"]
    collect(course, ASSIGNMENT, tmp_path / "hand-in", force=True)
    assert source_notebook.read_bytes() == before
    assert not target.is_symlink() and target.read_bytes() == notebook_bytes()


def zip_link(name: str, target: str) -> zipfile.ZipInfo:
    """Returns a zip entry stored as a Unix symbolic link (what `zip --symlinks` writes)."""
    info = zipfile.ZipInfo(name)
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


def test_link_entries_in_a_zip_are_refused(tmp_path: Path):
    course = course_with_source(tmp_path / "course")
    archive = tmp_path / "hand-in.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("alice/01_why_numpy.ipynb", notebook_bytes())
        zipped.writestr(zip_link("bob/01_why_numpy.ipynb", "../../course/source/python_basics/01_why_numpy.ipynb"),
                        "../../course/source/python_basics/01_why_numpy.ipynb")
        zipped.writestr(zip_link("carol", "/"), "/")
    result = collect(course, ASSIGNMENT, archive)
    assert result.copied == {"alice": ["01_why_numpy"]}
    assert result.refused == [
        "bob/01_why_numpy.ipynb is a link; links are not collected.",
        "carol is a link; links are not collected.",
    ]
    assert not (course / "submitted" / "bob").exists()


UTC = datetime.UTC
HANDED_IN = datetime.datetime(2026, 12, 1, 23, 59, 1, tzinfo=UTC)


def nbgrader_reads(course: Path, student: str) -> datetime.datetime | None:
    """Returns the hand-in time nbgrader's autograde reads from submitted/<student>/<assignment>/timestamp.txt."""
    from nbgrader.coursedir import CourseDirectory

    return CourseDirectory(root=str(course)).get_existing_timestamp(str(course / "submitted" / student / ASSIGNMENT))


def test_collect_writes_each_students_hand_in_time_from_a_folder(tmp_path: Path):
    """The newest notebook of each student (its mtime), in nbgrader's own timestamp.txt format."""
    course = course_with_source(tmp_path / "course")
    hand_in = tmp_path / "hand-in"
    (hand_in / "alice").mkdir(parents=True)
    for name, moment in (("01_why_numpy", HANDED_IN - datetime.timedelta(hours=2)), ("02_sigmoid_gradient", HANDED_IN)):
        path = hand_in / "alice" / f"{name}.ipynb"
        path.write_bytes(notebook_bytes())
        os.utime(path, (moment.timestamp(), moment.timestamp()))
    result = collect(course, ASSIGNMENT, hand_in)
    stamp = course / "submitted" / "alice" / ASSIGNMENT / "timestamp.txt"
    assert stamp.read_text() == "2026-12-01 23:59:01.000000 UTC"
    assert nbgrader_reads(course, "alice") == HANDED_IN.replace(tzinfo=None), "nbgrader reads the same instant"
    assert result.handed_in == {"alice": HANDED_IN} and "timestamp.txt" in result.summary()


def test_an_nbgrader_submit_timestamp_in_the_hand_in_wins(tmp_path: Path):
    course = course_with_source(tmp_path / "course")
    folder = tmp_path / "hand-in" / "bob"
    folder.mkdir(parents=True)
    (folder / "01_why_numpy.ipynb").write_bytes(notebook_bytes())
    (folder / "timestamp.txt").write_text("2026-12-02 00:59:01.500000 CET")  # as nbgrader submit writes it
    collect(course, ASSIGNMENT, tmp_path / "hand-in")
    assert nbgrader_reads(course, "bob") == datetime.datetime(2026, 12, 1, 23, 59, 1, 500000)


def test_zip_entry_times_are_the_hand_in_times(tmp_path: Path):
    """An entry's UTC extended timestamp if it has one, else its zone-less time read as local time (as unzip does)."""
    course = course_with_source(tmp_path / "course")
    archive = tmp_path / "hand-in.zip"
    local = datetime.datetime(2026, 11, 30, 10, 0, 0)
    with zipfile.ZipFile(archive, "w") as zipped:
        plain = zipfile.ZipInfo("carol/01_why_numpy.ipynb", local.timetuple()[:6])
        zipped.writestr(plain, notebook_bytes())
        stamped = zipfile.ZipInfo("dave/01_why_numpy.ipynb", (1990, 1, 1, 0, 0, 0))
        stamped.extra = struct.pack("<HHBi", 0x5455, 5, 1, int(HANDED_IN.timestamp()))
        zipped.writestr(stamped, notebook_bytes())
    collect(course, ASSIGNMENT, archive)
    assert nbgrader_reads(course, "carol") == local.astimezone(UTC).replace(tzinfo=None)
    assert nbgrader_reads(course, "dave") == HANDED_IN.replace(tzinfo=None)


def test_a_later_collect_keeps_the_later_time_unless_forced(tmp_path: Path):
    course = course_with_source(tmp_path / "course")
    hand_in = tmp_path / "hand-in"
    (hand_in / "erin").mkdir(parents=True)
    first = hand_in / "erin" / "01_why_numpy.ipynb"
    first.write_bytes(notebook_bytes())
    os.utime(first, (HANDED_IN.timestamp(),) * 2)
    collect(course, ASSIGNMENT, hand_in)
    second = hand_in / "erin" / "02_sigmoid_gradient.ipynb"
    second.write_bytes(notebook_bytes())
    earlier = HANDED_IN - datetime.timedelta(days=1)
    os.utime(second, (earlier.timestamp(),) * 2)
    collect(course, ASSIGNMENT, hand_in)  # copies only 02, handed in earlier: the later time stays
    assert nbgrader_reads(course, "erin") == HANDED_IN.replace(tzinfo=None)
    os.utime(first, (earlier.timestamp(),) * 2)
    collect(course, ASSIGNMENT, hand_in, force=True)  # the hand-in replaces what was there, time included
    assert nbgrader_reads(course, "erin") == earlier.replace(tzinfo=None)


def test_canvas_download_names_give_one_student_per_canvas_user(tmp_path: Path):
    """Canvas names each file <sortable name>_[LATE_]<user id>_<attachment id>_<file name>, one attachment id per
    file: the student is the user id (the roster's ID column), not one student per file."""
    course = course_with_source(tmp_path / "course")
    hand_in = tmp_path / "submissions"
    hand_in.mkdir()
    for name in ("doejohn_12345_67890_01_why_numpy.ipynb", "doejohn_LATE_12345_67891_02_sigmoid_gradient-1.ipynb",
                 "smithjane_23456_78901_01_why_numpy.ipynb"):
        (hand_in / name).write_bytes(notebook_bytes())
    result = collect(course, ASSIGNMENT, hand_in)
    assert result.copied == {"12345": ["01_why_numpy", "02_sigmoid_gradient"], "23456": ["01_why_numpy"]}
