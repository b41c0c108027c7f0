"""Every realistic student answer, judged in-process by the hidden checks alone.

Right answers must pass every check of their exercise for several students' seeds; wrong ones
must fail at least one, with a message naming the mistake where the answer says which.
"""

from __future__ import annotations

import inspect
import linecache
import math
import warnings

import numpy as np
import pytest

from autograder.bundle import meaningful, reference_bodies
from autograder.checks import CHECKS, CheckFailed
from autograder.release import ROOT
from autograder.synthetic.answers import NOTEBOOKS, Answer, answers_of, prelude_of
from tests._course import all_exercises

EXERCISES = {e.solution_id: e for e in all_exercises()}
ANSWERS = [(nb, a) for nb in NOTEBOOKS for a in answers_of(nb)]
SEEDS = (0, 1, 12345)


def define(notebook: str, answer: Answer) -> dict:
    """Returns the namespace after running the notebook's prelude and the answer's source."""
    namespace: dict = {"np": np, "math": math}
    exec(prelude_of(notebook), namespace)
    # Register the source as IPython does for a cell, so inspect.getsource finds it.
    filename = f"<answer {answer.exercise}: {answer.label}>"
    linecache.cache[filename] = (len(answer.source), None, answer.source.splitlines(True), filename)
    exec(compile(answer.source, filename, "exec"), namespace)
    return namespace


def failures(notebook: str, answer: Answer, seed: int) -> list[str]:
    """Returns the failure messages of every check of the answer's exercise."""
    namespace = define(notebook, answer)
    messages = []
    for grade_id in EXERCISES[answer.exercise].tests:
        item = CHECKS[grade_id]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                item.run(namespace[item.function], seed)
            except CheckFailed as failure:
                messages.append(str(failure))
    return messages


def test_every_grade_cell_has_a_check():
    """Each graded test cell of the course has a named check in autograder.checks."""
    missing = [g for e in EXERCISES.values() for g in e.tests if g not in CHECKS]
    assert not missing, f"test cells without a check: {missing}"


def test_the_leak_test_knows_the_reference_of_every_check():
    """The student-bundle leak test reads every module of autograder/checks, packages included."""
    known = reference_bodies(ROOT / "autograder" / "checks")
    references = {c.reference for c in CHECKS.values() if c.reference.__name__.startswith("reference_")}
    unread = sorted(r.__qualname__ for r in references if not meaningful(inspect.getsource(r)) & known)
    assert not unread, f"reference functions the leak test does not read: {unread}"


def test_every_exercise_has_enough_answers():
    """At least 5 wrong and 3 right realistic answers per exercise."""
    short = {}
    for exercise in EXERCISES:
        mine = [a for _, a in ANSWERS if a.exercise == exercise]
        right = sum(a.right for a in mine)
        if right < 3 or len(mine) - right < 5:
            short[exercise] = (right, len(mine) - right)
    assert not short, f"exercises with fewer than 3 right or 5 wrong answers (right, wrong): {short}"


UNDERSTANDING = {  # issue 12: exercises on ideas the first edition only taught in reading, by notebook
    "stable_basic_sigmoid": ("01_why_numpy", {"stable_basic_sigmoid_values": 1, "stable_basic_sigmoid_extremes": 1}),
    "richardson_derivative": ("02_sigmoid_gradient",
                              {"richardson_derivative_values": 1, "richardson_derivative_order": 1}),
    "matrix_to_images": ("03_reshape", {"matrix_to_images_values": 1, "matrix_to_images_roundtrip": 1}),
    "gradient_descent": ("04_normalization", {"gradient_descent_values": 1, "gradient_descent_stops": 1}),
    "condition_number": ("04_normalization", {"condition_number_values": 1, "condition_number_properties": 1}),
    "log_softmax": ("05_softmax_broadcasting", {"log_softmax_values": 1, "log_softmax_stable": 1}),
    "cross_entropy": ("05_softmax_broadcasting", {"cross_entropy_values": 1, "cross_entropy_stable": 1}),
    "fixed_softmax": ("05_softmax_broadcasting", {"fixed_softmax_square": 1, "fixed_softmax_shapes": 1}),
    "softmax_jvp": ("05_softmax_broadcasting", {"softmax_jvp_values": 1, "softmax_jvp_stable": 1}),
    "pairwise_sq_distances": ("06_vectorization",
                              {"pairwise_sq_distances_values": 1, "pairwise_sq_distances_shapes": 1}),
    "huber": ("07_l1_l2_losses", {"huber_values": 1, "huber_outliers": 1}),
    "huber_gradient": ("07_l1_l2_losses", {"huber_gradient_values": 1, "huber_gradient_bounded": 1}),
    "logistic_loss": ("08_logistic_regression", {"logistic_loss_values": 1, "logistic_loss_stable": 1}),
    "logistic_gradient": ("08_logistic_regression",
                          {"logistic_gradient_values": 1, "logistic_gradient_numerical": 1}),
    "predict": ("08_logistic_regression", {"predict_values": 1}),
    "accuracy": ("08_logistic_regression", {"accuracy_values": 1}),
}


@pytest.mark.parametrize("solution_id", sorted(UNDERSTANDING))
def test_exercises_that_test_understanding_are_graded(solution_id: str):
    """Is each exercise of issue 12 in its notebook, with its test cells and points, and folded tiered hints?"""
    notebook, tests = UNDERSTANDING[solution_id]
    assert solution_id in EXERCISES, f"{solution_id} is no longer an exercise"
    exercise = EXERCISES[solution_id]
    assert (exercise.notebook, exercise.tests) == (notebook, tests)
    assert all(CHECKS[g].function == solution_id for g in tests)
    import nbformat

    from autograder.release import source_dir

    cells = nbformat.read(source_dir() / f"{notebook}.ipynb", as_version=4).cells
    where = next(i for i, c in enumerate(cells) if c.metadata.get("nbgrader", {}).get("grade_id") == solution_id)
    task = cells[where - 1].source
    assert "<summary>Hint 1</summary>" in task and "<summary>Hint 2</summary>" in task, (
        f"the task above {solution_id} has no folded Hint 1 and Hint 2"
    )


def test_no_hint_gives_the_answer_in_plain_sight():
    """Every exercise's hints are folded: no bare `hint:` line is left in a task."""
    import nbformat

    from autograder.release import source_notebooks

    bare = [(p.stem, c.source.splitlines()[0]) for p in source_notebooks() for c in nbformat.read(p, as_version=4).cells
            if c.cell_type == "markdown" and any(line.startswith("hint:") for line in c.source.splitlines())]
    assert not bare, f"tasks with a hint in plain sight: {bare}"


@pytest.mark.parametrize(("notebook", "answer"), ANSWERS, ids=lambda v: getattr(v, "label", v))
def test_answer_is_judged_right(notebook: str, answer: Answer):
    assert answer.exercise in EXERCISES, f"no exercise {answer.exercise!r} in {notebook}"
    if answer.right:
        for seed in SEEDS:
            assert failures(notebook, answer, seed) == [], f"a right answer failed with seed {seed}"
    else:
        messages = failures(notebook, answer, 0)
        assert messages, "a wrong answer passed every hidden check"
        if answer.says:
            assert any(answer.says in m for m in messages), f"no message says {answer.says!r}: {messages}"


@pytest.mark.parametrize("grade_id", sorted(CHECKS))
def test_case_labels_never_show_hidden_input_values(grade_id: str):
    """Failure messages quote case labels, and feedback must not reveal the hidden inputs."""
    for case in CHECKS[grade_id].cases(np.random.default_rng(3)):
        values = [a for a in case.args if isinstance(a, float)]
        values += [float(x) for a in case.args if isinstance(a, np.ndarray) for x in a.ravel()[:5]]
        for value in values:
            if value != round(value):
                assert repr(value) not in case.label and f"{value:.4f}" not in case.label, case.label


MANY_SEEDS = range(80)
RIGHT_BY_NOTEBOOK = {nb: [a for a in answers_of(nb) if a.right] for nb in NOTEBOOKS}


@pytest.mark.parametrize("notebook", sorted(NOTEBOOKS))
def test_right_answers_pass_for_many_seeds(notebook: str):
    """A right answer passes for every student's inputs, float32 rounding included (not just 3 seeds)."""
    failed = {}
    for answer in RIGHT_BY_NOTEBOOK[notebook]:
        namespace = define(notebook, answer)
        for grade_id in EXERCISES[answer.exercise].tests:
            item = CHECKS[grade_id]
            for seed in MANY_SEEDS:
                try:
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore")
                        item.run(namespace[item.function], seed)
                except CheckFailed as failure:
                    failed.setdefault((answer.label, grade_id), []).append((seed, str(failure)[:200]))
    assert not failed, f"right answers failed: {failed}"


MATVEC_FORMULATIONS = {
    "column then ravel": "(W @ x.reshape(-1, 1)).ravel()",
    "W @ x": "W @ x",
    "np.dot": "np.dot(W, x)",
    "np.einsum": "np.einsum('ij,j->i', W, x)",
    "broadcast and sum": "(W * x).sum(axis=1)",
}


@pytest.mark.parametrize("body", MATVEC_FORMULATIONS.values(), ids=MATVEC_FORMULATIONS.keys())
def test_float32_matrix_vector_formulations_pass_for_many_seeds(body: str):
    """Each BLAS kernel or summation order rounds float32 differently; none may cost a point.

    Seeds 512, 611 (W @ x) and 72, 193 (einsum) failed with the old fixed atol of 1e-6.
    """
    answer = Answer("matrix_vector_product", body, True, f"def matrix_vector_product(W, x):\n    return {body}\n")
    namespace = define("06_vectorization", answer)
    seeds = sorted({*range(200), 72, 193, 470, 512, 611, 961})
    failed = []
    for grade_id in ("matrix_vector_product_values", "matrix_vector_product_shape"):
        for seed in seeds:
            try:
                CHECKS[grade_id].run(namespace["matrix_vector_product"], seed)
            except CheckFailed as failure:
                failed.append((grade_id, seed, str(failure)[:200]))
    assert not failed, failed
