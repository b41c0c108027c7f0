"""Make a tampered or broken submission gradable, and say what was done, instead of failing it whole.

Stock nbgrader stops grading a student's whole assignment when one notebook is not valid JSON,
is empty, or lost a test cell; every other notebook of that student then scores nothing.
Here:
- `TolerantExporter` reads a notebook it cannot parse as the unmodified release, marked
  unreadable, so the judge fails its tests with the reason and the other notebooks are graded;
- `RestoreTestCells` (first of the sanitize steps) puts back every test cell of the source
  that the submission deleted or renamed, and drops grading metadata from cells the source
  does not have, leaving a note at the top of the notebook for the feedback.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import nbformat
from nbconvert.exporters import NotebookExporter
from nbgrader.preprocessors import NbGraderPreprocessor

__all__ = ["RestoreTestCells", "TolerantExporter", "add_note"]

NOTE_MARKER = "**Grading notes**"


def grade_id_of(cell: Any) -> str | None:
    """Returns the nbgrader grade id of a cell, or None."""
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


GRADING_KEYS = ("grade", "solution", "locked", "points", "task")


def grading_keys(cell: Any) -> dict:
    """Returns the nbgrader metadata that decides how a cell is graded."""
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return {key: meta.get(key) for key in GRADING_KEYS}


def add_note(nb: Any, text: str) -> None:
    """Adds a line to the notes cell at the top of the notebook (created on first use)."""
    first = nb.cells[0] if nb.cells else None
    if first is None or first.cell_type != "markdown" or not first.source.startswith(NOTE_MARKER):
        first = nbformat.v4.new_markdown_cell(f"{NOTE_MARKER} (written by the grader)\n")
        first.pop("id", None)
        nb.cells.insert(0, first)
    first.source += f"\n- {text}"


def course_notebook(converter: Any, folder: str, name: str) -> Path | None:
    """Returns the instructor's version of a notebook (source or release folder), if it exists."""
    coursedir = getattr(converter, "coursedir", None)
    if coursedir is None:
        return None
    assignment = Path(name).parent.name
    path = Path(coursedir.format_path(folder, ".", assignment)) / Path(name).name
    return path if path.is_file() else None


class TolerantExporter(NotebookExporter):
    """Reads a submitted notebook; one that cannot be read is graded as the release, marked unreadable."""

    def from_filename(self, filename: str, resources: dict | None = None, **kw: Any) -> tuple[str, dict]:
        try:
            with open(filename, encoding="utf-8") as handle:
                nb = nbformat.read(handle, as_version=4)
            nbformat.validate(nb)
        except Exception as error:
            reason = f"{type(error).__name__}: {str(error).splitlines()[0][:200] if str(error) else 'empty file'}"
            nb = self.stand_in(filename)
            add_note(nb, f"Your file `{Path(filename).name}` could not be read as a notebook ({reason}); "
                         "it was graded as the unchanged release, so its tests earn nothing.")
            nb.metadata["autograder"] = {"unreadable": reason}  # survives nbgrader's write and re-read
        return self.from_notebook_node(nb, resources=resources, **kw)

    def stand_in(self, filename: str) -> Any:
        """Returns the release version of the notebook, or an empty notebook if there is none."""
        release = course_notebook(self.parent, getattr(self.parent.coursedir, "release_directory", "release"),
                                  str(Path(filename).parent.name) + "/" + Path(filename).name)
        if release is not None:
            return nbformat.read(release, as_version=4)
        return nbformat.v4.new_notebook()


class RestoreTestCells(NbGraderPreprocessor):
    """Puts back the source's test cells a submission deleted or renamed; notes what it repaired."""

    def preprocess(self, nb: Any, resources: dict) -> tuple[Any, dict]:
        source = self.source_notebook(resources)
        if source is None:
            return nb, resources
        known = {grade_id_of(c): c for c in source.cells if grade_id_of(c)}
        for cell in nb.cells:
            grade_id = grade_id_of(cell)
            if grade_id and grade_id not in known:
                cell.metadata.pop("nbgrader", None)
                add_note(nb, f"A cell carried grading metadata `{grade_id}` that the assignment does not have; "
                             "it was treated as an ordinary cell.")
            elif grade_id and (
                grading_keys(cell) != grading_keys(known[grade_id]) or cell.cell_type != known[grade_id].cell_type
            ):
                cell.metadata["nbgrader"].update(grading_keys(known[grade_id]))
                cell.cell_type = known[grade_id].cell_type
                add_note(nb, f"The grading metadata of cell `{grade_id}` had been changed; the original was put back.")
        present = {grade_id_of(c) for c in nb.cells}
        for index, cell in enumerate(source.cells):
            meta = cell.get("metadata", {}).get("nbgrader", {})
            if meta.get("grade") and not meta.get("solution") and meta.get("grade_id") not in present:
                nb.cells.insert(self.position_for(nb, source, index), copy.deepcopy(cell))
                add_note(nb, f"The test cell `{meta['grade_id']}` was missing or renamed; the original was put back.")
        return nb, resources

    def source_notebook(self, resources: dict) -> Any:
        """Returns the instructor's source notebook for the notebook being graded, or None."""
        info = resources.get("nbgrader", {})
        converter = getattr(self.parent, "parent", None)
        folder = getattr(getattr(converter, "coursedir", None), "source_directory", "source")
        path = course_notebook(converter, folder, f"{info.get('assignment', '')}/{info.get('notebook', '')}.ipynb")
        return nbformat.read(path, as_version=4) if path is not None else None

    @staticmethod
    def position_for(nb: Any, source: Any, index: int) -> int:
        """Returns where to insert source cell `index`: after the nearest earlier graded cell the submission has."""
        for earlier in reversed(source.cells[:index]):
            grade_id = grade_id_of(earlier)
            if grade_id:
                for position, cell in enumerate(nb.cells):
                    if grade_id_of(cell) == grade_id:
                        return position + 1
        return len(nb.cells)
