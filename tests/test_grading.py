"""Grade a class of realistic submissions end to end with stock `nbgrader autograde`.

The class: the reference solutions (full marks), the untouched release (zero), and students
who each combine one realistic answer per exercise (answer k of every exercise for student k),
so every answer in tests/answers is graded once in a real submission.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

from autograder.release import ASSIGNMENT, ROOT, source_notebooks
from tests._course import Exercise, all_exercises, is_solution
from tests.answers import NOTEBOOKS, Answer, answers_of

EXERCISES = all_exercises()
ANSWERS = {e.solution_id: [a for a in answers_of(e.notebook) if a.exercise == e.solution_id] for e in EXERCISES}
CLASS_SIZE = max((len(a) for a in ANSWERS.values()), default=0)
SOLUTION_REGION = re.compile(r"^\s*### (BEGIN|END) SOLUTION\s*\n", re.MULTILINE)


@dataclass(frozen=True)
class Graded:
    """The scores nbgrader stored: {(student, notebook, grade id): (score, max score)}."""

    scores: dict[tuple[str, str, str], tuple[float, float]]

    def exercise(self, student: str, exercise: Exercise) -> tuple[float, float]:
        """Returns (score, max score) of one student on one exercise's test cells."""
        pairs = [self.scores[(student, exercise.notebook, g)] for g in exercise.tests]
        return sum(p[0] for p in pairs), sum(p[1] for p in pairs)


def student_of(answer: Answer) -> str:
    """Returns the id of the synthetic student who submitted this answer."""
    return f"student_{ANSWERS[answer.exercise].index(answer):02d}"


def reference_source(source_cell_text: str) -> str:
    """Returns a solution cell as a student who wrote the reference would leave it."""
    return SOLUTION_REGION.sub("", source_cell_text)


def submission(released: Path, solutions: dict[str, str]) -> nbformat.NotebookNode:
    """Returns the released notebook with the given solution cells filled in, by grade id."""
    nb = nbformat.read(released, as_version=4)
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if is_solution(cell) and grade_id in solutions:
            cell.source = solutions[grade_id].strip("\n")
    return nb


def write_class(course: Path) -> None:
    """Writes submitted/<student>/python_basics/*.ipynb for the whole synthetic class."""
    release = course / "release" / ASSIGNMENT
    for source in source_notebooks(course):
        released = release / source.name
        reference = {
            c.metadata["nbgrader"]["grade_id"]: reference_source(c.source)
            for c in nbformat.read(source, as_version=4).cells
            if is_solution(c)
        }
        students = {"reference": reference, "untouched": {}}
        for k in range(CLASS_SIZE):
            students[f"student_{k:02d}"] = {
                exercise: answers[k % len(answers)].source
                for exercise, answers in ANSWERS.items()
                if answers and exercise in reference
            }
        for student, solutions in students.items():
            folder = course / "submitted" / student / ASSIGNMENT
            folder.mkdir(parents=True, exist_ok=True)
            nbformat.write(submission(released, solutions), folder / source.name)


def nbgrader(course: Path, *args: str) -> None:
    """Runs an nbgrader command in the course, with the venv's bin/ on PATH (for alembic)."""
    env = dict(os.environ, PATH=str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"])
    done = subprocess.run(
        [str(Path(sys.executable).parent / "nbgrader"), *args, "--log-level=WARN"],
        cwd=course, env=env, capture_output=True, text=True,
    )
    assert done.returncode == 0, f"nbgrader {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"


def read_scores(course: Path) -> Graded:
    """Returns every grade cell's score from the course's gradebook."""
    from nbgrader.api import Gradebook

    scores = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        for student in gradebook.students:
            submission_ = gradebook.find_submission(ASSIGNMENT, student.id)
            for notebook in submission_.notebooks:
                for grade in notebook.grades:
                    scores[(student.id, notebook.name, grade.name)] = (grade.score, grade.max_score)
    return Graded(scores)


@pytest.fixture(scope="module")
def graded(tmp_path_factory) -> Graded:
    course = tmp_path_factory.mktemp("course")
    shutil.copy(ROOT / "nbgrader_config.py", course)
    shutil.copytree(ROOT / "source", course / "source")
    shutil.copytree(ROOT / "release", course / "release")
    nbgrader(course, "generate_assignment", ASSIGNMENT, "--force")
    write_class(course)
    nbgrader(course, "autograde", ASSIGNMENT)
    return read_scores(course)


def test_the_course_has_at_least_14_exercises():
    assert len(EXERCISES) >= 14, f"only {len(EXERCISES)} graded exercises"
    assert set(NOTEBOOKS) == {p.stem for p in source_notebooks()}


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.solution_id)
def test_reference_solution_earns_full_marks(graded: Graded, exercise: Exercise):
    score, most = graded.exercise("reference", exercise)
    assert most > 0 and score == most, f"the reference solution of {exercise.solution_id} earns {score}/{most}"


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.solution_id)
def test_untouched_release_earns_nothing(graded: Graded, exercise: Exercise):
    score, most = graded.exercise("untouched", exercise)
    assert score == 0, f"the untouched stub of {exercise.solution_id} earns {score}/{most}"


ALL_ANSWERS = [a for answers in ANSWERS.values() for a in answers]


def answer_id(answer: Answer) -> str:
    """Returns a readable test id: exercise, right or wrong, label."""
    return f"{answer.exercise}-{'right' if answer.right else 'wrong'}-{answer.label}"


@pytest.mark.parametrize("answer", ALL_ANSWERS, ids=answer_id)
def test_student_answer_gets_the_grade_it_deserves(graded: Graded, answer: Answer):
    exercise = next(e for e in EXERCISES if e.solution_id == answer.exercise)
    score, most = graded.exercise(student_of(answer), exercise)
    if answer.right:
        assert score == most, f"a right answer ({answer.label}) earns {score}/{most}"
    else:
        assert score < most, f"a wrong answer ({answer.label}) earns full marks {score}/{most}"
