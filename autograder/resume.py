"""Which submissions are graded already, so that a rerun resumes instead of starting over.

After a student's notebooks are in the gradebook, a marker
(`autograded/.autograder/graded/<assignment>/<student>.json`, a folder nbgrader's globs skip)
records a digest of what was graded: the submitted files, the assignment's source notebooks
and the course's config. A rerun skips a student whose marker matches and whose submission is
in the gradebook; a new submission, a changed test, a fresh gradebook or `--force` grades
again. The marker is removed before a student is graded and written after, so an interrupted
grading leaves none behind: such a student is graded again, and nbgrader replaces its rows
rather than adding to them.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

__all__ = ["files_in", "graded_students", "mark_graded", "source_digest", "submission_digest", "unmark"]

SKIPPED_NAMES = {".ipynb_checkpoints", "__pycache__"}


def files_in(folder: Path) -> list[Path]:
    """Returns the files under a folder that make a submission or a source, sorted (no caches, no checkpoints)."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and not SKIPPED_NAMES & set(p.parts))


def files_digest(folder: Path, extra: list[Path] = ()) -> str:
    """Returns a digest of the names and contents of every file under a folder, plus extra files."""
    digest = hashlib.sha256()
    for path in [*files_in(folder), *extra]:
        name = path.relative_to(folder) if path.is_relative_to(folder) else path.name
        digest.update(f"{name}\0{path.stat().st_size}\0".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def source_digest(course: Path, assignment: str) -> str:
    """Returns a digest of the assignment's source folder and the course's nbgrader_config.py."""
    return files_digest(course / "source" / assignment, [course / "nbgrader_config.py"])


def submission_digest(course: Path, assignment: str, student: str) -> str:
    """Returns a digest of a student's submitted folder."""
    return files_digest(course / "submitted" / student / assignment)


def marker_path(course: Path, assignment: str, student: str) -> Path:
    """Returns where the marker of a graded submission is kept."""
    return course / "autograded" / ".autograder" / "graded" / assignment / f"{student}.json"


def unmark(course: Path, assignment: str, student: str) -> None:
    """Forgets that a student was graded: called before grading starts, so a crash leaves no marker."""
    marker_path(course, assignment, student).unlink(missing_ok=True)


def mark_graded(course: Path, assignment: str, student: str, source: str) -> None:
    """Records that a student's current submission is in the gradebook, graded against this source."""
    path = marker_path(course, assignment, student)
    path.parent.mkdir(parents=True, exist_ok=True)
    record = {"submission": submission_digest(course, assignment, student), "source": source}
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(record))
    temporary.replace(path)  # whole or absent, even if the grader is killed while writing


def has_current_marker(course: Path, assignment: str, student: str, source: str) -> bool:
    """Returns True if the student's marker says this very submission was graded against this source."""
    try:
        record = json.loads(marker_path(course, assignment, student).read_text())
    except (OSError, ValueError):
        return False
    return (
        isinstance(record, dict)
        and record.get("source") == source
        and record.get("submission") == submission_digest(course, assignment, student)
    )


def students_in_gradebook(course: Path, assignment: str) -> set[str]:
    """Returns the students with a submission of the assignment in the course's gradebook."""
    from autograder._gradebook import gradebook_url, is_sqlite, open_gradebook, sqlite_path

    url = gradebook_url(course)
    if is_sqlite(url) and not sqlite_path(url).exists():
        return set()
    with open_gradebook(course) as gradebook:
        try:
            submissions = gradebook.find_assignment(assignment).submissions
        except Exception:  # nbgrader raises MissingEntry: the assignment is not in this gradebook yet
            return set()
        return {submission.student_id for submission in submissions}


def graded_students(course: Path, assignment: str, students: list[str]) -> set[str]:
    """Returns those of the students whose current submission is graded already and in the gradebook."""
    source = source_digest(course, assignment)
    marked = {s for s in students if has_current_marker(course, assignment, s, source)}
    return marked & students_in_gradebook(course, assignment) if marked else set()
