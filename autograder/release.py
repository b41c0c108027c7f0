"""Keep text twins, source notebooks and the release one: sync, navigate, execute, generate.

`autograder build` is the one command an instructor runs after editing either side:
it syncs `notebooks/*.py` with `source/python_basics/*.ipynb` (jupytext), rewrites the
navigation lines, executes the source notebooks whose code changed, and regenerates
`release/` with nbgrader's own `generate_assignment`.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from autograder._exceptions import BuildError
from autograder.bundle import write_student_environment
from autograder.venv_tools import tool, with_venv_tools

ROOT = Path(__file__).resolve().parent.parent
ASSIGNMENT = "python_basics"
NAV_MARKER = "<!--NAVIGATION-->"
CONTENTS = "CONTENTS.md"

__all__ = [
    "ASSIGNMENT",
    "ROOT",
    "build",
    "execute_notebook",
    "generate_release",
    "notebook_titles",
    "source_notebooks",
    "sync_twins",
]


def source_dir(root: Path = ROOT) -> Path:
    """Returns the folder of the instructor notebooks."""
    return root / "source" / ASSIGNMENT


def source_notebooks(root: Path = ROOT) -> list[Path]:
    """Returns the source notebooks in course order."""
    return sorted(source_dir(root).glob("[0-9][0-9]_*.ipynb"))


def twins(root: Path = ROOT) -> list[Path]:
    """Returns the jupytext text twins in course order."""
    return sorted((root / "notebooks").glob("[0-9][0-9]_*.py"))


def run(args: list[str], cwd: Path = ROOT) -> None:
    """Runs a command of the toolchain; raises BuildError with its output when it fails."""
    done = subprocess.run(args, cwd=cwd, env=with_venv_tools(), capture_output=True, text=True)
    if done.returncode != 0:
        raise BuildError(f"`{' '.join(args)}` failed in {cwd}:\n{done.stdout}\n{done.stderr}")


def sync_twins(root: Path = ROOT) -> None:
    """Makes each text twin and its source notebook one, whichever side was edited last."""
    paths = [str(p) for p in twins(root)] + [
        str(p) for p in source_notebooks(root) if not (root / "notebooks" / (p.stem + ".py")).exists()
    ]
    if paths:
        run([tool("jupytext"), "--sync", *paths], cwd=root)


def notebook_titles(root: Path = ROOT) -> dict[str, str]:
    """Returns the `# ` title of each source notebook, by file stem."""
    titles = {}
    for path in source_notebooks(root):
        nb = nbformat.read(path, as_version=4)
        titles[path.stem] = next(
            (
                line[2:].split(":")[0].strip()
                for cell in nb.cells
                if cell.cell_type == "markdown"
                for line in cell.source.splitlines()
                if line.startswith("# ")
            ),
            path.stem,
        )
    return titles


def navigation_line(stems: list[str], index: int, titles: dict[str, str]) -> str:
    """Returns the `< previous | Contents | next >` line of the notebook at `index`."""
    def link(i: int) -> str:
        return f"[{titles[stems[i]]}]({stems[i]}.ipynb)"

    previous = link(index - 1) if index > 0 else "previous"
    following = link(index + 1) if index + 1 < len(stems) else "next"
    return f"{NAV_MARKER}\n< {previous} | [Contents]({CONTENTS}) | {following} >"


def write_navigation(root: Path = ROOT) -> list[Path]:
    """Rewrites the navigation cells at the top and bottom of every source notebook."""
    paths = source_notebooks(root)
    titles = notebook_titles(root)
    stems = [p.stem for p in paths]
    changed = []
    for index, path in enumerate(paths):
        nb = nbformat.read(path, as_version=4)
        line = navigation_line(stems, index, titles)
        before = [c.source for c in nb.cells]
        for position in (0, -1):
            cell = nb.cells[position] if nb.cells else None
            if cell is not None and cell.cell_type == "markdown" and cell.source.startswith(NAV_MARKER):
                cell.source = line
            else:
                new = nbformat.v4.new_markdown_cell(line)
                new.pop("id", None)
                nb.cells.insert(0 if position == 0 else len(nb.cells), new)
        if [c.source for c in nb.cells] != before:
            nbformat.write(nb, path)
            changed.append(path)
    write_contents(root, stems, titles)
    return changed


EXPECTED_TIME = re.compile(r"Expected time: about (\d+) minutes")


def points_and_minutes(path: Path) -> tuple[float, int | None]:
    """Returns a source notebook's graded points and the minutes its core path is expected to take (None: unsaid)."""
    nb = nbformat.read(path, as_version=4)
    points = sum(float(c.metadata.get("nbgrader", {}).get("points", 0) or 0) for c in nb.cells
                 if c.metadata.get("nbgrader", {}).get("grade"))
    said = (EXPECTED_TIME.search(c.source) for c in nb.cells if c.cell_type == "markdown")
    found = next((m for m in said if m), None)
    return points, int(found.group(1)) if found else None


def duration(minutes: int) -> str:
    """Returns minutes as "2 h 05 min"."""
    return f"{minutes // 60} h {minutes % 60:02d} min" if minutes >= 60 else f"{minutes} min"


def two_sittings(stems: list[str], minutes: list[int]) -> tuple[tuple, tuple]:
    """Returns the split of the notebooks, in order, into two sittings as equal in time as can be:
    ((first stem, last stem, minutes), ...) for each; empty tuples if there are fewer than two notebooks."""
    if len(stems) < 2:
        return (), ()
    cut = min(range(1, len(stems)), key=lambda i: abs(sum(minutes[:i]) - sum(minutes[i:])))
    return (stems[0], stems[cut - 1], sum(minutes[:cut])), (stems[cut], stems[-1], sum(minutes[cut:]))


def write_contents(root: Path, stems: list[str], titles: dict[str, str]) -> None:
    """Writes the table of contents that every navigation line links to: each notebook, its points and time."""
    rows = {s: points_and_minutes(source_dir(root) / f"{s}.ipynb") for s in stems}
    lines = ["# Python Basics with NumPy: contents", "",
             "| | notebook | points | expected time (core path) |", "|---|---|---|---|"]
    lines += [f"| {i} | [{titles[s]}]({s}.ipynb) | {rows[s][0]:g} | "
              f"{f'about {rows[s][1]} min' if rows[s][1] else '—'} |" for i, s in enumerate(stems, start=1)]
    minutes = sum(m or 0 for _, m in rows.values())
    lines += [f"| | all | {sum(p for p, _ in rows.values()):g} | about {duration(minutes)} |", "",
              "The core path is each notebook's text and every exercise (all graded). The folded \"Going deeper\" "
              "sections are optional and ungraded: read them when a notebook's core is done.", ""]
    first, second = two_sittings(stems, [m or 0 for _, m in rows.values()])
    if first and second:
        lines += [f"In two sittings: {first[0][:2]}-{first[1][:2]} (about {duration(first[2])}), then "
                  f"{second[0][:2]}-{second[1][:2]} (about {duration(second[2])}).", ""]
    (source_dir(root) / CONTENTS).write_text("\n".join(lines))


def code_digest(nb: nbformat.NotebookNode) -> str:
    """Returns a digest of the code cells, to know whether stored outputs are stale."""
    text = "\0".join(c.source for c in nb.cells if c.cell_type == "code")
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def execute_notebook(path: Path, timeout: int = 120) -> nbformat.NotebookNode:
    """Executes a notebook top to bottom in its own folder and returns it with outputs."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    client.record_timing = False
    client.execute()
    return nb


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def without_live_widgets(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drops what a widget shown while executing left: its state, and its view in outputs (the text stays).

    A stored view renders nothing without its kernel, and the course's sanitizer removes it anyway."""
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            output.get("data", {}).pop(WIDGET_VIEW, None)
    return nb


def execute_stale_sources(root: Path = ROOT, force: bool = False) -> list[Path]:
    """Executes each source notebook whose code changed since its outputs were stored."""
    executed = []
    for path in source_notebooks(root):
        nb = nbformat.read(path, as_version=4)
        digest = code_digest(nb)
        if not force and nb.metadata.get("course", {}).get("executed_code") == digest:
            continue
        nb = without_live_widgets(execute_notebook(path))
        nb.metadata["course"] = {"executed_code": digest}
        nbformat.write(nb, path)
        executed.append(path)
    return executed


def generate_release(root: Path = ROOT) -> None:
    """Regenerates release/python_basics from source with nbgrader generate_assignment."""
    run(
        [tool("nbgrader"), "generate_assignment", ASSIGNMENT,
         "--force", "--no-db", "--log-level=WARN"],
        cwd=root,
    )
    stray = root / "release" / ASSIGNMENT / ".ipynb_checkpoints"
    if stray.exists():
        shutil.rmtree(stray)


def build_one(stem: str, root: Path = ROOT) -> Path:
    """Syncs and executes one notebook only, for work on it; no navigation, no release."""
    twin = root / "notebooks" / f"{stem}.py"
    if not twin.exists():
        raise BuildError(f"{twin} does not exist; name a notebook such as 02_sigmoid_gradient.")
    run([tool("jupytext"), "--sync", str(twin)], cwd=root)
    path = source_dir(root) / f"{stem}.ipynb"
    nb = without_live_widgets(execute_notebook(path))
    nb.metadata["course"] = {"executed_code": code_digest(nb)}
    nbformat.write(nb, path)
    run([tool("jupytext"), "--sync", str(twin)], cwd=root)
    return path


def build(root: Path = ROOT, force_execute: bool = False) -> None:
    """Syncs twins, writes navigation, executes stale sources, writes the student environment, regenerates release/."""
    sync_twins(root)
    if write_navigation(root):
        sync_twins(root)
    execute_stale_sources(root, force=force_execute)
    sync_twins(root)
    write_student_environment(root)
    generate_release(root)
