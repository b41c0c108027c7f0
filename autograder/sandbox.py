"""Run untrusted code under bubblewrap: no course files, no network, bounded resources.

The sandbox sees the system's /usr, the Python installation and the virtual environment,
read-only, one writable work folder, and a private /tmp; the course directory, the gradebook,
other students and the instructor's home are simply never mounted. As root, the code also
drops to an unprivileged uid with no capabilities (bwrap alone would leave it root). Limits on
memory, CPU time, processes, file size and open files are set inside the sandbox with prlimit;
wall time is enforced from outside, and the PID namespace ends every process it started.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import signal
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from autograder._exceptions import SandboxUnavailable

__all__ = ["Limits", "SandboxResult", "SandboxSession", "require_sandbox", "run_sandboxed", "sandbox_problem"]

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


@dataclass
class SandboxResult:
    """What a sandboxed run did, as seen from outside."""

    returncode: int | None
    timed_out: bool
    seconds: float
    output: str = ""
    leftover_pids: list[int] = field(default_factory=list)


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
        [*bwrap_prefix(Path("/"), None, sandbox_work=False), "true"], capture_output=True, text=True
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
    work: Path, extra_readonly: list[Path] | None, sandbox_work: bool = True, tmp_bytes: int = Limits.tmp_bytes,
) -> list[str]:
    """Returns the bwrap command line up to the program to run."""
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
    if sandbox_work:
        command += ["--bind", str(work), WORK, "--chdir", WORK]
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


SCRATCH_MIN_FREE = 1024**3  # a container's 64 MB /dev/shm is too small for a class's sessions


def scratch_dir() -> Path:
    """Returns where sandbox work folders go: memory (/dev/shm) when there is one, else the temp dir.

    A class makes and deletes tens of thousands of small files; on ext4 each new inode then skips
    every recently deleted one, and grading spent half its CPU in the kernel doing that.
    AUTOGRADER_SCRATCH chooses another folder.
    """
    chosen = os.environ.get("AUTOGRADER_SCRATCH")
    if chosen:
        return Path(chosen)
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK | os.X_OK) and free_bytes(shm) >= SCRATCH_MIN_FREE:
        return shm
    return Path(tempfile.gettempdir())


def free_bytes(folder: Path) -> int:
    """Returns the bytes free for an ordinary user in the file system of a folder."""
    stats = os.statvfs(folder)
    return stats.f_bavail * stats.f_frsize


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


def prepare_work(work: Path, uid: int | None) -> None:
    """Makes the work folder's home and gives the folder to the sandbox's uid (as root)."""
    (work / "home").mkdir(exist_ok=True)
    give_to(work, uid)


def give_to(folder: Path, uid: int | None) -> None:
    """Gives a folder and all it holds to the sandbox's uid, so that it can write there and nowhere else."""
    if uid is None:
        return
    for path in [folder, *folder.rglob("*")]:
        os.lchown(path, uid, uid)


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


def run_sandboxed(
    argv: list[str],
    work: Path,
    limits: Limits,
    pythonpath: str,
    readonly: list[Path] | None = None,
) -> SandboxResult:
    """Runs argv inside a fresh sandbox whose only writable folder is `work` (mounted at /grading)."""
    require_sandbox()
    with claimed_slot() as slot:
        return run_in_slot(argv, work, limits, pythonpath, readonly or [], sandbox_uid(slot))


def wait_for(process: subprocess.Popen, limits: Limits, uid: int | None) -> SandboxResult:
    """Waits for a started run up to the wall-time limit, kills its process group then, and sweeps its uid."""
    start = time.monotonic()
    timed_out = False
    try:
        output, _ = process.communicate(timeout=limits.wall_seconds)
    except subprocess.TimeoutExpired:
        timed_out = True
        os.killpg(process.pid, signal.SIGKILL)
        output, _ = process.communicate()
    seconds = time.monotonic() - start
    leftover = sweep(uid)
    text = output.decode(errors="replace")[-4000:] if output else ""
    return SandboxResult(process.returncode, timed_out, seconds, text, leftover)


def run_in_slot(
    argv: list[str], work: Path, limits: Limits, pythonpath: str, readonly: list[Path], uid: int | None
) -> SandboxResult:
    """Runs argv in a sandbox as `uid` (None: as the caller, in a user namespace)."""
    prepare_work(work, uid)
    command = [
        *bwrap_prefix(work, [Path(p) for p in pythonpath.split(":") if p] + readonly, tmp_bytes=limits.tmp_bytes),
        *sandbox_env(pythonpath),
        *limits_prefix(limits, uid),
        *argv,
    ]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True
    )
    return wait_for(process, limits, uid)


class SandboxSession:
    """One long-lived sandbox running `python -m autograder._session` for one student's notebooks.

    It is started ahead of need: bubblewrap, the interpreter, numpy, matplotlib and IPython
    load while the previous student is being graded. Each notebook then costs only its cells.
    """

    def __init__(self, limits: Limits, pythonpath: str, sandboxed: bool = True) -> None:
        self.limits = limits
        self.sandboxed = sandboxed
        self.work = Path(tempfile.mkdtemp(prefix="autograder-session-", dir=scratch_dir()))
        program = [sys.executable, "-m", "autograder._session"]
        if sandboxed:
            require_sandbox()
            self.slot_context = claimed_slot()
            self.uid = sandbox_uid(self.slot_context.__enter__())
            prepare_work(self.work, self.uid)
            command = [
                *bwrap_prefix(self.work, [Path(p) for p in pythonpath.split(":") if p], tmp_bytes=limits.tmp_bytes),
                *sandbox_env(pythonpath),
                *limits_prefix(limits, self.uid),
                *program,
            ]
            env = None
        else:
            # Asked for by the instructor: only memory, CPU and wall time bound the student's code.
            self.slot_context, self.uid = None, None
            prepare_work(self.work, None)
            command = [*limits_prefix(limits, None, count_processes=False), *program]
            env = unsandboxed_env(self.work, pythonpath)
        self.errors = tempfile.TemporaryFile()  # noqa: SIM115 - the session's stderr, kept outside, open while it runs
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.errors, cwd=self.work,
            env=env, start_new_session=True, text=True, bufsize=1,
        )
        self.ready = False
        self.closed_output = False  # the sandbox closed its stdout: it ended, whatever bwrap's exit says yet
        self.jobs = 0
        self.started = time.monotonic()

    def read_line(self, timeout: float) -> dict | None:
        """Returns the next protocol message, or None on timeout or when the sandbox ended."""
        import json
        import selectors

        with selectors.DefaultSelector() as selector:
            selector.register(self.process.stdout, selectors.EVENT_READ)
            deadline = time.monotonic() + timeout
            while (left := deadline - time.monotonic()) > 0:
                if not selector.select(left):
                    return None
                line = self.process.stdout.readline()
                if not line:
                    self.closed_output = True
                    return None
                try:
                    message = json.loads(line)
                except ValueError:
                    continue
                if isinstance(message, dict):
                    return message
        return None

    def folder(self) -> tuple[Path, str]:
        """Returns a fresh folder for the next notebook: its path here and inside the sandbox."""
        self.jobs += 1
        name = f"job{self.jobs}"
        (self.work / name).mkdir()
        return self.work / name, f"{WORK}/{name}" if self.sandboxed else str(self.work / name)

    def run(self, plan: Path, inside: str, timeout: float) -> tuple[str, float]:
        """Runs the notebook of a plan written under `folder()`; returns (ending, seconds)."""
        start = time.monotonic()
        give_to(plan.parent.parent, self.uid)
        if not self.ready:
            self.ready = bool(self.read_line(max(timeout, 60.0)))
            if not self.ready:
                self.stop()
                return "kernel died", time.monotonic() - start
        try:
            self.process.stdin.write(f'{{"plan": "{inside}"}}\n')
            self.process.stdin.flush()
        except (BrokenPipeError, OSError):
            self.stop()
            return "kernel died", time.monotonic() - start
        message = self.read_line(timeout)
        if message is None:
            # bwrap may still be reaping a kernel that just died, so its exit status would say "running"
            timed_out = not self.closed_output and self.process.poll() is None
            self.stop()
            return ("timed out" if timed_out else "kernel died"), time.monotonic() - start
        if "done" not in message:
            self.stop()
            return "kernel died", time.monotonic() - start
        return "finished", time.monotonic() - start

    def error_tail(self, size: int = 2000) -> str:
        """Returns the end of what the session wrote on stderr (why it died, for the instructor's log)."""
        self.errors.seek(0, os.SEEK_END)
        self.errors.seek(max(0, self.errors.tell() - size))
        return self.errors.read().decode(errors="replace")

    def alive(self) -> bool:
        """Returns True while the sandbox runs."""
        return self.process.poll() is None

    def close(self) -> list[int]:
        """Ends the sandbox and every process in it, frees its slot and folder; returns pids swept."""
        leftover = self.stop()
        if self.slot_context is not None:
            self.slot_context.__exit__(None, None, None)
            self.slot_context = None
        shutil.rmtree(self.work, ignore_errors=True)
        self.errors.close()
        return leftover

    def stop(self) -> list[int]:
        """Ends the sandbox and every process in it, keeping its folder to read; returns pids swept."""
        if self.process.poll() is None:
            with contextlib.suppress(OSError):
                self.process.stdin.close()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=1)
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        return sweep(self.uid)
