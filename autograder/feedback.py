"""Each student's feedback as one zip, named for the LMS's bulk upload of feedback files.

nbgrader writes feedback/<student>/<assignment>/*.html (`autograder feedback`). This packs each
student's folder into one zip (entries `<assignment>/<notebook>.html` and the `timestamp.txt`
nbgrader copies there, the hand-in time graded; dated alike, so the same feedback gives the same
zip), named so that the LMS puts it on the right student, and zips all of them into the one file
the LMS takes:

- **canvas** (Gradebook, the assignment's "Upload Submissions"; Canvas reads each file of the zip
  as a submission comment): Canvas splits a file name at `_` and takes its first two all-digit parts
  as the Canvas user id and the id of a file that student submitted (`doejohn_12345_67890_...`, as
  its "Download Submissions" names them, `LATE` aside); a file whose attachment is not one of the
  student's submitted files is ignored. So the name is `feedback_<user id>_<attachment id>_<assignment>.zip`,
  the user id from the roster's `ID` column (the Canvas gradebook export), the attachment id from the
  instructor's "Download Submissions" zip (`--canvas-submissions`).
- **moodle** (the assignment's "Upload multiple feedback files in a zip"): Moodle splits each path
  part at `_` (at most five pieces) and needs `<name>_<participant id>_<plugin type>_<plugin name>_<rest>`,
  the participant id of the grading worksheet (`Identifier`: "Participant 1234567"), so the name is
  `Participant_<participant id>_assignfeedback_file_<assignment>_feedback.zip` (Moodle's own form for
  blind marking), the participant id from the worksheet given as roster. Moodle never reads the first
  piece (its downloads put the full name there, `<fullname>_<participant id>_assignsubmission_file_`):
  it matches on the participant id alone, so the name is not needed.
- **plain**: `<student id>_<assignment>_feedback.zip`, for an LMS without bulk upload, or e-mail.

No file name holds a student's name unless `names` is asked (Canvas's sortable `doejohn`, Moodle's
full name); `anonymise` puts pseudonyms where the student id would go (plain) and in the manifest.
Students with feedback the roster cannot place, or with no submitted file in Canvas, are listed and
not packed, never dropped silently; roster students with no feedback are listed too.
"""

from __future__ import annotations

import csv
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from autograder._exceptions import CourseError

__all__ = ["FORMATS", "FeedbackZips", "canvas_ids", "canvas_name", "main", "moodle_name", "plain_name",
           "read_canvas_submissions"]

FORMATS = ("plain", "canvas", "moodle")
ZIP_TIME = (2020, 1, 1, 0, 0, 0)
CANVAS_PLACEHOLDER = "feedback"  # a name part with no digits: Canvas takes the first all-digit parts as ids
MOODLE_PLACEHOLDER = "Participant"  # what Moodle itself writes for the name under blind marking
MOODLE_PLUGIN = "assignfeedback_file"  # the feedback files plugin the upload page belongs to
MANIFEST = "manifest.csv"


@dataclass
class FeedbackZips:
    """What packing the feedback wrote and whom it could not place."""

    upload: Path  # the one zip to upload to the LMS
    folder: Path  # the per-student zips, and manifest.csv
    zips: dict[str, str] = field(default_factory=dict)  # student (or pseudonym) -> zip file name
    unplaced: list[tuple[str, str]] = field(default_factory=list)  # (student, why) not packed
    no_feedback: list[str] = field(default_factory=list)  # roster students with no feedback

    def summary(self) -> str:
        """Returns what was written and every student who needs a look, one line each."""
        lines = [f"{self.upload}: {len(self.zips)} feedback zips (each also in {self.folder})"]
        lines += [f"NOT PACKED: {student}: {why}" for student, why in self.unplaced]
        lines += [f"no feedback (in the roster only): {key}" for key in self.no_feedback]
        return "\n".join(lines)


def safe_part(text: str) -> str:
    """Returns text fit for a file name: letters, digits, '.', '-' and spaces; no '_' (the LMS splits there)."""
    return re.sub(r"[^\w .-]|_", "-", text).strip(" .-") or "student"


def plain_name(student: str, assignment: str) -> str:
    """Returns the plain zip name: <student id>_<assignment>_feedback.zip."""
    return f"{safe_part(student)}_{assignment}_feedback.zip"


def canvas_sortable(roster_name: str) -> str:
    """Returns Canvas's download form of a name ("Doe, John" -> "doejohn"): letters and digits, lower case."""
    return re.sub(r"[^a-z]", "", roster_name.lower()) or CANVAS_PLACEHOLDER


def canvas_name(user_id: str, attachment_id: str, assignment: str, person: str | None = None) -> str:
    """Returns the zip name Canvas's upload puts on a student: <name>_<user id>_<attachment id>_<assignment>.zip."""
    head = canvas_sortable(person) if person else CANVAS_PLACEHOLDER  # no digits: the ids come first
    return f"{head}_{user_id}_{attachment_id}_{assignment}.zip"


def moodle_name(participant: str, assignment: str, person: str | None = None) -> str:
    """Returns the zip name Moodle's feedback upload puts on a participant."""
    head = safe_part(person) if person else MOODLE_PLACEHOLDER
    return f"{head}_{participant}_{MOODLE_PLUGIN}_{assignment}_feedback.zip"


def canvas_ids(filename: str) -> tuple[str, str] | None:
    """Returns (user id, attachment id) of a Canvas file name as Canvas reads it: the first two all-digit parts."""
    digits = [part for part in Path(filename).name.split("_") if part.isdigit()]
    return (digits[0], digits[1]) if len(digits) >= 2 else None


def read_canvas_submissions(path: Path) -> dict[str, str]:
    """Returns {Canvas user id: an attachment id of theirs} from Canvas's "Download Submissions" zip or folder."""
    if not path.exists():
        raise CourseError(f"{path} does not exist: give the zip (or its folder) of Canvas's Download Submissions.")
    if path.is_dir():
        names = [p.name for p in path.rglob("*") if p.is_file()]
    elif zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            names = [Path(info.filename).name for info in archive.infolist() if not info.is_dir()]
    else:
        raise CourseError(f"{path} is neither a folder nor a zip file of Canvas's Download Submissions.")
    found: dict[str, str] = {}
    for name in sorted(names):
        ids = canvas_ids(name)
        if ids:
            found.setdefault(*ids)
    if not found:
        raise CourseError(f"{path} holds no file named as Canvas names submissions (doejohn_12345_67890_...).")
    return found


def feedback_students(course: Path, assignment: str) -> dict[str, Path]:
    """Returns {student: their feedback folder of the assignment} under the course's feedback/."""
    root = course / "feedback"
    found = {p.parent.name: p for p in sorted(root.glob(f"*/{assignment}")) if p.is_dir() and any(p.iterdir())}
    if not found:
        raise CourseError(f"no feedback of {assignment!r} in {root}: run `autograder feedback {assignment}` first.")
    return found


def write_student_zip(folder: Path, assignment: str, target: Path) -> None:
    """Zips a student's feedback folder as <assignment>/<file>, entries sorted and dated alike."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()):
            entry = zipfile.ZipInfo(f"{assignment}/{path.relative_to(folder).as_posix()}", ZIP_TIME)
            entry.external_attr = 0o644 << 16
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, path.read_bytes())


def place_students(course: Path, assignment: str, students: list[str], lms: str, roster_path: Path | None,
                   match: str | None, canvas_submissions: Path | None, names: bool):
    """Returns ({student: zip name}, [(student, why not)], [roster keys with no feedback])."""
    from autograder import lms as lms_formats
    from autograder.export import read_grades

    if lms == "plain":
        return {s: plain_name(s, assignment) for s in students}, [], []
    if roster_path is None:
        what = ("the Canvas gradebook export (its ID column holds the Canvas user ids)" if lms == "canvas" else
                "Moodle's grading worksheet (its Identifier column holds the participant ids)")
        raise CourseError(f"a {lms} feedback upload needs --roster: {what}.")
    roster = lms_formats.read_roster(roster_path, match)
    needed = "ID" if lms == "canvas" else "Identifier"
    if needed not in roster.header:
        raise CourseError(f"roster {roster_path} has no {needed!r} column: give the "
                          + ("Canvas gradebook export." if lms == "canvas" else "Moodle grading worksheet."))
    attachments = {}
    if lms == "canvas":
        if canvas_submissions is None:
            raise CourseError("Canvas puts a feedback file on a student only by the id of a file they submitted: "
                              "give --canvas-submissions (the assignment's Download Submissions zip).")
        attachments = read_canvas_submissions(canvas_submissions)
    grades = read_grades(course, assignment)
    grades = replace(grades, scores={s: grades.scores.get(s, {}) for s in students},
                     people={s: grades.people.get(s, {}) for s in students})
    matched, _ = lms_formats.match_students(roster, [grades])
    placed, unplaced = {}, []
    for index, student in matched.items():
        row = roster.rows[index]
        person = (row.get("Student") or row.get("Full name") or "") if names else None
        if lms == "canvas":
            user = (row.get("ID") or "").strip()
            if user not in attachments:
                unplaced.append((student, f"Canvas user {user or '(no ID)'} has no file in the submissions download"))
                continue
            placed[student] = canvas_name(user, attachments[user], assignment, person)
        else:
            participant = re.sub(r"\D", "", row.get("Identifier") or "")
            if not participant:
                unplaced.append((student, "no participant id in the worksheet's Identifier column"))
                continue
            placed[student] = moodle_name(participant, assignment, person)
    unplaced += [(s, "not in the roster") for s in students if s not in matched.values()]
    no_feedback = [row[roster.key] for i, row in enumerate(roster.rows) if i not in matched]
    return placed, sorted(unplaced), no_feedback


def main(course: Path, assignment: str, output: Path | None = None, *, lms: str = "plain",
         roster: Path | None = None, match: str | None = None, canvas_submissions: Path | None = None,
         names: bool = False, anonymise: bool = False, force: bool = False) -> FeedbackZips:
    """Packs feedback/<student>/<assignment>/ into one zip per student named for the LMS (plain, canvas,
    moodle) and one zip of them all to upload; output defaults to the course's feedback_zips/."""
    from autograder import anonymise as pseudonymous

    if lms not in FORMATS:
        raise CourseError(f"unknown feedback format {lms!r}: choose one of {', '.join(FORMATS)}.")
    if names and anonymise:
        raise CourseError("--names puts the students' names in the file names, --anonymise keeps them out: "
                          "choose one.")
    course = course.resolve()
    output = (output or course / "feedback_zips").resolve()
    stem = f"{assignment}_feedback_{lms}"
    folder, upload = output / stem, output / f"{stem}.zip"
    if (folder.exists() or upload.exists()) and not force:
        raise CourseError(f"{upload} exists; pass --force to replace it.")
    folders = feedback_students(course, assignment)
    placed, unplaced, no_feedback = place_students(course, assignment, sorted(folders), lms, roster, match,
                                                   canvas_submissions, names)
    shown = pseudonymous.pseudonyms(course, folders) if anonymise else {s: s for s in folders}
    if lms == "plain" and anonymise:
        placed = {s: plain_name(shown[s], assignment) for s in placed}
    output.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=output, prefix=".feedback-") as scratch:
        fresh = Path(scratch) / stem
        fresh.mkdir()
        for student, name in sorted(placed.items()):
            write_student_zip(folders[student], assignment, fresh / name)
        with (fresh / MANIFEST).open("w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["student", "zip"])
            writer.writerows(sorted([shown[s], name] for s, name in placed.items()))
        with zipfile.ZipFile(Path(scratch) / upload.name, "w", zipfile.ZIP_STORED) as bundle:
            for name in sorted(placed.values()):
                entry = zipfile.ZipInfo(name, ZIP_TIME)
                entry.external_attr = 0o644 << 16
                bundle.writestr(entry, (fresh / name).read_bytes())
        if folder.exists():
            shutil.rmtree(folder)
        fresh.replace(folder)
        (Path(scratch) / upload.name).replace(upload)
    return FeedbackZips(upload, folder, {shown[s]: n for s, n in sorted(placed.items())},
                        [(shown[s], why) for s, why in unplaced], no_feedback)
