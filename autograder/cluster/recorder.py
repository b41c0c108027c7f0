"""Here, the trusted step of cluster grading: what the workers judged, written into the course's gradebook.

nbgrader's own autograde runs on the submission with `RecordVerdicts` in place of the judge, which
copies the worker's outputs into the notebook, so SaveAutoGrades writes exactly what local grading
writes. `RecordingPool` records in this process, or in several when the gradebook takes many writers.
"""

from __future__ import annotations

import atexit
import functools
import json
import shutil
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
from autograder.autograde import StudentResult, autograde_and_mark, last_line, load_api
from autograder.timing_log import written_log
from autograder.venv_tools import use_venv_tools

__all__ = ["RecordVerdicts", "Recorder", "RecordingPool"]


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


@functools.cache
def process_recorder(course: str, assignment: str) -> Recorder:
    """Returns this recording process's Recorder, made on first use and closed when the process exits.

    Made on first use, not at import: the instructor's process imports this module too, and records
    with a Recorder of its own or leaves it to its recording processes (see RecordingPool)."""
    recorder = Recorder(Path(course), assignment)
    atexit.register(recorder.close)
    return recorder


def start_recorder(course: str, assignment: str) -> None:
    """Prepares a recording process (see RecordingPool)."""
    warnings.filterwarnings("ignore")
    process_recorder(course, assignment)


def record_in_process(course: str, assignment: str, judged: dict):
    """Records one student in a recording process; returns (StudentResult, seconds)."""
    started = time.monotonic()
    return process_recorder(course, assignment).record(judged), time.monotonic() - started


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
        self.course, self.assignment = str(course), assignment
        self.pool = self.recorder = None
        if processes > 1:
            from concurrent.futures import ProcessPoolExecutor
            from multiprocessing import get_context

            self.pool = ProcessPoolExecutor(processes, mp_context=get_context("spawn"), initializer=start_recorder,
                                            initargs=(self.course, assignment))
        else:
            self.recorder = Recorder(course, assignment)

    def record(self, judged: dict, done) -> None:
        """Records a judged student, then calls done(StudentResult, seconds) (from another thread if pooled)."""
        if self.pool is None:
            started = time.monotonic()
            graded = self.recorder.record(judged)
            done(graded, time.monotonic() - started)
            return
        future = self.pool.submit(record_in_process, self.course, self.assignment, judged)
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
