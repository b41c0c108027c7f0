"""On a cluster worker: grade one student's submission in a scratch course of this worker's own.

The scratch course holds the assignment's source and the course's nbgrader_config.py from the bundle
(see instructor.py), and a throwaway SQLite gradebook; the same sandbox and trusted judge grade as
locally. What goes back is the autograded notebooks and the judge's timings, never a gradebook row.
"""

from __future__ import annotations

import functools
import os
import shutil
import socket
import tempfile
import threading
import time
import warnings
from pathlib import Path
from typing import Any

from autograder.autograde import keep_sqlite_journal, last_line, load_api
from autograder.timing_log import TIMING_FILE
from autograder.venv_tools import use_venv_tools

__all__ = ["WorkerState", "judge_remotely", "worker_state"]


class WorkerState:
    """What a worker process keeps between its tasks: a scratch course per bundle, and the lock that has it
    grade one student at a time (nbgrader's apps are not thread-safe; Dask may run tasks on several threads)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.courses: dict[str, tuple[Path, Any]] = {}  # bundle digest -> (scratch course, its NbGraderAPI)


# The one thing made at import: two first tasks on two threads must get the same state, and
# functools.cache alone may call its function twice when two threads ask at once.
_FIRST_USE = threading.Lock()


def worker_state() -> WorkerState:
    """Returns this worker process's state, made on its first task (a process that only imports this
    module, as the instructor's does, never makes one)."""
    with _FIRST_USE:
        return made_worker_state()


@functools.cache
def made_worker_state() -> WorkerState:
    return WorkerState()


def scratch_course(bundle: dict) -> tuple[Path, Any]:
    """Returns this worker's scratch course for a bundle, made once: source, config, its own gradebook."""
    courses = worker_state().courses
    if bundle["digest"] in courses:
        return courses[bundle["digest"]]
    from autograder._gradebook import course_config

    use_venv_tools()
    course = Path(tempfile.mkdtemp(prefix="autograder-worker-course-"))
    (course / "nbgrader_config.py").write_text(bundle["config"])
    write_secret(course, bundle["secret"])
    source = course / "source" / bundle["assignment"]
    for name, data in bundle["source"].items():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_bytes(data)
    config = course_config(course)
    config.CourseDirectory.db_url = f"sqlite:///{course / 'gradebook.db'}"  # never the course's own database
    api = load_api(course, config)
    outcome = api.generate_assignment(bundle["assignment"], force=True, create=True)
    if not outcome.get("success"):
        raise RuntimeError(f"the worker could not prepare the assignment: {outcome.get('error') or outcome}")
    keep_sqlite_journal()
    courses[bundle["digest"]] = course, api
    return course, api


def write_secret(course: Path, secret: bytes) -> None:
    """Gives the scratch course the real course's secret, so a worker draws the inputs local grading draws."""
    from autograder.secret import secret_path

    path = secret_path(course)
    path.parent.mkdir(mode=0o700)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(secret)


def judge_remotely(bundle: dict, student: str, files: dict[str, bytes]) -> dict:
    """A Dask task: grades one student's submitted files in this worker's scratch course.

    Returns the autograded notebooks and the judge's timings; raises only if the worker itself
    cannot grade (then Dask or the next round tries again), never for a bad submission.
    """
    assignment = bundle["assignment"]
    with worker_state().lock:
        course, api = scratch_course(bundle)
        submitted = course / "submitted" / student / assignment
        shutil.rmtree(submitted.parent, ignore_errors=True)
        for name, data in files.items():
            (submitted / name).parent.mkdir(parents=True, exist_ok=True)
            (submitted / name).write_bytes(data)
        timing_log = course / "autograded" / TIMING_FILE  # the scratch course's: never $AUTOGRADER_TIMING_LOG
        timing_log.unlink(missing_ok=True)
        started = time.monotonic()
        with warnings.catch_warnings():  # nbgrader's SQLAlchemy notices would flood the worker's log
            warnings.simplefilter("ignore")
            outcome = api.autograde(assignment, student, force=True, create=True)
        seconds = time.monotonic() - started
        graded = course / "autograded" / student / assignment
        notebooks = {p.name: p.read_bytes() for p in sorted(graded.glob("*.ipynb"))}
        timings = timing_log.read_text().splitlines() if timing_log.exists() else []
        shutil.rmtree(submitted.parent, ignore_errors=True)
        shutil.rmtree(graded.parent, ignore_errors=True)
    return {
        "student": student,
        "ok": bool(outcome.get("success")),
        "message": last_line(outcome),
        "notebooks": notebooks,
        "timings": timings,
        "seconds": seconds,
        "worker": f"{socket.gethostname()}:{os.getpid()}",
    }
