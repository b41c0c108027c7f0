"""Where the course's own files are: the checkout's, or the copy a wheel installs (for `autograder demo`).

A wheel holds the package only; it also installs nbgrader_config.py, source/ and release/ under
<prefix>/share/autograder/course (pyproject.toml's data-files), so the demo runs outside a checkout.
"""

from __future__ import annotations

import sysconfig
from pathlib import Path

from autograder._exceptions import CourseError
from autograder.release import ASSIGNMENT, ROOT

__all__ = ["INSTALLED", "course_root"]

INSTALLED = Path("share") / "autograder" / "course"  # below the environment's data folder (sys.prefix in a venv)


def is_course(folder: Path) -> bool:
    return (folder / "nbgrader_config.py").is_file() and (folder / "source" / ASSIGNMENT).is_dir()


def course_root() -> Path:
    """Returns the folder holding nbgrader_config.py, source/ and release/: the checkout, else the installed copy."""
    installed = Path(sysconfig.get_path("data")) / INSTALLED
    for folder in (ROOT, installed):
        if is_course(folder):
            return folder
    raise CourseError(f"the course's files are neither in {ROOT} (a checkout) nor in {installed} (an installed "
                      "wheel): install the autograder package from its wheel or run in the course's checkout.")
