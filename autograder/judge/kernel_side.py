"""The package each sandbox imports: the sandbox side of autograder, copied read-only, and nothing else."""

from __future__ import annotations

import shutil
import tempfile
from functools import cache
from pathlib import Path

__all__ = ["KERNEL_SIDE_MODULES", "copy_font_cache", "kernel_side_package"]

# What runs in a sandbox besides the student's code; the notebooks' own helpers ship as course_tools.py.
KERNEL_SIDE_MODULES = ("__init__.py", "_wire.py", "_values.py", "_session.py", "_functions.py")


@cache
def kernel_side_package() -> Path:
    """Returns a root-owned, read-only-mounted folder holding only the modules the sandbox needs:
    no checks, no references, no seed rule."""
    folder = Path(tempfile.mkdtemp(prefix="autograder-kernel-"))
    package = folder / "autograder"
    package.mkdir()
    here = Path(__file__).resolve().parent.parent  # autograder/
    for name in KERNEL_SIDE_MODULES:
        shutil.copy(here / name, package / name)
    copy_font_cache(folder)
    folder.chmod(0o755)
    package.chmod(0o755)
    for path in package.iterdir():
        path.chmod(0o644)
    return folder


def copy_font_cache(folder: Path) -> None:
    """Puts matplotlib's font list beside the package, so no sandbox spends a second rebuilding it."""
    import matplotlib
    import matplotlib.font_manager

    for cached in Path(matplotlib.get_cachedir()).glob("fontlist-*.json"):
        shutil.copy(cached, folder / cached.name)
        (folder / cached.name).chmod(0o644)
