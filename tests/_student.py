"""The student's side of the tests: the bundle unpacked, and an environment made from its requirements alone.

A bundle's environment is made as its README says: `pip install --no-deps -r requirements-lock.txt` (so `pip
check` proves the lock holds everything its packages need), then `bash postBuild` (what Binder runs), which
hides nbgrader's instructor panels. A requirements file with no lock beside it is installed as it is.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from autograder.bundle import bundle_folder, write_bundle
from autograder.release import ROOT

# Built once per requirements.txt and Python, reused by later runs (pip from PyPI takes about a minute).
ENV_CACHE = Path(os.environ.get("STUDENT_ENV_CACHE", "/tmp/python-basics-student-envs"))
COMPLETE = ".complete"


def unpacked_bundle(output: Path) -> Path:
    """Writes the student bundle into output and returns its folder, unpacked from the zip as a student would."""
    archive = write_bundle(ROOT, output)
    shutil.rmtree(bundle_folder(output))
    shutil.unpack_archive(archive, output)
    return bundle_folder(output)


LOCK = "requirements-lock.txt"
POSTBUILD = "postBuild"


def env_files(requirements: Path) -> list[Path]:
    """Returns the files an environment is made from: the lock beside the requirements if any (else them), postBuild."""
    lock = requirements.with_name(LOCK)
    chosen = lock if lock.is_file() else requirements
    return [chosen, *[p for p in [requirements.with_name(POSTBUILD)] if chosen == lock and p.is_file()]]


def env_key(requirements: Path) -> str:
    """Returns the cache key of an environment: the text of the files it is made from and this Python's version."""
    text = b"".join(p.name.encode() + p.read_bytes() for p in env_files(requirements)) + sys.version.encode()
    return hashlib.sha256(text).hexdigest()[:16]


def student_env(requirements: Path) -> Path:
    """Returns a virtual environment made from the requirements (or the bundle's lock and postBuild beside them)
    and nothing else (made once, cached)."""
    venv = ENV_CACHE / env_key(requirements)
    if (venv / COMPLETE).exists():
        return venv
    shutil.rmtree(venv, ignore_errors=True)
    ENV_CACHE.mkdir(parents=True, exist_ok=True)
    install_env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    subprocess.run([sys._base_executable, "-m", "venv", str(venv)], check=True, env=install_env)
    files = env_files(requirements)
    pip = [str(venv / "bin" / "python"), "-m", "pip"]
    exact = ["--no-deps"] if files[0].name == LOCK else []
    subprocess.run([*pip, "install", "-q", *exact, "-r", str(files[0])], check=True, env=install_env,
                   capture_output=True)
    checked = subprocess.run([*pip, "check"], env=install_env, capture_output=True, text=True)
    assert checked.returncode == 0, f"{files[0].name} misses what its packages need:\n{checked.stdout}"
    if files[1:]:
        subprocess.run(["bash", str(files[1])], check=True, capture_output=True, cwd=requirements.parent,
                       env=dict(install_env, PATH=f"{venv / 'bin'}{os.pathsep}{install_env['PATH']}"))
    (venv / COMPLETE).write_text("".join(p.read_text() for p in files))
    return venv


def student_environ(venv: Path, home: Path, **extra: str) -> dict[str, str]:
    """Returns a student's clean process environment: the venv first on PATH, a home of their own."""
    home.mkdir(parents=True, exist_ok=True)
    return {
        "PATH": f"{venv / 'bin'}{os.pathsep}/usr/local/bin:/usr/bin:/bin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "VIRTUAL_ENV": str(venv),
        **extra,
    }


def run_student(venv: Path, home: Path, args: list[str], cwd: Path, **extra: str) -> subprocess.CompletedProcess:
    """Runs a command of the student environment in cwd; returns it finished, output captured."""
    return subprocess.run(
        [str(venv / "bin" / args[0]), *args[1:]], cwd=cwd, env=student_environ(venv, home, **extra),
        capture_output=True, text=True, timeout=900,
    )
