"""The trusted side's handle on one student's clean template of judged runs (autograder/inside/values.py --serve)."""

from __future__ import annotations

import sys
import time

from autograder.sandbox.limits import Limits
from autograder.sandbox.process import Sandbox, SandboxResult

__all__ = ["ForkServer"]


class ForkServer(Sandbox):
    """One sandbox running `python -m autograder.inside.values --serve` for one student's judged runs.

    The template in it loads numpy once and forks a clean child per job (see autograder/inside/values.py):
    no state passes from one judged run to the next but the interpreter as loaded, the scratch
    folders are cleared before each, and each answer arrives only once the child that wrote it and
    every process it started are gone. A run that does not answer in time ends the whole server.
    """

    def __init__(self, limits: Limits, pythonpath: str) -> None:
        super().__init__([sys.executable, "-m", "autograder.inside.values", "--serve"], limits, pythonpath, True)
        self.ready = False

    def run(self, data: bytes, timeout: float) -> SandboxResult:
        """Runs one job (one JSON line, no newline inside); returns what its child answered."""
        start = time.monotonic()
        deadline = start + timeout
        if not self.ready:
            self.ready = self.read_line(max(timeout, 60.0)) == b"ready"
        answer = None
        if self.ready and self.send(data + b"\n", timeout=timeout):
            answer = self.read_answer(deadline)
        if answer is None:
            timed_out = not self.closed_output and not self.overflowed and self.alive()
            leftover = self.close()
            return SandboxResult(self.process.returncode, timed_out, time.monotonic() - start, "", leftover,
                                 self.overflowed)
        code, body = answer
        return SandboxResult(code, False, time.monotonic() - start, body.decode(errors="replace"))

    def read_answer(self, deadline: float) -> tuple[int, bytes] | None:
        """Returns (the child's exit status, its answer) from `<length> <status>` and the bytes, or None."""
        header = self.read_line(max(deadline - time.monotonic(), 0.0))
        try:
            length, code = (int(part) for part in (header or b"").split(b" "))
        except ValueError:
            return None
        if length > self.limits.output_bytes:
            self.overflowed = True
            return None
        while len(self.pending) < length:
            chunk = self.read_chunk(deadline)
            if not chunk:
                return None
            self.pending += chunk
        body, self.pending = self.pending[:length], self.pending[length:]
        return code, body
