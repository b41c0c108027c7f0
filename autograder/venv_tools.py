"""The course environment's own tools: its bin/ folder, first on PATH, the one place that puts it there.

nbgrader runs `alembic` from PATH when it creates a gradebook, and the build runs `jupytext` and
`nbgrader`; all of them are the ones installed beside this interpreter, never others on PATH.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

__all__ = ["tool", "use_venv_tools", "venv_bin", "with_venv_tools"]


def venv_bin() -> Path:
    """Returns the folder of this interpreter's scripts (the venv's bin/)."""
    return Path(sys.executable).parent


def tool(name: str) -> str:
    """Returns the path of a script installed beside this interpreter (jupytext, nbgrader, dask, ...)."""
    return str(venv_bin() / name)


def with_venv_tools(env: dict[str, str] | None = None) -> dict[str, str]:
    """Returns a copy of the environment (default: this process's) with the venv's bin/ first on PATH."""
    env = dict(os.environ if env is None else env)
    env["PATH"] = str(venv_bin()) + os.pathsep + env.get("PATH", "")
    return env


def use_venv_tools() -> None:
    """Puts the venv's bin/ first on this process's PATH (once): nbgrader runs `alembic` from there."""
    first = str(venv_bin())
    if not os.environ.get("PATH", "").startswith(first):
        os.environ["PATH"] = first + os.pathsep + os.environ.get("PATH", "")
