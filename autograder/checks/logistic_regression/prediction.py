"""Checks of predict and accuracy, of 08_logistic_regression, without Python loops."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from autograder.checks._core import Case, Raised, exercise_checks, outcome
from autograder.checks._naming import naming_compare
from autograder.checks._values import as_floats, describe, judge_value
from autograder.checks.logistic_regression.model import problem, scores, sizes, stable_sigmoid


def reference_predict(W, b, X):
    """1.0 where σ(z) > ½, i.e. z > 0, else 0.0; shape (1, m)."""
    return (scores(W, b, X) > 0).astype(float)


def reference_accuracy(Y_pred, Y):
    """The fraction of equal labels."""
    Y_pred, Y = as_floats(Y_pred, Y)
    return float(np.mean(Y_pred == Y))


def predict_cases(rng: np.random.Generator) -> list[Case]:
    cases = []
    for dtype, extra in ((np.float64, ""), (np.float32, ""), (np.float64, " (a large positive bias)")):
        W, b, X, _ = problem(rng, *sizes(rng), dtype=dtype)
        if extra:
            b = float(rng.uniform(0.5, 1.5)) * float(np.abs(W @ X).max())
        z = scores(W, b, X)
        near = np.abs(z) < 1e-9
        X = np.where(near, X + 0.1, X).astype(dtype)  # no score exactly 0: the threshold is never a tie
        cases.append(Case((W, b, X), f"W of shape {W.shape}, X = {describe(X)}{extra}"))
    small = problem(rng, *sizes(rng), weight=0.05)  # scores mostly between 0 and 0.5
    W, b, X = small[0], 0.2, small[2]
    cases.append(Case((W, b, X), f"W of shape {W.shape}, X = {describe(X)} (most scores between 0 and 0.5)"))
    return cases


def labels_pair(rng: np.random.Generator, m: int, right: float):
    """Returns (Y_pred, Y) of shape (1, m) where about `right` of the predictions are right."""
    Y = (rng.random((1, m)) < 0.5).astype(float)
    wrong = rng.random((1, m)) >= right
    wrong[0, 0] = m > 1 and right < 1
    return np.where(wrong, 1.0 - Y, Y), Y


def accuracy_cases(rng: np.random.Generator) -> list[Case]:
    m = int(rng.integers(8, 30))
    a = labels_pair(rng, m, float(rng.uniform(0.5, 0.9)))
    b = labels_pair(rng, int(rng.integers(100, 300)), float(rng.uniform(0.6, 0.95)))
    c = labels_pair(rng, int(rng.integers(5, 12)), 1.0)
    ints = labels_pair(rng, int(rng.integers(8, 20)), 0.7)
    return [
        Case(a, f"Y_pred and Y of shape {a[0].shape}"),
        Case(b, f"Y_pred and Y of shape {b[0].shape}"),
        Case(c, f"Y_pred and Y of shape {c[0].shape}, every prediction right"),
        Case((ints[0].astype(np.int64), ints[1]), f"Y_pred of integers and Y of floats, shape {ints[0].shape}"),
    ]


def predict_mistakes() -> list[tuple[Callable[..., Any], str]]:
    return [
        (lambda W, b, X: (scores(W, b, X) > 0.5).astype(float),
         "you compared the score W @ X + b with 0.5; the threshold 0.5 is on the probability sigmoid(z), "
         "which is above 0.5 exactly where z > 0."),
        (lambda W, b, X: stable_sigmoid(scores(W, b, X)),
         "you returned the probabilities sigmoid(W @ X + b); predict returns labels: 1.0 where they are above 0.5."),
        (lambda W, b, X: (scores(W, b, X) < 0).astype(float),
         "the labels are swapped: 1 is predicted where sigmoid(z) > 0.5, that is z > 0."),
        (lambda W, b, X: (scores(W, 0.0, X) > 0).astype(float), "the bias b is missing: the scores are W @ X + b."),
        (lambda W, b, X: np.round(scores(W, b, X)),
         "you rounded the scores; round the probabilities sigmoid(W @ X + b), or compare them with 0.5."),
    ]


def compare_predict(case: Case, got: Any, expected: np.ndarray) -> str | None:
    """Returns None if `got` holds the predicted labels, else the mistake it makes."""
    if isinstance(got, np.ndarray) and got.dtype == bool:
        return (f"`predict` returned booleans for {case.label}; return numbers: "
                "(sigmoid(W @ X + b) > 0.5).astype(float).")
    if isinstance(got, np.ndarray) and got.shape == (expected.size,) and got.shape != expected.shape:
        return (f"`predict` returned shape {got.shape} for {case.label}; keep the row shape {expected.shape} "
                "of W @ X, so that it compares with Y entry by entry.")
    problem = judge_value(got, expected, case, scalar=False)
    if problem is None:
        return None
    for formula, message in predict_mistakes():
        wrong = outcome(formula, case)
        if not isinstance(wrong, Raised) and not np.array_equal(wrong, expected) and \
                judge_value(got, wrong, case, scalar=False) is None:
            return f"`predict` is wrong for {case.label}: {message}"
    return f"`predict`: {problem}"


def accuracy_mistakes() -> list[tuple[Callable[..., Any], str]]:
    def right(Y_pred, Y):
        Y_pred, Y = as_floats(Y_pred, Y)
        return float(np.sum(Y_pred == Y))

    return [
        (right, "you returned the number of right predictions; divide by m = Y.size. For a row of shape (1, m), "
                "len(Y) and Y.shape[0] are 1, not m; np.mean(Y_pred == Y) does it all."),
        (lambda Y_pred, Y: 100 * reference_accuracy(Y_pred, Y),
         "you returned a percentage; the accuracy here is the fraction, between 0 and 1."),
        (lambda Y_pred, Y: 1 - reference_accuracy(Y_pred, Y),
         "you returned the error rate, the fraction of wrong predictions; count the labels that are equal."),
    ]


compare_accuracy = naming_compare(
    "accuracy",
    accuracy_mistakes(),
    scalar=True,
    several="take the mean of the comparison, np.mean(Y_pred == Y).",
)


CHECKS = [
    *exercise_checks("predict", {"predict_values": predict_cases}, reference=reference_predict, no_loops=True,
                     compare=compare_predict),
    *exercise_checks("accuracy", {"accuracy_values": accuracy_cases}, reference=reference_accuracy, no_loops=True,
                     scalar=True, compare=compare_accuracy),
]
