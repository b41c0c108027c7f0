"""Checks of log_softmax (05_softmax_broadcasting): row-wise log-softmax by log-sum-exp, finite for any scores."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from autograder.checks._core import Case, exercise_checks
from autograder.checks._naming import naming_compare
from autograder.checks.softmax_broadcasting.softmax import (
    describe_matrix,
    reference_softmax,
    softmax_stable_cases,
    value_matrices,
)


def reference_log_softmax(x: np.ndarray) -> np.ndarray:
    """Row-wise log-softmax in float64 by log-sum-exp: (x − max) − log Σ e^(x − max)."""
    x = np.asarray(x, dtype=float)
    shifted = x - x.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def log_sum_exp_with(x: np.ndarray, axis: int | None, keepdims: bool) -> Any:
    """log Σ e^x over an axis, stably, with or without keepdims (the shapes students produce)."""
    top = x.max(axis=axis, keepdims=True)
    total = top + np.log(np.exp(x - top).sum(axis=axis, keepdims=True))
    return total if keepdims else np.squeeze(total, axis=axis)


def as_matrix(x: np.ndarray) -> np.ndarray:
    return np.asarray(x, dtype=float)


LOG_SOFTMAX_MISTAKES: list[tuple[Callable[[np.ndarray], Any], str]] = [
    (
        lambda x: as_matrix(x) - log_sum_exp_with(as_matrix(x), 1, True) + as_matrix(x).max(axis=1, keepdims=True),
        "you subtracted log Σ e^(x − max) from x itself, so each row is off by its maximum. "
        "Subtract the maximum from x too: (x − max) − log Σ e^(x − max).",
    ),
    (
        lambda x: as_matrix(x) - as_matrix(x).max(axis=1, keepdims=True),
        "you returned x − max: the log of the sum of the exponentials is missing. "
        "Subtract log Σ e^(x − max) of each row as well.",
    ),
    (
        lambda x: as_matrix(x) - log_sum_exp_with(as_matrix(x), None, True),
        "you summed the exponentials over the whole matrix instead of each row: use axis=1, keepdims=True.",
    ),
    (
        lambda x: as_matrix(x) - log_sum_exp_with(as_matrix(x), 0, True),
        "you summed over axis=0, down each column; log-softmax normalizes each row: axis=1.",
    ),
    (
        lambda x: as_matrix(x) - log_sum_exp_with(as_matrix(x), 1, False),
        "you forgot keepdims: a sum over axis=1 has shape (m,), which broadcasts along the rows, "
        "so entry [i, j] gets the log-sum of row j. Use keepdims=True (or [:, None]) to get shape (m, 1).",
    ),
    (
        lambda x: (as_matrix(x) - as_matrix(x).max(axis=1))
        - np.log(np.exp(as_matrix(x) - as_matrix(x).max(axis=1)).sum(axis=1, keepdims=True)),
        "you forgot keepdims when subtracting the maximum: x.max(axis=1) has shape (m,), so it broadcasts "
        "along the rows and entry [i, j] is shifted by the maximum of row j. Use keepdims=True (or [:, None]).",
    ),
    (
        lambda x: reference_softmax(x),
        "you returned the probabilities, softmax(x), not their logarithms. Log-softmax is "
        "(x − max) − log Σ e^(x − max); it is at most 0.",
    ),
    (
        lambda x: -reference_log_softmax(x),
        "the sign is flipped: log-softmax is a log of probabilities, so it is at most 0. "
        "It is (x − max) − log Σ e^(x − max), not the other way round.",
    ),
]

LOG_SOFTMAX_STABILITY = (
    "the result holds NaN or inf where every exact value is finite. Either np.exp overflowed (e^1000 is inf: "
    "subtract each row's maximum before np.exp), or you took np.log of a softmax whose small entries underflowed "
    "to 0 (e^-1000 is 0, and log 0 is -inf). Compute log-softmax directly as (x − max) − log Σ e^(x − max): "
    "the sum is at least 1, so the log never sees a 0."
)


compare_log_softmax = naming_compare("log_softmax", LOG_SOFTMAX_MISTAKES, unstable=LOG_SOFTMAX_STABILITY)


def log_softmax_value_cases(rng: np.random.Generator) -> list[Case]:
    wide, square, one_row = value_matrices(rng)
    column = rng.normal(0, 2, size=(4, 1))
    single = rng.normal(0, 2, size=(3, 6)).astype(np.float32)
    return [
        Case((wide,), describe_matrix(wide)),
        Case((square,), describe_matrix(square) + " (a square matrix)"),
        Case((one_row,), describe_matrix(one_row)),
        Case((column,), describe_matrix(column) + " (one class: every log-probability is 0)"),
        Case((single,), describe_matrix(single)),
    ]


def log_softmax_stable_cases(rng: np.random.Generator) -> list[Case]:
    cases = softmax_stable_cases(rng)
    n = int(rng.integers(3, 7))
    exact = np.zeros((2, n))
    exact[0, int(rng.integers(0, n))] = 1000.0
    exact[1, int(rng.integers(0, n))] = -1000.0
    return [*cases, Case((exact,), describe_matrix(exact) + " of zeros with one score of 1000 or -1000 per row")]


CHECKS = exercise_checks(
    "log_softmax", {"log_softmax_values": log_softmax_value_cases, "log_softmax_stable": log_softmax_stable_cases},
    reference=reference_log_softmax, no_loops=True, compare=compare_log_softmax,
)
