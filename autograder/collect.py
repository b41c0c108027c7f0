"""Import students' notebooks, however they named them, into submitted/<student>/<assignment>/.

Accepts a folder or a zip file laid out the ways students and learning platforms hand them
in: one folder per student (`alice/01_why_numpy.ipynb`, `alice/python_basics/...`), or flat
files named after the student (`alice_01_why_numpy.ipynb`, `01_why_numpy - alice.ipynb`,
`alice-01_why_numpy (1).ipynb`), or as Canvas's Download Submissions names them
(`doejohn_12345_67890_01_why_numpy.ipynb`, `doejohn_LATE_...`: the student is the Canvas user
id 12345). A file is matched to a notebook of the assignment by the
number and topic in its name; what cannot be matched is reported, never guessed. Links (files or
folders, also zip entries stored as links) and other non-regular files are refused and reported:
only regular files are copied, and no link is ever followed.

Each student's hand-in time goes into `submitted/<student>/<assignment>/timestamp.txt`, the file
nbgrader's autograde reads for the late policy, in nbgrader's own format
(`2026-12-01 23:59:00.000000 UTC`). The time is the hand-in's own: a `timestamp.txt` in the
student's folder of the hand-in (as `nbgrader submit` writes it) if there is one, else the newest
modification time among the student's notebooks copied: a file's mtime in a folder; in a zip, an
entry's UTC mtime (the extended-timestamp field Info-ZIP and most LMS write) or else its date and
time, which zip stores without a zone, read as this machine's local time (as unzip does). A
collect that copies nothing new for a student leaves their timestamp.txt alone; without --force a
timestamp.txt already there that is later is kept (the later hand-in counts).
"""

from __future__ import annotations

import datetime
import errno
import os
import re
import stat
import struct
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from autograder._exceptions import CourseError

__all__ = ["Collected", "collect", "match_notebook", "read_timestamp", "timestamp_text"]

TIMESTAMP = "timestamp.txt"  # nbgrader's: CourseDirectory.get_existing_timestamp reads it
NBGRADER_TIME_FORMAT = "%Y-%m-%d %H:%M:%S.%f %Z"  # nbgrader's Exchange.timestamp_format
EXTENDED_TIMESTAMP = 0x5455  # the zip extra field holding a UTC modification time (Info-ZIP "UT")


@dataclass
class Collected:
    """What an import did: files copied per student, and files it could not place."""

    copied: dict[str, list[str]] = field(default_factory=dict)
    unmatched: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # one sentence per link or non-regular file
    handed_in: dict[str, datetime.datetime] = field(default_factory=dict)  # student -> time in timestamp.txt

    def summary(self) -> str:
        """Returns what was imported and what was not, for the instructor."""
        lines = [f"imported {sum(map(len, self.copied.values()))} notebooks of {len(self.copied)} students"]
        if self.handed_in:
            first, last = min(self.handed_in.values()), max(self.handed_in.values())
            lines.append(f"  hand-in times written to timestamp.txt: {first:%Y-%m-%d %H:%M:%S} to "
                         f"{last:%Y-%m-%d %H:%M:%S} UTC")
        lines += [f"  not matched to a notebook of the assignment: {name}" for name in self.unmatched]
        lines += [f"  kept (exists; use --force to replace): {name}" for name in self.skipped]
        lines += [f"  refused: {sentence}" for sentence in self.refused]
        return "\n".join(lines)


def notebook_keys(stem: str) -> tuple[str, str]:
    """Returns the number and the topic of a notebook stem: ('01', 'why_numpy')."""
    number, _, topic = stem.partition("_")
    return number, topic


def match_notebook(filename: str, stems: list[str]) -> str | None:
    """Returns the assignment's notebook a submitted file name stands for, or None if unclear."""
    name = re.sub(r"\s*\(\d+\)$", "", Path(filename).stem.lower())  # "01_why_numpy (1)" from re-downloads
    exact = [s for s in stems if s.lower() in name]
    if len(exact) == 1:
        return exact[0]
    by_topic = [s for s in stems if notebook_keys(s)[1] and notebook_keys(s)[1] in name]
    if len(by_topic) == 1:
        return by_topic[0]
    by_number = [s for s in stems if re.search(rf"(^|[^0-9]){notebook_keys(s)[0]}([^0-9]|$)", name)]
    return by_number[0] if len(by_number) == 1 else None


CANVAS_DOWNLOAD = re.compile(r"^[^_]+_(?:LATE_)?(\d+)_\d+_")  # doejohn_LATE_12345_67890_<file>: user, attachment


def student_of(path: Path, root: Path, stem: str) -> str | None:
    """Returns the student a file belongs to: its top folder, or its name without the notebook's; a file of
    Canvas's Download Submissions (`doejohn_12345_67890_01_why_numpy.ipynb`) is its Canvas user id (12345),
    the same for all the student's files whatever their attachment ids, and the roster's ID column."""
    relative = path.relative_to(root)
    if len(relative.parts) > 1:
        return re.sub(r"[^\w.-]", "_", relative.parts[0])
    canvas = CANVAS_DOWNLOAD.match(path.name)
    if canvas:
        return canvas.group(1)
    name = re.sub(r"\s*\(\d+\)$", "", path.stem)
    for part in (stem, notebook_keys(stem)[1]):
        name = re.sub(re.escape(part), "", name, flags=re.IGNORECASE)
    name = re.sub(r"^[\W_]+|[\W_]+$", "", re.sub(r"(^|[\W_])\d{2}($|[\W_])", r"\1\2", name))
    return re.sub(r"[^\w.-]", "_", name) or None


def is_ignored(relative: Path) -> bool:
    """Returns True for the clutter of editors and archivers: checkpoints, macOS resource forks."""
    return ".ipynb_checkpoints" in relative.parts or "__MACOSX" in relative.parts


ZIP_FILE_TYPE_SHIFT = 16  # a zip entry's Unix mode sits in the high half of external_attr


def is_zip_link(info: zipfile.ZipInfo) -> bool:
    """Returns True for a zip entry stored as a link, or any other non-regular Unix file."""
    mode = info.external_attr >> ZIP_FILE_TYPE_SHIFT
    return not info.is_dir() and stat.S_IFMT(mode) not in (0, stat.S_IFREG)


def refusal(name: str, mode: int) -> str:
    """Returns the sentence that says why a file of the hand-in was not collected."""
    if stat.S_ISLNK(mode):
        return f"{name} is a link; links are not collected."
    return f"{name} is not a regular file; only regular files are collected."


def zip_entry_time(info: zipfile.ZipInfo) -> float:
    """Returns a zip entry's modification time (POSIX seconds): its UTC extended timestamp if it has one,
    else its zone-less date and time read as this machine's local time."""
    extra = info.extra
    while len(extra) >= 4:
        kind, size = struct.unpack("<HH", extra[:4])
        body = extra[4:4 + size]
        if kind == EXTENDED_TIMESTAMP and size >= 5 and body[0] & 1:
            return float(struct.unpack("<i", body[1:5])[0])
        extra = extra[4 + size:]
    return datetime.datetime(*info.date_time).timestamp()


def unpack_regular_files(archive: zipfile.ZipFile, folder: Path) -> list[str]:
    """Extracts the zip's regular files and folders into folder, each file with its entry's modification
    time (extract alone dates them now); returns a refusal per link entry."""
    refused = []
    for info in archive.infolist():
        if is_ignored(Path(info.filename)):
            continue
        if is_zip_link(info):
            refused.append(refusal(info.filename.rstrip("/"), info.external_attr >> ZIP_FILE_TYPE_SHIFT))
        else:
            path = Path(archive.extract(info, folder))
            if not info.is_dir():
                moment = zip_entry_time(info)
                os.utime(path, (moment, moment), follow_symlinks=False)
    return refused


def collect(course: Path, assignment: str, source: Path, force: bool = False) -> Collected:
    """Copies every notebook found in `source` (folder or zip) into the course's submitted/ folder."""
    stems = sorted(p.stem for p in (course / "source" / assignment).glob("*.ipynb"))
    if not stems:
        raise CourseError(f"unknown assignment {assignment!r}: no notebooks in {course / 'source' / assignment}.")
    if not source.exists():
        raise CourseError(f"{source} does not exist: give a folder or a zip file of submissions.")
    with tempfile.TemporaryDirectory(prefix="collect-") as unpacked:
        root, refused = source.resolve(), []  # the instructor's own path may go through links
        if root.is_file():
            if not zipfile.is_zipfile(root):
                raise CourseError(f"{source} is neither a folder nor a zip file.")
            with zipfile.ZipFile(root) as archive:
                refused = unpack_regular_files(archive, Path(unpacked))
            root = Path(unpacked)
        result = copy_submissions(course, assignment, root, stems, force)
        result.refused[:0] = refused
        return result


def hand_in_files(root: Path, result: Collected) -> list[Path]:
    """Returns the regular .ipynb files under root, never entering a linked folder; refuses the rest."""
    found, refused = [], []
    for folder, dirnames, filenames in os.walk(root):  # os.walk does not follow links to folders
        for name in dirnames + filenames:
            path = Path(folder) / name
            mode = os.lstat(path).st_mode
            if is_ignored(path.relative_to(root)) or stat.S_ISDIR(mode):
                continue
            if not stat.S_ISREG(mode):
                refused.append((path, refusal(str(path.relative_to(root)), mode)))
            elif path.suffix == ".ipynb":
                found.append(path)
        dirnames[:] = [d for d in dirnames if not is_ignored(Path(folder, d).relative_to(root))]
    result.refused += [sentence for _, sentence in sorted(refused)]
    return sorted(found)


def copy_regular_file(path: Path, target: Path) -> bool:
    """Copies a regular file without following a link at either end (O_NOFOLLOW); False if it is none."""
    try:
        source_fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as error:
        if error.errno == errno.ELOOP:  # became a link since it was listed
            return False
        raise
    with os.fdopen(source_fd, "rb") as source:
        if not stat.S_ISREG(os.fstat(source.fileno()).st_mode):
            return False
        if target.is_symlink():
            target.unlink()  # replace a link in submitted/, never write through it
        target_fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o666)
        with os.fdopen(target_fd, "wb") as copy:
            while chunk := source.read(1024**2):
                copy.write(chunk)
    return True


def timestamp_text(moment: datetime.datetime) -> str:
    """Returns a time as nbgrader writes it in timestamp.txt: '2026-12-01 23:59:00.000000 UTC'."""
    return moment.astimezone(datetime.UTC).strftime(NBGRADER_TIME_FORMAT)


def read_timestamp(path: Path) -> datetime.datetime | None:
    """Returns the aware UTC time of an nbgrader timestamp.txt (parsed as nbgrader does), None if absent or bad."""
    from nbgrader.utils import parse_utc

    if path.is_symlink() or not path.is_file():
        return None
    try:
        moment = parse_utc(path.read_text().strip())
    except (ValueError, OverflowError):
        return None
    return moment.replace(tzinfo=datetime.UTC) if moment else None


def hand_in_time(path: Path, root: Path) -> datetime.datetime:
    """Returns when a notebook of the hand-in was handed in: its folder's timestamp.txt, else its mtime."""
    relative = path.relative_to(root)
    if len(relative.parts) > 1:
        for folder in (path.parent, root / relative.parts[0]):
            stamped = read_timestamp(folder / TIMESTAMP)
            if stamped:
                return stamped
    return datetime.datetime.fromtimestamp(os.lstat(path).st_mtime, tz=datetime.UTC)


def write_timestamps(course: Path, assignment: str, times: dict[str, datetime.datetime], force: bool,
                     result: Collected) -> None:
    """Writes each student's hand-in time into submitted/<student>/<assignment>/timestamp.txt."""
    for student, moment in sorted(times.items()):
        target = course / "submitted" / student / assignment / TIMESTAMP
        earlier = None if force else read_timestamp(target)
        if earlier and earlier > moment:
            moment = earlier
        if target.is_symlink():
            target.unlink()
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o666)
        with os.fdopen(fd, "w") as handle:
            handle.write(timestamp_text(moment))
        result.handed_in[student] = moment


def copy_submissions(course: Path, assignment: str, root: Path, stems: list[str], force: bool) -> Collected:
    """Copies the notebooks under root into submitted/<student>/<assignment>/<notebook>.ipynb and writes
    each student's hand-in time beside them (timestamp.txt)."""
    result = Collected()
    times: dict[str, datetime.datetime] = {}
    for path in hand_in_files(root, result):
        relative = str(path.relative_to(root))
        stem = match_notebook(path.name, stems)
        student = student_of(path, root, stem) if stem else None
        if stem is None or student is None:
            result.unmatched.append(relative)
            continue
        target = course / "submitted" / student / assignment / f"{stem}.ipynb"
        if (target.exists() or target.is_symlink()) and not force:
            result.skipped.append(relative)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        moment = hand_in_time(path, root)
        if not copy_regular_file(path, target):
            result.refused.append(refusal(relative, os.lstat(path).st_mode))
            continue
        result.copied.setdefault(student, []).append(stem)
        times[student] = max(times.get(student, moment), moment)
    write_timestamps(course, assignment, times, force, result)
    return result
