"""What bounds one sandbox: its resource limits, and the slot it holds on this machine (its uid and memory cgroup)."""

from __future__ import annotations

import fcntl
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from autograder._exceptions import SandboxUnavailable

__all__ = ["SLOTS", "SLOT_DIR", "UNPRIVILEGED_UID_BASE", "Limits", "claimed_slot", "is_root", "own_memory_cgroup",
           "sandbox_cgroup", "sandbox_uid"]

UNPRIVILEGED_UID_BASE = 61000  # as root, each sandbox runs as its own uid from here up
SLOTS = 4096
SLOT_DIR = Path(tempfile.gettempdir()) / f"autograder-slots-{os.geteuid()}"  # one set of locks per grading user


@dataclass(frozen=True)
class Limits:
    """Resource limits of one sandboxed run; every number has a default that fits a notebook."""

    wall_seconds: float = 120.0
    cpu_seconds: int = 120
    memory_bytes: int = 4 * 1024**3
    processes: int = 64
    file_bytes: int = 64 * 1024**2
    open_files: int = 256
    tmp_bytes: int = 256 * 1024**2  # the private /tmp is in memory: bounded, or files could fill it
    work_bytes: int = 256 * 1024**2  # so is the work folder /grading
    output_bytes: int = 256 * 1024**2  # what the trusted side reads back from the sandbox, at most


def is_root() -> bool:
    """Returns True if the grader runs as root."""
    return os.geteuid() == 0


@contextmanager
def claimed_slot() -> Iterator[int]:
    """Yields a slot number no other running sandbox on this machine holds (a lock file per slot).

    As root each slot is its own uid, so that limits on processes, and the final sweep of
    leftover processes, touch this sandbox alone, never a neighbour graded at the same time.
    """
    SLOT_DIR.mkdir(mode=0o700, exist_ok=True)
    start = os.getpid() % SLOTS
    for offset in range(SLOTS):
        slot = (start + offset) % SLOTS
        handle = open(SLOT_DIR / f"{slot}.lock", "w")  # noqa: SIM115 - held until the run ends
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            continue
        try:
            yield slot
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
            handle.close()
        return
    raise SandboxUnavailable(f"all {SLOTS} sandbox slots are busy; is something stuck? See {SLOT_DIR}.")


def sandbox_uid(slot: int) -> int | None:
    """Returns the uid a sandbox runs as: its own per slot as root, None (unchanged) otherwise."""
    return UNPRIVILEGED_UID_BASE + slot if is_root() else None


def own_memory_cgroup() -> Path | None:
    """Returns the memory cgroup this process is in (cgroup v1 or v2), or None where there is none to use."""
    try:
        lines = Path("/proc/self/cgroup").read_text().splitlines()
    except OSError:
        return None
    for line in lines:
        _, controllers, path = line.split(":", 2)
        if "memory" in controllers.split(","):
            folder = Path("/sys/fs/cgroup/memory") / path.lstrip("/")
            return folder if (folder / "memory.limit_in_bytes").exists() else None
    for line in lines:
        if line.startswith("0::"):
            folder = Path("/sys/fs/cgroup") / line[3:].lstrip("/")
            return folder if (folder / "memory.max").exists() else None
    return None


def sandbox_cgroup(slot: int, limits: Limits) -> Path | None:
    """Returns a memory cgroup of the slot's own, limited to what the whole sandbox may hold (all its
    processes and its memory file systems together: memory_bytes), or None where the machine offers
    none (then only the per-process limit holds: processes x memory_bytes)."""
    base = own_memory_cgroup()
    if base is None or not is_root():
        return None
    folder = base / f"autograder-sandbox-{slot}"
    total = str(limits.memory_bytes)  # every process and the memory file systems together
    try:
        folder.mkdir(exist_ok=True)
        if (folder / "memory.limit_in_bytes").exists():
            (folder / "memory.limit_in_bytes").write_text(total)
            if (folder / "memory.memsw.limit_in_bytes").exists():
                (folder / "memory.memsw.limit_in_bytes").write_text(total)
        else:
            (folder / "memory.max").write_text(total)
            if (folder / "memory.swap.max").exists():
                (folder / "memory.swap.max").write_text("0")
    except OSError:
        return None
    return folder
