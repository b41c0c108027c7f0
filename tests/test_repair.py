"""Repair: honest mistakes in a notebook and links in a hand-in never stop grading nor leak course files.

Unit tests repair one mistake each and check that the notebook is valid for nbformat and for
nbgrader's later sanitize steps, with a note; the end-to-end test grades a small class with
`nbgrader autograde` and `nbgrader generate_feedback` in a throw-away course.
"""

from __future__ import annotations

import copy
import os
import warnings
from pathlib import Path

import nbformat
import pytest
from nbconvert.exporters import NotebookExporter
from nbgrader.converters import base as nbgrader_converters
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import CheckCellMetadata, DeduplicateIds
from traitlets.config import Configurable

from autograder import repair
from autograder.release import ASSIGNMENT, ROOT
from autograder.repair import NOTE_MARKER, RestoreTestCells, TolerantExporter
from tests._course import nbgrader, new_course, read_scores, reference_solutions, submission

NOTEBOOK = "01_why_numpy"
SOURCE = ROOT / "source" / ASSIGNMENT / f"{NOTEBOOK}.ipynb"
RELEASE = ROOT / "release" / ASSIGNMENT / f"{NOTEBOOK}.ipynb"


def converter() -> Configurable:
    """Returns a stand-in for nbgrader's converter: something with the repository's course directory."""
    parent = Configurable()
    parent.coursedir = CourseDirectory(root=str(ROOT))
    return parent


def repaired(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Runs RestoreTestCells as nbgrader does (its parent: the exporter, whose parent: the converter)."""
    restorer = RestoreTestCells(parent=NotebookExporter(parent=converter()))
    nb, _ = restorer.preprocess(nb, {"nbgrader": {"assignment": ASSIGNMENT, "notebook": NOTEBOOK}})
    return nb


def assert_gradable(nb: nbformat.NotebookNode) -> None:
    """Fails unless nbformat finds the notebook valid as it is and nbgrader's sanitize steps accept it."""
    ids = [cell.get("id") for cell in nb.cells]
    assert None not in ids and len(set(ids)) == len(ids), "every cell has an id of its own"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nbformat "fixes" ids with a warning: that would be a bug here
        nbformat.validate(nb)
    graded = [repair.grade_id_of(c) for c in nb.cells if repair.grade_id_of(c)]
    assert len(set(graded)) == len(graded), "no grade id twice"
    deduplicated, _ = DeduplicateIds().preprocess(copy.deepcopy(nb), {})
    assert [repair.grade_id_of(c) for c in deduplicated.cells] == [repair.grade_id_of(c) for c in nb.cells]
    CheckCellMetadata().preprocess(nb, {})


def notes_of(nb: nbformat.NotebookNode) -> str:
    """Returns the grader's notes cell, or ''."""
    first = nb.cells[0]
    return first.source if first.cell_type == "markdown" and first.source.startswith(NOTE_MARKER) else ""


def index_of(nb: nbformat.NotebookNode, grade_id: str) -> int:
    """Returns the position of the cell with this grade id."""
    return next(i for i, c in enumerate(nb.cells) if repair.grade_id_of(c) == grade_id)


def source_cell(grade_id: str) -> nbformat.NotebookNode:
    """Returns the source's cell with this grade id."""
    return next(c for c in nbformat.read(SOURCE, as_version=4).cells if repair.grade_id_of(c) == grade_id)


def retyped(cell: nbformat.NotebookNode, cell_type: str) -> nbformat.NotebookNode:
    """Returns the cell as Jupyter leaves it after the M or R key: same text, metadata and id."""
    make = nbformat.v4.new_markdown_cell if cell_type == "markdown" else nbformat.v4.new_raw_cell
    new = make(source=cell.source, metadata=copy.deepcopy(cell.metadata))
    new["id"] = cell["id"]
    return new


@pytest.mark.parametrize("cell_type", ["markdown", "raw"])
def test_a_test_cell_turned_into_markdown_or_raw_is_the_source_cell_again(cell_type: str):
    nb = nbformat.read(RELEASE, as_version=4)
    where = index_of(nb, "sigmoid_values")
    nb.cells[where] = retyped(nb.cells[where], cell_type)
    nb = repaired(nb)
    assert_gradable(nb)
    restored, original = nb.cells[index_of(nb, "sigmoid_values")], source_cell("sigmoid_values")
    assert index_of(nb, "sigmoid_values") == where + 1, "in its place (after the notes cell)"
    assert restored.cell_type == "code" and restored.source == original.source
    assert restored.metadata == original.metadata and restored.outputs == [] and restored.execution_count is None
    assert f"`sigmoid_values` had been turned into a {cell_type} cell" in notes_of(nb)


@pytest.mark.parametrize("cell_type", ["code", "raw", "markdown"])
def test_a_duplicated_test_cell_keeps_the_first_and_the_copy_becomes_ordinary(cell_type: str):
    nb = nbformat.read(RELEASE, as_version=4)
    where = index_of(nb, "sigmoid_shapes")
    duplicate = copy.deepcopy(nb.cells[where]) if cell_type == "code" else retyped(nb.cells[where], cell_type)
    nb.cells.insert(where + 1, duplicate)  # same cell id too: nbformat repairs that, so must we
    nb = repaired(nb)
    assert_gradable(nb)
    assert index_of(nb, "sigmoid_shapes") == where + 1
    copy_ = nb.cells[where + 2]
    assert copy_.cell_type == cell_type and "nbgrader" not in copy_.metadata
    assert "Cell `sigmoid_shapes` appeared more than once" in notes_of(nb)


@pytest.mark.parametrize("cell_type", ["markdown", "raw"])
def test_a_solution_cell_turned_into_markdown_or_raw_is_code_again_with_the_students_text(cell_type: str):
    answer = reference_solutions(SOURCE)["sigmoid"]
    nb = submission(RELEASE, {"sigmoid": answer})
    where = index_of(nb, "sigmoid")
    nb.cells[where] = retyped(nb.cells[where], cell_type)
    nb = repaired(nb)
    assert_gradable(nb)
    cell = nb.cells[index_of(nb, "sigmoid")]
    assert cell.cell_type == "code" and cell.source == answer.strip("\n")
    assert cell.outputs == [] and cell.execution_count is None and "attachments" not in cell
    assert cell.metadata.nbgrader == source_cell("sigmoid").metadata.nbgrader
    assert f"solution cell `sigmoid` had been turned into a {cell_type} cell" in notes_of(nb)


def test_a_moved_test_cell_stays_where_it_is():
    nb = nbformat.read(RELEASE, as_version=4)
    nb.cells.append(nb.cells.pop(index_of(nb, "basic_sigmoid_values")))
    nb = repaired(nb)
    assert_gradable(nb)
    assert index_of(nb, "basic_sigmoid_values") == len(nb.cells) - 1
    assert not notes_of(nb), "nothing needed repair"


def test_broken_grading_metadata_is_dropped_or_restored():
    nb = nbformat.read(RELEASE, as_version=4)
    nb.cells[index_of(nb, "sigmoid_values")].metadata.nbgrader.update(schema_version=1, extra="key")
    nb.cells.append(nbformat.v4.new_code_cell("1 + 1", metadata={"nbgrader": {"grade": True}}))
    nb.cells.append(nbformat.v4.new_code_cell("2 + 2", metadata={"nbgrader": "not a mapping"}))
    nb = repaired(nb)
    assert_gradable(nb)
    assert nb.cells[index_of(nb, "sigmoid_values")].metadata.nbgrader == source_cell("sigmoid_values").metadata.nbgrader
    assert all("nbgrader" not in c.metadata for c in nb.cells[-2:])
    assert "`(no grade id)` that the assignment does not have" in notes_of(nb)


def test_a_deleted_test_cell_is_put_back_after_its_exercise():
    nb = nbformat.read(RELEASE, as_version=4)
    del nb.cells[index_of(nb, "sigmoid_values")]
    nb = repaired(nb)
    assert_gradable(nb)
    assert index_of(nb, "sigmoid_values") == index_of(nb, "sigmoid") + 1
    assert "The test cell `sigmoid_values` was missing or renamed" in notes_of(nb)


def exporter() -> TolerantExporter:
    """Returns the exporter as nbgrader creates it: its parent is the converter."""
    return TolerantExporter(parent=converter())


def hand_in(tmp_path: Path) -> Path:
    """Returns <tmp>/python_basics/, the folder a submitted notebook sits in."""
    folder = tmp_path / ASSIGNMENT
    folder.mkdir()
    return folder


def read_as_submitted(path: Path) -> tuple[nbformat.NotebookNode, dict]:
    """Reads a submitted file with the TolerantExporter; returns the notebook and the resources."""
    output, resources = exporter().from_filename(str(path), resources={"nbgrader": {}})
    return nbformat.reads(output, as_version=4), resources


def test_a_regular_notebook_is_read_with_its_folder_name_and_date(tmp_path: Path):
    path = hand_in(tmp_path) / f"{NOTEBOOK}.ipynb"
    nbformat.write(submission(RELEASE, {}), path)
    nb, resources = read_as_submitted(path)
    assert not notes_of(nb) and "autograder" not in nb.metadata
    assert resources["metadata"]["path"] == str(path.parent), "the judge copies this folder, not the course"
    assert resources["metadata"]["name"] == NOTEBOOK and resources["metadata"]["modified_date"]


def make_link(path: Path) -> None:
    os.symlink(SOURCE, path)


def make_fifo(path: Path) -> None:
    os.mkfifo(path)


def make_huge(path: Path) -> None:
    path.write_bytes(RELEASE.read_bytes() + b" " * 2048)


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (make_link, "is a link; links are not graded"),
        (make_fifo, "is not a regular file"),
        (make_huge, "is larger than"),
    ],
    ids=["link", "fifo", "huge"],
)
def test_a_link_fifo_or_huge_file_is_graded_as_the_release_with_a_note(tmp_path, monkeypatch, make, says):
    monkeypatch.setattr(repair, "MAX_NOTEBOOK_BYTES", RELEASE.stat().st_size + 1024)
    path = hand_in(tmp_path) / f"{NOTEBOOK}.ipynb"
    make(path)
    nb, resources = read_as_submitted(path)
    assert says in notes_of(nb) and f"`{NOTEBOOK}.ipynb` {says}" in notes_of(nb)
    assert says in nb.metadata["autograder"]["unreadable"]
    assert "### BEGIN SOLUTION" not in nbformat.writes(nb), "the link's target (the source) was never read"
    assert resources["metadata"]["path"] == str(path.parent)


def test_nbgraders_copy_of_other_files_skips_links_and_fifos(tmp_path: Path):
    (tmp_path / "data.csv").write_text("1,2\n")
    os.symlink(ROOT / "nbgrader_config.py", tmp_path / "config.txt")
    os.symlink(ROOT / "source", tmp_path / "material")
    os.mkfifo(tmp_path / "pipe")
    assert nbgrader_converters.find_all_files(str(tmp_path)) == [str(tmp_path / "data.csv")]


# End to end: a class of three in a throw-away course.

WRONG_BASIC_SIGMOID = "def basic_sigmoid(x):\n    return 0.5\n"


def with_honest_mistakes(release: Path, source: Path) -> nbformat.NotebookNode:
    """Notebook 01 of a student who turned a test cell into markdown, the sigmoid solution into raw,
    and duplicated a test cell as raw; basic_sigmoid is wrong, sigmoid right."""
    solutions = reference_solutions(source) | {"basic_sigmoid": WRONG_BASIC_SIGMOID}
    nb = submission(release, solutions)
    for grade_id, cell_type in (("basic_sigmoid_values", "markdown"), ("sigmoid", "raw")):
        where = index_of(nb, grade_id)
        nb.cells[where] = retyped(nb.cells[where], cell_type)
    where = index_of(nb, "sigmoid_shapes")
    duplicate = retyped(nb.cells[where], "raw")
    duplicate["id"] = "copy-of-shapes"  # Jupyter gives a pasted cell an id of its own
    nb.cells.insert(where + 1, duplicate)
    return nb


def write_class(course: Path) -> None:
    """ann: honest mistakes in 01, 02 right; ben: links and a FIFO beside a right 02; cal: 01 links to the source."""
    release, source = course / "release" / ASSIGNMENT, course / "source" / ASSIGNMENT
    folders = {name: course / "submitted" / name / ASSIGNMENT for name in ("ann", "ben", "cal")}
    for folder in folders.values():
        folder.mkdir(parents=True)
    second = "02_sigmoid_gradient.ipynb"
    right_second = submission(release / second, reference_solutions(source / second))
    nbformat.write(with_honest_mistakes(release / f"{NOTEBOOK}.ipynb", source / f"{NOTEBOOK}.ipynb"),
                   folders["ann"] / f"{NOTEBOOK}.ipynb")
    for name in ("ann", "ben"):
        nbformat.write(right_second, folders[name] / second)
    os.symlink(course / "gradebook.db", folders["ben"] / "gradebook.db")
    os.symlink(source / f"{NOTEBOOK}.ipynb", folders["ben"] / "hint.txt")
    os.symlink(source, folders["ben"] / "material")
    os.mkfifo(folders["ben"] / "pipe")  # shutil.copy would wait on it forever
    (folders["ben"] / "notes.txt").write_text("my own notes\n")
    os.symlink(source / f"{NOTEBOOK}.ipynb", folders["cal"] / f"{NOTEBOOK}.ipynb")


@pytest.fixture(scope="module")
def graded(tmp_path_factory) -> tuple[Path, dict]:
    """Returns the course after autograde and generate_feedback, and the scores."""
    course = new_course(tmp_path_factory.mktemp("repair"))
    write_class(course)
    nbgrader(course, "autograde", ASSIGNMENT)
    nbgrader(course, "generate_feedback", ASSIGNMENT)
    return course, read_scores(course)


def test_honest_mistakes_are_graded_as_the_solutions_deserve(graded):
    course, scores = graded
    second = {k: v for k, v in scores.items() if k[:2] == ("ann", "02_sigmoid_gradient")}
    assert second and all(score == most for score, most in second.values()), second
    first = {k[2]: v for k, v in scores.items() if k[:2] == ("ann", NOTEBOOK)}
    assert first["basic_sigmoid_values"] == (0, 1), first
    assert all(score == most for name, (score, most) in first.items() if name != "basic_sigmoid_values"), first
    assert {"sigmoid_values", "sigmoid_shapes"} <= set(first), first
    feedback = (course / "feedback" / "ann" / ASSIGNMENT / f"{NOTEBOOK}.html").read_text()
    assert "had been turned into a markdown cell" in feedback and "appeared more than once" in feedback


def files_under(folder: Path) -> list[Path]:
    """Returns every entry under folder, links included, without following any."""
    return [Path(d, n) for d, dirs, files in os.walk(folder) for n in dirs + files]


def test_links_in_a_hand_in_bring_nothing_of_the_course_into_autograded_or_feedback(graded):
    course, scores = graded
    for top in ("autograded", "feedback"):
        entries = files_under(course / top / "ben")
        names = {p.name for p in entries}
        assert not names & {"gradebook.db", "hint.txt", "material", "pipe"}, (top, names)
        assert not [p for p in entries if p.is_symlink()]
        for path in (p for p in entries if p.is_file()):
            content = path.read_bytes()
            assert not content.startswith(b"SQLite format 3") and b"### BEGIN SOLUTION" not in content, path
    assert (course / "autograded" / "ben" / ASSIGNMENT / "notes.txt").read_text() == "my own notes\n"
    second = [v for k, v in scores.items() if k[:2] == ("ben", "02_sigmoid_gradient")]
    assert second and all(score == most for score, most in second), "the normal notebook beside the links is graded"


def test_a_submitted_notebook_that_is_a_link_to_the_source_scores_nothing_with_a_note(graded):
    course, scores = graded
    first = [v for k, v in scores.items() if k[:2] == ("cal", NOTEBOOK)]
    assert first and all(score == 0 for score, _ in first), first
    graded_copy = course / "autograded" / "cal" / ASSIGNMENT / f"{NOTEBOOK}.ipynb"
    assert not graded_copy.is_symlink() and b"### BEGIN SOLUTION" not in graded_copy.read_bytes()
    feedback = (course / "feedback" / "cal" / ASSIGNMENT / f"{NOTEBOOK}.html").read_text()
    assert "is a link; links are not graded" in feedback


BROKEN_METADATA = {
    "points as text": lambda meta: meta.update(points="two"),
    "unknown schema version": lambda meta: meta.update(schema_version=99),
    "grade id missing": lambda meta: meta.pop("grade_id"),
    "a graded cell without points": lambda meta: meta.pop("points"),
}


@pytest.mark.parametrize("how", sorted(BROKEN_METADATA))
def test_compiled_metadata_check_refuses_what_nbgraders_refuses(how: str):
    nb = nbformat.read(SOURCE, as_version=4)
    graded = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade"))
    BROKEN_METADATA[how](graded.metadata["nbgrader"])
    outcomes = []
    for check in (CheckCellMetadata(), repair.CompiledCheckCellMetadata()):
        try:
            check.preprocess(copy.deepcopy(nb), {})
            outcomes.append("accepted")
        except Exception as error:  # nbgrader's ValidationError, or its KeyError on a missing key
            outcomes.append(type(error).__name__)
    assert outcomes[0] != "accepted" and outcomes[0] == outcomes[1], outcomes


def test_compiled_metadata_check_accepts_every_course_notebook():
    from autograder.release import source_notebooks

    for path in source_notebooks(ROOT):
        nb = nbformat.read(path, as_version=4)
        repair.CompiledCheckCellMetadata().preprocess(nb, {})
        CheckCellMetadata().preprocess(nb, {})
