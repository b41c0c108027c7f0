"""Grade a class on a Dask cluster; the gradebook stays on the instructor's machine.

`autograder grade --scheduler tcp://host:8786` sends each student's submission to the
cluster as one task. A worker (a `dask worker` started in the course environment, with
bubblewrap) grades it in a scratch course of its own: the assignment's source and the
course's nbgrader_config.py, a throwaway SQLite gradebook, the same sandbox and trusted
judge as local grading. It sends back the autograded notebooks, never touching the real
gradebook and never seeing its address or credentials. Here, the trusted step records them:
nbgrader's own autograde runs on the submission with `RecordVerdicts` in place of the judge,
which copies the worker's outputs into the notebook, so SaveAutoGrades writes exactly what
local grading writes.

Faults: a worker that dies mid-task has its task run again elsewhere by Dask; a task lost to
a scheduler restart or a dropped connection is sent again in a later round, once a worker is
connected again (Dask workers exit when their scheduler goes; whatever supervises them, systemd
or Kubernetes, starts them again); each student is recorded once, after its result arrived,
then marked graded (resume.py), so a rerun resumes.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import shutil
import socket
import sys
import tempfile
import threading
import time
import warnings
from pathlib import Path
from typing import Any

from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Unicode

from autograder import resume
from autograder._exceptions import CourseError
from autograder.autograde import (
    ClassResult,
    StudentResult,
    autograde_and_mark,
    keep_sqlite_journal,
    last_line,
    load_api,
)
from autograder.timing_log import TIMING_FILE, written_log
from autograder.venv_tools import use_venv_tools

__all__ = ["RecordVerdicts", "Recorder", "RecordingPool", "bundle_of", "grade_on_cluster", "judge_remotely",
           "refuse_secrets_in_config", "submitted_files"]

ROUNDS = 4  # tasks lost to a restarted scheduler or a cut connection are sent again, this many times at most
CONNECT_SECONDS = 30
WORKER_WAIT_SECONDS = 120  # after a scheduler restart, workers come back when their supervisor restarts them


# ------------------------------------------------------------------ on a worker


_LOCK = threading.Lock()  # nbgrader's apps are not thread-safe: a worker process grades one student at a time
_SCRATCH: dict[str, Any] = {}  # bundle digest -> (scratch course, its NbGraderAPI)


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


def scratch_course(bundle: dict) -> tuple[Path, Any]:
    """Returns this worker's scratch course for a bundle, made once: source, config, its own gradebook."""
    if bundle["digest"] in _SCRATCH:
        return _SCRATCH[bundle["digest"]]
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
    _SCRATCH[bundle["digest"]] = course, api
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
    with _LOCK:
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


# ------------------------------------------------------------------ here: the trusted step


class RecordVerdicts(NbGraderPreprocessor):
    """nbgrader preprocessor in place of TrustedJudge: takes the outputs a cluster worker judged.

    The worker ran the same sanitize steps on the same submission, so its notebook has the same
    cells; each code cell's outputs are copied over. A notebook whose cells differ, or that the
    worker did not send, has every test cell failed with the reason.
    """

    folder = Unicode("", help="Folder of <student>/<notebook>.ipynb the workers judged.").tag(config=True)

    def preprocess(self, nb: Any, resources: dict) -> tuple[Any, dict]:
        import nbformat

        from autograder.cells import error_output, is_test_cell

        student, name = resources["nbgrader"]["student"], resources["nbgrader"]["notebook"]
        judged_path = Path(self.folder) / student / f"{name}.ipynb"
        judged = nbformat.read(judged_path, as_version=4) if judged_path.exists() else None
        if judged is None or not same_cells(nb, judged):
            reason = "the grading worker sent no result for this notebook" if judged is None else (
                "the grading worker's copy of this notebook differs from the submission")
            for cell in nb.cells:
                if is_test_cell(cell):
                    cell.outputs = [error_output(f"{reason}; grade it again.")]
            return nb, resources
        for cell, theirs in zip(nb.cells, judged.cells, strict=True):
            if cell.cell_type == "code":
                cell.outputs = theirs.get("outputs", [])
                cell.execution_count = theirs.get("execution_count")
        return nb, resources


def same_cells(ours: Any, theirs: Any) -> bool:
    """Returns True if two notebooks have the same cells, in order, with the same sources."""
    return len(ours.cells) == len(theirs.cells) and all(
        a.cell_type == b.cell_type and a.source == b.source for a, b in zip(ours.cells, theirs.cells, strict=True)
    )


class Recorder:
    """Writes what the workers judged into the course's gradebook, with nbgrader's own autograde."""

    def __init__(self, course: Path, assignment: str) -> None:
        from autograder._gradebook import course_config
        from autograder.judge import TrustedJudge

        self.course, self.assignment = course, assignment
        self.source = resume.source_digest(course, assignment)
        self.staging = Path(tempfile.mkdtemp(prefix="autograder-judged-"))
        config = course_config(course)
        steps = list(config.Autograde.autograde_preprocessors)
        if TrustedJudge not in steps:
            raise CourseError("the course's nbgrader_config.py does not grade with TrustedJudge: "
                              "cluster grading replaces that step, so it cannot be used with this config.")
        config.Autograde.autograde_preprocessors = [RecordVerdicts if s is TrustedJudge else s for s in steps]
        config.RecordVerdicts.folder = str(self.staging)
        use_venv_tools()
        self.api = load_api(course, config)

    def record(self, judged: dict):
        """Records one student's judged notebooks in the gradebook; returns the StudentResult."""
        student = judged["student"]
        count = len(judged["notebooks"])
        if not judged["ok"]:
            message = f"on {judged['worker']}: {judged['message']}"
            return StudentResult(student, False, judged["seconds"], count, message)
        folder = self.staging / student
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in judged["notebooks"].items():
            (folder / name).write_bytes(data)
        try:
            outcome, attempts = autograde_and_mark(self.api, self.course, self.assignment, student, self.source)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        if outcome.get("success"):
            self.keep_timings(judged["timings"])
        return StudentResult(student, bool(outcome.get("success")), judged["seconds"], count, last_line(outcome),
                             attempts)

    def keep_timings(self, lines: list[str]) -> None:
        """Appends the worker's timing lines to the course's log, which the report reads."""
        path = written_log(self.course / "autograded")
        valid = [line for line in lines if is_json_object(line)]
        if valid:
            with open(path, "a") as log:
                log.write("\n".join(valid) + "\n")

    def close(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)


def is_json_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


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


_RECORDER: Recorder | None = None  # in a recording process: its own Recorder


def start_recorder(course: str, assignment: str) -> None:
    """Prepares a recording process (see RecordingPool)."""
    global _RECORDER
    warnings.filterwarnings("ignore")
    _RECORDER = Recorder(Path(course), assignment)
    atexit.register(_RECORDER.close)


def record_in_process(judged: dict):
    """Records one student in a recording process; returns (StudentResult, seconds)."""
    started = time.monotonic()
    return _RECORDER.record(judged), time.monotonic() - started


class RecordingPool:
    """Records the judged students: in this process, or in several when the gradebook takes many writers.

    One recorder writes about 10 notebooks/s on SQLite and 5 on PostgreSQL (docs/scale.md): past a
    few worker cores it is what the class waits for. PostgreSQL takes concurrent writers; SQLite one.
    """

    def __init__(self, course: Path, assignment: str, processes: int) -> None:
        from autograder._gradebook import gradebook_url, is_sqlite

        if processes > 1 and is_sqlite(gradebook_url(course)):
            raise CourseError("an SQLite gradebook takes one writer at a time: --recorders above 1 needs a "
                              "database server (AUTOGRADER_DB_URL, see the README).")
        self.lock = threading.Lock()
        self.pool = self.recorder = None
        if processes > 1:
            from concurrent.futures import ProcessPoolExecutor
            from multiprocessing import get_context

            self.pool = ProcessPoolExecutor(processes, mp_context=get_context("spawn"), initializer=start_recorder,
                                            initargs=(str(course), assignment))
        else:
            self.recorder = Recorder(course, assignment)

    def record(self, judged: dict, done) -> None:
        """Records a judged student, then calls done(StudentResult, seconds) (from another thread if pooled)."""
        if self.pool is None:
            started = time.monotonic()
            graded = self.recorder.record(judged)
            done(graded, time.monotonic() - started)
            return
        future = self.pool.submit(record_in_process, judged)
        future.add_done_callback(lambda f: done(*self.outcome(f, judged)))

    def outcome(self, future, judged: dict):
        try:
            return future.result()
        except Exception as error:  # the recording process died: this student is not in the gradebook
            return StudentResult(judged["student"], False, judged["seconds"], len(judged["notebooks"]),
                                 f"recording failed: {type(error).__name__}: {error}"[:300]), 0.0

    def close(self) -> None:
        """Waits for every recording to end (again: a no-op)."""
        if self.pool is not None:
            self.pool.shutdown(wait=True)
        elif self.recorder is not None:
            self.recorder.close()


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
