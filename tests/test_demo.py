"""`autograder demo` runs the whole instructor cycle on a synthetic class, in its own folder, from a wheel.

The cycle is run exactly as an instructor who installed the package would: from a wheel built
from a copy of what it packages (never from the checkout, whose build/ could hold stale modules),
installed in a fresh venv outside the checkout. The venv reuses this venv's installed packages,
hard-linked (copied across file systems), so nothing is downloaded; only the autograder package
comes from the wheel, and no tests/ or benchmarks/ can be imported: the synthetic class, its
answers and the course's files all come from the wheel.
"""


from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from autograder import demo
from autograder._exceptions import CourseError
from autograder.bundle import SKIPPED, student_environment
from autograder.release import ASSIGNMENT, ROOT
from autograder.venv_tools import venv_bin

PACKAGED = ["pyproject.toml", "nbgrader_config.py", "autograder", "source", "release"]  # what pyproject.toml ships


def build_wheel(folder: Path) -> Path:
    """Builds the wheel from a copy of the files it packages; returns its path."""
    tree = folder / "tree"
    tree.mkdir(parents=True)
    for name in PACKAGED:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, tree / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy(ROOT / name, tree / name)
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", ".", "--no-deps", "-q", "-w", str(folder / "dist")],
                          cwd=tree, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    (wheel,) = (folder / "dist").glob("autograder-*.whl")
    return wheel


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    return build_wheel(tmp_path_factory.mktemp("wheel"))


def course_files(folder: Path) -> set[str]:
    """Returns the files of a course folder as the bundle copies them (no checkpoints, no caches), relative."""
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*")
            if path.is_file() and not SKIPPED & set(path.relative_to(folder).parts)}


def test_the_wheel_carries_every_file_of_source_and_release(wheel):
    # The demo's generate_assignment writes its release from the installed source, so a file the wheel drops
    # (postBuild, without an extension, once was) is missing from the demo's release and its bundle too.
    data = "-".join(wheel.name.split("-")[:2]) + ".data/data/share/autograder/course/"  # autograder-VERSION.data
    with zipfile.ZipFile(wheel) as archive:
        carried = {name.removeprefix(data) for name in archive.namelist() if name.startswith(data)}
    assert "nbgrader_config.py" in carried
    shipped = {*student_environment(ROOT), "course_tools.py", "CONTENTS.md", "README.md"}
    for tree in ("source", "release"):
        folder = ROOT / tree / ASSIGNMENT
        files = course_files(folder)
        assert shipped <= files, f"{folder} lacks {sorted(shipped - files)}: run `autograder build`"
        missing = {f"{tree}/{ASSIGNMENT}/{name}" for name in files} - carried
        assert not missing, f"the wheel lacks {sorted(missing)}: name them in pyproject.toml's data-files"


def link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def is_this_checkouts_autograder(name: str) -> bool:
    """Returns True for the entries of site-packages that install the checkout's autograder (editable)."""
    return name == "autograder" or (name.startswith(("__editable__", "autograder-")) and "autograder" in name)


def fresh_venv(folder: Path) -> Path:
    """Returns a new venv holding this venv's packages (not autograder) and scripts; its python's path."""
    base = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base, "-m", "venv", "--without-pip", str(folder)], check=True, timeout=120)
    python = folder / "bin" / "python"
    ours = Path(sysconfig.get_paths()["purelib"])
    theirs = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                 capture_output=True, text=True, check=True).stdout.strip())
    for entry in ours.iterdir():
        if is_this_checkouts_autograder(entry.name) or entry.name == "__pycache__":
            continue
        if entry.is_dir():
            shutil.copytree(entry, theirs / entry.name, copy_function=link_or_copy, symlinks=True)
        else:
            link_or_copy(str(entry), str(theirs / entry.name))
    for data in ("share", "etc"):  # nbconvert's templates, Jupyter's configuration (never an autograder of ours)
        if (venv_bin().parent / data).is_dir():
            shutil.copytree(venv_bin().parent / data, folder / data, copy_function=link_or_copy, symlinks=True,
                            dirs_exist_ok=True, ignore=lambda where, names: ["autograder"] if where.endswith(
                                "share") else [])
    shebang = f"#!{venv_bin() / 'python'}"
    for script in venv_bin().iterdir():  # nbgrader, alembic, jupyter...: the scripts, run by the new venv's python
        target = folder / "bin" / script.name
        if target.exists() or not script.is_file():
            continue
        with open(script, "rb") as file:
            head = file.readline()
        if head.rstrip().decode(errors="replace").startswith(shebang):
            text = script.read_text()
            target.write_text(f"#!{python}\n" + text.split("\n", 1)[1])
            target.chmod(0o755)
    return python


@pytest.mark.skipif(shutil.which("bwrap") is None, reason="grading needs bubblewrap")
def test_demo_runs_the_whole_cycle_from_a_wheel_in_a_fresh_venv_outside_the_checkout(tmp_path, wheel):
    venv = tmp_path / "venv"
    python = fresh_venv(venv)
    installed = subprocess.run([str(python), "-m", "pip", "install", "--no-deps", "--no-index", "-q", str(wheel)],
                               capture_output=True, text=True, timeout=300)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}/usr/local/bin:/usr/bin:/bin"
    env["AUTOGRADER_DB_URL"] = "postgresql+psycopg2://instructor@127.0.0.1:1/the_real_class"  # never touched
    where = subprocess.run(
        [str(python), "-c", "import autograder, importlib.util as u; print(autograder.__file__); "
         "print(u.find_spec('tests') is None and u.find_spec('benchmarks') is None)"],
        cwd=outside, env=env, capture_output=True, text=True, check=True,
    ).stdout.split()
    assert where[0].startswith(str(venv)) and where[1] == "True", where

    folder = outside / "demo"
    done = subprocess.run([str(venv / "bin" / "autograder"), "demo", "--output", str(folder), "--students", "3",
                           "--workers", "2"], cwd=outside, env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    for step in ("1/5", "2/5", "3/5", "4/5", "5/5", "graded 3 students, 24 notebooks"):
        assert step in done.stdout, done.stdout
    assert "NOT GRADED" not in done.stdout, done.stdout
    page = Path(done.stdout.split("5/5 report: ", 1)[1].splitlines()[0])
    assert page.exists() and page.is_relative_to(folder), done.stdout
    assert (folder / "grades_by_exercise.csv").exists()
    assert list((folder / "feedback").glob(f"*/{ASSIGNMENT}/01_why_numpy.html"))
    assert (folder / "gradebook.db").exists(), "the demo keeps its own gradebook, never the class's"
    assert (folder / "release" / ASSIGNMENT / "postBuild").is_file(), "the installed course's release is whole"
    assert not str(folder).startswith(str(ROOT))


def test_demo_does_not_replace_a_folder_without_force(tmp_path):
    (tmp_path / "demo").mkdir()
    (tmp_path / "demo" / "mine.txt").write_text("keep")
    with pytest.raises(CourseError, match="--force"):
        demo.main(tmp_path / "demo", students=1)
    assert (tmp_path / "demo" / "mine.txt").read_text() == "keep"


def test_in_a_checkout_the_demo_copies_the_checkouts_course():
    from autograder.synthetic.course import course_root

    assert course_root() == ROOT
