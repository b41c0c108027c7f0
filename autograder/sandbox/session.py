"""The trusted side's handle on one student's warm display session (autograder/inside/session.py)."""

from __future__ import annotations

import contextlib
import json
import sys
import time

from autograder.sandbox.limits import Limits
from autograder.sandbox.process import Sandbox

__all__ = ["SandboxSession"]


class SandboxSession(Sandbox):
    """One long-lived sandbox running `python -m autograder.inside.session` for one student's notebooks.

    It runs each notebook whole, for the outputs the student sees in the feedback; nothing it
    answers is used to grade. Each notebook arrives as one line on stdin, and the executed
    notebook comes back as one line on stdout.
    """

    def __init__(self, limits: Limits, pythonpath: str, sandboxed: bool = True) -> None:
        super().__init__([sys.executable, "-m", "autograder.inside.session"], limits, pythonpath, sandboxed)
        self.ready = False

    def run(self, job: dict, timeout: float) -> tuple[str, float, dict | None]:
        """Runs one notebook job; returns (ending, seconds, the session's answer or None)."""
        start = time.monotonic()
        if not self.ready:
            self.ready = self.read_line(max(timeout, 60.0)) is not None
            if not self.ready:
                self.stop()
                return "kernel died", time.monotonic() - start, None
        if not self.send((json.dumps(job) + "\n").encode(), timeout=timeout):
            self.stop()
            return "kernel died", time.monotonic() - start, None
        line = self.read_line(timeout)
        answer = None
        with contextlib.suppress(ValueError, RecursionError):
            answer = json.loads(line) if line is not None else None
        if not isinstance(answer, dict) or "done" not in answer:
            # bwrap may still be reaping a kernel that just died, so its exit status would say "running"
            timed_out = line is None and not self.closed_output and not self.overflowed and self.alive()
            self.stop()
            return ("timed out" if timed_out else "kernel died"), time.monotonic() - start, None
        return "finished", time.monotonic() - start, answer
