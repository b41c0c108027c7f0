"""Naming the mistake behind a wrong answer, for the compares whose wrong formulas can coincide with the answer.

The core names a Mistake as soon as the answer matches it. These compares ask more of a wrong
formula before naming it: finite numbers of the answer's shape that differ from the right ones,
so an input on which the mistake happens to be right never names it; NaN or inf is named apart.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from autograder.checks._core import Case, Raised, outcome
from autograder.checks._values import judge_value

Compare = Callable[[Case, Any, Any], str | None]
Formulas = Sequence[tuple[Callable[..., Any], str]]  # (wrong formula, what it gets wrong)


def naming_compare(function: str, mistakes: Formulas, *, scalar: bool = False, unstable: str | None = None,
                   several: str | None = None) -> Compare:
    """Returns a compare that judges the answer, then names its fault.

    `unstable` is the message for NaN or inf where the right answer is finite; `several`, for an
    answer that must be one number, says what an array of several numbers is.
    """

    def compare(case: Case, got: Any, expected: Any) -> str | None:
        if several and isinstance(got, np.ndarray) and got.size > 1:
            return f"`{function}` returned an array of shape {got.shape} for {case.label}, not one number: {several}"
        problem = judge_value(got, expected, case, scalar)
        if problem is None:
            return None
        fault = named_fault(mistakes, case, got, expected, scalar, unstable)
        return f"`{function}` is wrong for {case.label}: {fault}" if fault else f"`{function}`: {problem}"

    return compare


def named_fault(mistakes: Formulas, case: Case, got: Any, expected: Any, scalar: bool,
                unstable: str | None) -> str | None:
    """Returns what a wrong answer of the expected shape gets wrong, if it is NaN or inf or a known mistake."""
    if not (scalar or (isinstance(got, np.ndarray) and got.shape == np.shape(expected))):
        return None
    if unstable and holds_non_finite(got, scalar):
        return unstable
    for formula, message in mistakes:
        if gives(formula, case, got, expected, scalar):
            return message
    return None


def holds_non_finite(got: Any, scalar: bool) -> bool:
    """Returns True if `got` is numbers of which some are NaN or inf (one number: read as a float, of any dtype)."""
    if not isinstance(got, (int, float, np.number, np.ndarray)):
        return False
    if scalar:
        plain = np.asarray(got, dtype=float)
        return plain.size == 1 and not np.isfinite(plain).all()
    plain = np.asarray(got)
    return plain.dtype.kind in "fc" and not np.all(np.isfinite(plain))


def gives(formula: Callable[..., Any], case: Case, got: Any, expected: Any, scalar: bool) -> bool:
    """Returns True if the wrong formula gives `got` on the case, finite and other than the right answer."""
    wrong = outcome(formula, case)
    if isinstance(wrong, Raised) or np.shape(wrong) != np.shape(expected):
        return False
    values = np.asarray(wrong, dtype=float)
    if not np.all(np.isfinite(values)) or np.allclose(values, expected):
        return False
    return judge_value(got, wrong, case, scalar) is None
