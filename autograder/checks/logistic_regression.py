"""Checks of 08_logistic_regression: the logistic loss (stable), its gradient, predict and accuracy.

The model is A = σ(W X + b) with W of shape (1, n), a number b, X of shape (n, m) (one example per
column) and labels Y of shape (1, m). References are computed in float64, the loss as
log(1 + e^z) − y z with np.logaddexp, so a confident mistake costs its margin, never inf.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from autograder.checks._core import Case, Check, Raised, as_float, as_floats, describe, judge_value, outcome


def scores(W, b, X):
    """Z = W X + b in float64, shape (1, m)."""
    W, X = as_floats(W, X)
    return W @ X + float(b)


def stable_sigmoid(z):
    """σ(z) without overflow for any z."""
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def reference_loss(W, b, X, Y):
    """J = mean of log(1 + e^z) − y z."""
    z, y = scores(W, b, X), as_float(Y)
    return float(np.mean(np.logaddexp(0.0, z) - y * z))


def reference_gradient(W, b, X, Y):
    """(dW, db) = ((A − Y) Xᵀ / m, mean(A − Y))."""
    X, Y = as_floats(X, Y)
    dz = stable_sigmoid(scores(W, b, X)) - Y
    return dz @ X.T / X.shape[1], float(np.mean(dz))


def reference_predict(W, b, X):
    """1.0 where σ(z) > ½, i.e. z > 0, else 0.0; shape (1, m)."""
    return (scores(W, b, X) > 0).astype(float)


def reference_accuracy(Y_pred, Y):
    """The fraction of equal labels."""
    Y_pred, Y = as_floats(Y_pred, Y)
    return float(np.mean(Y_pred == Y))


# --- inputs -------------------------------------------------------------------------------


def problem(rng: np.random.Generator, n: int, m: int, dtype=np.float64, weight: float = 0.7):
    """Returns (W, b, X, Y): a model and labelled data, labels of both kinds."""
    W = rng.normal(0, weight, size=(1, n))
    X = rng.normal(0, 1, size=(n, m))
    Y = (rng.random((1, m)) < 0.5).astype(float)
    Y[0, 0], Y[0, -1] = 1.0, 0.0
    return W.astype(dtype), float(rng.normal(0, 0.5)), X.astype(dtype), Y.astype(dtype)


def sizes(rng: np.random.Generator, low: int = 3, high: int = 12) -> tuple[int, int]:
    """Returns (n, m) with n different from m, so that a transpose cannot go unnoticed."""
    n, m = int(rng.integers(low, high)), int(rng.integers(low + 2, high + 8))
    return (n, m + 1) if n == m else (n, m)


def label(W, X, extra: str = "") -> str:
    """Returns a description of a case without its values."""
    return f"W of shape {W.shape}, X = {describe(X)}, Y of shape (1, {X.shape[1]}){extra}"


def as_case(args, extra: str = "") -> Case:
    """Returns the case of a problem (W, b, X, Y), labelled by its shapes."""
    return Case(args, label(args[0], args[2], extra))


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


# --- known mistakes -----------------------------------------------------------------------


def naive_loss_terms(W, b, X, Y):
    """−[y log σ(z) + (1 − y) log(1 − σ(z))], as students write it (inf for a confident mistake)."""
    y = as_float(Y)
    a = 1 / (1 + np.exp(-scores(W, b, X)))
    return -(y * np.log(a) + (1 - y) * np.log(1 - a))


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


def compare_loss(case: Case, got: Any, expected: float) -> str | None:
    """Returns None if `got` is the mean logistic loss, else the mistake it makes."""
    if isinstance(got, np.ndarray) and got.size > 1:
        return (f"`logistic_loss` returned an array of shape {got.shape} for {case.label}, not one number: "
                "these are the losses of the examples; take their mean with np.mean(...).")
    problem = judge_value(got, expected, case, scalar=True)
    if problem is None:
        return None
    plain = np.asarray(got, dtype=float) if isinstance(got, (int, float, np.number, np.ndarray)) else None
    if plain is not None and plain.size == 1 and not np.isfinite(plain).all():
        return f"`logistic_loss` is wrong for {case.label}: {STABILITY}"
    for formula, message in loss_mistakes():
        wrong = outcome(formula, case)
        if (not isinstance(wrong, Raised) and np.isfinite(wrong) and not np.isclose(wrong, expected)
                and judge_value(got, wrong, case, scalar=True) is None):
            return f"`logistic_loss` is wrong for {case.label}: {message}"
    return f"`logistic_loss`: {problem}"


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


def compare_accuracy(case: Case, got: Any, expected: float) -> str | None:
    """Returns None if `got` is the fraction of right predictions, else the mistake."""
    if isinstance(got, np.ndarray) and got.size > 1:
        return (f"`accuracy` returned an array of shape {got.shape} for {case.label}, not one number: "
                "take the mean of the comparison, np.mean(Y_pred == Y).")
    problem = judge_value(got, expected, case, scalar=True)
    if problem is None:
        return None
    for formula, message in accuracy_mistakes():
        wrong = outcome(formula, case)
        if (not isinstance(wrong, Raised) and not np.isclose(wrong, expected)
                and judge_value(got, wrong, case, scalar=True) is None):
            return f"`accuracy` is wrong for {case.label}: {message}"
    return f"`accuracy`: {problem}"


def model_check(grade_id: str, function: str, cases, reference, compare, scalar: bool = False,
                forbidden: Sequence[str] = ()) -> Check:
    """Returns a check of one function of the model, written without Python loops."""
    return Check(grade_id=grade_id, function=function, cases=cases, reference=reference, no_loops=True,
                 forbidden_calls=forbidden, scalar=scalar, compare=compare)


CHECKS = [
    model_check("logistic_loss_values", "logistic_loss", loss_value_cases, reference_loss, compare_loss, scalar=True),
    model_check("logistic_loss_stable", "logistic_loss", loss_stable_cases, reference_loss, compare_loss, scalar=True),
    model_check("logistic_gradient_values", "logistic_gradient", gradient_value_cases, reference_gradient,
                compare_gradient),
    model_check("logistic_gradient_numerical", "logistic_gradient", gradient_numerical_cases, reference_gradient,
                compare_gradient),
    model_check("predict_values", "predict", predict_cases, reference_predict, compare_predict),
    model_check("accuracy_values", "accuracy", accuracy_cases, reference_accuracy, compare_accuracy, scalar=True),
]
