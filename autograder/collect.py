"""Import students' notebooks, however they named them, into submitted/<student>/<assignment>/.

Accepts a folder or a zip file laid out the ways students and learning platforms hand them
in: one folder per student (`alice/01_why_numpy.ipynb`, `alice/python_basics/...`), or flat
files named after the student (`alice_01_why_numpy.ipynb`, `01_why_numpy - alice.ipynb`,
`alice-01_why_numpy (1).ipynb`). A file is matched to a notebook of the assignment by the
number and topic in its name; what cannot be matched is reported, never guessed. Links (files or
folders, also zip entries stored as links) and other non-regular files are refused and reported:
only regular files are copied, and no link is ever followed.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from autograder._exceptions import CourseError

__all__ = ["Collected", "collect", "match_notebook"]


@dataclass
class Collected:
    """What an import did: files copied per student, and files it could not place."""

    copied: dict[str, list[str]] = field(default_factory=dict)
    unmatched: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # one sentence per link or non-regular file

    def summary(self) -> str:
        """Returns what was imported and what was not, for the instructor."""
        lines = [f"imported {sum(map(len, self.copied.values()))} notebooks of {len(self.copied)} students"]
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


def student_of(path: Path, root: Path, stem: str) -> str | None:
    """Returns the student a file belongs to: its top folder, or its name without the notebook's."""
    relative = path.relative_to(root)
    if len(relative.parts) > 1:
        return re.sub(r"[^\w.-]", "_", relative.parts[0])
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


def unpack_regular_files(archive: zipfile.ZipFile, folder: Path) -> list[str]:
    """Extracts the zip's regular files and folders into folder; returns a refusal per link entry."""
    refused = []
    for info in archive.infolist():
        if is_ignored(Path(info.filename)):
            continue
        if is_zip_link(info):
            refused.append(refusal(info.filename.rstrip("/"), info.external_attr >> ZIP_FILE_TYPE_SHIFT))
        else:
            archive.extract(info, folder)
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


def copy_submissions(course: Path, assignment: str, root: Path, stems: list[str], force: bool) -> Collected:
    """Copies the notebooks under root into submitted/<student>/<assignment>/<notebook>.ipynb."""
    result = Collected()
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
        if not copy_regular_file(path, target):
            result.refused.append(refusal(relative, os.lstat(path).st_mode))
            continue
        result.copied.setdefault(student, []).append(stem)
    return result
