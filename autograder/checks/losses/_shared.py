"""What the checks of 07_l1_l2_losses share: pairs of predictions and targets, and judging a loss or a gradient.

A loss must return one number. The shared judge already says "expected a single number" for an array;
`loss_compare` adds what the mistake usually is (the terms were returned without summing them), and
`gradient_compare` says a gradient is not summed; both then name the known wrong formulas as usual.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from autograder.checks._core import Case, Cases, Check, Mistake, exercise_checks, value_verdict
from autograder.checks._values import describe


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


def loss_compare(name: str, mistakes: Sequence[Mistake]) -> Callable[[Case, Any, Any], str | None]:
    """Returns a compare function for a loss: one number, with the known mistakes named."""

    def compare(case: Case, got: Any, expected: Any) -> str | None:
        if isinstance(got, (np.ndarray, list, tuple)) and np.size(got) > 1:
            return (
                f"`{name}` returned a {type(got).__name__} of shape {np.shape(got)} for {case.label}, "
                "not a single number: these are the terms of the loss, one per example. "
                "Add them up with np.sum(...)."
            )
        return value_verdict(name, mistakes, case, got, expected, scalar=True)

    return compare


def gradient_compare(name: str, mistakes: Sequence[Mistake]) -> Callable[[Case, Any, Any], str | None]:
    """Returns a compare function for a gradient: one entry per prediction, known mistakes named."""

    def compare(case: Case, got: Any, expected: Any) -> str | None:
        if np.ndim(got) == 0 and isinstance(got, (int, float, np.number, np.ndarray)):
            return (
                f"`{name}` returned one number for {case.label}; the gradient has one entry per prediction, "
                f"the same shape as yhat, {np.shape(expected)}. Do not sum it: return the whole vector."
            )
        return value_verdict(name, mistakes, case, got, expected, scalar=False)

    return compare


# The losses here are sums; a mean is the commonest mistake of each.
MEAN_NOT_SUM = "the loss here is the sum, not the mean: use np.sum, not np.mean (do not divide by n)."


def loss_checks(function: str, cases: dict[str, Cases], reference: Callable[..., Any],
                mistakes: list[Mistake]) -> list[Check]:
    """Returns the checks of a loss: one number, computed without Python loops, its known mistakes named."""
    return exercise_checks(function, cases, reference=reference, mistakes=mistakes, no_loops=True, scalar=True,
                           compare=loss_compare(function, mistakes))


def gradient_checks(function: str, cases: dict[str, Cases], reference: Callable[..., Any],
                    mistakes: list[Mistake]) -> list[Check]:
    """Returns the checks of a gradient: one entry per prediction, without Python loops, known mistakes named."""
    return exercise_checks(function, cases, reference=reference, mistakes=mistakes, no_loops=True,
                           compare=gradient_compare(function, mistakes))
