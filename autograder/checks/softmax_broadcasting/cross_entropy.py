"""Checks of cross_entropy (05_softmax_broadcasting): the mean of -log softmax(z)[i, labels[i]], by log-sum-exp."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from autograder.checks._core import Case, exercise_checks
from autograder.checks._naming import naming_compare
from autograder.checks.softmax_broadcasting.log_softmax import (
    LOG_SOFTMAX_STABILITY,
    as_matrix,
    log_sum_exp_with,
    reference_log_softmax,
)
from autograder.checks.softmax_broadcasting.softmax import describe_matrix


def picked(z: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """log softmax(z)[i, labels[i]] for every row i, in float64."""
    ls = reference_log_softmax(z)
    return ls[np.arange(len(ls)), np.asarray(labels)]


def reference_cross_entropy(z, labels):
    """The mean over the m examples of -log softmax(z)[i, labels[i]], by log-sum-exp, in float64."""
    return float(-np.mean(picked(z, labels)))


def cross_entropy_mistakes() -> list[tuple[Callable[..., Any], str]]:
    def columns(z, labels):
        return float(-np.mean(reference_log_softmax(z)[:, np.asarray(labels)]))

    def whole(z, labels):
        return float(-np.mean(reference_log_softmax(z)))

    def axis0(z, labels):
        x = as_matrix(z)
        ls = x - log_sum_exp_with(x, 0, True)
        return float(-np.mean(ls[np.arange(len(ls)), np.asarray(labels)]))

    return [
        (lambda z, labels: float(-np.sum(picked(z, labels))),
         "you summed the losses of the examples; the cross-entropy here is their mean (np.mean, or divide by m)."),
        (lambda z, labels: float(np.mean(picked(z, labels))),
         "the sign is wrong: the loss is -log p, which is at least 0, since log p is at most 0."),
        (columns,
         "ls[:, labels] picks the columns labels for every row, an (m, m) matrix. Pick one entry per row: "
         "ls[np.arange(m), labels]."),
        (whole,
         "you averaged log-softmax over every class; the loss uses only the probability of the true class "
         "of each example: ls[np.arange(m), labels]."),
        (axis0,
         "your log-softmax normalizes each column (axis=0); the classes of one example are a row: axis=1."),
        (lambda z, labels: float(-np.mean(as_matrix(z)[np.arange(len(as_matrix(z))), np.asarray(labels)])),
         "you picked the raw scores z, not their log-softmax: subtract each row's log-sum-exp first."),
    ]


compare_cross_entropy = naming_compare(
    "cross_entropy",
    cross_entropy_mistakes(),
    scalar=True,
    unstable=LOG_SOFTMAX_STABILITY,
    several="these are the losses of the examples, or of the classes; take the mean over the examples.",
)


def labelled(rng: np.random.Generator, z: np.ndarray, text: str) -> Case:
    """Returns a case of scores z and one true class per row, drawn at random."""
    labels = rng.integers(0, z.shape[1], size=z.shape[0])
    return Case((z, labels), f"z = {describe_matrix(z)}{text} and labels = a vector of {len(labels)} class indices")


def cross_entropy_value_cases(rng: np.random.Generator) -> list[Case]:
    m, n = int(rng.integers(5, 12)), int(rng.integers(2, 6))
    if m == n:
        m += 1
    n_square = int(rng.integers(3, 6))
    return [
        labelled(rng, rng.normal(0, 2, size=(m, n)), ""),
        labelled(rng, rng.normal(0, 2, size=(n_square, n_square)), " (a square matrix)"),
        labelled(rng, rng.normal(0, 2, size=(int(rng.integers(20, 60)), 10)).astype(np.float32), ""),
    ]


def cross_entropy_stable_cases(rng: np.random.Generator) -> list[Case]:
    m, n = int(rng.integers(4, 9)), int(rng.integers(3, 6))
    confident = rng.normal(0, 1, size=(m, n))
    confident[np.arange(m), rng.integers(0, n, size=m)] += 1000.0  # one class of every row far ahead
    far = 1000 + rng.normal(0, 2, size=(m + 1, n))
    low = -1000 + rng.normal(0, 2, size=(m, n + 1))
    return [
        labelled(rng, confident, " where one score of every row is about 1000 above the others"),
        labelled(rng, far, " with every value near 1000"),
        labelled(rng, low, " with every value near -1000"),
    ]


CHECKS = exercise_checks(
    "cross_entropy",
    {"cross_entropy_values": cross_entropy_value_cases, "cross_entropy_stable": cross_entropy_stable_cases},
    reference=reference_cross_entropy, no_loops=True, scalar=True, compare=compare_cross_entropy,
)
