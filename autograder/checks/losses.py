"""Checks of 07_l1_l2_losses: L1 and L2 losses as sums, their gradients, the elastic net, the Huber loss.

The losses must return one number. The shared judge already says "expected a single number"
for an array; `number_compare` below adds what the mistake usually is (the elementwise terms
were returned without summing them), and then names the known wrong formulas as usual.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from autograder.checks._core import (
    Case,
    Check,
    Mistake,
    Raised,
    as_float,
    as_floats,
    describe,
    judge_value,
    outcome,
)


def reference_l1(yhat, y):
    """L1 = Σ|y_i − ŷ_i|, in float64."""
    yhat, y = as_floats(yhat, y)
    return float(np.sum(np.abs(y - yhat)))


def reference_l2(yhat, y):
    """L2 = Σ(y_i − ŷ_i)², in float64."""
    yhat, y = as_floats(yhat, y)
    return float(np.sum((y - yhat) ** 2))


def reference_l1_gradient(yhat, y):
    """∂L1/∂ŷ = sign(ŷ − y), 0 where ŷ_i = y_i."""
    yhat, y = as_floats(yhat, y)
    return np.sign(yhat - y)


def reference_l2_gradient(yhat, y):
    """∂L2/∂ŷ = 2 (ŷ − y)."""
    yhat, y = as_floats(yhat, y)
    return 2 * (yhat - y)


def reference_elastic_net(yhat, y, l1_ratio=0.5):
    """l1_ratio · L1 + (1 − l1_ratio) · L2."""
    return l1_ratio * reference_l1(yhat, y) + (1 - l1_ratio) * reference_l2(yhat, y)


def reference_huber(yhat, y, delta=1.0):
    """Σ H_δ(ŷ_i − y_i): ½e² where |e| ≤ δ, δ(|e| − ½δ) beyond, in float64."""
    yhat, y = as_floats(yhat, y)
    e = yhat - y
    return float(np.sum(np.where(np.abs(e) <= delta, 0.5 * e**2, delta * (np.abs(e) - 0.5 * delta))))


def reference_huber_gradient(yhat, y, delta=1.0):
    """∂/∂ŷ Σ H_δ(ŷ_i − y_i) = clip(ŷ − y, −δ, δ)."""
    yhat, y = as_floats(yhat, y)
    return np.clip(yhat - y, -delta, delta)


# --- inputs -------------------------------------------------------------------------------


def pair(rng: np.random.Generator, n: int, dtype=np.float64, scale: float = 1.0):
    """Returns (yhat, y): predictions and targets of length n, errors of both signs."""
    y = rng.uniform(-2, 2, size=n) * scale
    yhat = y + rng.normal(0, 0.8, size=n) * scale
    return yhat.astype(dtype), y.astype(dtype)


def label(yhat: np.ndarray, extra: str = "") -> str:
    """Returns the description of a case: two vectors of one shape and dtype."""
    text = describe(yhat).replace("a vector", "yhat and y, two vectors", 1)
    return f"{text}{extra}"


def with_ties(rng: np.random.Generator, n: int, dtype=np.float64):
    """Returns (yhat, y) where about a third of the predictions equal their targets exactly."""
    yhat, y = pair(rng, n, dtype)
    equal = rng.random(n) < 0.35
    equal[0] = True
    yhat = np.where(equal, y, yhat).astype(dtype)
    return yhat, y


def value_cases(rng: np.random.Generator) -> list[Case]:
    cases = []
    for dtype in (np.float64, np.float64, np.float32):
        yhat, y = pair(rng, int(rng.integers(4, 12)), dtype)
        cases.append(Case((yhat, y), label(yhat)))
    return cases


def sum_cases(rng: np.random.Generator) -> list[Case]:
    long_pair = pair(rng, int(rng.integers(200, 600)), np.float32)
    one = pair(rng, 1)
    outlier = pair(rng, int(rng.integers(8, 15)))
    outlier[1][int(rng.integers(0, outlier[1].size))] += 50.0
    same = rng.normal(size=int(rng.integers(3, 8)))
    return [
        Case(long_pair, label(long_pair[0])),
        Case(one, label(one[0])),
        Case(outlier, label(outlier[0], " where one target is a large outlier")),
        Case((same.copy(), same.copy()), label(same, " with yhat equal to y (the loss is 0)")),
    ]


def gradient_cases(rng: np.random.Generator) -> list[Case]:
    cases = []
    for dtype in (np.float64, np.float32):
        yhat, y = with_ties(rng, int(rng.integers(6, 14)), dtype)
        cases.append(Case((yhat, y), label(yhat, " where some predictions equal their targets")))
    big = pair(rng, int(rng.integers(50, 100)))
    cases.append(Case(big, label(big[0])))
    return cases


def elastic_net_cases(rng: np.random.Generator) -> list[Case]:
    def one(dtype=np.float64):
        return pair(rng, int(rng.integers(5, 12)), dtype)

    ratio = float(rng.uniform(0.05, 0.35))
    positional = float(rng.uniform(0.65, 0.95))
    a, b, c, d, e = one(), one(), one(), one(np.float32), one()
    return [
        Case(a, label(a[0], " and the default l1_ratio")),
        Case(b, label(b[0], ", l1_ratio given as a keyword between 0 and 1"), {"l1_ratio": ratio}),
        Case((*c, positional), label(c[0], ", l1_ratio given as the third argument")),
        Case(d, label(d[0], " and l1_ratio=1 (pure L1)"), {"l1_ratio": 1.0}),
        Case(e, label(e[0], " and l1_ratio=0 (pure L2)"), {"l1_ratio": 0.0}),
    ]


def huber_pair(rng: np.random.Generator, n: int, delta: float, dtype=np.float64):
    """Returns (yhat, y) whose errors lie on both sides of ±delta, of both signs."""
    y = rng.uniform(-2, 2, size=n)
    size = np.concatenate([rng.uniform(0.05, 0.9, size=n - n // 2), rng.uniform(1.2, 4.0, size=n // 2)]) * delta
    errors = rng.permutation(size * rng.choice([-1.0, 1.0], size=n))
    return (y + errors).astype(dtype), y.astype(dtype)


def huber_value_cases(rng: np.random.Generator) -> list[Case]:
    a = huber_pair(rng, int(rng.integers(6, 12)), 1.0)
    delta = float(rng.uniform(0.3, 0.8))
    b = huber_pair(rng, int(rng.integers(6, 12)), delta)
    wide = float(rng.uniform(1.5, 3.0))
    c = huber_pair(rng, int(rng.integers(6, 12)), wide)
    d = huber_pair(rng, int(rng.integers(6, 12)), 1.0, np.float32)
    return [
        Case(a, label(a[0], " and the default delta")),
        Case(b, label(b[0], ", delta given as a keyword below 1"), {"delta": delta}),
        Case((*c, wide), label(c[0], ", delta given as the third argument, above 1")),
        Case(d, label(d[0], " and the default delta")),
    ]


def huber_outlier_cases(rng: np.random.Generator) -> list[Case]:
    yhat, y = pair(rng, int(rng.integers(8, 15)), scale=0.3)
    y[int(rng.integers(0, y.size))] += float(rng.uniform(40, 80))
    small = pair(rng, int(rng.integers(4, 9)), scale=0.2)
    delta = float(rng.uniform(2.0, 4.0))
    far = huber_pair(rng, int(rng.integers(5, 10)), 0.5)
    far_yhat = far[1] + np.abs(far[0] - far[1]) * -1.0  # every error negative: ŷ below y
    return [
        Case((yhat, y), label(yhat, " where one target is a large outlier, and the default delta")),
        Case(small, label(small[0], ", every error below delta"), {"delta": delta}),
        Case((far_yhat, far[1]), label(far_yhat, " where every prediction is below its target"), {"delta": 0.5}),
    ]


def huber_gradient_cases(rng: np.random.Generator) -> list[Case]:
    a = huber_pair(rng, int(rng.integers(6, 14)), 1.0)
    delta = float(rng.uniform(0.3, 0.8))
    b = huber_pair(rng, int(rng.integers(6, 14)), delta)
    wide = float(rng.uniform(1.5, 3.0))
    c = huber_pair(rng, int(rng.integers(6, 14)), wide, np.float32)
    return [
        Case(a, label(a[0], " and the default delta")),
        Case(b, label(b[0], ", delta given as a keyword below 1"), {"delta": delta}),
        Case((*c, wide), label(c[0], ", delta given as the third argument, above 1")),
    ]


def huber_gradient_bounded_cases(rng: np.random.Generator) -> list[Case]:
    yhat, y = pair(rng, int(rng.integers(8, 15)), scale=0.3)
    y[int(rng.integers(0, y.size))] -= float(rng.uniform(40, 80))
    ties = with_ties(rng, int(rng.integers(6, 12)))
    far = huber_pair(rng, int(rng.integers(5, 10)), 0.5)
    far_yhat = far[1] - np.abs(far[0] - far[1])
    return [
        Case((yhat, y), label(yhat, " where one target is a large outlier, and the default delta")),
        Case(ties, label(ties[0], " where some predictions equal their targets")),
        Case((far_yhat, far[1]), label(far_yhat, " where every prediction is below its target"), {"delta": 0.5}),
    ]


# --- judging a number ---------------------------------------------------------------------


def loss_compare(name: str, mistakes: Sequence[Mistake]) -> Callable[[Case, Any, Any], str | None]:
    """Returns a compare function for a loss: one number, with the known mistakes named."""

    def compare(case: Case, got: Any, expected: Any) -> str | None:
        if isinstance(got, (np.ndarray, list, tuple)) and np.size(got) > 1:
            return (
                f"`{name}` returned a {type(got).__name__} of shape {np.shape(got)} for {case.label}, "
                "not a single number: these are the terms of the loss, one per example. "
                "Add them up with np.sum(...)."
            )
        return judge_naming(name, mistakes, case, got, expected, scalar=True)

    return compare


def gradient_compare(name: str, mistakes: Sequence[Mistake]) -> Callable[[Case, Any, Any], str | None]:
    """Returns a compare function for a gradient: one entry per prediction, known mistakes named."""

    def compare(case: Case, got: Any, expected: Any) -> str | None:
        if np.ndim(got) == 0 and isinstance(got, (int, float, np.number, np.ndarray)):
            return (
                f"`{name}` returned one number for {case.label}; the gradient has one entry per prediction, "
                f"the same shape as yhat, {np.shape(expected)}. Do not sum it: return the whole vector."
            )
        return judge_naming(name, mistakes, case, got, expected, scalar=False)

    return compare


def judge_naming(name: str, mistakes: Sequence[Mistake], case: Case, got: Any, expected: Any, scalar: bool):
    """Returns None if `got` is right, else the message of the first known mistake it matches, else the fault."""
    problem = judge_value(got, expected, case, scalar)
    if problem is None:
        return None
    for mistake in mistakes:
        wrong = outcome(mistake.formula, case)
        if not isinstance(wrong, Raised) and judge_value(got, wrong, case, scalar) is None:
            return f"`{name}` is wrong for {case.label}: {mistake.message}"
    return f"`{name}`: {problem}"


# --- known mistakes -----------------------------------------------------------------------

MEAN_NOT_SUM = "the loss here is the sum, not the mean: use np.sum, not np.mean (do not divide by n)."


def l1_mistakes() -> list[Mistake]:
    return [
        Mistake(lambda yhat, y: np.mean(np.abs(as_float(y - yhat))), MEAN_NOT_SUM),
        Mistake(
            lambda yhat, y: np.sum(as_float(y - yhat)),
            "the absolute value of each difference is missing, so positive and negative errors cancel out "
            "(Σ(y − ŷ) and |Σ(y − ŷ)| are not Σ|y − ŷ|). Use np.abs(y - yhat) before summing.",
        ),
        Mistake(
            lambda yhat, y: np.sum(as_float(yhat - y)),
            "the absolute value of each difference is missing, so positive and negative errors cancel out "
            "(Σ(y − ŷ) and |Σ(y − ŷ)| are not Σ|y − ŷ|). Use np.abs(y - yhat) before summing.",
        ),
        Mistake(
            lambda yhat, y: reference_l2(yhat, y),
            "you squared the differences: that is the L2 loss. L1 sums the absolute differences, np.abs(y - yhat).",
        ),
        Mistake(
            lambda yhat, y: np.max(np.abs(as_float(y - yhat))),
            "you took the largest absolute difference (np.max) instead of their sum (np.sum).",
        ),
    ]


def l2_mistakes() -> list[Mistake]:
    return [
        Mistake(lambda yhat, y: np.mean(as_float(y - yhat) ** 2), MEAN_NOT_SUM),
        Mistake(
            lambda yhat, y: np.sqrt(reference_l2(yhat, y)),
            "you took the square root of the sum: that is the norm ||y − ŷ||, not the squared norm. "
            "L2 is Σ(y − ŷ)², with no square root (np.linalg.norm would need to be squared).",
        ),
        Mistake(
            lambda yhat, y: reference_l1(yhat, y),
            "you summed absolute differences without squaring them: that is the L1 loss. "
            "Square each difference, (y - yhat) ** 2, before summing.",
        ),
        Mistake(
            lambda yhat, y: np.sum(as_float(y - yhat)) ** 2,
            "you squared the sum, (Σ(y − ŷ))², instead of summing the squares, Σ(y − ŷ)². "
            "Square each difference first, then sum.",
        ),
        Mistake(
            lambda yhat, y: 2 * reference_l2(yhat, y),
            "your result is twice the loss: L2 is Σ(y − ŷ)², with no factor 2 (the 2 belongs to its gradient).",
        ),
        Mistake(
            lambda yhat, y: np.sqrt(np.mean(as_float(y - yhat) ** 2)),
            "you computed the root mean square error. L2 here is the plain sum of squares, Σ(y − ŷ)².",
        ),
    ]


def l1_gradient_mistakes() -> list[Mistake]:
    return [
        Mistake(
            lambda yhat, y: np.sign(np.subtract(*as_floats(y, yhat))),
            "the sign is wrong: you computed sign(y − ŷ), the gradient with respect to y. "
            "The gradient with respect to yhat is np.sign(yhat - y).",
        ),
        Mistake(
            lambda yhat, y: np.sign(np.subtract(*as_floats(yhat, y))) / np.size(y),
            "you divided by n, which is the gradient of the mean. The loss here is the sum, so its gradient is "
            "np.sign(yhat - y) with no 1/n.",
        ),
        Mistake(
            lambda yhat, y: np.where(np.subtract(*as_floats(yhat, y)) >= 0, 1.0, -1.0),
            "where yhat equals y the gradient must be 0, not ±1. np.sign(0) is 0, so np.sign(yhat - y) does it.",
        ),
        Mistake(
            lambda yhat, y: np.where(np.subtract(*as_floats(yhat, y)) > 0, 1.0, -1.0),
            "where yhat equals y the gradient must be 0, not ±1. np.sign(0) is 0, so np.sign(yhat - y) does it.",
        ),
        Mistake(
            lambda yhat, y: np.subtract(*as_floats(yhat, y)) / np.abs(np.subtract(*as_floats(yhat, y))),
            "(yhat - y) / |yhat - y| divides 0 by 0 where yhat equals y and gives NaN; there the gradient is 0. "
            "Use np.sign(yhat - y).",
        ),
        Mistake(
            lambda yhat, y: reference_l2_gradient(yhat, y),
            "you returned 2 (yhat − y), the gradient of L2. The gradient of |yhat − y| is np.sign(yhat - y).",
        ),
        Mistake(
            lambda yhat, y: np.abs(np.subtract(*as_floats(yhat, y))),
            "you returned |yhat − y|, the terms of the loss itself. Its gradient is np.sign(yhat - y).",
        ),
    ]


def l2_gradient_mistakes() -> list[Mistake]:
    return [
        Mistake(
            lambda yhat, y: np.subtract(*as_floats(yhat, y)),
            "the factor 2 is missing: the derivative of (yhat − y)² is 2 (yhat − y).",
        ),
        Mistake(
            lambda yhat, y: 2 * np.subtract(*as_floats(y, yhat)),
            "the sign is wrong: you computed 2 (y − ŷ), the gradient with respect to y. "
            "The gradient with respect to yhat is 2 * (yhat - y).",
        ),
        Mistake(
            lambda yhat, y: np.subtract(*as_floats(y, yhat)),
            "the sign is wrong and the factor 2 is missing: the gradient with respect to yhat is 2 * (yhat - y).",
        ),
        Mistake(
            lambda yhat, y: 2 * np.subtract(*as_floats(yhat, y)) / np.size(y),
            "you divided by n, which is the gradient of the mean. The loss here is the sum, so its gradient is "
            "2 * (yhat - y) with no 1/n.",
        ),
        Mistake(
            lambda yhat, y: np.subtract(*as_floats(yhat, y)) ** 2,
            "you returned (yhat − y)², the terms of the loss itself. Its gradient is 2 * (yhat - y).",
        ),
        Mistake(
            lambda yhat, y: reference_l1_gradient(yhat, y),
            "you returned sign(yhat − y), the gradient of L1. The gradient of (yhat − y)² is 2 * (yhat - y).",
        ),
    ]


def elastic_net_mistakes() -> list[Mistake]:
    def mean_l1(yhat, y):
        return reference_l1(yhat, y) / np.size(y)

    def mean_l2(yhat, y):
        return reference_l2(yhat, y) / np.size(y)

    return [
        Mistake(
            lambda yhat, y, l1_ratio=0.5: (1 - l1_ratio) * reference_l1(yhat, y) + l1_ratio * reference_l2(yhat, y),
            "the weights are swapped: l1_ratio multiplies L1 and (1 - l1_ratio) multiplies L2.",
        ),
        Mistake(
            lambda yhat, y, l1_ratio=0.5: 0.5 * reference_l1(yhat, y) + 0.5 * reference_l2(yhat, y),
            "your result ignores l1_ratio (it is always the 0.5 / 0.5 mix). "
            "Use the argument: l1_ratio * L1 + (1 - l1_ratio) * L2.",
        ),
        Mistake(
            lambda yhat, y, l1_ratio=0.5: l1_ratio * reference_l1(yhat, y) + reference_l2(yhat, y),
            "the weight of L2 is missing: it is (1 - l1_ratio) * L2, so that l1_ratio=1 gives pure L1.",
        ),
        Mistake(
            lambda yhat, y, l1_ratio=0.5: l1_ratio * mean_l1(yhat, y) + (1 - l1_ratio) * mean_l2(yhat, y),
            "the losses here are sums, not means: use np.sum, not np.mean, in both terms.",
        ),
        Mistake(
            lambda yhat, y, l1_ratio=0.5: l1_ratio * reference_l1(yhat, y)
            + (1 - l1_ratio) * np.sqrt(reference_l2(yhat, y)),
            "you used the norm ||y − ŷ|| (a square root) for the L2 part; it is the squared norm Σ(y − ŷ)².",
        ),
    ]


def huber_terms(e, delta):
    """Returns the Huber terms of the errors e (float64)."""
    return np.where(np.abs(e) <= delta, 0.5 * e**2, delta * (np.abs(e) - 0.5 * delta))


def huber_mistakes() -> list[Mistake]:
    def error(yhat, y):
        yhat, y = as_floats(yhat, y)
        return yhat - y

    return [
        Mistake(
            lambda yhat, y, delta=1.0: float(np.mean(huber_terms(error(yhat, y), delta))),
            "the loss here is the sum, not the mean: use np.sum, not np.mean (do not divide by n).",
        ),
        Mistake(
            lambda yhat, y, delta=1.0: float(np.sum(np.where(np.abs(error(yhat, y)) <= delta, error(yhat, y) ** 2,
                                                             delta * (np.abs(error(yhat, y)) - 0.5 * delta)))),
            "the quadratic part is ½e², not e²: with the ½ its slope at |e| = δ is δ, the slope of the linear part.",
        ),
        Mistake(
            lambda yhat, y, delta=1.0: float(np.sum(np.where(np.abs(error(yhat, y)) <= delta,
                                                             0.5 * error(yhat, y) ** 2,
                                                             delta * np.abs(error(yhat, y))))),
            "the linear part is δ(|e| − ½δ), not δ|e|: without the − ½δ the two pieces do not meet at |e| = δ.",
        ),
        Mistake(
            lambda yhat, y, delta=1.0: float(np.sum(np.where(np.abs(error(yhat, y)) > delta,
                                                             0.5 * error(yhat, y) ** 2,
                                                             delta * (np.abs(error(yhat, y)) - 0.5 * delta)))),
            "the two pieces are swapped: the square is for small errors (|e| ≤ δ), the straight line for large ones.",
        ),
        Mistake(
            lambda yhat, y, delta=1.0: float(np.sum(np.where(error(yhat, y) <= delta, 0.5 * error(yhat, y) ** 2,
                                                             delta * (np.abs(error(yhat, y)) - 0.5 * delta)))),
            "you compared e ≤ δ, so every negative error is squared however large it is. Compare |e| ≤ δ: np.abs(e).",
        ),
        Mistake(
            lambda yhat, y, delta=1.0: float(np.sum(huber_terms(error(yhat, y), 1.0))),
            "your result ignores delta (it is always δ = 1). "
            "Use the argument delta in the test and in the linear part.",
        ),
        Mistake(
            lambda yhat, y, delta=1.0: float(np.sum(0.5 * error(yhat, y) ** 2)),
            "you returned ½ Σ e², the square everywhere: beyond |e| = δ the Huber loss grows like a straight line.",
        ),
    ]


def huber_gradient_mistakes() -> list[Mistake]:
    def error(yhat, y):
        yhat, y = as_floats(yhat, y)
        return yhat - y

    return [
        Mistake(
            lambda yhat, y, delta=1.0: np.clip(-error(yhat, y), -delta, delta),
            "the sign is wrong: you clipped y − ŷ. The gradient with respect to yhat is clip(yhat - y, -delta, delta).",
        ),
        Mistake(
            lambda yhat, y, delta=1.0: error(yhat, y),
            "you returned e = ŷ − y everywhere, the gradient of ½e². Beyond |e| = δ the gradient stays at ±δ: "
            "that bound is what makes the Huber loss robust.",
        ),
        Mistake(
            lambda yhat, y, delta=1.0: delta * np.sign(error(yhat, y)),
            "you returned δ·sign(e) everywhere, the gradient of δ|e|. "
            "For |e| ≤ δ the loss is ½e², whose gradient is e.",
        ),
        Mistake(
            lambda yhat, y, delta=1.0: np.clip(error(yhat, y), -1.0, 1.0),
            "your result ignores delta (it clips at ±1). Clip at ±delta.",
        ),
        Mistake(
            lambda yhat, y, delta=1.0: np.minimum(error(yhat, y), delta),
            "only large positive errors are capped: a large negative error must give −δ too. "
            "Clip on both sides, to [−δ, δ].",
        ),
        Mistake(
            lambda yhat, y, delta=1.0: np.where(np.abs(error(yhat, y)) <= delta, delta * np.sign(error(yhat, y)),
                                                error(yhat, y)),
            "the two pieces are swapped: e for small errors (|e| ≤ δ), ±δ for large ones.",
        ),
        Mistake(
            lambda yhat, y, delta=1.0: np.clip(error(yhat, y), -delta, delta) / np.size(y),
            "you divided by n, which is the gradient of the mean. The loss here is the sum, so there is no 1/n.",
        ),
        Mistake(
            lambda yhat, y, delta=1.0: huber_terms(error(yhat, y), delta),
            "you returned the terms of the loss itself, H_δ(e). Its gradient is clip(e, -delta, delta).",
        ),
    ]


def loss_check(grade_id: str, function: str, cases, reference, mistakes: list[Mistake]) -> Check:
    """Returns a check of a loss that must be one number, computed without Python loops."""
    return Check(
        grade_id=grade_id,
        function=function,
        cases=cases,
        reference=reference,
        mistakes=mistakes,
        no_loops=True,
        scalar=True,
        compare=loss_compare(function, mistakes),
    )


CHECKS = [
    loss_check("L1_values", "L1", value_cases, reference_l1, l1_mistakes()),
    loss_check("L1_sum", "L1", sum_cases, reference_l1, l1_mistakes()),
    loss_check("L2_values", "L2", value_cases, reference_l2, l2_mistakes()),
    loss_check("L2_sum", "L2", sum_cases, reference_l2, l2_mistakes()),
    Check(
        grade_id="L1_gradient_values",
        function="L1_gradient",
        cases=gradient_cases,
        reference=reference_l1_gradient,
        mistakes=l1_gradient_mistakes(),
        no_loops=True,
        compare=gradient_compare("L1_gradient", l1_gradient_mistakes()),
    ),
    Check(
        grade_id="L2_gradient_values",
        function="L2_gradient",
        cases=gradient_cases,
        reference=reference_l2_gradient,
        mistakes=l2_gradient_mistakes(),
        no_loops=True,
        compare=gradient_compare("L2_gradient", l2_gradient_mistakes()),
    ),
    loss_check("elastic_net_values", "elastic_net", elastic_net_cases, reference_elastic_net, elastic_net_mistakes()),
    loss_check("huber_values", "huber", huber_value_cases, reference_huber, huber_mistakes()),
    loss_check("huber_outliers", "huber", huber_outlier_cases, reference_huber, huber_mistakes()),
    Check(
        grade_id="huber_gradient_values",
        function="huber_gradient",
        cases=huber_gradient_cases,
        reference=reference_huber_gradient,
        mistakes=huber_gradient_mistakes(),
        no_loops=True,
        compare=gradient_compare("huber_gradient", huber_gradient_mistakes()),
    ),
    Check(
        grade_id="huber_gradient_bounded",
        function="huber_gradient",
        cases=huber_gradient_bounded_cases,
        reference=reference_huber_gradient,
        mistakes=huber_gradient_mistakes(),
        no_loops=True,
        compare=gradient_compare("huber_gradient", huber_gradient_mistakes()),
    ),
]
