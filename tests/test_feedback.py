"""Feedback zips for the LMS's bulk upload, checked against written examples of Canvas's and Moodle's naming.

Canvas (canvas-lms, Assignment#infer_comment_context_from_filename): a file of the uploaded zip goes to a
student by the first two all-digit `_`-parts of its name, the Canvas user id and the id of a file that
student submitted, as "Download Submissions" names them: `doejohn_12345_67890_01_work.ipynb`,
`smithjane_LATE_23456_78901_01_work.ipynb`. Moodle (mod/assign/feedback/file/importziplib.php): a path
part split at `_` into at most five pieces `<name>_<participant id>_<plugin type>_<plugin name>_<rest>`,
the participant id numeric (the grading worksheet's "Participant 1234567"), the plugin one of the
assignment's: `Participant_1234567_assignsubmission_file_` as Moodle names a blind-marked download.
"""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import pytest

from autograder import feedback
from autograder._exceptions import CourseError
from autograder.anonymise import PREFIX
from autograder.cli import main as cli
from tests._gradebook_builder import build_course

PEOPLE = {
    "jdoe": {"first": 2, "second": 3, "first_name": "John", "last_name": "Doe", "email": "jdoe@uni.edu"},
    "jsmith": {"first": 1, "second": 3, "first_name": "Jane", "last_name": "Smith", "email": "jsmith@uni.edu"},
    "kim": {"first": 0, "second": 3, "first_name": "Kim", "last_name": "Lee", "email": "klee@uni.edu"},  # not in roster
}
CANVAS_ROSTER = """Student,ID,SIS User ID,SIS Login ID,Section,week1 (4321)
    Points Possible,,,,,5
"Doe, John",12345,S001,jdoe,Sec 1,
"Smith, Jane",23456,S002,jsmith,Sec 1,
"Absent, Al",34567,S003,aabsent,Sec 1,
"""
CANVAS_DOWNLOAD = ["doejohn_12345_67890_01_work.ipynb", "smithjane_LATE_23456_78901_01_work.ipynb",
                   "absental_34567_89012_01_work.ipynb"]
MOODLE_WORKSHEET = "\n".join([  # Moodle's "Download grading worksheet", blind marking off
    "Identifier,Full name,Email address,Status,Grade,Maximum Grade,Grade can be changed,"
    "Last modified (submission),Last modified (grade),Feedback comments",
    'Participant 1234567,John Doe,jdoe@uni.edu,Submitted for grading,,5.00,Yes,"Tue, 1 Dec 2026, 11:59 PM",-,',
    'Participant 2345678,Jane Smith,jsmith@uni.edu,Submitted for grading,,5.00,Yes,"Tue, 1 Dec 2026, 11:58 PM",-,',
    "Participant 3456789,Al Absent,aabsent@uni.edu,No submission,,5.00,Yes,-,-,",
]) + "\n"


NAME_PARTS = ("john", "doe", "jane", "smith", "jdoe", "jsmith", "@")  # names, student ids and emails


def canvas_reads(filename: str) -> tuple[str, str] | None:
    """Canvas's rule, written again: user id and attachment id are the first two all-digit parts at '_'."""
    digits = [part for part in filename.split("_") if part.isdigit()]
    return (digits[0], digits[1]) if len(digits) >= 2 else None


def moodle_reads(pathpart: str) -> tuple[int, str, str] | None:
    """Moodle's rule, written again: explode('_', part, 5), four pieces at least, a numeric participant id."""
    pieces = pathpart.split("_", 4)
    if len(pieces) < 4 or not pieces[1].isdigit():
        return None
    return int(pieces[1]), f"{pieces[2]}_{pieces[3]}", pieces[4] if len(pieces) == 5 else ""


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """A graded class of three with nbgrader's feedback/ folder as generate_feedback leaves it."""
    course = build_course(tmp_path / "course", {"week1": PEOPLE})
    for student in PEOPLE:
        folder = course / "feedback" / student / "week1"
        folder.mkdir(parents=True)
        (folder / "01_work.html").write_text(f"<html>feedback of {student}</html>")
    return course


def test_the_written_examples_read_as_the_lms_reads_them():
    """Control: the rules written here read Canvas's and Moodle's own download names as those LMS do."""
    assert [canvas_reads(n) for n in CANVAS_DOWNLOAD] == [("12345", "67890"), ("23456", "78901"), ("34567", "89012")]
    assert moodle_reads("Participant_1234567_assignsubmission_file_") == (1234567, "assignsubmission_file", "")
    assert feedback.canvas_ids(CANVAS_DOWNLOAD[1]) == ("23456", "78901")


def test_canvas_zips_go_to_the_user_and_a_file_they_submitted(course: Path, tmp_path: Path):
    (tmp_path / "roster.csv").write_text(CANVAS_ROSTER)
    download = tmp_path / "submissions.zip"
    with zipfile.ZipFile(download, "w") as archive:
        for name in CANVAS_DOWNLOAD:
            archive.writestr(name, "{}")
    result = feedback.main(course, "week1", tmp_path / "out", lms="canvas", roster=tmp_path / "roster.csv",
                           canvas_submissions=download)
    assert result.zips == {"jdoe": "feedback_12345_67890_week1.zip", "jsmith": "feedback_23456_78901_week1.zip"}
    with zipfile.ZipFile(result.upload) as upload:
        names = upload.namelist()
        assert names == ["feedback_12345_67890_week1.zip", "feedback_23456_78901_week1.zip"]
        assert [canvas_reads(n) for n in names] == [("12345", "67890"), ("23456", "78901")]
    with zipfile.ZipFile(result.folder / names[0]) as one:
        assert one.namelist() == ["week1/01_work.html"]
        assert one.read("week1/01_work.html") == b"<html>feedback of jdoe</html>"
    assert result.unplaced == [("kim", "not in the roster")] and result.no_feedback == ["aabsent"]
    assert "NOT PACKED: kim: not in the roster" in result.summary()
    assert not any(word in n.lower() for n in names for word in NAME_PARTS)


def test_canvas_names_only_when_asked(course: Path, tmp_path: Path):
    (tmp_path / "roster.csv").write_text(CANVAS_ROSTER)
    (tmp_path / "download").mkdir()
    for name in CANVAS_DOWNLOAD:
        (tmp_path / "download" / name).write_text("{}")
    result = feedback.main(course, "week1", tmp_path / "out", lms="canvas", roster=tmp_path / "roster.csv",
                           canvas_submissions=tmp_path / "download", names=True)
    assert result.zips["jdoe"] == "doejohn_12345_67890_week1.zip", "Canvas's own download form of the name"
    assert canvas_reads(result.zips["jsmith"]) == ("23456", "78901")


def test_canvas_needs_the_submissions_download(course: Path, tmp_path: Path):
    (tmp_path / "roster.csv").write_text(CANVAS_ROSTER)
    with pytest.raises(CourseError, match="--canvas-submissions"):
        feedback.main(course, "week1", tmp_path / "out", lms="canvas", roster=tmp_path / "roster.csv")


def test_moodle_zips_go_to_the_participant(course: Path, tmp_path: Path):
    (tmp_path / "worksheet.csv").write_text(MOODLE_WORKSHEET)
    result = feedback.main(course, "week1", tmp_path / "out", lms="moodle", roster=tmp_path / "worksheet.csv")
    assert result.zips == {"jdoe": "Participant_1234567_assignfeedback_file_week1_feedback.zip",
                           "jsmith": "Participant_2345678_assignfeedback_file_week1_feedback.zip"}
    with zipfile.ZipFile(result.upload) as upload:
        read = [moodle_reads(n) for n in upload.namelist()]
    assert read == [(1234567, "assignfeedback_file", "week1_feedback.zip"),
                    (2345678, "assignfeedback_file", "week1_feedback.zip")]
    written = [p.name for p in result.folder.iterdir()] + [result.upload.name] + list(result.zips.values())
    assert not [n for n in written for word in NAME_PARTS if word in n.lower()], "no name without --names"
    named = feedback.main(course, "week1", tmp_path / "named", lms="moodle", roster=tmp_path / "worksheet.csv",
                          names=True)
    assert named.zips["jdoe"] == "John Doe_1234567_assignfeedback_file_week1_feedback.zip"
    assert moodle_reads(named.zips["jdoe"])[0] == 1234567


def test_plain_zips_and_pseudonyms(course: Path, tmp_path: Path):
    plain = feedback.main(course, "week1", tmp_path / "out")
    assert plain.zips == {s: f"{s}_week1_feedback.zip" for s in PEOPLE}
    hidden = feedback.main(course, "week1", tmp_path / "anon", anonymise=True)
    assert all(name.startswith(PREFIX) for name in hidden.zips.values()) and set(hidden.zips) == {
        n.removesuffix("_week1_feedback.zip") for n in hidden.zips.values()}
    manifest = list(csv.DictReader((hidden.folder / "manifest.csv").open()))
    assert not any(s in str(manifest) or s in "".join(hidden.zips.values()) for s in PEOPLE)
    again = feedback.main(course, "week1", tmp_path / "anon", anonymise=True, force=True)
    assert again.zips == hidden.zips, "pseudonyms are stable"
    assert again.upload.read_bytes() == hidden.upload.read_bytes(), "the same feedback gives the same zip"


def test_mistakes_are_one_sentence(course: Path, tmp_path: Path):
    feedback.main(course, "week1", tmp_path / "out")
    with pytest.raises(CourseError, match="--force"):
        feedback.main(course, "week1", tmp_path / "out")
    with pytest.raises(CourseError, match="choose one"):
        feedback.main(course, "week1", tmp_path / "x", names=True, anonymise=True)
    with pytest.raises(CourseError, match="needs --roster"):
        feedback.main(course, "week1", tmp_path / "y", lms="moodle")
    with pytest.raises(CourseError, match="autograder feedback week2"):
        feedback.main(course, "week2", tmp_path / "z")


def test_the_command_packs_feedback_as_it_is(course: Path, tmp_path: Path, capsys):
    (tmp_path / "worksheet.csv").write_text(MOODLE_WORKSHEET)
    code = cli(["feedback", "week1", "--course", str(course), "--zip", "moodle", "--zip-only",
                "--roster", str(tmp_path / "worksheet.csv")])
    assert code == 0
    assert (course / "feedback_zips" / "week1_feedback_moodle.zip").is_file()
    assert "2 feedback zips" in capsys.readouterr().out


def test_a_worksheet_without_emails_matches_by_full_name(course: Path, tmp_path: Path):
    """Moodle shows no identity field in the worksheet unless the site allows it: the full name still matches."""
    rows = [line.split(",") for line in MOODLE_WORKSHEET.splitlines()]
    without = "\n".join(",".join(r[:2] + r[3:]) for r in rows) + "\n"
    (tmp_path / "worksheet.csv").write_text(without)
    result = feedback.main(course, "week1", tmp_path / "out", lms="moodle", roster=tmp_path / "worksheet.csv",
                           match="Full name")
    assert result.zips["jsmith"] == "Participant_2345678_assignfeedback_file_week1_feedback.zip"
