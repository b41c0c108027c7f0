"""The package each sandbox imports: the folder autograder/inside/, copied whole and read-only, and nothing else."""

from __future__ import annotations

import shutil
import tempfile
from functools import cache
from pathlib import Path

import autograder.inside

__all__ = ["COPY_INIT", "INSIDE", "copy_font_cache", "kernel_side_package"]

# What runs in a sandbox besides the student's code; the notebooks' own helpers ship as course_tools.py.
INSIDE = Path(autograder.inside.__file__).resolve().parent
# The copy's autograder/__init__.py: the real one is trusted, and the copy needs only a package to hold inside/.
COPY_INIT = '"""The sandbox\'s copy of autograder: only autograder.inside, what runs beside the student\'s code."""\n'


@cache
def kernel_side_package() -> Path:
    """Returns a root-owned, read-only-mounted folder holding only autograder/inside/ (its *.py files) and an
    autograder/__init__.py that imports nothing: no checks, no references, no seed rule."""
    folder = Path(tempfile.mkdtemp(prefix="autograder-kernel-"))
    package = folder / "autograder"
    package.mkdir()
    (package / "__init__.py").write_text(COPY_INIT)
    shutil.copytree(INSIDE, package / "inside", ignore=not_a_module)
    copy_font_cache(folder)
    for path in [folder, *folder.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return folder


def not_a_module(folder: str, names: list[str]) -> set[str]:
    """Returns the names copytree skips: all but regular *.py files (no __pycache__, no subfolder, no link)."""
    def is_module(path: Path) -> bool:
        return path.suffix == ".py" and path.is_file() and not path.is_symlink()

    return {name for name in names if not is_module(Path(folder) / name)}


def copy_font_cache(folder: Path) -> None:
    """Puts matplotlib's font list beside the package, so no sandbox spends a second rebuilding it."""
    import matplotlib
    import matplotlib.font_manager

    for cached in Path(matplotlib.get_cachedir()).glob("fontlist-*.json"):
        shutil.copy(cached, folder / cached.name)
        (folder / cached.name).chmod(0o644)
