"""Checks of huber and huber_gradient (07_l1_l2_losses): quadratic near 0, linear beyond delta, as a sum."""

from __future__ import annotations

import numpy as np

from autograder.checks._core import Case, Mistake
from autograder.checks._values import as_floats
from autograder.checks.losses._shared import MEAN_NOT_SUM, gradient_checks, label, loss_checks, pair, with_ties


def reference_huber(yhat, y, delta=1.0):
    """Σ H_δ(ŷ_i − y_i): ½e² where |e| ≤ δ, δ(|e| − ½δ) beyond, in float64."""
    yhat, y = as_floats(yhat, y)
    e = yhat - y
    return float(np.sum(np.where(np.abs(e) <= delta, 0.5 * e**2, delta * (np.abs(e) - 0.5 * delta))))


def reference_huber_gradient(yhat, y, delta=1.0):
    """∂/∂ŷ Σ H_δ(ŷ_i − y_i) = clip(ŷ − y, −δ, δ)."""
    yhat, y = as_floats(yhat, y)
    return np.clip(yhat - y, -delta, delta)


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


def huber_terms(e, delta):
    """Returns the Huber terms of the errors e (float64)."""
    return np.where(np.abs(e) <= delta, 0.5 * e**2, delta * (np.abs(e) - 0.5 * delta))


def error(yhat, y):
    """Returns the errors e = ŷ − y in float64, what both Huber exercises' wrong formulas start from."""
    yhat, y = as_floats(yhat, y)
    return yhat - y


def huber_mistakes() -> list[Mistake]:
    return [
        Mistake(
            lambda yhat, y, delta=1.0: float(np.mean(huber_terms(error(yhat, y), delta))),
            MEAN_NOT_SUM,
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


CHECKS = [
    *loss_checks("huber", {"huber_values": huber_value_cases, "huber_outliers": huber_outlier_cases},
                 reference_huber, huber_mistakes()),
    *gradient_checks(
        "huber_gradient",
        {"huber_gradient_values": huber_gradient_cases, "huber_gradient_bounded": huber_gradient_bounded_cases},
        reference_huber_gradient,
        huber_gradient_mistakes(),
    ),
]
