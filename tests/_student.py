"""The student's side of the tests: the bundle unpacked, and an environment made from its requirements alone."""

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


def env_key(requirements: Path) -> str:
    """Returns the cache key of an environment: the requirements' text and this Python's version."""
    text = requirements.read_bytes() + sys.version.encode()
    return hashlib.sha256(text).hexdigest()[:16]


def student_env(requirements: Path) -> Path:
    """Returns a virtual environment with the requirements installed and nothing else (made once, cached)."""
    venv = ENV_CACHE / env_key(requirements)
    if (venv / COMPLETE).exists():
        return venv
    shutil.rmtree(venv, ignore_errors=True)
    ENV_CACHE.mkdir(parents=True, exist_ok=True)
    install_env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    subprocess.run([sys._base_executable, "-m", "venv", str(venv)], check=True, env=install_env)
    subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "-r", str(requirements)],
        check=True, env=install_env, capture_output=True,
    )
    (venv / COMPLETE).write_text(requirements.read_text())
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
