"""Checks of L1, L2, their gradients and the elastic net (07_l1_l2_losses): losses as sums, no Python loops."""

from __future__ import annotations

import numpy as np

from autograder.checks._core import Case, Mistake
from autograder.checks._values import as_float, as_floats
from autograder.checks.losses._shared import MEAN_NOT_SUM, gradient_checks, label, loss_checks, pair, with_ties


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


CHECKS = [
    *loss_checks("L1", {"L1_values": value_cases, "L1_sum": sum_cases}, reference_l1, l1_mistakes()),
    *loss_checks("L2", {"L2_values": value_cases, "L2_sum": sum_cases}, reference_l2, l2_mistakes()),
    *gradient_checks("L1_gradient", {"L1_gradient_values": gradient_cases}, reference_l1_gradient,
                     l1_gradient_mistakes()),
    *gradient_checks("L2_gradient", {"L2_gradient_values": gradient_cases}, reference_l2_gradient,
                     l2_gradient_mistakes()),
    *loss_checks("elastic_net", {"elastic_net_values": elastic_net_cases}, reference_elastic_net,
                 elastic_net_mistakes()),
]
