"""The code of the course, notebooks' text twins included, is ruff-clean."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from autograder.release import ROOT

LINTED = ["autograder", "tests", "notebooks", "benchmarks", "conftest.py", "nbgrader_config.py"]


def test_ruff_is_clean():
    ruff = Path(sys.executable).parent / "ruff"
    done = subprocess.run([str(ruff), "check", *LINTED], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, f"ruff found problems:\n{done.stdout}{done.stderr}"
