"""Whether this machine can run the sandbox, probed with the very command every sandbox starts with."""

from __future__ import annotations

import shutil
import subprocess

from autograder._exceptions import SandboxUnavailable
from autograder.sandbox.command import sandbox_command
from autograder.sandbox.limits import Limits

__all__ = ["require_sandbox", "sandbox_problem"]


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
    probe = subprocess.run(sandbox_command(["true"], Limits(), pythonpath=""), capture_output=True, text=True)
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
