"""Make a tampered or broken submission gradable, and say what was done, instead of failing it whole.

Stock nbgrader stops grading a student's whole assignment when one notebook is not valid JSON,
is empty, lost a test cell or holds one twice; every other notebook of that student then scores
nothing. Here:
- `TolerantExporter` reads a notebook it cannot parse, or that is a link, a FIFO or too large, as
  the unmodified release, marked unreadable, so the judge fails its tests with the reason and the
  other notebooks are graded; it never follows a link;
- `RestoreTestCells` (first of the sanitize steps) puts back every test cell of the source that the
  submission deleted, renamed or turned into markdown or raw, turns a solution cell back into the
  source's cell type, keeps only the first cell of a grade id, and drops grading metadata from cells
  the source does not have, leaving a note at the top of the notebook for the feedback. The result
  is a valid notebook that nbgrader's DeduplicateIds, OverwriteCells and CheckCellMetadata accept;
- nbgrader's converters copy only the regular files of a submission (never a link, FIFO or
  device), so a link cannot bring the source or the gradebook into autograded/ or feedback/.
"""

from __future__ import annotations

import copy
import datetime
import errno
import json
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import nbformat
from nbconvert.exporters import NotebookExporter
from nbconvert.exporters.exporter import ResourcesDict
from nbgrader.converters import base as nbgrader_converters
from nbgrader.nbgraderformat import common as nbgrader_format_common
from nbgrader.preprocessors import CheckCellMetadata, NbGraderPreprocessor

from autograder.cells import is_solution_cell_tolerant, is_test_cell_tolerant, tolerant_nbgrader_meta

__all__ = ["CompiledCheckCellMetadata", "RestoreTestCells", "TolerantExporter", "add_note", "restore_test_cells"]

NOTE_MARKER = "**Grading notes**"
NOTES_CELL_ID = "grading-notes"
MAX_NOTEBOOK_BYTES = 20 * 1024**2  # far above any honest notebook of this course


def grade_id_of(cell: Any) -> str | None:
    """Returns the nbgrader grade id of a cell, or None."""
    grade_id = tolerant_nbgrader_meta(cell).get("grade_id")
    return grade_id if isinstance(grade_id, str) and grade_id else None


GRADING_KEYS = ("grade", "solution", "locked", "points", "task")


def grading_keys(cell: Any) -> dict:
    """Returns the nbgrader metadata that decides how a cell is graded."""
    meta = tolerant_nbgrader_meta(cell)
    return {key: meta.get(key) for key in GRADING_KEYS}


def free_cell_id(nb: Any, wanted: str) -> str:
    """Returns `wanted`, or `wanted-N`, whichever no cell of the notebook uses yet."""
    taken = {cell.get("id") for cell in nb.cells}
    candidate, number = wanted, 1
    while candidate in taken:
        candidate, number = f"{wanted[:50]}-{number}", number + 1
    return candidate


def add_note(nb: Any, text: str) -> None:
    """Adds a line to the notes cell at the top of the notebook (created on first use)."""
    first = nb.cells[0] if nb.cells else None
    if first is None or first.cell_type != "markdown" or not first.source.startswith(NOTE_MARKER):
        first = nbformat.v4.new_markdown_cell(f"{NOTE_MARKER} (written by the grader)\n")
        first.pop("id", None)
        if has_cell_ids(nb):
            first["id"] = free_cell_id(nb, NOTES_CELL_ID)
        nb.cells.insert(0, first)
    first.source += f"\n- {text}"


def has_cell_ids(nb: Any) -> bool:
    """Returns True if the notebook's format (4.5 and later) gives every cell an id."""
    return (nb.get("nbformat", 4), nb.get("nbformat_minor", 0)) >= (4, 5)


def give_unique_ids(nb: Any) -> None:
    """Makes cell ids valid for the notebook's format: present and unique (4.5+), or absent (older)."""
    if not has_cell_ids(nb):
        for cell in nb.cells:
            cell.pop("id", None)
        return
    taken = {cell.get("id") for cell in nb.cells}
    seen: set[str] = set()
    for index, cell in enumerate(nb.cells):
        if not cell.get("id") or cell["id"] in seen:
            number = index
            while f"cell-{number}" in taken:
                number += len(nb.cells)
            cell["id"] = f"cell-{number}"
            taken.add(cell["id"])
        seen.add(cell["id"])


def course_notebook(converter: Any, folder: str, name: str) -> Path | None:
    """Returns the instructor's version of a notebook (source or release folder), if it exists."""
    coursedir = getattr(converter, "coursedir", None)
    if coursedir is None:
        return None
    assignment = Path(name).parent.name
    path = Path(coursedir.format_path(folder, ".", assignment)) / Path(name).name
    return path if path.is_file() else None


class NotGradable(Exception):
    """A notebook file that is not read at all: a link, not a regular file, or too large."""


def read_notebook_bytes(filename: str) -> bytes:
    """Returns the bytes of a regular file, never following a link, never opening a FIFO or device."""
    if os.path.islink(filename):
        raise NotGradable("is a link; links are not graded")
    if not stat.S_ISREG(os.lstat(filename).st_mode):
        raise NotGradable("is not a regular file (a FIFO, device or folder); only regular files are graded")
    try:
        fd = os.open(filename, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as error:
        if error.errno == errno.ELOOP:  # became a link after the check above
            raise NotGradable("is a link; links are not graded") from error
        raise
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise NotGradable("is not a regular file (a FIFO, device or folder); only regular files are graded")
        data = handle.read(MAX_NOTEBOOK_BYTES + 1)
    if len(data) > MAX_NOTEBOOK_BYTES:
        raise NotGradable(f"is larger than {MAX_NOTEBOOK_BYTES // 1024**2} MB; files that large are not graded")
    return data


def file_resources(filename: str, resources: dict | None) -> dict:
    """Returns resources with the notebook's name, folder and date, as nbconvert's from_filename sets them."""
    resources = ResourcesDict() if resources is None else resources
    if not resources.get("metadata"):
        resources["metadata"] = ResourcesDict()
    folder, basename = os.path.split(filename)
    resources["metadata"]["name"] = os.path.splitext(basename)[0]
    resources["metadata"]["path"] = folder  # the judge copies this folder's files into the sandbox
    modified = datetime.datetime.fromtimestamp(os.lstat(filename).st_mtime, tz=datetime.UTC)
    resources["metadata"]["modified_date"] = modified.strftime("%B %-d, %Y")
    return resources


class TolerantExporter(NotebookExporter):
    """Reads a submitted notebook; one that cannot be read is graded as the release, marked unreadable."""

    def from_filename(self, filename: str, resources: dict | None = None, **kw: Any) -> tuple[str, dict]:
        resources = file_resources(filename, resources)
        name = Path(filename).name
        try:
            nb = nbformat.reads(read_notebook_bytes(filename).decode("utf-8"), as_version=4)
            nbformat.validate(nb)
        except NotGradable as refused:
            nb = self.unreadable(filename, f"it {refused}",
                                 f"Your file `{name}` {refused}, so it was graded as the unchanged release "
                                 "and its tests earn nothing.")
        except Exception as error:
            reason = f"{type(error).__name__}: {str(error).splitlines()[0][:200] if str(error) else 'empty file'}"
            nb = self.unreadable(filename, reason,
                                 f"Your file `{name}` could not be read as a notebook ({reason}); "
                                 "it was graded as the unchanged release, so its tests earn nothing.")
        return self.from_notebook_node(nb, resources=resources, **kw)

    def unreadable(self, filename: str, reason: str, note: str) -> Any:
        """Returns the stand-in notebook for a file that was not read, with the note and the reason."""
        nb = self.stand_in(filename)
        add_note(nb, note)
        nb.metadata["autograder"] = {"unreadable": reason}  # survives nbgrader's write and re-read
        return nb

    def stand_in(self, filename: str) -> Any:
        """Returns the release version of the notebook, or an empty notebook if there is none."""
        coursedir = getattr(self.parent, "coursedir", None)
        release = course_notebook(self.parent, getattr(coursedir, "release_directory", "release"),
                                  str(Path(filename).parent.name) + "/" + Path(filename).name)
        if release is not None:
            return nbformat.read(release, as_version=4)
        return nbformat.v4.new_notebook()


def pristine(original: Any, keep_id: str | None) -> Any:
    """Returns a fresh copy of a source cell, without outputs, under the id of the cell it replaces."""
    cell = copy.deepcopy(original)
    if cell.cell_type == "code":
        cell.outputs, cell.execution_count = [], None
    if keep_id:
        cell["id"] = keep_id
    return cell


def as_cell_type(cell: Any, cell_type: str) -> Any:
    """Returns the cell with the same text and metadata as a valid cell of another type."""
    make = {"code": nbformat.v4.new_code_cell, "markdown": nbformat.v4.new_markdown_cell,
            "raw": nbformat.v4.new_raw_cell}[cell_type]
    converted = make(source=cell.source, metadata=cell.metadata)
    converted.pop("id", None)
    if cell.get("id"):
        converted["id"] = cell["id"]
    if cell_type != "code" and cell.get("attachments"):
        converted["attachments"] = cell["attachments"]
    return converted


def ordinary(cell: Any, note: str | None, notes: list[str]) -> Any:
    """Returns the cell without nbgrader metadata (a raw or markdown cell stays so), noting why if given."""
    cell.metadata.pop("nbgrader", None)
    if note:
        notes.append(note)
    return cell


def restored_type(cell: Any, original: Any, notes: list[str]) -> Any:
    """Returns the cell back in the source's cell type: a test cell whole, a solution with the student's text."""
    grade_id = grade_id_of(original)
    if is_solution_cell_tolerant(original):
        notes.append(f"The solution cell `{grade_id}` had been turned into a {cell.cell_type} cell; it was made "
                     f"a {original.cell_type} cell again, with your text, and graded.")
        return as_cell_type(cell, original.cell_type)
    notes.append(f"The cell `{grade_id}` had been turned into a {cell.cell_type} cell; the original "
                 f"{original.cell_type} cell was put back in its place.")
    return pristine(original, cell.get("id"))


def repaired(cell: Any, known: dict, kept: set[str], notes: list[str]) -> Any:
    """Returns a submitted cell as it may be graded: ordinary, or with the source's type and grading metadata."""
    if "nbgrader" not in cell.get("metadata", {}):
        return cell
    grade_id = grade_id_of(cell)
    if grade_id in kept:
        return ordinary(cell, f"Cell `{grade_id}` appeared more than once; the first one was graded and "
                              "this copy was treated as an ordinary cell.", notes)
    if grade_id not in known:
        claimed = bool(grade_id) or any(grading_keys(cell).values())
        note = (f"A cell carried grading metadata `{grade_id or '(no grade id)'}` that the assignment does not "
                "have; it was treated as an ordinary cell.") if claimed else None
        return ordinary(cell, note, notes)
    kept.add(grade_id)
    original = known[grade_id]
    changed = grading_keys(cell) != grading_keys(original)
    if cell.cell_type != original.cell_type:
        cell = restored_type(cell, original, notes)
    elif changed:
        notes.append(f"The grading metadata of cell `{grade_id}` had been changed; the original was put back.")
    cell.metadata["nbgrader"] = copy.deepcopy(tolerant_nbgrader_meta(original))  # schema-valid, as nbgrader expects
    return cell


def restore_test_cells(nb: Any, source: Any) -> list[str]:
    """Repairs a submitted notebook against its source in place; returns the notes it added."""
    known = {grade_id_of(c): c for c in source.cells if grade_id_of(c)}
    kept: set[str] = set()
    notes: list[str] = []
    nb.cells = [repaired(cell, known, kept, notes) for cell in nb.cells]
    for index, cell in enumerate(source.cells):
        grade_id = grade_id_of(cell)
        if is_test_cell_tolerant(cell) and grade_id not in kept:
            nb.cells.insert(position_for(nb, source, index), pristine(cell, None))
            kept.add(grade_id)
            notes.append(f"The test cell `{grade_id}` was missing or renamed; the original was put back.")
    for note in notes:
        add_note(nb, note)
    give_unique_ids(nb)
    return notes


def position_for(nb: Any, source: Any, index: int) -> int:
    """Returns where to insert source cell `index`: after the nearest earlier graded cell the submission has."""
    for earlier in reversed(source.cells[:index]):
        grade_id = grade_id_of(earlier)
        if grade_id:
            for position, cell in enumerate(nb.cells):
                if grade_id_of(cell) == grade_id:
                    return position + 1
    return len(nb.cells)


class RestoreTestCells(NbGraderPreprocessor):
    """Puts back the source's test cells a submission deleted, renamed or retyped; notes what it repaired."""

    def preprocess(self, nb: Any, resources: dict) -> tuple[Any, dict]:
        source = self.source_notebook(resources)
        if source is not None:
            restore_test_cells(nb, source)
        return nb, resources

    def source_notebook(self, resources: dict) -> Any:
        """Returns the instructor's source notebook for the notebook being graded, or None."""
        info = resources.get("nbgrader", {})
        converter = getattr(self.parent, "parent", None)
        folder = getattr(getattr(converter, "coursedir", None), "source_directory", "source")
        path = course_notebook(converter, folder, f"{info.get('assignment', '')}/{info.get('notebook', '')}.ipynb")
        return nbformat.read(path, as_version=4) if path is not None else None


def is_regular_file(path: str) -> bool:
    """Returns True for a regular file that is not a link (lstat: the link itself is looked at)."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def regular_files_only(find_all_files: Callable[..., list[str]]) -> Callable[..., list[str]]:
    """Wraps nbgrader's file listing so that it leaves out links, FIFOs, devices and sockets."""
    def find_regular_files(path: str, exclude: list[str] | None = None) -> list[str]:
        return [name for name in find_all_files(path, exclude) if is_regular_file(name)]

    find_regular_files.regular_only = True  # type: ignore[attr-defined]
    return find_regular_files


def never_copy_links() -> None:
    """Makes nbgrader's converters copy only a folder's regular files into autograded/ and feedback/.

    BaseConverter.init_assignment copies every other file of a submission with shutil.copy, which
    follows links (a link to gradebook.db copies the gradebook) and blocks on a FIFO; the list it
    copies from is this module-level name, so filtering it is the narrowest seam.
    """
    if not getattr(nbgrader_converters.find_all_files, "regular_only", False):
        nbgrader_converters.find_all_files = regular_files_only(nbgrader_converters.find_all_files)


never_copy_links()  # nbgrader_config.py imports this module, so every nbgrader command of the course has it


class CompiledCheckCellMetadata(CheckCellMetadata):
    """nbgrader's CheckCellMetadata, with its metadata schema compiled once per process.

    nbgrader's validator calls `jsonschema.validate` for every graded cell, and that first checks
    the schema itself against JSON Schema's metaschema: nine tenths of the step, twice per graded
    notebook. The same checks run here, with nbgrader's own code and messages; only `validate` is
    served by a validator built once per schema (nbgrader's converters run one notebook at a time).
    """

    def preprocess(self, nb: Any, resources: dict) -> tuple[Any, dict]:
        saved = nbgrader_format_common.jsonschema
        nbgrader_format_common.jsonschema = COMPILED_SCHEMAS
        try:
            return super().preprocess(nb, resources)
        finally:
            nbgrader_format_common.jsonschema = saved


class CompiledSchemas:
    """Stands in for the jsonschema module inside nbgrader's metadata validator: `validate` alone."""

    def __init__(self) -> None:
        self.validators: dict[str, Any] = {}

    def validate(self, instance: Any, schema: dict) -> None:
        """Raises jsonschema's ValidationError if instance breaks schema (which is checked once)."""
        key = json.dumps(schema, sort_keys=True)
        if key not in self.validators:
            kind = jsonschema.validators.validator_for(schema)
            kind.check_schema(schema)
            self.validators[key] = kind(schema)
        error = jsonschema.exceptions.best_match(self.validators[key].iter_errors(instance))
        if error is not None:
            raise error


COMPILED_SCHEMAS = CompiledSchemas()
