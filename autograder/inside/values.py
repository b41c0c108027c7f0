"""Runs inside a fresh, one-shot sandbox: the code that is judged, and nothing else.

Started by the trusted grader as `python -m autograder.inside.values`, ahead of need (numpy loads
while another notebook is graded). It reads one job from stdin: the notebook's cells in order,
each either the instructor's given code, the text of a student's solution cell, or the visible
part of a test cell (the instructor's), and the inputs of every check. It runs them in one
namespace, with a CPU-time budget per cell and per call, then calls each exercise's function on
its inputs and writes one line of plain data (JSON, arrays as .npy) on the original stdout, then
exits. The grader reads that line only after this sandbox and every process in it are gone.

The student's text passed the static rules (`autograder.rules`) before it was sent here: plain
Python, no imports beyond numpy and a few harmless modules, no reach into the interpreter.

With `--serve` it is a clean template instead (one per student: `autograder.sandbox.ForkServer`):
it loads numpy, never runs a job itself, and forks a child per job line on stdin. The child gets
no descriptor but its own answer pipe (not the job stream, not the line to the grader), clears
what earlier children left in the scratch folders, runs the job and exits; the template reads the
child's answer, waits for it, kills every other process of the sandbox, and only then relays the
answer as `<length> <exit status>` and the bytes. The template is not dumpable, so a child cannot
trace it or read its memory.
"""

from __future__ import annotations

import contextlib
import json
import linecache
import os
import signal
import sys
import warnings
from typing import Any

from autograder.inside.functions import FUNCTIONS, NAMES
from autograder.inside.session import warm_font_cache
from autograder.inside.wire import decode, encode

MAX_JOB_BYTES = 256 * 1024**2
MAX_ANSWER_BYTES = 256 * 1024**2  # what the template relays of one answer (the grader reads at most output_bytes)
MAX_VALUE_BYTES = 4 * 1024**2  # one returned array, at most: a wrong answer's huge matrix costs its own case


GRACE_ALARMS = 40  # a budget overrun raised again every 50 ms; code that swallows it 40 times ends the run


class OutOfTime(BaseException):
    """Raised in the running code when it used up its CPU-time budget."""


class Alarm:
    """Counts the CPU-time alarms of the current budget, so code that catches OutOfTime cannot run on."""

    fired = 0


def on_cpu_alarm(signum: int, frame: Any) -> None:
    Alarm.fired += 1
    if Alarm.fired > GRACE_ALARMS:
        os._exit(3)  # the student's code swallows the timeout: this run ends, its notebook fails
    raise OutOfTime("used up its CPU time")


def with_cpu_budget(seconds: float, function: Any, *args: Any) -> Any:
    """Calls function(*args) with a CPU-time budget (SIGPROF): load on the machine does not shorten it.
    Past the budget, OutOfTime is raised again every 50 ms of CPU time until the call returns."""
    Alarm.fired = 0
    signal.setitimer(signal.ITIMER_PROF, max(seconds, 0.01), 0.05)
    try:
        return function(*args)
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)


def run_cell(source: str, filename: str, namespace: dict) -> None:
    """Runs one cell's text, registered so that inspect.getsource finds the functions it defines."""
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        exec(compile(source, filename, "exec"), namespace)


def describe_error(error: BaseException) -> dict:
    """Returns an exception as plain data: its class names and first message line."""
    if isinstance(error, OutOfTime):
        return {"ename": "OutOfTime", "evalue": "the cell used up its CPU time"}
    text = str(error).strip()
    return {"ename": type(error).__name__[:100], "evalue": text.splitlines()[0][:500] if text else ""}


def run_cells(cells: list[dict], namespace: dict, cpu_seconds: float) -> list[dict]:
    """Runs every cell in order; returns how each ended (errors of given code are only recorded)."""
    ended = []
    for index, cell in enumerate(cells):
        try:
            with_cpu_budget(cpu_seconds, run_cell, cell["source"], f"<cell {index}: {cell['name']}>", namespace)
            ended.append({"status": "ok"})
        except BaseException as error:  # SystemExit and KeyboardInterrupt too: nobody presses Ctrl-C here
            ended.append({"status": "error", **describe_error(error)})
    return ended


def call(function: Any, case: dict, cpu_seconds: float) -> dict:
    """Returns the record of one call: what it returned or raised, and its arguments after."""
    import numpy as np

    args = [decode(a, FUNCTIONS) for a in case["args"]]
    kwargs = {k: decode(v, FUNCTIONS) for k, v in case["kwargs"].items()}
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            returned = with_cpu_budget(cpu_seconds, lambda: function(*args, **kwargs))
            record = {"returned": encode_bounded(returned)}
    except BaseException as error:
        if isinstance(error, OutOfTime):
            return {"out_of_time": True}
        record = {"raised": [k.__name__ for k in type(error).__mro__], "message": str(error)[:500]}
    record["args_after"] = [encode(a, NAMES) for a in args]
    return record


def encode_bounded(value: Any) -> Any:
    """Returns the plain-data description of a returned value; an array too large to send back is
    described by its shape alone."""
    import numpy as np

    if isinstance(value, np.ndarray) and value.nbytes > MAX_VALUE_BYTES:
        return {"t": "opaque", "type": f"array of shape {tuple(value.shape)}, too large to send back"}
    return encode(value, NAMES)


def produce_values(checks: list[dict], namespace: dict, cpu_seconds: float) -> dict:
    """Returns, per check, the records of the exercise's function on each of its inputs."""
    values = {}
    for check in checks:
        function = namespace.get(check["function"])
        if not callable(function):
            values[check["grade_id"]] = {"missing": check["function"]}
            continue
        records = []
        for case in check["cases"]:
            record = call(function, case, cpu_seconds)
            records.append(record)
            if record.get("out_of_time"):
                break
        values[check["grade_id"]] = {"records": records}
    return values


def read_job() -> dict:
    """Reads the whole job from stdin, then closes it, so the student's code cannot read anything more."""
    data = sys.stdin.buffer.read(MAX_JOB_BYTES + 1)
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
    sys.stdin = open(os.devnull)  # noqa: SIM115 - for the whole process
    return json.loads(data)


def write_supporting_files(files: dict[str, str]) -> None:
    """Writes the release's supporting files (a student-side module, data) into the work folder,
    which the notebook's code imports from, as it would beside the notebook."""
    import base64
    from pathlib import Path

    for name, data in files.items():
        Path(Path(name).name).write_bytes(base64.b64decode(data))
    sys.path.insert(0, os.getcwd())


def answer_of(job: dict) -> bytes:
    """Runs one job in this process; returns its answer line."""
    write_supporting_files(job.get("files", {}))
    namespace: dict = {"__name__": "__main__"}
    cells = run_cells(job["cells"], namespace, job["cpu_seconds"])
    values = produce_values(job["checks"], namespace, job["cpu_seconds"])
    return (json.dumps({"nonce": job["nonce"], "cells": cells, "values": values}) + "\n").encode()


def quiet_standard_streams() -> Any:
    """Returns a file on the original stdout (the line to the grader); fd 1 and 2 then go nowhere."""
    signal.signal(signal.SIGPROF, on_cpu_alarm)
    protocol = os.fdopen(os.dup(1), "wb")
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)  # what the student's code prints goes nowhere
    os.dup2(1, 2)
    sys.stdout = sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - for the whole process
    return protocol


def main() -> int:
    """Runs one job; answers with one line on the original stdout."""
    import numpy  # noqa: F401 - loaded before the job arrives

    if "--serve" in sys.argv[1:]:
        return serve()
    protocol = quiet_standard_streams()
    warm_font_cache()
    answer = answer_of(read_job())
    protocol.write(answer)
    protocol.flush()
    os._exit(0)  # no cleanup that student objects (__del__, atexit) could hook into


# ------------------------------------------------------------------ the clean template (--serve)

SCRATCH = ("/tmp",)  # plus the work folder (the cwd): what a child may have written there is gone before the next


def not_dumpable() -> None:
    """Makes this process (and its children) impossible to trace or read from by the sandbox's own uid."""
    import ctypes

    PR_SET_DUMPABLE = 4
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)


def clear_scratch() -> None:
    """Removes what earlier jobs left in /tmp and the work folder (the child runs this before any job code)."""
    import shutil

    for folder in (*SCRATCH, os.getcwd()):
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    shutil.rmtree(entry.path, ignore_errors=True)
                else:
                    os.unlink(entry.path)
            except OSError:
                continue


def run_child(job_line: bytes, answer_fd: int) -> None:
    """In the forked child: only the answer pipe stays open; clears the scratch folders; runs the job; exits."""
    os.closerange(3, answer_fd)
    os.closerange(answer_fd + 1, 1 << 16)
    nothing = os.open(os.devnull, os.O_RDONLY)
    os.dup2(nothing, 0)  # the job stream: later jobs are not this child's to read
    os.close(nothing)
    status = 0
    try:
        clear_scratch()
        warm_font_cache()  # given code that imports pyplot (03 reads a picture with it) would rebuild it: ~0.1 s CPU
        answer = answer_of(json.loads(job_line))
    except BaseException:  # a malformed job: no answer
        answer, status = b"", 4
    view = memoryview(answer)
    while view:
        try:
            view = view[os.write(answer_fd, view):]
        except OSError:
            break
    os._exit(status)  # no cleanup that student objects (__del__, atexit) could hook into


def answer_of_child(child: int, fd: int, limit: int) -> bytes | None:
    """Returns what the child wrote on its answer pipe by the time it exited, or None past limit bytes.

    Read while the child runs (an answer larger than the pipe's buffer would block it otherwise) and
    until it has exited, not until the pipe closes: a process it started could hold the pipe open."""
    import select

    pidfd = os.pidfd_open(child)
    chunks, size = [], 0
    try:
        while size <= limit:
            ready, _, _ = select.select([fd, pidfd], [], [])
            if fd in ready:
                chunk = os.read(fd, 1 << 16)
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
            elif pidfd in ready:
                os.set_blocking(fd, False)
                with contextlib.suppress(BlockingIOError):
                    while size <= limit and (chunk := os.read(fd, 1 << 16)):
                        chunks.append(chunk)
                        size += len(chunk)
                break
    finally:
        os.close(pidfd)
    if size > limit:
        with contextlib.suppress(OSError):
            os.kill(child, signal.SIGKILL)
        return None
    return b"".join(chunks)


def kill_the_rest() -> None:
    """Kills every process of the sandbox this template may signal, but itself (kill -1 spares the caller).

    Only in a PID namespace of the sandbox's own (bubblewrap's init is 1, the template 2): anywhere
    else kill -1 would reach the grading user's other processes, so there it only reaps."""
    if os.getpid() <= 3:
        with contextlib.suppress(OSError):
            os.kill(-1, signal.SIGKILL)
    while True:
        try:
            if os.waitpid(-1, os.WNOHANG) == (0, 0):
                break
        except ChildProcessError:
            break


def serve() -> int:
    """Forks a clean child per job line on stdin; relays each answer once the child and all it started are gone."""
    not_dumpable()
    protocol = quiet_standard_streams()
    jobs = sys.stdin.buffer
    protocol.write(b"ready\n")
    protocol.flush()
    while True:
        line = jobs.readline(MAX_JOB_BYTES + 1)
        if not line.endswith(b"\n"):
            os._exit(0)  # the grader closed the stream (or sent more than a job may hold)
        reader, writer = os.pipe()
        child = os.fork()
        if child == 0:
            os.close(reader)
            run_child(line, writer)
        os.close(writer)
        answer = answer_of_child(child, reader, MAX_ANSWER_BYTES)
        os.close(reader)
        _, status = os.waitpid(child, 0)
        kill_the_rest()
        code = os.waitstatus_to_exitcode(status)
        if answer is None:  # too large: the grader reads the length alone and ends this sandbox
            protocol.write(f"{MAX_ANSWER_BYTES + 1} {code}\n".encode())
        else:
            protocol.write(f"{len(answer)} {code}\n".encode() + answer)
        protocol.flush()


if __name__ == "__main__":
    sys.exit(main())
