"""The three forms of the course agree: text twins, source notebooks, generated release.

And the release, run as a student first opens it, fails only where the stubs are.
"""

from __future__ import annotations

import ast
import filecmp
import re
import shutil
from pathlib import Path

import jupytext
import nbformat
import pytest
from nbclient import NotebookClient

from autograder.release import ASSIGNMENT, ROOT, generate_release, source_notebooks, twins
from tests._course import is_grade, is_solution


def assigned_names(source: str) -> set[str]:
    """Returns the names a cell assigns at top level (what a stopped cell leaves undefined)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    return {
        node.id
        for statement in tree.body
        for node in ast.walk(statement)
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)
    }


SOURCES = source_notebooks()
RELEASED = sorted((ROOT / "release" / ASSIGNMENT).glob("[0-9][0-9]_*.ipynb"))
KEPT_METADATA = ("nbgrader", "tags")


def cell_view(cell) -> tuple:
    """Returns what the pairing must keep of a cell: its type, source and graded metadata."""
    meta = {k: cell.metadata[k] for k in KEPT_METADATA if k in cell.metadata}
    return cell.cell_type, cell.source.strip(), repr(sorted(meta.items()))


def test_the_course_has_eight_notebooks():
    stems = [p.stem for p in SOURCES]
    assert [s[:3] for s in stems] == [f"{i:02d}_" for i in range(1, 9)], f"source notebooks: {stems}"
    assert [p.stem for p in twins()] == stems, "every source notebook needs its text twin in notebooks/"


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_text_twin_matches_source(source: Path):
    """notebooks/NN.py and source/python_basics/NN.ipynb hold the same cells."""
    twin = ROOT / "notebooks" / f"{source.stem}.py"
    text_cells = [cell_view(c) for c in jupytext.read(twin).cells]
    notebook_cells = [cell_view(c) for c in jupytext.read(source).cells]
    for index, (a, b) in enumerate(zip(text_cells, notebook_cells, strict=False)):
        assert a == b, (
            f"cell {index} of {twin.name} differs from {source.name}; run `./course.sh setup && "
            f".venv/bin/python -m autograder build` after editing either side.\n twin: {a}\n ipynb: {b}"
        )
    assert len(text_cells) == len(notebook_cells), f"{twin.name} and {source.name} have different cell counts"


def defined_and_needed(source: str) -> tuple[set[str], set[str]]:
    """Returns the names a cell defines, and those it reads without defining them itself."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set(), set()
    defined = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    defined |= {n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
    read = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    return defined, read - defined


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_demo_cells_define_nothing_the_rest_needs(source: Path):
    """Grading skips cells tagged `demo` (plots, timings): no later cell may depend on them."""
    nb = nbformat.read(source, as_version=4)
    code = [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    demo = {i for i, c in code if "demo" in c.metadata.get("tags", [])}
    assert demo, f"{source.name} tags no plot or timing cell `demo`"
    for i in sorted(demo):
        assert not is_grade(nb.cells[i]) and not is_solution(nb.cells[i]), f"cell {i} is graded and tagged demo"
        defined, _ = defined_and_needed(nb.cells[i].source)
        for j, cell in code:
            if j > i and j not in demo:
                needed = defined & defined_and_needed(cell.source)[1]
                assert not needed, f"{source.name}: cell {j} needs {needed} from demo cell {i}, which grading skips"


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_source_outputs_are_fresh(source: Path):
    """The stored outputs come from the current code (autograder build executes stale notebooks)."""
    from autograder.release import code_digest

    nb = nbformat.read(source, as_version=4)
    assert nb.metadata.get("course", {}).get("executed_code") == code_digest(nb), (
        f"{source.name} was edited after its outputs were stored; run `.venv/bin/python -m autograder build`."
    )


def test_release_is_what_the_source_generates(tmp_path: Path):
    """Regenerating release/ from source/ gives exactly the committed release."""
    for name in ("nbgrader_config.py", "source"):
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, tmp_path / name)
    generate_release(tmp_path)
    fresh, committed = tmp_path / "release" / ASSIGNMENT, ROOT / "release" / ASSIGNMENT
    comparison = filecmp.dircmp(fresh, committed)
    assert not comparison.left_only and not comparison.right_only, (
        f"release/ files differ from what source/ generates: only generated {comparison.left_only}, "
        f"only committed {comparison.right_only}. Run `.venv/bin/python -m autograder build`."
    )
    _, mismatch, errors = filecmp.cmpfiles(fresh, committed, comparison.common_files, shallow=False)
    assert not mismatch and not errors, f"release/ is stale for {mismatch + errors}; run `autograder build`."


@pytest.mark.parametrize("released", RELEASED, ids=lambda p: p.stem)
def test_released_notebook_has_stubs_and_no_answers(released: Path):
    nb = nbformat.read(released, as_version=4)
    text = "\n".join(c.source for c in nb.cells)
    assert "BEGIN SOLUTION" not in text and "BEGIN HIDDEN TESTS" not in text
    assert "autograder.checks" not in text, "the release must not mention the hidden checks"
    solutions = [c for c in nb.cells if is_solution(c) and c.cell_type == "code"]
    assert solutions, f"{released.name} has no exercise"
    assert all("raise NotImplementedError()" in c.source for c in solutions)
    assert not any(c.get("outputs") for c in nb.cells if c.cell_type == "code"), "the release has outputs"


@pytest.mark.parametrize("released", RELEASED, ids=lambda p: p.stem)
def test_release_runs_and_fails_only_at_the_stubs(released: Path, tmp_path: Path):
    """Run as a student first opens it: every error is the stubs' NotImplementedError.

    Cells tagged raises-exception show an error on purpose; every graded test cell must fail,
    so an untouched notebook earns nothing. No NameError: a cell that needs a name an unsolved
    exercise would have made says in one line which exercise to solve first (issue 12).
    """
    shutil.copytree(released.parent, tmp_path, dirs_exist_ok=True)
    nb = nbformat.read(released, as_version=4)
    NotebookClient(
        nb, timeout=120, kernel_name="python3", allow_errors=True, resources={"metadata": {"path": str(tmp_path)}}
    ).execute()
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        errors = [o for o in cell.outputs if o.output_type == "error"]
        if "raises-exception" in cell.metadata.get("tags", []):
            assert errors, f"cell {index} of {released.name} is tagged raises-exception but ran without error"
            continue
        for error in errors:
            assert error.ename == "NotImplementedError", (
                f"cell {index} of {released.name} fails with {error.ename}: {error.evalue}; before the student "
                f"writes anything only the stubs may fail.\n{cell.source[:300]}"
            )
        if is_grade(cell):
            assert errors, f"test cell {cell.metadata['nbgrader']['grade_id']} passes on the untouched release"


# Graded functions that a later notebook gives on purpose, and where: sigmoid is 01's Exercise 2, and 02 gives it
# (its derivatives are checked against it) as does 08, after 02. Anything else given is a leak.
GIVEN_ON_PURPOSE = {"sigmoid": {"02_sigmoid_gradient", "08_logistic_regression"}}


def graded_functions() -> dict[str, str]:
    """Returns {function a check grades: the notebook whose exercise it is}, read from the checks and the sources."""
    from autograder.checks import CHECKS

    owner: dict[str, str] = {}
    for source in SOURCES:
        for cell in nbformat.read(source, as_version=4).cells:
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
            if is_grade(cell) and grade_id in CHECKS:
                owner.setdefault(CHECKS[grade_id].function, source.stem)
    return owner


def bound_names(source: str) -> set[str]:
    """Returns every name a cell binds anywhere: def, class, lambda or any assignment, import alias."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.alias):
            names.add(node.asname or node.name.split(".")[0])
    return names


def other_notebooks_answers(released: Path, stem: str) -> list[str]:
    """Returns a sentence for each non-solution code cell that defines a graded function of another notebook."""
    owner = graded_functions()
    nb = nbformat.read(released, as_version=4)
    found = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or is_solution(cell):
            continue
        for name in sorted(bound_names(cell.source)):
            if name in owner and owner[name] != stem and stem not in GIVEN_ON_PURPOSE.get(name, ()):
                found.append(f"cell {index} of {released.name} defines {name}, graded in {owner[name]}")
    return found


def test_the_checks_name_the_graded_functions():
    """Control for the next test: it knows every exercise's function, the three 08 once gave among them."""
    owner = graded_functions()
    assert len(owner) >= 30, f"too few graded functions found: {sorted(owner)}"
    assert {owner[f] for f in ("numerical_derivative", "images_to_matrix", "standardize")} == {
        "02_sigmoid_gradient", "03_reshape", "04_normalization"}


@pytest.mark.parametrize("released", RELEASED, ids=lambda p: p.stem)
def test_release_gives_no_other_notebooks_graded_function(released: Path):
    """No given or test cell hands a student the working answer to an exercise of another notebook."""
    assert other_notebooks_answers(released, released.stem) == []


def test_every_notebook_links_to_its_neighbours_at_the_top_and_the_bottom():
    """Does each navigation line name the previous notebook, the contents and the next one (07 links to 08)?"""
    stems = [p.stem for p in SOURCES]
    for index, source in enumerate(SOURCES):
        nb = nbformat.read(source, as_version=4)
        previous = rf"\[[^\]]+\]\({stems[index - 1]}\.ipynb\)" if index > 0 else "previous"
        following = rf"\[[^\]]+\]\({stems[index + 1]}\.ipynb\)" if index + 1 < len(stems) else "next"
        expected = rf"<!--NAVIGATION-->\n< {previous} \| \[Contents\]\(CONTENTS\.md\) \| {following} >"
        for where, cell in (("top", nb.cells[0]), ("bottom", nb.cells[-1])):
            assert cell.cell_type == "markdown" and re.fullmatch(expected, cell.source), (
                f"the {where} navigation of {source.name} is {cell.source!r}; "
                "run `.venv/bin/python -m autograder build`, which writes it from the list of source notebooks."
            )
    contents = (SOURCES[0].parent / "CONTENTS.md").read_text()
    assert all(f"({stem}.ipynb)" in contents for stem in stems), f"CONTENTS.md misses a notebook:\n{contents}"



def test_the_contents_give_each_notebooks_points_and_expected_time_and_the_totals():
    """Does CONTENTS.md give each notebook's graded points and the time its text states, and the sums?"""
    rows = {}
    for line in (SOURCES[0].parent / "CONTENTS.md").read_text().splitlines():
        found = re.fullmatch(r"\| (\d*) ?\| (.+?) \| ([\d.]+) \| about (.+?) \|", line)
        if found:
            rows[found.group(2)] = (float(found.group(3)), found.group(4))
    total_points = total_minutes = 0
    for source in SOURCES:
        nb = nbformat.read(source, as_version=4)
        points = sum(c.metadata["nbgrader"].get("points", 0) for c in nb.cells
                     if c.metadata.get("nbgrader", {}).get("grade"))
        stated = re.search(r"Expected time: about (\d+) minutes", "\n".join(
            c.source for c in nb.cells if c.cell_type == "markdown"))
        assert stated, f"{source.name} does not say its expected time ('Expected time: about N minutes')"
        row = next((value for name, value in rows.items() if f"({source.stem}.ipynb)" in name), None)
        assert row == (points, f"{stated.group(1)} min"), f"CONTENTS.md gives {source.name} {row}, not {points} points"
        total_points, total_minutes = total_points + points, total_minutes + int(stated.group(1))
    hours, minutes = divmod(total_minutes, 60)
    assert rows["all"] == (total_points, f"{hours} h {minutes:02d} min"), f"CONTENTS.md's totals are {rows['all']}"


GOING_DEEPER = "# Going deeper"  # the first line of a code cell that only serves a folded "Going deeper" section


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_going_deeper_is_optional(source: Path):
    """Is a Going deeper section skippable: folded text, code cells tagged demo and ungraded, and no later cell,
    demo or not, reading a name that only its cells define?"""
    nb = nbformat.read(source, as_version=4)
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown" and "Going deeper:" in cell.source:
            assert cell.source.count("<details>") == cell.source.count("</details>"), (
                f"{source.name}: markdown cell {index} opens a Going deeper <details> it does not close")
    code = [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    deeper = {i for i, c in code if c.source.lstrip().startswith(GOING_DEEPER)}
    only_there = set()
    for i in sorted(deeper):
        cell = nb.cells[i]
        assert "demo" in cell.metadata.get("tags", []) and not is_grade(cell) and not is_solution(cell), (
            f"{source.name}: cell {i} serves a Going deeper section, so it must be an ungraded cell tagged demo")
        only_there |= defined_and_needed(cell.source)[0]
    for i, cell in code:
        if i not in deeper:
            only_there -= defined_and_needed(cell.source)[0]
    for j, cell in code:
        if j not in deeper and any(i < j for i in deeper):
            needed = only_there & defined_and_needed(cell.source)[1]
            assert not needed, f"{source.name}: cell {j} needs {needed}, defined only in a Going deeper cell"
