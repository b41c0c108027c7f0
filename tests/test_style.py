"""The code of the course, notebooks' text twins included, is ruff-clean."""

from __future__ import annotations

import subprocess

from autograder.release import ROOT
from autograder.venv_tools import tool

LINTED = ["autograder", "tests", "notebooks", "benchmarks", "conftest.py", "nbgrader_config.py"]


def test_ruff_is_clean():
    done = subprocess.run([tool("ruff"), "check", *LINTED], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, f"ruff found problems:\n{done.stdout}{done.stderr}"
