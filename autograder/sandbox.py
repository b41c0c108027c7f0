"""Run untrusted code under bubblewrap: no course files, no network, bounded resources.

The sandbox sees an explicit list: the system's /usr, the Python installation, the virtual
environment and the kernel-side package, read-only, and a work folder and a private /tmp that
are size-limited memory file systems of its own; the course directory, the gradebook, other
students and the instructor's home are simply never mounted. Jobs go in on stdin and answers
come back on stdout, capped: the trusted side never touches a file the sandbox can write. As root, the code also
drops to an unprivileged uid with no capabilities (bwrap alone would leave it root). Limits on
memory, CPU time, processes, file size and open files are set inside the sandbox with prlimit;
wall time is enforced from outside, and the PID namespace ends every process it started.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import select
import shutil
import signal
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from autograder._exceptions import SandboxUnavailable

__all__ = ["ForkServer", "Limits", "Sandbox", "SandboxResult", "SandboxSession", "finish_once", "require_sandbox",
           "run_sandboxed", "sandbox_problem"]

WORK = "/grading"
UNPRIVILEGED_UID_BASE = 61000  # as root, each sandbox runs as its own uid from here up


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


@dataclass
class SandboxResult:
    """What a sandboxed run did, as seen from outside."""

    returncode: int | None
    timed_out: bool
    seconds: float
    output: str = ""
    leftover_pids: list[int] = field(default_factory=list)
    overflowed: bool = False  # it wrote more than the trusted side reads


def is_root() -> bool:
    """Returns True if the grader runs as root."""
    return os.geteuid() == 0


def sandbox_problem() -> str | None:
    """Returns why sandboxed grading cannot run on this machine, or None if it can."""
    if shutil.which("bwrap") is None:
        return (
            "bubblewrap (bwrap) is not installed, and grading runs student code only inside it. "
            "Install it: `sudo apt-get install bubblewrap` (Debian, Ubuntu) or `sudo dnf install bubblewrap`."
        )
    for tool in ("prlimit", "setpriv"):
        if shutil.which(tool) is None:
            return f"`{tool}` is missing; install util-linux."
    probe = subprocess.run(
        [*bwrap_prefix(None), "true"], capture_output=True, text=True
    )
    if probe.returncode != 0:
        return (
            f"bubblewrap cannot create a sandbox here: {probe.stderr.strip()}. On Ubuntu 24.04 and later, "
            "AppArmor restricts unprivileged user namespaces: allow them with "
            "`sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0`, or install an AppArmor "
            "profile for /usr/bin/bwrap (bubblewrap issue 632)."
        )
    return None


def require_sandbox() -> None:
    """Raises SandboxUnavailable with what to install when the sandbox cannot run."""
    problem = sandbox_problem()
    if problem:
        raise SandboxUnavailable(problem)


def readonly_roots() -> list[Path]:
    """Returns the folders the sandbox needs to read: the Python installation and the venv."""
    roots = {Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve()}
    roots.add(Path(sysconfig.get_paths()["purelib"]).resolve())
    return sorted(r for r in roots if not str(r).startswith("/usr/"))


def parent_dirs(path: Path) -> list[Path]:
    """Returns the ancestors of a path below /, outermost first."""
    return list(reversed([p for p in path.parents if p != Path("/")]))


def bwrap_prefix(
    extra_readonly: list[Path] | None, tmp_bytes: int = 256 * 1024**2, work_bytes: int | None = None,
) -> list[str]:
    """Returns the bwrap command line up to the program to run.

    The sandbox is given an explicit list of what it sees: the system's /usr and libraries, the
    Python installation and venv and the folders named (all read-only), a private /tmp and a
    work folder /grading, both size-limited memory file systems of its own. No folder of the
    grading machine is writable inside, so nothing the student's code writes lands on our side.
    """
    command = ["bwrap", "--die-with-parent", "--new-session"]
    if is_root():
        # A user namespace would keep the code root inside; drop to a real uid instead (setpriv).
        command += ["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try"]
    else:
        command += ["--unshare-all"]
    command += ["--ro-bind", "/usr", "/usr"]
    for name in ("lib", "lib64", "bin", "sbin"):
        target = Path("/") / name
        if target.is_symlink():
            command += ["--symlink", os.readlink(target), str(target)]
        elif target.exists():
            command += ["--ro-bind", str(target), str(target)]
    command += ["--ro-bind-try", "/etc/alternatives", "/etc/alternatives"]
    command += ["--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache"]
    command += ["--proc", "/proc", "--dev", "/dev", "--perms", "1777", "--size", str(tmp_bytes), "--tmpfs", "/tmp"]
    made: set[Path] = set()
    for root in [*readonly_roots(), *(extra_readonly or [])]:
        for parent in parent_dirs(root):
            if parent not in made and not str(parent).startswith("/usr"):
                command += ["--perms", "0755", "--dir", str(parent)]
                made.add(parent)
        command += ["--ro-bind", str(root), str(root)]
    if work_bytes is not None:
        command += ["--perms", "1777", "--size", str(work_bytes), "--tmpfs", WORK, "--chdir", WORK]
    return command


def limits_prefix(limits: Limits, uid: int | None, count_processes: bool = True) -> list[str]:
    """Returns setpriv (as root) and prlimit, run inside the sandbox before the program."""
    command = []
    if uid is not None:
        command += [
            "setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups",
            "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs",
        ]
    command += [
        "prlimit",
        f"--as={limits.memory_bytes}",
        f"--cpu={limits.cpu_seconds}",
        *([f"--nproc={limits.processes}"] if count_processes else []),
        f"--fsize={limits.file_bytes}",
        f"--nofile={limits.open_files}",
        "--core=0",
        "--",
    ]
    return command


def sandbox_env(pythonpath: str) -> list[str]:
    """Returns bwrap options that give the program a small, known environment."""
    env = {
        "HOME": f"{WORK}/home",
        "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
        "PYTHONPATH": pythonpath,
        "PYTHONDONTWRITEBYTECODE": "1",
        "MPLBACKEND": "Agg",
        "MPLCONFIGDIR": "/tmp/matplotlib",
        "JUPYTER_RUNTIME_DIR": "/tmp/jupyter-runtime",
        "JUPYTER_PLATFORM_DIRS": "1",
        "IPYTHONDIR": "/tmp/ipython",
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "NBGRADER_EXECUTION": "autograde",
        "LANG": "C.UTF-8",
    }
    for name in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):  # older OpenBLAS builds need these here
        if name in os.environ:
            env[name] = os.environ[name]
    options = ["--clearenv"]
    for key, value in env.items():
        options += ["--setenv", key, value]
    return options


SLOTS = 4096
SLOT_DIR = Path(tempfile.gettempdir()) / f"autograder-slots-{os.geteuid()}"  # one set of locks per grading user


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


def in_cgroup(folder: Path | None) -> list[str]:
    """Returns a prefix that moves the sandbox into its cgroup before bwrap starts (so all it forks is in)."""
    if folder is None:
        return []
    return ["/bin/sh", "-c", f'echo $$ > "{folder}/cgroup.procs" && exec "$@"', "sh"]


def unsandboxed_env(work: Path, pythonpath: str) -> dict[str, str]:
    """Returns the environment of an unsandboxed run: the caller's, with the kernel-side package first."""
    return dict(
        os.environ, PYTHONPATH=pythonpath, HOME=str(work / "home"), OPENBLAS_NUM_THREADS="1",
        NBGRADER_EXECUTION="autograde", MPLCONFIGDIR=str(work / "home" / "matplotlib"),
    )


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
        self.limits = limits
        self.sandboxed = sandboxed
        self.slot_context: Any = None
        self.uid: int | None = None
        self.work: Path | None = None
        roots = [Path(p) for p in pythonpath.split(":") if p] + list(readonly)
        if sandboxed:
            require_sandbox()
            self.slot_context = claimed_slot()
            slot = self.slot_context.__enter__()
            self.uid = sandbox_uid(slot)
            command = [
                *in_cgroup(sandbox_cgroup(slot, limits)),
                *bwrap_prefix(roots, tmp_bytes=limits.tmp_bytes, work_bytes=limits.work_bytes),
                *sandbox_env(pythonpath), *limits_prefix(limits, self.uid), *program,
            ]
            env, cwd = None, None
        else:
            # Asked for by the instructor: only memory, CPU and wall time bound the student's code.
            self.work = Path(tempfile.mkdtemp(prefix="autograder-unsandboxed-"))
            command = [*limits_prefix(limits, None, count_processes=False), *program]
            env, cwd = unsandboxed_env(self.work, pythonpath), self.work
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=cwd, env=env,
            start_new_session=True,
        )
        self.pending = b""
        self.closed_output = False  # the sandbox closed its stdout: it ended, whatever bwrap's exit says yet
        self.overflowed = False  # it wrote more than we read

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


def finish_once(box: Sandbox, data: bytes, wall_seconds: float) -> SandboxResult:
    """Sends one job to a one-shot sandbox, reads all it answers, and ends it before returning the answer."""
    start = time.monotonic()
    sent = box.send(data, timeout=wall_seconds, close=True)
    output = box.read_to_end(max(wall_seconds - (time.monotonic() - start), 0.1)) if sent else None
    timed_out = output is None and not box.overflowed and not box.closed_output
    leftover = box.close()  # every process of the sandbox is gone before anything it wrote is used
    returncode = box.process.returncode
    text = (output or b"").decode(errors="replace") if output is not None else ""
    return SandboxResult(returncode, timed_out, time.monotonic() - start, text, leftover, box.overflowed)


def run_sandboxed(argv: list[str], limits: Limits, pythonpath: str = "", stdin: bytes = b"",
                  readonly: tuple[Path, ...] = ()) -> SandboxResult:
    """Runs argv in a fresh sandbox (the same command grading uses); returns what it wrote on stdout."""
    return finish_once(Sandbox(argv, limits, pythonpath, readonly=readonly), stdin, limits.wall_seconds)


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
        import json

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
