"""Checks of logistic_loss (stable) and logistic_gradient, of 08_logistic_regression, without Python loops.

The reference loss is log(1 + e^z) − y z with np.logaddexp, in float64, so a confident mistake
costs its margin, never inf; an answer that gives inf there is told why.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from autograder.checks._core import Case, Raised, exercise_checks, outcome
from autograder.checks._naming import naming_compare
from autograder.checks._values import as_float, as_floats, judge_value
from autograder.checks.logistic_regression.model import as_case, label, problem, scores, sizes, stable_sigmoid


def reference_loss(W, b, X, Y):
    """J = mean of log(1 + e^z) − y z."""
    z, y = scores(W, b, X), as_float(Y)
    return float(np.mean(np.logaddexp(0.0, z) - y * z))


def reference_gradient(W, b, X, Y):
    """(dW, db) = ((A − Y) Xᵀ / m, mean(A − Y))."""
    X, Y = as_floats(X, Y)
    dz = stable_sigmoid(scores(W, b, X)) - Y
    return dz @ X.T / X.shape[1], float(np.mean(dz))


def loss_value_cases(rng: np.random.Generator) -> list[Case]:
    one = problem(rng, int(rng.integers(2, 6)), 1)
    return [
        as_case(problem(rng, *sizes(rng))),
        as_case(problem(rng, *sizes(rng), dtype=np.float32), ""),
        as_case(problem(rng, *sizes(rng, 20, 40))),
        Case(one, label(one[0], one[2], " (one example)")),
    ]


def confident(rng: np.random.Generator, wrong: bool, dtype=np.float64):
    """Returns a problem whose scores are several hundred in size, each label right or wrong on purpose."""
    W, b, X, _ = problem(rng, *sizes(rng, 2, 6), dtype=np.float64)
    z = scores(W, b, X)
    X = X * (float(rng.uniform(300, 900)) / np.abs(z))  # every score scaled to |z| in the hundreds
    z = scores(W, b, X)
    Y = (z > 0).astype(float)
    if wrong:
        flip = rng.random(Y.shape) < 0.6
        flip[0, 0] = True
        Y = np.where(flip, 1.0 - Y, Y)
    return W.astype(dtype), b, X.astype(dtype), Y.astype(dtype)


def loss_stable_cases(rng: np.random.Generator) -> list[Case]:
    return [
        as_case(confident(rng, wrong=True), " where |W X + b| is in the hundreds and most labels are wrong"),
        as_case(confident(rng, wrong=False), " where |W X + b| is in the hundreds and every label is right"),
        as_case(confident(rng, wrong=True, dtype=np.float32), " where |W X + b| is in the hundreds, most labels wrong"),
    ]


def gradient_value_cases(rng: np.random.Generator) -> list[Case]:
    return [
        as_case(problem(rng, *sizes(rng))),
        as_case(problem(rng, *sizes(rng), dtype=np.float32)),
        as_case(problem(rng, *sizes(rng, 15, 30))),
    ]


def gradient_numerical_cases(rng: np.random.Generator) -> list[Case]:
    one = problem(rng, int(rng.integers(2, 6)), 1)
    single = problem(rng, 1, int(rng.integers(5, 12)))
    return [
        Case(one, label(one[0], one[2], " (one example)")),
        Case(single, label(single[0], single[2], " (one feature)")),
        as_case(problem(rng, *sizes(rng, 30, 70), weight=0.2)),
    ]


def clipped_loss(W, b, X, Y, eps=1e-15):
    y = as_float(Y)
    a = np.clip(1 / (1 + np.exp(-scores(W, b, X))), eps, 1 - eps)
    return float(np.mean(-(y * np.log(a) + (1 - y) * np.log(1 - a))))


STABILITY = (
    "log(1 - sigmoid(z)) is log(0) = -inf once sigmoid(z) rounds to 1 (z above about 37), so a confident mistake "
    "costs inf instead of its margin. Use the loss of one example in the form log(1 + e^z) - y z: "
    "np.mean(np.logaddexp(0, Z) - Y * Z)."
)


def loss_mistakes() -> list[tuple[Callable[..., Any], str]]:
    def terms(W, b, X, Y):
        z, y = scores(W, b, X), as_float(Y)
        return np.logaddexp(0.0, z) - y * z

    return [
        (lambda W, b, X, Y: float(np.sum(terms(W, b, X, Y))),
         "you summed the losses of the examples; J is their mean (np.mean, or divide by m)."),
        (lambda W, b, X, Y: -reference_loss(W, b, X, Y),
         "the sign is wrong: J = -mean(y log a + (1 - y) log(1 - a)) is positive; mind the minus in front."),
        (lambda W, b, X, Y: reference_loss(W, 0.0, X, Y), "the bias b is missing: the scores are Z = W @ X + b."),
        (lambda W, b, X, Y: float(np.mean(np.logaddexp(0.0, scores(W, b, X)) + as_float(Y) * scores(W, b, X))),
         "the sign of y z is wrong: the loss of one example is log(1 + e^z) - y z."),
        (lambda W, b, X, Y: float(np.mean(np.logaddexp(0.0, scores(W, b, X)) - (1 - as_float(Y)) * scores(W, b, X))),
         "you used 1 - y where y belongs: the loss of one example is log(1 + e^z) - y z, "
         "so that y = 1 and a large z cost 0."),
        (clipped_loss,
         "clipping sigmoid(z) into [eps, 1 - eps] caps the loss of a confident mistake at -log(eps), far below its "
         "margin |z|. Use np.mean(np.logaddexp(0, Z) - Y * Z), exact for any score."),
        (lambda W, b, X, Y: float(np.mean(0.5 * (stable_sigmoid(scores(W, b, X)) - as_float(Y)) ** 2)),
         "that is a squared error of the probabilities; the logistic loss is -log of the probability "
         "of the true label."),
    ]


compare_loss = naming_compare(
    "logistic_loss",
    loss_mistakes(),
    scalar=True,
    unstable=STABILITY,
    several="these are the losses of the examples; take their mean with np.mean(...).",
)


def gradient_mistakes() -> list[tuple[Callable[..., Any], str]]:
    def parts(W, b, X, Y, error):
        X, Y = as_floats(X, Y)
        dz = error(stable_sigmoid(scores(W, b, X)), scores(W, b, X), Y)
        return dz, X

    def mean_of(error):
        def formula(W, b, X, Y):
            dz, X = parts(W, b, X, Y, error)
            return dz @ X.T / X.shape[1], float(np.mean(dz))
        return formula

    def summed(W, b, X, Y):
        dz, X = parts(W, b, X, Y, lambda a, z, y: a - y)
        return dz @ X.T, float(np.sum(dz))

    def sum_db(W, b, X, Y):
        dW, _ = reference_gradient(W, b, X, Y)
        dz, _ = parts(W, b, X, Y, lambda a, z, y: a - y)
        return dW, float(np.sum(dz))

    return [
        (summed, "you summed over the examples; the loss is a mean, so both parts are divided by m = X.shape[1]."),
        (sum_db, "db is the sum of A - Y; the loss is a mean, so db = np.mean(A - Y)."),
        (mean_of(lambda a, z, y: y - a), "the sign is wrong: the error is A - Y, not Y - A."),
        (mean_of(lambda a, z, y: z - y),
         "you used the scores Z where the probabilities A = sigmoid(Z) belong: the error is sigmoid(W @ X + b) - Y."),
        (mean_of(lambda a, z, y: (a - y) * a * (1 - a)),
         "the extra factor A (1 - A) is the gradient of a squared error through the sigmoid; for the logistic loss "
         "it cancels, and the error is just A - Y."),
        (lambda W, b, X, Y: (reference_gradient(W, 0.0, X, Y)[0], reference_gradient(W, 0.0, X, Y)[1]),
         "the bias b is missing from the scores: A = sigmoid(W @ X + b)."),
    ]


def compare_gradient(case: Case, got: Any, expected: Any) -> str | None:
    """Returns None if `got` is the pair (dW, db), else what is wrong with it."""
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        return (f"`logistic_gradient` must return the pair (dW, db), got {type(got).__name__} for {case.label}. "
                "End with `return dW, db`.")
    dW, db = got
    want_dW, want_db = expected
    if isinstance(dW, np.ndarray) and dW.shape == want_dW.shape[::-1] and dW.shape != want_dW.shape:
        return (f"`logistic_gradient`: dW has shape {dW.shape} for {case.label}, the transpose of W's shape "
                f"{want_dW.shape}. Use (A - Y) @ X.T, a (1, m) row times an (m, n) matrix.")
    if isinstance(dW, np.ndarray) and dW.shape == (want_dW.size,) and dW.shape != want_dW.shape:
        return (f"`logistic_gradient`: dW has shape {dW.shape} for {case.label}; it must keep W's shape "
                f"{want_dW.shape}, so that W - learning_rate * dW is a step.")
    problems = [judge_value(dW, want_dW, case, scalar=False), judge_value(db, want_db, case, scalar=True)]
    if not any(problems):
        return None
    wrong_parts = [i for i, p in enumerate(problems) if p]
    for formula, message in gradient_mistakes():
        wrong = outcome(formula, case)
        if isinstance(wrong, Raised):
            continue
        # the mistake gives the whole answer, and differs from the reference where the answer does
        if all(judge_value(got[i], wrong[i], case, scalar=i == 1) is None for i in (0, 1)) and not any(
            np.allclose(wrong[i], expected[i]) for i in wrong_parts
        ):
            return f"`logistic_gradient` is wrong for {case.label}: {message}"
    which = "dW" if problems[0] else "db"
    return f"`logistic_gradient`: {which}: {problems[0] or problems[1]}"


CHECKS = [
    *exercise_checks("logistic_loss", {"logistic_loss_values": loss_value_cases,
                                       "logistic_loss_stable": loss_stable_cases},
                     reference=reference_loss, no_loops=True, scalar=True, compare=compare_loss),
    *exercise_checks("logistic_gradient", {"logistic_gradient_values": gradient_value_cases,
                                           "logistic_gradient_numerical": gradient_numerical_cases},
                     reference=reference_gradient, no_loops=True, compare=compare_gradient),
]
