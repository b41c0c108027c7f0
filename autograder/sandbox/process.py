"""One sandboxed process and its pipes: starting it, writing the job, reading the answer (capped), and ending it
with every process it started."""

from __future__ import annotations

import contextlib
import os
import select
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from autograder.sandbox.availability import require_sandbox
from autograder.sandbox.command import sandbox_command, unsandboxed_command, unsandboxed_env
from autograder.sandbox.limits import Limits, claimed_slot, sandbox_cgroup, sandbox_uid

__all__ = ["Sandbox", "SandboxResult", "pids_of_uid", "sweep"]


@dataclass
class SandboxResult:
    """What a sandboxed run did, as seen from outside."""

    returncode: int | None
    timed_out: bool
    seconds: float
    output: str = ""
    leftover_pids: list[int] = field(default_factory=list)
    overflowed: bool = False  # it wrote more than the trusted side reads


def pids_of_uid(uid: int) -> list[int]:
    """Returns the processes owned by a uid (to prove a sandbox left none behind)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid == uid:
                    found.append(int(entry.name))
            except FileNotFoundError:
                continue
    return found


def sweep(uid: int | None, grace: float = 3.0) -> list[int]:
    """Returns the processes of a sandbox's uid still alive after a grace period, killing them.

    When a sandbox's PID namespace ends, the kernel kills its processes, but they take a moment
    to go: only those still there after the grace period were left behind.
    """
    if uid is None:
        return []
    deadline = time.monotonic() + grace
    leftover = pids_of_uid(uid)
    while leftover and time.monotonic() < deadline:
        time.sleep(0.05)
        leftover = pids_of_uid(uid)
    for pid in leftover:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    return leftover


class Sandbox:
    """One sandboxed process talking through pipes: stdin for the job, stdout for the answer.

    Started ahead of need, so that bubblewrap, the interpreter and numpy load while something
    else is graded. Nothing is exchanged through files: the trusted side never opens, lists or
    writes anything in a folder the student's code can write, and reads at most
    `limits.output_bytes` from the pipe.
    """

    def __init__(self, program: list[str], limits: Limits, pythonpath: str, sandboxed: bool = True,
                 readonly: tuple[Path, ...] = ()) -> None:
        self.program = program
        self.limits = limits
        self.sandboxed = sandboxed
        self.slot_context: Any = None
        self.uid: int | None = None
        self.cgroup: Path | None = None
        self.work: Path | None = None
        if sandboxed:
            self.command = self.sandboxed_command(pythonpath, readonly)
            env, cwd = None, None
        else:
            self.work = Path(tempfile.mkdtemp(prefix="autograder-unsandboxed-"))
            self.command = unsandboxed_command(program, limits)
            env, cwd = unsandboxed_env(self.work, pythonpath), self.work
        self.process = subprocess.Popen(
            self.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=cwd,
            env=env, start_new_session=True,
        )
        self.pending = b""
        self.closed_output = False  # the sandbox closed its stdout: it ended, whatever bwrap's exit says yet
        self.overflowed = False  # it wrote more than we read

    def sandboxed_command(self, pythonpath: str, readonly: tuple[Path, ...]) -> list[str]:
        """Claims a slot (its uid and cgroup, held until close) and returns the command of the sandbox in it."""
        require_sandbox()
        self.slot_context = claimed_slot()
        slot = self.slot_context.__enter__()
        self.uid = sandbox_uid(slot)
        self.cgroup = sandbox_cgroup(slot, self.limits)
        return sandbox_command(self.program, self.limits, pythonpath, self.uid, self.cgroup, readonly)

    def send(self, data: bytes, timeout: float, close: bool = False) -> bool:
        """Writes data to the sandbox's stdin (from a thread, so a sandbox that does not read cannot hang us)."""
        done: list[bool] = []

        def write() -> None:
            try:
                self.process.stdin.write(data)
                self.process.stdin.flush()
                if close:
                    self.process.stdin.close()
                done.append(True)
            except (BrokenPipeError, OSError, ValueError):
                done.append(False)

        writer = threading.Thread(target=write, daemon=True)
        writer.start()
        writer.join(timeout)
        return bool(done and done[0])

    def read_chunk(self, deadline: float) -> bytes | None:
        """Returns the next bytes on stdout, b"" at its end, None when the deadline passed."""
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        ready, _, _ = select.select([self.process.stdout], [], [], left)
        if not ready:
            return None
        chunk = os.read(self.process.stdout.fileno(), 1 << 16)
        if not chunk:
            self.closed_output = True
        return chunk

    def read_line(self, timeout: float) -> bytes | None:
        """Returns the next line the sandbox wrote (without its newline), or None on timeout, end or overflow."""
        deadline = time.monotonic() + timeout
        while b"\n" not in self.pending:
            if len(self.pending) > self.limits.output_bytes:
                self.overflowed = True
                return None
            chunk = self.read_chunk(deadline)
            if not chunk:
                return None
            self.pending += chunk
        line, self.pending = self.pending.split(b"\n", 1)
        return line

    def read_to_end(self, timeout: float) -> bytes | None:
        """Returns everything the sandbox writes until it closes stdout, or None on timeout or overflow."""
        deadline = time.monotonic() + timeout
        while not self.closed_output:
            if len(self.pending) > self.limits.output_bytes:
                self.overflowed = True
                return None
            chunk = self.read_chunk(deadline)
            if chunk is None:
                return None
            self.pending += chunk
        return self.pending

    def alive(self) -> bool:
        """Returns True while the sandbox runs."""
        return self.process.poll() is None

    def stop(self) -> list[int]:
        """Ends the sandbox and every process in it; returns the pids that had to be swept."""
        if self.process.poll() is None:  # nothing of a sandbox is worth a graceful end: it is killed at once
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        return sweep(self.uid)

    def close(self) -> list[int]:
        """Ends the sandbox and frees its slot; returns the pids swept."""
        leftover = self.stop()
        for stream in (self.process.stdin, self.process.stdout):
            with contextlib.suppress(OSError, ValueError):
                stream.close()
        if self.slot_context is not None:
            self.slot_context.__exit__(None, None, None)
            self.slot_context = None
        if self.work is not None:
            shutil.rmtree(self.work, ignore_errors=True)
        return leftover
