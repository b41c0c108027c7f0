"""The command line that starts a sandbox: bubblewrap's namespaces and mounts, a small known environment, then
setpriv (as root) and prlimit before the program. `sandbox_command` is the one place it is built: the judged
runs, the display sessions, the availability probe and the isolation tests all start what it returns."""

from __future__ import annotations

import os
import sys
import sysconfig
from pathlib import Path

from autograder.sandbox.limits import Limits, is_root

__all__ = ["WORK", "readonly_roots", "sandbox_command", "unsandboxed_command", "unsandboxed_env"]

WORK = "/grading"


def readonly_roots() -> list[Path]:
    """Returns the folders the sandbox needs to read: the Python installation and the venv."""
    roots = {Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve()}
    roots.add(Path(sysconfig.get_paths()["purelib"]).resolve())
    return sorted(r for r in roots if not str(r).startswith("/usr/"))


def parent_dirs(path: Path) -> list[Path]:
    """Returns the ancestors of a path below /, outermost first."""
    return list(reversed([p for p in path.parents if p != Path("/")]))


def sandbox_command(program: list[str], limits: Limits, pythonpath: str, uid: int | None = None,
                    cgroup: Path | None = None, readonly: tuple[Path, ...] = ()) -> list[str]:
    """Returns the whole command that runs program in a sandbox: moved into its cgroup, under bwrap, as uid.

    The sandbox is given an explicit list of what it sees: the system's /usr and libraries, the
    Python installation and venv, the folders on pythonpath and those named (all read-only), a
    private /tmp and a work folder /grading, both size-limited memory file systems of its own. No
    folder of the grading machine is writable inside, so nothing the student's code writes lands on our side.
    """
    roots = [Path(p) for p in pythonpath.split(":") if p] + list(readonly)
    return [
        *in_cgroup(cgroup),
        "bwrap", "--die-with-parent", "--new-session", *namespaces(),
        *system_mounts(), *memory_folder("/tmp", limits.tmp_bytes), *readonly_mounts(roots),
        *memory_folder(WORK, limits.work_bytes), "--chdir", WORK,
        *sandbox_env(pythonpath), *limits_prefix(limits, uid), *program,
    ]


def namespaces() -> list[str]:
    """Returns bwrap's options for the namespaces the sandbox gets of its own (no network among them)."""
    if is_root():
        # A user namespace would keep the code root inside; drop to a real uid instead (setpriv).
        return ["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try"]
    return ["--unshare-all"]


def system_mounts() -> list[str]:
    """Returns bwrap's options that show the system's programs and libraries, read-only, and /proc and /dev."""
    options = ["--ro-bind", "/usr", "/usr"]
    for name in ("lib", "lib64", "bin", "sbin"):
        target = Path("/") / name
        if target.is_symlink():
            options += ["--symlink", os.readlink(target), str(target)]
        elif target.exists():
            options += ["--ro-bind", str(target), str(target)]
    options += ["--ro-bind-try", "/etc/alternatives", "/etc/alternatives"]
    options += ["--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache"]
    return [*options, "--proc", "/proc", "--dev", "/dev"]


def memory_folder(path: str, size: int) -> list[str]:
    """Returns bwrap's options for a size-limited memory file system anyone inside may write (as /tmp is)."""
    return ["--perms", "1777", "--size", str(size), "--tmpfs", path]


def readonly_mounts(roots: list[Path]) -> list[str]:
    """Returns bwrap's options that show the Python installation, the venv and the roots given, read-only."""
    options: list[str] = []
    made: set[Path] = set()
    for root in [*readonly_roots(), *roots]:
        for parent in parent_dirs(root):
            if parent not in made and not str(parent).startswith("/usr"):
                options += ["--perms", "0755", "--dir", str(parent)]
                made.add(parent)
        options += ["--ro-bind", str(root), str(root)]
    return options


def in_cgroup(folder: Path | None) -> list[str]:
    """Returns a prefix that moves the sandbox into its cgroup before bwrap starts (so all it forks is in)."""
    if folder is None:
        return []
    return ["/bin/sh", "-c", f'echo $$ > "{folder}/cgroup.procs" && exec "$@"', "sh"]


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


def unsandboxed_command(program: list[str], limits: Limits) -> list[str]:
    """Returns the command of an unsandboxed run (asked for by the instructor): only memory, CPU and wall time
    bound the student's code."""
    return [*limits_prefix(limits, None, count_processes=False), *program]


def unsandboxed_env(work: Path, pythonpath: str) -> dict[str, str]:
    """Returns the environment of an unsandboxed run: the caller's, with the kernel-side package first."""
    return dict(
        os.environ, PYTHONPATH=pythonpath, HOME=str(work / "home"), OPENBLAS_NUM_THREADS="1",
        NBGRADER_EXECUTION="autograde", MPLCONFIGDIR=str(work / "home" / "matplotlib"),
    )
