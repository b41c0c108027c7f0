"""A one-shot sandbox: one job in, everything it writes out, and the sandbox gone before the answer is used.

Grading uses it for the judged run when the instructor turns the sandbox off; the isolation tests use
`run_sandboxed` to probe, from inside, the very command the judged runs and display sessions start."""

from __future__ import annotations

import time
from pathlib import Path

from autograder.sandbox.limits import Limits
from autograder.sandbox.process import Sandbox, SandboxResult

__all__ = ["finish_once", "run_sandboxed"]


def finish_once(box: Sandbox, data: bytes, wall_seconds: float) -> SandboxResult:
    """Sends one job to a one-shot sandbox, reads all it answers, and ends it before returning the answer."""
    start = time.monotonic()
    sent = box.send(data, timeout=wall_seconds, close=True)
    output = box.read_to_end(max(wall_seconds - (time.monotonic() - start), 0.1)) if sent else None
    timed_out = output is None and not box.overflowed and not box.closed_output
    leftover = box.close()  # every process of the sandbox is gone before anything it wrote is used
    text = output.decode(errors="replace") if output is not None else ""
    return SandboxResult(box.process.returncode, timed_out, time.monotonic() - start, text, leftover, box.overflowed)


def run_sandboxed(argv: list[str], limits: Limits, pythonpath: str, stdin: bytes = b"",
                  readonly: tuple[Path, ...] = ()) -> SandboxResult:
    """Runs argv in a fresh sandbox; returns what it wrote on stdout. With the kernel-side package as
    pythonpath, this is the command grading's sandboxes start, but for the program (and the folders in readonly)."""
    return finish_once(Sandbox(argv, limits, pythonpath, readonly=readonly), stdin, limits.wall_seconds)
