"""Grade a whole class at once: parallel workers, warm sandboxes, nbgrader's own gradebook.

`autograder grade` runs N worker processes (default: the number of cores). Each worker grades
one student at a time with nbgrader's own Autograde (through `NbGraderAPI`, with the course's
`nbgrader_config.py`), so the gradebook, feedback and export are exactly what stock
`nbgrader autograde` gives; inside, the trusted judge runs the student's notebooks in a warm
sandbox started while the worker's previous student was being graded. A submission that
crashes, hangs or floods is cut off by its own limits and graded; the class goes on.
"""

from __future__ import annotations

import functools
import gc
import os
import sys
import time
import warnings
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import get_context
from pathlib import Path

from autograder import resume
from autograder._exceptions import CourseError
from autograder._gradebook import require_gradebook
from autograder.autograde import (
    RETRIES,
    ClassResult,
    StudentResult,
    autograde_and_mark,
    keep_sqlite_journal,
    last_line,
    load_api,
)
from autograder.venv_tools import use_venv_tools

__all__ = ["RETRIES", "ClassResult", "StudentResult", "find_students", "grade_class", "grade_student", "load_api",
           "register_assignment", "start_worker"]


def find_students(course: Path, assignment: str) -> list[str]:
    """Returns the students with a submission of the assignment, sorted."""
    submitted = course / "submitted"
    if not submitted.is_dir():
        raise CourseError(f"{submitted} does not exist: collect the submissions there first.")
    students = sorted(p.parent.name for p in submitted.glob(f"*/{assignment}") if p.is_dir())
    if not students:
        raise CourseError(f"no submission of {assignment!r} in {submitted}: expected <student>/{assignment}/ there.")
    return students


@functools.cache
def course_api(course: Path):
    """Returns this grading process's NbGraderAPI of the course, made on first use and kept.

    Made on first use, not at import: the process that runs a class (the command line) imports this
    module and grades nothing itself; each worker loads nbgrader and the course's config once, not once
    per student."""
    return load_api(course)


def start_worker(course: str) -> None:
    """Prepares a worker process: the course's config, nbgrader, and the venv's bin/ on PATH (alembic)."""
    warnings.filterwarnings("ignore")  # nbformat's and SQLAlchemy's notices would break the progress bar
    use_venv_tools()
    os.chdir(course)
    course_api(Path.cwd())  # before gc.freeze, which then freezes it too; grade_student asks with the same key
    keep_sqlite_journal()
    gc.freeze()  # nbgrader's and SQLAlchemy's long-lived objects: the collector need not walk them again
    gc.set_threshold(50_000, 20, 20)  # grading allocates in bursts; collecting every 700 objects cost ~10% CPU


def grade_student(assignment: str, student: str, source: str) -> StudentResult:
    """Grades one student in this worker, then marks the submission graded (see resume.py); never raises."""
    start = time.monotonic()
    notebooks = len(list((Path("submitted") / student / assignment).glob("*.ipynb")))
    outcome, attempts = autograde_and_mark(course_api(Path.cwd()), Path.cwd(), assignment, student, source)
    return StudentResult(student, bool(outcome.get("success")), time.monotonic() - start, notebooks,
                         last_line(outcome), attempts)


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
        from autograder.cluster import grade_on_cluster

        result = grade_on_cluster(course, assignment, pending, scheduler, progress, recorders)
    else:
        result = grade_here(course, assignment, pending, workers, progress)
    result.skipped = sorted(skipped)
    return result


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
