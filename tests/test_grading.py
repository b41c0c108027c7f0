"""Grade a class of realistic submissions end to end with stock `nbgrader autograde`.

The class: the reference solutions (full marks), the untouched release (zero), and students
who each combine one realistic answer per exercise (answer k of every exercise for student k),
so every answer in autograder/synthetic/answers is graded once in a real submission.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

from autograder.release import ASSIGNMENT, ROOT, source_notebooks
from autograder.synthetic.answers import NOTEBOOKS, Answer, answers_of
from tests._course import (
    Exercise,
    all_exercises,
    finish,
    new_course,
    read_scores,
    reference_solutions,
    start_nbgrader,
    submission,
)

EXERCISES = all_exercises()
ANSWERS = {e.solution_id: [a for a in answers_of(e.notebook) if a.exercise == e.solution_id] for e in EXERCISES}
CLASS_SIZE = max((len(a) for a in ANSWERS.values()), default=0)


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


def class_solutions(course: Path) -> dict[str, dict[str, dict[str, str]]]:
    """Returns {student: {notebook stem: {solution grade id: cell source}}} for the whole class."""
    students: dict[str, dict[str, dict[str, str]]] = {"reference": {}, "untouched": {}}
    students.update({f"student_{k:02d}": {} for k in range(CLASS_SIZE)})
    for source in source_notebooks(course):
        reference = reference_solutions(source)
        students["reference"][source.stem] = reference
        students["untouched"][source.stem] = {}
        for k in range(CLASS_SIZE):
            students[f"student_{k:02d}"][source.stem] = {
                exercise: answers[k % len(answers)].source
                for exercise, answers in ANSWERS.items()
                if answers and exercise in reference
            }
    return students


def write_submissions(course: Path, students: dict[str, dict[str, dict[str, str]]]) -> None:
    """Writes submitted/<student>/python_basics/*.ipynb: the release with the solutions filled in."""
    release = course / "release" / ASSIGNMENT
    for student, notebooks in students.items():
        folder = course / "submitted" / student / ASSIGNMENT
        folder.mkdir(parents=True, exist_ok=True)
        for stem, solutions in notebooks.items():
            nbformat.write(submission(release / f"{stem}.ipynb", solutions), folder / f"{stem}.ipynb")


@pytest.fixture(scope="module")
def graded(tmp_path_factory) -> Graded:
    """Grades the class in two course copies at once (stock nbgrader is sequential; CI has 2 cores)."""
    students = class_solutions(ROOT)
    names = sorted(students)
    halves = [names[0::2], names[1::2]]
    courses = [new_course(tmp_path_factory.mktemp(f"course{i}")) for i in range(2)]
    for course, half in zip(courses, halves, strict=True):
        write_submissions(course, {name: students[name] for name in half})
    for process in [start_nbgrader(course, "autograde", ASSIGNMENT) for course in courses]:
        finish(process)
    scores = {}
    for course in courses:
        scores.update(read_scores(course))
    return Graded(scores)


def test_the_course_has_at_least_34_exercises():
    """The 21 exercises of the first edition, the 9 of issue 12 that test understanding and the 4 of the capstone."""
    assert len(EXERCISES) >= 34, f"only {len(EXERCISES)} graded exercises"
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
