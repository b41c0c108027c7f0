"""One student through nbgrader's own autograde, and what grading a class returns.

Shared by local grading (grade.py) and cluster grading (cluster/), which both import from
here and never from each other's internals: nbgrader's API object for a course, SQLite's journal
mode, autograde with retries and the resume marker, and the results a run reports.
"""

from __future__ import annotations

import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from autograder import resume
from autograder._gradebook import is_transient_db_error

__all__ = ["RETRIES", "ClassResult", "StudentResult", "autograde_and_mark", "keep_sqlite_journal", "last_line",
           "load_api"]

RETRIES = 3  # a student whose grading hit a locked gradebook or a dropped database connection is graded again


@dataclass
class StudentResult:
    """How one student's submission was graded."""

    student: str
    ok: bool
    seconds: float
    notebooks: int
    message: str = ""
    attempts: int = 1


@dataclass
class ClassResult:
    """How the class was graded."""

    students: list[StudentResult] = field(default_factory=list)
    seconds: float = 0.0
    workers: int = 1
    skipped: list[str] = field(default_factory=list)  # graded already: this very submission, this source
    where: str = ""  # "" on this machine, else the cluster's scheduler
    recording_seconds: float = 0.0  # on a cluster: time spent here writing the workers' results into the gradebook

    @property
    def notebooks(self) -> int:
        """Returns the number of notebooks graded."""
        return sum(s.notebooks for s in self.students)

    def summary(self) -> str:
        """Returns a few lines an instructor reads at the end of a run."""
        failed = [s for s in self.students if not s.ok]
        if not self.students and self.skipped:
            return (f"nothing to grade: all {len(self.skipped)} students are graded already (same submission and "
                    "tests); --force grades them again")
        rate = self.notebooks / self.seconds if self.seconds else 0.0
        on = f" on {self.where}" if self.where else ""
        lines = [
            f"graded {len(self.students)} students, {self.notebooks} notebooks in {self.seconds:.1f} s "
            f"with {self.workers} workers{on}: {rate:.2f} notebooks/s",
        ]
        if self.where:
            lines.append(f"recording the workers' results in the gradebook here took {self.recording_seconds:.1f} s")
        if self.skipped:
            lines.append(f"skipped {len(self.skipped)} students graded already (same submission and tests; "
                         "--force grades them again)")
        slowest = sorted(self.students, key=lambda s: s.seconds, reverse=True)[:3]
        if slowest:
            lines.append("slowest: " + ", ".join(f"{s.student} {s.seconds:.1f} s" for s in slowest))
        for result in failed:
            lines.append(f"NOT GRADED {result.student}: {result.message}")
        return "\n".join(lines)


def load_api(course: Path, config=None):
    """Returns nbgrader's API object configured from the course's nbgrader_config.py (or the config given)."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    from autograder._gradebook import course_config

    config = config or course_config(course)
    return NbGraderAPI(CourseDirectory(config=config), config=config)


def keep_sqlite_journal() -> None:
    """Makes SQLite truncate its rollback journal instead of deleting it after every commit.

    nbgrader commits many times per notebook; a file created and deleted each time made the
    kernel scan ext4's recently deleted inodes. Same safety as the default (DELETE) mode.
    """
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    def on_connect(connection, record) -> None:
        if type(connection).__module__.startswith("sqlite3"):
            connection.execute("PRAGMA journal_mode=TRUNCATE")

    event.listen(Engine, "connect", on_connect)


def autograde_and_mark(api, course: Path, assignment: str, student: str, source: str) -> tuple[dict, int]:
    """Runs nbgrader's autograde for a student, again after a locked or dropped gradebook, and marks the
    submission graded when it succeeds; returns (nbgrader's outcome, attempts). Never raises.

    The marker is removed first, so a grading cut short leaves none (see resume.py); force=True
    replaces the submission's rows, so a retry never duplicates them.
    """
    resume.unmark(course, assignment, student)
    for attempt in range(1, RETRIES + 1):
        try:
            with warnings.catch_warnings():  # nbgrader's SQLAlchemy notices
                warnings.simplefilter("ignore")
                outcome = api.autograde(assignment, student, force=True, create=True)
        except Exception as error:
            outcome = {"success": False, "error": f"{type(error).__name__}: {error}", "log": ""}
        if outcome.get("success"):
            resume.mark_graded(course, assignment, student, source)
            return outcome, attempt
        if not is_transient_db_error(str(outcome)):
            break
        time.sleep(0.5 * attempt)
    return outcome, attempt


def last_line(outcome: dict) -> str:
    """Returns the last line of an nbgrader outcome's error or log, for a one-line message ("" on success)."""
    if outcome.get("success"):
        return ""
    lines = (outcome.get("error") or outcome.get("log") or "unknown error").strip().splitlines()
    return lines[-1][:300] if lines else "unknown error"
