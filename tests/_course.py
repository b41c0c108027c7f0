"""What the tests need to know of the course: its notebooks, exercises and grade cells."""

from __future__ import annotations

import shutil
import socket
import subprocess
from dataclasses import dataclass
from pathlib import Path

import nbformat

from autograder.release import ASSIGNMENT, ROOT, source_notebooks
from autograder.synthetic.cells import (  # the tests build their classes as the demo does
    SOLUTION_REGION,
    is_grade,
    is_solution,
    reference_solutions,
    reference_source,
    submission,
)
from autograder.venv_tools import tool, with_venv_tools

__all__ = ["SOLUTION_REGION", "Exercise", "all_exercises", "exercises_of", "finish", "free_port", "is_grade",
           "is_solution", "nbgrader", "new_course", "read_scores", "reference_solutions", "reference_source",
           "start_nbgrader", "submission"]


@dataclass(frozen=True)
class Exercise:
    """A solution cell and the graded test cells that follow it."""

    notebook: str
    solution_id: str
    tests: dict[str, float]  # grade id -> points


def exercises_of(path: Path) -> list[Exercise]:
    """Returns the exercises of a notebook in order."""
    nb = nbformat.read(path, as_version=4)
    found: list[Exercise] = []
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if is_solution(cell):
            found.append(Exercise(path.stem, meta["grade_id"], {}))
        elif is_grade(cell):
            assert found, f"{path.name}: test cell {meta['grade_id']} comes before any solution cell"
            found[-1].tests[meta["grade_id"]] = float(meta["points"])
    return found


def all_exercises(root: Path = ROOT) -> list[Exercise]:
    """Returns every exercise of the course."""
    return [e for path in source_notebooks(root) for e in exercises_of(path)]


def start_nbgrader(course: Path, *args: str) -> subprocess.Popen:
    """Starts an nbgrader command in the course, with the venv's bin/ on PATH (for alembic)."""
    return subprocess.Popen(
        [tool("nbgrader"), *args, "--log-level=WARN"],
        cwd=course, env=with_venv_tools(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )


def finish(process: subprocess.Popen) -> None:
    """Waits for an nbgrader command and fails with its output if it failed."""
    output, _ = process.communicate()
    assert process.returncode == 0, f"{' '.join(process.args)} failed:\n{output}"


def nbgrader(course: Path, *args: str) -> None:
    """Runs an nbgrader command in the course to its end."""
    finish(start_nbgrader(course, *args))


def read_scores(course: Path) -> dict[tuple[str, str, str], tuple[float, float]]:
    """Returns every grade cell's score from the course's gradebook."""
    from autograder._gradebook import open_gradebook

    scores = {}
    with open_gradebook(course) as gradebook:
        for student in gradebook.students:
            submission_ = gradebook.find_submission(ASSIGNMENT, student.id)
            for notebook in submission_.notebooks:
                for grade in notebook.grades:
                    scores[(student.id, notebook.name, grade.name)] = (grade.score, grade.max_score)
    return scores


def new_course(folder: Path, config: str | None = None) -> Path:
    """Returns a fresh course directory: config (ours, or the text given), source, release, gradebook."""
    (folder / "nbgrader_config.py").write_text(config or (ROOT / "nbgrader_config.py").read_text())
    shutil.copytree(ROOT / "source", folder / "source")
    shutil.copytree(ROOT / "release", folder / "release")
    nbgrader(folder, "generate_assignment", ASSIGNMENT, "--force")
    return folder


def free_port() -> int:
    """Returns a TCP port on loopback that nothing listens on right now (the tests' servers: Dask, PostgreSQL, Lab)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
