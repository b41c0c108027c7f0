"""Checks of softmax (05_softmax_broadcasting): a stable row-wise softmax, its known mistakes named.

The reference, the mistakes and the compare serve fixed_softmax too, the same function with its bug to find.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from autograder.checks._core import Case, Cases, Check, exercise_checks
from autograder.checks._naming import Compare, naming_compare


def reference_softmax(x: np.ndarray) -> np.ndarray:
    """Row-wise softmax of a matrix, in float64, stable (the row maximum is subtracted)."""
    x = np.asarray(x, dtype=float)
    e = np.exp(x - x.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def exp_with(shift: str) -> Callable[[np.ndarray], np.ndarray]:
    """Returns x -> exp(x - shift), for the shifts students use (or forget)."""

    def exponentials(x: np.ndarray) -> np.ndarray:
        x = np.asarray(x, dtype=float)
        if shift == "row":
            return np.exp(x - x.max(axis=1, keepdims=True))
        if shift == "global":
            return np.exp(x - x.max())
        if shift == "row_no_keepdims":
            return np.exp(x - x.max(axis=1))
        return np.exp(x)

    return exponentials


SHIFTS = ("row", "none", "global", "row_no_keepdims")


def normalize_rows(e: np.ndarray) -> np.ndarray:
    """Divides each row by its sum, correctly."""
    return e / e.sum(axis=1, keepdims=True)


def mistake_formulas(normalize: Callable[[np.ndarray], np.ndarray]) -> list[Callable[[np.ndarray], Any]]:
    """Returns the wrong formula `normalize(exp(x - shift))` for every shift."""

    def composed(shift: str) -> Callable[[np.ndarray], Any]:
        exponentials = exp_with(shift)
        return lambda x: normalize(exponentials(x))

    return [composed(s) for s in SHIFTS]


SOFTMAX_MISTAKES: list[tuple[list[Callable[[np.ndarray], Any]], str]] = [
    (
        mistake_formulas(lambda e: e / e.sum()),
        "you divided by the sum over the whole matrix instead of each row. "
        "Sum each row: np.sum(e, axis=1, keepdims=True).",
    ),
    (
        mistake_formulas(lambda e: e / e.sum(axis=0, keepdims=True)),
        "you summed over axis=0, down each column, so the columns sum to 1 instead of the rows. "
        "Softmax normalizes each row: axis=1.",
    ),
    (
        mistake_formulas(lambda e: e / e.sum(axis=1)),
        "you forgot keepdims: a sum over axis=1 has shape (m,), which broadcasts along the rows, "
        "so entry [i, j] is divided by the sum of row j. Use keepdims=True (or [:, None]) to get shape (m, 1).",
    ),
    (
        [lambda x: normalize_rows(exp_with("row_no_keepdims")(x))],
        "you forgot keepdims when subtracting the maximum: x.max(axis=1) has shape (m,), so it broadcasts "
        "along the rows and entry [i, j] is shifted by the maximum of row j. Use keepdims=True (or [:, None]).",
    ),
    (
        mistake_formulas(lambda e: e),
        "you returned the exponentials without normalizing them. Divide each row by its sum.",
    ),
    (
        [lambda x: np.asarray(x, dtype=float) / np.asarray(x, dtype=float).sum(axis=1, keepdims=True)],
        "you divided the scores themselves by their row sum. Exponentiate first: softmax uses e^x.",
    ),
]

STABILITY = (
    "the result contains NaN or inf: np.exp overflows for inputs near 1000 (e^1000 is inf in float64, "
    "and in float32 already e^89 is inf), and inf / inf is NaN. "
    "Subtract the row maximum first: x - np.max(x, axis=1, keepdims=True) changes nothing mathematically, "
    "and then every exponent is at most 0."
)


# One (formula, message) pair per wrong formula, in the order of SOFTMAX_MISTAKES.
SOFTMAX_FORMULAS = [(formula, message) for formulas, message in SOFTMAX_MISTAKES for formula in formulas]


def softmax_compare(function: str) -> Compare:
    """Returns the compare of a row-wise softmax named `function`: the core judge, then the mistake it makes."""
    named = naming_compare(function, SOFTMAX_FORMULAS, unstable=STABILITY)

    def compare(case: Case, got: Any, expected: np.ndarray) -> str | None:
        """Returns None if `got` is the softmax within tolerance, else the mistake it makes."""
        if isinstance(got, np.ndarray) and got.shape == (expected.shape[0], expected.shape[0]) != expected.shape:
            return (f"`{function}` returned shape {got.shape} for {case.label}, expected {expected.shape}: "
                    "a vector of shape (m,) against an (m, 1) matrix broadcasts to (m, m). Keep the row maxima "
                    "and the row sums of shape (m, 1) with keepdims=True.")
        return named(case, got, expected)

    return compare


compare_softmax = softmax_compare("softmax")


def value_matrices(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Returns scores of three shapes, wide (m, n) with m ≠ n, square (n, n) and one row, for the value tests."""
    m, n = (int(v) for v in rng.integers(2, 6, size=2))
    if m == n:
        n += 1
    wide = rng.normal(0, 2, size=(m, n))
    square = rng.normal(0, 2, size=(n, n))
    return wide, square, rng.normal(0, 2, size=(1, int(rng.integers(3, 8))))


def softmax_value_cases(rng: np.random.Generator) -> list[Case]:
    return [Case((x,), describe_matrix(x)) for x in value_matrices(rng)]


def softmax_row_cases(rng: np.random.Generator) -> list[Case]:
    n = int(rng.integers(3, 6))
    square = rng.normal(0, 2, size=(n, n))
    scaled = rng.normal(0, 1, size=(n + 1, n)) * rng.uniform(0.5, 5, size=(n + 1, 1))
    tall = rng.normal(0, 2, size=(int(rng.integers(5, 9)), 2))
    column = rng.normal(0, 2, size=(4, 1))
    single = rng.normal(0, 2, size=(3, 6)).astype(np.float32)
    return [
        Case((square,), describe_matrix(square) + " (a square matrix)"),
        Case((scaled,), describe_matrix(scaled) + " whose rows have very different spreads"),
        Case((tall,), describe_matrix(tall) + " (two classes)"),
        Case((column,), describe_matrix(column) + " (one class: every probability is 1)"),
        Case((single,), describe_matrix(single)),
    ]


def softmax_stable_cases(rng: np.random.Generator) -> list[Case]:
    m, n = (int(v) for v in rng.integers(2, 6, size=2))
    big = 1000 + rng.normal(0, 2, size=(m, n))
    small = -1000 + rng.normal(0, 2, size=(n, m + 1))
    mixed = rng.normal(0, 3, size=(m + 1, n + 2))
    for row in mixed:
        where = rng.permutation(n + 2)[:2]
        row[where[0]] = 1000.0
        row[where[1]] = -1000.0
    ties = np.array([[1000.0, 1000.0, -1000.0], [1000.0, 0.0, 1000.0]])
    single = (100 + rng.normal(0, 2, size=(3, 5))).astype(np.float32)
    apart = np.vstack([1000 + rng.normal(0, 2, size=(1, n + 1)), -1000 + rng.normal(0, 2, size=(m, n + 1))])
    return [
        Case((apart,), describe_matrix(apart) + " whose first row is near 1000 and the others near -1000"),
        Case((big,), describe_matrix(big) + " with every value near 1000"),
        Case((small,), describe_matrix(small) + " with every value near -1000"),
        Case((mixed,), describe_matrix(mixed) + " where every row holds 1000, -1000 and small values"),
        Case((ties,), "a matrix of shape (2, 3) with ties at 1000 in each row"),
        Case((single,), describe_matrix(single) + " with values near 100 (e^100 overflows float32)"),
    ]


def describe_matrix(x: np.ndarray) -> str:
    """Returns 'a matrix of shape (m, n) and dtype d', without values."""
    return f"a matrix of shape {x.shape} and dtype {x.dtype}"


def softmax_checks(function: str, cases: dict[str, Cases], **rules: Any) -> list[Check]:
    """Returns the checks of a row-wise softmax named `function`: the shared reference, its mistakes named."""
    return exercise_checks(function, cases, reference=reference_softmax, compare=softmax_compare(function), **rules)


CHECKS = softmax_checks(
    "softmax",
    {"softmax_values": softmax_value_cases, "softmax_rows": softmax_row_cases, "softmax_stable": softmax_stable_cases},
)
