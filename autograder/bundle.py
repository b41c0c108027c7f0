"""What students receive: the release folder as one zip that runs wherever students work.

`autograder release` writes `dist/python_basics-student/` and `dist/python_basics-student.zip`:
the release notebooks, `course_tools.py` (the student-side module they import), `CONTENTS.md`, the
student README and the student environment, all of them files of `release/python_basics` that
`nbgrader generate_assignment` copied from the source folder, so `nbgrader release_assignment` hands
out the same tree. A bundle holding any line of a solution, a hidden test, a reference function or
the seed rule is refused.

The student environment, which `autograder build` writes into the source folder: `requirements.txt`
and `environment.yml` pin only the student packages, at the versions of `requirements.lock`;
`requirements-lock.txt` pins every package the student environment holds (the student packages and
all they need, on this platform) at those versions, for `pip install -r requirements-lock.txt` to
give exactly the tested environment; `postBuild` (Binder runs it after building environment.yml;
elsewhere `bash postBuild` once) hides nbgrader's instructor panels from the student's JupyterLab:
the formgrader, course list and create-assignment lab extensions disabled and locked, the formgrader
and course-list server extensions disabled, as nbgrader's installation guide says; the Assignments
tab and Validate stay. Grading never reads them: the judge copies only `course_tools.py` into the
sandbox (`TrustedJudge.supporting_files`).
"""

from __future__ import annotations

import ast
import json
import re
import shutil
import zipfile
from pathlib import Path

from autograder._exceptions import BuildError

__all__ = ["STUDENT_PACKAGES", "bundle_folder", "forbidden_lines", "leaks", "student_pins", "write_bundle",
           "write_student_environment"]

ASSIGNMENT = "python_basics"
# As requirements.lock spells them. ipywidgets (with JupyterLab's widget manager, jupyterlab_widgets, and
# widgetsnbextension) draws 04's and 05's live sliders; nbgrader requires it too, but the notebooks import it.
# notebook (nbgrader requires it): Binder's base environment has its own, 7.4, for an older jupyterlab than ours;
# pinned, Binder gets the tested one, not whichever newer one pip picks then.
STUDENT_PACKAGES = ("numpy", "matplotlib", "jupyterlab", "notebook", "nbgrader", "ipykernel", "ipywidgets",
                    "jupyterlab_widgets", "widgetsnbextension")
ENVIRONMENT_NAME = "python-basics-student"
PYTHON = "3.11"
FORBIDDEN_WORDS = ("autograder", "reference_", "student_seed", "hmac", "AUTOGRADER_SECRET",
                   "BEGIN SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")
REGION = re.compile(r"^\s*### BEGIN (SOLUTION|HIDDEN TESTS)\s*$(.*?)^\s*### END \1\s*$", re.MULTILINE | re.DOTALL)
SKIPPED = {".ipynb_checkpoints", "__pycache__"}
ZIP_TIME = (2020, 1, 1, 0, 0, 0)
MIN_LINE = 6  # shorter lines (`else:`, `return x`) say nothing of an answer
LOCK_FILE = "requirements-lock.txt"
POSTBUILD = "postBuild"
PIP_FREEZE_OMITS = {"pip", "setuptools", "wheel", "distribute"}  # what pip freeze never lists
INSTRUCTOR_LAB_PLUGINS = ("@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:course-list",
                          "@jupyter/nbgrader:create-assignment")
INSTRUCTOR_SERVER_EXTENSIONS = ("nbgrader.server_extensions.formgrader", "nbgrader.server_extensions.course_list")
POSTBUILD_TEXT = f"""#!/usr/bin/env bash
# Hides nbgrader's instructor tools (formgrader, course list, create assignment) from this JupyterLab;
# the Assignments tab and Validate stay. Binder runs this file after building environment.yml.
# Elsewhere, run it once in the environment you installed: bash postBuild
# (Windows: run the three jupyter commands below in a terminal where that environment is active.)
set -euo pipefail
jupyter labextension disable --level=sys_prefix {" ".join(INSTRUCTOR_LAB_PLUGINS)}
jupyter labextension lock --level=sys_prefix {" ".join(INSTRUCTOR_LAB_PLUGINS)}
jupyter server extension disable --sys-prefix {" ".join(INSTRUCTOR_SERVER_EXTENSIONS)}
"""


def student_pins(root: Path) -> dict[str, str]:
    """Returns {package: version} of the student packages, as requirements.lock pins them."""
    lock = {key: version for key, (_, version) in read_lock(root).items()}
    missing = [name for name in STUDENT_PACKAGES if canonical(name) not in lock]
    if missing:
        raise BuildError(f"requirements.lock pins no version of {', '.join(missing)}, which students need.")
    return {name: lock[canonical(name)] for name in STUDENT_PACKAGES}


def canonical(name: str) -> str:
    """Returns a package name as pip compares them: lower case, runs of -_. as one '-'."""
    return re.sub(r"[-_.]+", "-", name.strip()).lower()


def read_lock(root: Path) -> dict[str, tuple[str, str]]:
    """Returns {canonical name: (name as written, version)} of requirements.lock."""
    lock = {}
    for line in (root / "requirements.lock").read_text().splitlines():
        name, _, version = line.partition("==")
        if version and not line.lstrip().startswith("#"):
            lock[canonical(name)] = (name.strip(), version.split()[0])
    return lock


def student_lock(root: Path) -> dict[str, str]:
    """Returns {package: version} of every package the student environment needs on this platform: the student
    packages and, through their installed metadata, everything they require (extras asked for included), each
    at the version requirements.lock pins (the instructor's venv is made from it; a difference is an error)."""
    from importlib.metadata import PackageNotFoundError, distribution

    from packaging.requirements import Requirement

    lock = read_lock(root)
    todo: list[tuple[str, frozenset[str], str]] = [(name, frozenset(), "the student") for name in STUDENT_PACKAGES]
    extras_of: dict[str, frozenset[str]] = {}
    while todo:
        name, extras, needed_by = todo.pop()
        key = canonical(name)
        if key in extras_of and extras <= extras_of[key]:
            continue
        if key in PIP_FREEZE_OMITS:
            continue  # every venv has its own; pip freeze, which wrote requirements.lock, leaves them out
        extras_of[key] = extras_of.get(key, frozenset()) | extras
        if key not in lock:
            raise BuildError(f"requirements.lock pins no version of {name}, which {needed_by} environment needs.")
        try:
            dist = distribution(key)
        except PackageNotFoundError as error:
            raise BuildError(f"{name} of requirements.lock is not installed here: ./course.sh setup") from error
        if dist.version != lock[key][1]:
            raise BuildError(f"{name} is {dist.version} here, {lock[key][1]} in requirements.lock: ./course.sh setup")
        for text in dist.requires or []:
            requirement = Requirement(text)
            marker = requirement.marker
            if marker is None or any(marker.evaluate({"extra": e}) for e in {"", *extras_of[key]}):
                todo.append((requirement.name, frozenset(requirement.extras), name + "'s"))
    return {lock[key][0]: lock[key][1] for key in sorted(extras_of)}


def lock_text(pins: dict[str, str]) -> str:
    """Returns requirements-lock.txt: every package of the student environment, pinned."""
    head = (
        "# The student environment of Python Basics with NumPy, every package pinned: the versions the course is\n"
        "# tested with (Python 3.11, Linux). pip install -r requirements-lock.txt\n"
        "# On Windows and macOS pip adds, unpinned, the few packages only those systems need (pywinpty, appnope).\n"
        f"# requirements.txt names the {len(STUDENT_PACKAGES)} student packages alone, for a Python where these exact\n"
        "# versions do not install.\n"
        "# pip and setuptools come with the virtual environment and are not listed (as pip freeze lists neither).\n"
    )
    return head + "".join(f"{name}=={version}\n" for name, version in pins.items())


def requirements_text(pins: dict[str, str]) -> str:
    """Returns the student requirements.txt: only the packages a student needs, pinned."""
    head = (
        "# The student environment of Python Basics with NumPy (Python 3.11 or newer): "
        "pip install -r requirements.txt\n"
    )
    return head + "".join(f"{name}=={version}\n" for name, version in pins.items())


def environment_text(pins: dict[str, str]) -> str:
    """Returns the student environment.yml (conda, Binder): the same pins as requirements.txt."""
    lines = [
        "# The student environment for conda and Binder; requirements.txt pins the same.",
        f"name: {ENVIRONMENT_NAME}",
        "channels:",
        "  - conda-forge",
        "dependencies:",
        f"  - python={PYTHON}",
        "  - pip",
        "  - pip:",
        *(f"      - {name}=={version}" for name, version in pins.items()),
    ]
    return "\n".join(lines) + "\n"


def student_environment(root: Path) -> dict[str, str]:
    """Returns {file name: text} of the student environment's files."""
    pins = student_pins(root)
    return {"requirements.txt": requirements_text(pins), "environment.yml": environment_text(pins),
            LOCK_FILE: lock_text(student_lock(root)), POSTBUILD: POSTBUILD_TEXT}


def write_student_environment(root: Path) -> None:
    """Writes the student environment's files into the source folder, so the release and the exchange hand
    them out (generate_assignment copies them, without postBuild's executable bit: Binder sets it, the README
    and course.sh run `bash postBuild`)."""
    folder = root / "source" / ASSIGNMENT
    for name, text in student_environment(root).items():
        path = folder / name
        if not path.exists() or path.read_text() != text:
            path.write_text(text)


def stale_environment(root: Path, release: Path) -> list[str]:
    """Returns the student environment's files that release/ lacks or holds out of date."""
    return [name for name, text in student_environment(root).items()
            if not (release / name).is_file() or (release / name).read_text() != text]


def bundle_folder(output: Path) -> Path:
    """Returns the unpacked student bundle in the output folder (dist/): python_basics-student."""
    return output / f"{ASSIGNMENT}-student"


def copy_release(release: Path, folder: Path) -> None:
    """Copies the release folder's files (no checkpoints, no caches) into a fresh bundle folder."""
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(release, folder, ignore=lambda _, names: [n for n in names if n in SKIPPED])


def write_zip(folder: Path, archive: Path) -> None:
    """Zips the folder under its own name, entries sorted and dated alike, so equal trees give equal zips."""
    with zipfile.ZipFile(archive.with_suffix(".tmp"), "w", zipfile.ZIP_DEFLATED) as bundle:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            entry = zipfile.ZipInfo(f"{folder.name}/{path.relative_to(folder).as_posix()}", ZIP_TIME)
            entry.external_attr = (0o755 if path.name == POSTBUILD else 0o644) << 16
            entry.compress_type = zipfile.ZIP_DEFLATED
            bundle.writestr(entry, path.read_bytes())
    archive.with_suffix(".tmp").replace(archive)


def write_bundle(root: Path, output: Path | None = None) -> Path:
    """Writes python_basics-student/ and its zip into output (default: the course's dist/) from release/.

    Returns the zip. A bundle that would hold a forbidden line or word is removed and refused.
    """
    release = root / "release" / ASSIGNMENT
    if not (release / "course_tools.py").is_file():
        raise BuildError(f"{release} has no course_tools.py: run `autograder build` first.")
    stale = stale_environment(root, release)
    if stale:
        raise BuildError(f"{release} holds an old or no {', '.join(stale)}: run `autograder build` first.")
    folder = bundle_folder(output or root / "dist")
    folder.parent.mkdir(parents=True, exist_ok=True)
    copy_release(release, folder)
    found = leaks(folder, root)
    if found:
        shutil.rmtree(folder)
        raise BuildError(f"the student bundle would leak what students must not read: {'; '.join(found[:5])}")
    archive = folder.with_name(folder.name + ".zip")
    write_zip(folder, archive)
    return archive


def regions(text: str) -> list[str]:
    """Returns the text of every solution and hidden-test region of a cell."""
    return [match.group(2) for match in REGION.finditer(text)]


def meaningful(lines: str) -> set[str]:
    """Returns the stripped lines long enough to say something."""
    return {line.strip() for line in lines.splitlines() if len(line.strip()) >= MIN_LINE}


def reference_bodies(checks: Path) -> set[str]:
    """Returns the lines of every `reference_` function of autograder/checks (docstrings left out)."""
    found: set[str] = set()
    for path in sorted(checks.rglob("*.py")):  # a notebook's checks may be a package
        text = path.read_text()
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef) and node.name.startswith("reference_"):
                body = node.body[1:] if ast.get_docstring(node) else node.body
                for statement in body:
                    found |= meaningful(ast.get_source_segment(text, statement) or "")
    return found


def forbidden_lines(root: Path) -> set[str]:
    """Returns the lines of solutions, hidden tests and reference functions that the given text never shows."""
    secret: set[str] = set()
    given: set[str] = set()
    for path in sorted((root / "source" / ASSIGNMENT).glob("*.ipynb")):
        for cell in json.loads(path.read_text())["cells"]:
            text = "".join(cell["source"])
            inside = regions(text)
            secret |= set().union(*(meaningful(region) for region in inside))
            given |= meaningful(REGION.sub("", text))
    secret |= reference_bodies(root / "autograder" / "checks")
    return secret - given


def readable_text(path: Path) -> str:
    """Returns what a student reads in a file: a notebook's cell sources and outputs, else the text."""
    text = path.read_text(errors="replace")
    if path.suffix != ".ipynb":
        return text
    parts = []
    for cell in json.loads(text)["cells"]:
        parts.append("".join(cell["source"]))
        parts += [json.dumps(output) for output in cell.get("outputs", [])]
    return "\n".join(parts)


def leaks(folder: Path, root: Path) -> list[str]:
    """Returns a sentence for each file of the folder that holds a forbidden line or word."""
    forbidden = forbidden_lines(root)
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        text = readable_text(path)
        lines = {line.strip() for line in text.splitlines()}
        for line in sorted(forbidden & lines):
            found.append(f"{path.relative_to(folder)} holds the line {line!r}")
        for word in FORBIDDEN_WORDS:
            if word in text:
                found.append(f"{path.relative_to(folder)} holds the word {word!r}")
    return found
