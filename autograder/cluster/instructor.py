"""The instructor's side of cluster grading: what the workers get, and the rounds that grade a class.

`bundle_of` is what a worker needs (the assignment's source and nbgrader_config.py, never the
gradebook's address); `grade_on_cluster` sends each student's submission as one Dask task
(`worker.judge_remotely`) and records each result here as it arrives (`recorder.RecordingPool`).
Lost tasks are sent again in a later round, once a worker is connected again.
"""

from __future__ import annotations

import contextlib
import json
import sys
import time
from pathlib import Path

from autograder import resume
from autograder._exceptions import CourseError
from autograder.autograde import ClassResult, StudentResult
from autograder.cluster.recorder import RecordingPool
from autograder.cluster.worker import judge_remotely

__all__ = ["bundle_of", "grade_on_cluster", "refuse_secrets_in_config", "submitted_files"]

ROUNDS = 4  # tasks lost to a restarted scheduler or a cut connection are sent again, this many times at most
CONNECT_SECONDS = 30
WORKER_WAIT_SECONDS = 120  # after a scheduler restart, workers come back when their supervisor restarts them


def bundle_of(course: Path, assignment: str) -> dict:
    """Returns what a worker needs to grade the assignment: the course config and the source folder."""
    source = course / "source" / assignment
    files = {
        str(p.relative_to(source)): without_outputs(p) if p.suffix == ".ipynb" else p.read_bytes()
        for p in resume.files_in(source)
    }
    from autograder.secret import course_secret

    return {
        "assignment": assignment,
        "secret": course_secret(course),  # the seeds' key: workers are trusted; sandboxes never see it
        "config": (course / "nbgrader_config.py").read_text(),
        "source": files,
        "digest": resume.source_digest(course, assignment),
    }


def without_outputs(path: Path) -> bytes:
    """Returns a source notebook without its outputs (its plots are 95% of its size; grading needs none)."""
    nb = json.loads(path.read_text())
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"], cell["execution_count"] = [], None
    return json.dumps(nb).encode()


def submitted_files(course: Path, assignment: str, student: str) -> dict[str, bytes]:
    """Returns a student's submitted files, by path inside the submission folder."""
    folder = course / "submitted" / student / assignment
    return {str(p.relative_to(folder)): p.read_bytes() for p in resume.files_in(folder)}


def refuse_secrets_in_config(course: Path, bundle: dict) -> None:
    """Refuses to send the config to workers when it holds the gradebook's password."""
    from sqlalchemy.engine import make_url

    from autograder._gradebook import gradebook_url

    password = make_url(gradebook_url(course)).password
    if password and str(password) in bundle["config"]:
        raise CourseError(
            "nbgrader_config.py holds the gradebook's password, and cluster workers get a copy of that file: "
            "put the database URL in AUTOGRADER_DB_URL instead."
        )


def connect(scheduler: str):
    """Returns a Dask client of the scheduler; one sentence if it cannot be reached."""
    from distributed import Client

    try:
        return Client(scheduler, timeout=CONNECT_SECONDS, set_as_default=False)
    except (OSError, TimeoutError) as error:
        raise CourseError(f"cannot reach the Dask scheduler at {scheduler} ({error}): is it running?") from error


def grade_on_cluster(
    course: Path, assignment: str, students: list[str], scheduler: str, progress: bool, recorders: int = 1,
):
    """Grades students on a Dask cluster and records each result here; returns the ClassResult."""
    from distributed import as_completed
    from tqdm import tqdm

    bundle = bundle_of(course, assignment)
    refuse_secrets_in_config(course, bundle)
    recorder = RecordingPool(course, assignment, recorders)
    client = connect(scheduler)
    result = ClassResult(workers=len(client.scheduler_info().get("workers", {})), where=scheduler)
    start = time.monotonic()
    total = sum(len(list((course / "submitted" / s / assignment).glob("*.ipynb"))) for s in students)
    pending, errors, sent = list(students), {}, dict.fromkeys(students, 0)
    try:
        with tqdm(total=total, unit="nb", desc=f"grading {assignment} on {scheduler}", disable=not progress,
                  file=sys.stderr) as bar:

            def recorded(graded, seconds: float) -> None:
                with recorder.lock:
                    result.recording_seconds += seconds
                    graded.attempts = max(graded.attempts, sent[graded.student])
                    result.students.append(graded)
                    bar.update(graded.notebooks)
                    if not graded.ok:
                        bar.write(f"not graded: {graded.student}: {graded.message}")

            for _ in range(ROUNDS):
                if not pending:
                    break
                wait_for_a_worker(client, scheduler)
                pending, lost = [], pending
                for student in lost:
                    sent[student] += 1
                futures = {
                    client.submit(judge_remotely, bundle, s, submitted_files(course, assignment, s), pure=False): s
                    for s in lost
                }
                for future in as_completed(futures, loop=client.loop):
                    student = futures[future]
                    try:
                        judged = future.result()
                    except Exception as error:  # lost worker, scheduler or connection: sent again next round
                        errors[student] = f"{type(error).__name__}: {error}"[:300]
                        pending.append(student)
                        continue
                    recorder.record(judged, recorded)
                if pending:
                    client = reconnect(client, scheduler)
            recorder.close()  # every recording ends before the bar closes and the summary is made
    finally:
        recorder.close()
        client.close()
    for student in pending:
        result.students.append(StudentResult(student, False, 0.0, 0, f"the cluster lost it {ROUNDS} times: "
                                             f"{errors.get(student, 'unknown error')}"))
    result.seconds = time.monotonic() - start
    result.students.sort(key=lambda s: s.student)
    return result


def wait_for_a_worker(client, scheduler: str) -> None:
    """Waits until the scheduler has a worker; one sentence if none comes."""
    try:
        client.wait_for_workers(1, timeout=WORKER_WAIT_SECONDS)
    except TimeoutError as error:
        raise CourseError(
            f"no Dask worker is connected to {scheduler} (waited {WORKER_WAIT_SECONDS} s): start "
            f"`dask worker {scheduler}` in the course environment on each grading machine."
        ) from error


def reconnect(client, scheduler: str):
    """Returns a working client after a round lost tasks (the scheduler may have restarted)."""
    with contextlib.suppress(Exception):  # a client of a dead scheduler may fail to close; a new one replaces it
        client.close()
    deadline = time.monotonic() + CONNECT_SECONDS * 2
    while True:
        try:
            return connect(scheduler)
        except CourseError:
            if time.monotonic() > deadline:
                raise
            time.sleep(1.0)
