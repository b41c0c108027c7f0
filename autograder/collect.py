"""Import students' notebooks, however they named them, into submitted/<student>/<assignment>/.

Accepts a folder or a zip file laid out the ways students and learning platforms hand them
in: one folder per student (`alice/01_why_numpy.ipynb`, `alice/python_basics/...`), or flat
files named after the student (`alice_01_why_numpy.ipynb`, `01_why_numpy - alice.ipynb`,
`alice-01_why_numpy (1).ipynb`). A file is matched to a notebook of the assignment by the
number and topic in its name; what cannot be matched is reported, never guessed.
"""

from __future__ import annotations

import re
import shutil
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

    def summary(self) -> str:
        """Returns what was imported and what was not, for the instructor."""
        lines = [f"imported {sum(map(len, self.copied.values()))} notebooks of {len(self.copied)} students"]
        lines += [f"  not matched to a notebook of the assignment: {name}" for name in self.unmatched]
        lines += [f"  kept (exists; use --force to replace): {name}" for name in self.skipped]
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


def collect(course: Path, assignment: str, source: Path, force: bool = False) -> Collected:
    """Copies every notebook found in `source` (folder or zip) into the course's submitted/ folder."""
    stems = sorted(p.stem for p in (course / "source" / assignment).glob("*.ipynb"))
    if not stems:
        raise CourseError(f"unknown assignment {assignment!r}: no notebooks in {course / 'source' / assignment}.")
    if not source.exists():
        raise CourseError(f"{source} does not exist: give a folder or a zip file of submissions.")
    with tempfile.TemporaryDirectory(prefix="collect-") as unpacked:
        root = source
        if source.is_file():
            if not zipfile.is_zipfile(source):
                raise CourseError(f"{source} is neither a folder nor a zip file.")
            with zipfile.ZipFile(source) as archive:
                archive.extractall(unpacked)
            root = Path(unpacked)
        return copy_submissions(course, assignment, root, stems, force)


def copy_submissions(course: Path, assignment: str, root: Path, stems: list[str], force: bool) -> Collected:
    """Copies the notebooks under root into submitted/<student>/<assignment>/<notebook>.ipynb."""
    result = Collected()
    for path in sorted(root.rglob("*.ipynb")):
        relative = str(path.relative_to(root))
        if ".ipynb_checkpoints" in path.parts or "__MACOSX" in path.parts:
            continue
        stem = match_notebook(path.name, stems)
        student = student_of(path, root, stem) if stem else None
        if stem is None or student is None:
            result.unmatched.append(relative)
            continue
        target = course / "submitted" / student / assignment / f"{stem}.ipynb"
        if target.exists() and not force:
            result.skipped.append(relative)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        result.copied.setdefault(student, []).append(stem)
    return result
