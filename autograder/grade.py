"""Grade a whole class at once: parallel workers, warm sandboxes, nbgrader's own gradebook.

`autograder grade` runs N worker processes (default: the number of cores). Each worker grades
one student at a time with nbgrader's own Autograde (through `NbGraderAPI`, with the course's
`nbgrader_config.py`), so the gradebook, feedback and export are exactly what stock
`nbgrader autograde` gives; inside, the trusted judge runs the student's notebooks in a warm
sandbox started while the worker's previous student was being graded. A submission that
crashes, hangs or floods is cut off by its own limits and graded; the class goes on.
"""

from __future__ import annotations

import gc
import os
import sys
import time
import warnings
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

from autograder import resume
from autograder._exceptions import CourseError
from autograder._gradebook import is_transient_db_error, require_gradebook

__all__ = ["ClassResult", "StudentResult", "find_students", "grade_class"]

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


def find_students(course: Path, assignment: str) -> list[str]:
    """Returns the students with a submission of the assignment, sorted."""
    submitted = course / "submitted"
    if not submitted.is_dir():
        raise CourseError(f"{submitted} does not exist: collect the submissions there first.")
    students = sorted(p.parent.name for p in submitted.glob(f"*/{assignment}") if p.is_dir())
    if not students:
        raise CourseError(f"no submission of {assignment!r} in {submitted}: expected <student>/{assignment}/ there.")
    return students


def load_api(course: Path, config=None):
    """Returns nbgrader's API object configured from the course's nbgrader_config.py (or the config given)."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    from autograder._gradebook import course_config

    config = config or course_config(course)
    return NbGraderAPI(CourseDirectory(config=config), config=config)


_API = None


def start_worker(course: str) -> None:
    """Prepares a worker process: the course's config, nbgrader, and the venv's bin/ on PATH (alembic)."""
    global _API
    warnings.filterwarnings("ignore")  # nbformat's and SQLAlchemy's notices would break the progress bar
    use_venv_tools()
    os.chdir(course)
    _API = load_api(Path(course))
    keep_sqlite_journal()
    gc.freeze()  # nbgrader's and SQLAlchemy's long-lived objects: the collector need not walk them again
    gc.set_threshold(50_000, 20, 20)  # grading allocates in bursts; collecting every 700 objects cost ~10% CPU


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


def grade_student(assignment: str, student: str, source: str) -> StudentResult:
    """Grades one student in this worker, then marks the submission graded (see resume.py); never raises."""
    start = time.monotonic()
    notebooks = len(list((Path("submitted") / student / assignment).glob("*.ipynb")))
    outcome, attempts = autograde_and_mark(_API, Path.cwd(), assignment, student, source)
    return StudentResult(student, bool(outcome.get("success")), time.monotonic() - start, notebooks,
                         last_line(outcome), attempts)


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


def grade_class(
    course: Path, assignment: str, workers: int | None = None, students: list[str] | None = None,
    progress: bool = True, force: bool = False, scheduler: str | None = None, recorders: int = 1,
) -> ClassResult:
    """Grades the submissions of the assignment not graded yet (all with force) with parallel workers,
    here or on a Dask cluster (scheduler address); returns what happened."""
    course = course.resolve()
    if not (course / "nbgrader_config.py").exists():
        raise CourseError(f"{course} has no nbgrader_config.py: run this in the course directory.")
    if not (course / "source" / assignment).is_dir():
        raise CourseError(f"unknown assignment {assignment!r}: {course / 'source' / assignment} does not exist.")
    require_gradebook(course)  # an unreachable database server is one sentence, not a failure per student
    students = students or find_students(course, assignment)
    use_venv_tools()
    register_assignment(course, assignment)
    skipped = set() if force else resume.graded_students(course, assignment, students)
    pending = [s for s in students if s not in skipped]
    if not pending:
        return ClassResult(workers=0, skipped=sorted(skipped), where=scheduler or "")
    if scheduler:
        from autograder.distributed import grade_on_cluster

        result = grade_on_cluster(course, assignment, pending, scheduler, progress, recorders)
    else:
        result = grade_here(course, assignment, pending, workers, progress)
    result.skipped = sorted(skipped)
    return result


def use_venv_tools() -> None:
    """Puts the venv's bin/ first on PATH: nbgrader runs `alembic` from there when it creates a gradebook."""
    venv_bin = str(Path(sys.executable).parent)
    if not os.environ.get("PATH", "").startswith(venv_bin):
        os.environ["PATH"] = venv_bin + os.pathsep + os.environ.get("PATH", "")


def register_assignment(course: Path, assignment: str) -> None:
    """Registers the assignment's notebooks and cells in the gradebook if they are not there yet.

    nbgrader's autograde needs them; `autograder release` regenerates release/ without touching
    any gradebook, so a fresh course (or a fresh database) gets them here, from nbgrader's own
    generate_assignment, which writes the same release/ again.
    """
    from nbgrader.api import Gradebook, MissingEntry

    from autograder._gradebook import course_directory

    directory = course_directory(course)
    with Gradebook(directory.db_url, directory.course_id) as gradebook:
        try:
            if gradebook.find_assignment(assignment).notebooks:
                return
        except MissingEntry:
            pass
    outcome = load_api(course).generate_assignment(assignment, force=True, create=True)
    if not outcome.get("success"):
        raise CourseError(f"could not register {assignment!r} in the gradebook: {outcome.get('error') or outcome}")


def grade_here(course: Path, assignment: str, students: list[str], workers: int | None, progress: bool) -> ClassResult:
    """Grades students with parallel worker processes on this machine."""
    from tqdm import tqdm

    workers = max(1, min(workers or os.cpu_count() or 1, len(students)))
    result = ClassResult(workers=workers)
    source = resume.source_digest(course, assignment)
    start = time.monotonic()
    total = sum(len(list((course / "submitted" / s / assignment).glob("*.ipynb"))) for s in students)
    with (
        tqdm(total=total, unit="nb", desc=f"grading {assignment}", disable=not progress, file=sys.stderr) as bar,
        ProcessPoolExecutor(workers, mp_context=get_context("spawn"), initializer=start_worker,
                            initargs=(str(course),)) as pool,
    ):
        futures = [pool.submit(grade_student, assignment, s, source) for s in students]
        for future in as_completed(futures):
            student = future.result()
            result.students.append(student)
            bar.update(student.notebooks)
            if not student.ok:
                bar.write(f"not graded: {student.student}: {student.message}")
    result.seconds = time.monotonic() - start
    result.students.sort(key=lambda s: s.student)
    return result
