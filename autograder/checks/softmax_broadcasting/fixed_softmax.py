"""Checks of fixed_softmax (05_softmax_broadcasting): a softmax whose keepdims bug a square matrix hides, fixed."""

from __future__ import annotations

import numpy as np

from autograder.checks._core import Case
from autograder.checks.softmax_broadcasting.softmax import describe_matrix, softmax_checks


def fixed_square_cases(rng: np.random.Generator) -> list[Case]:
    cases = []
    for n in (3, int(rng.integers(4, 6)), int(rng.integers(6, 9))):
        x = rng.normal(0, 2, size=(n, n))
        cases.append(Case((x,), describe_matrix(x) + " (a square matrix, where the bug runs silently)"))
    spread = rng.normal(0, 1, size=(4, 4)) * rng.uniform(0.5, 6, size=(4, 1))  # rows of very different maxima
    single = rng.normal(0, 2, size=(5, 5)).astype(np.float32)
    big = 1000 + rng.normal(0, 3, size=(3, 3))
    return [
        *cases,
        Case((spread,), describe_matrix(spread) + " whose rows have very different maxima"),
        Case((single,), describe_matrix(single)),
        Case((big,), describe_matrix(big) + " with every value near 1000"),
    ]


def fixed_shape_cases(rng: np.random.Generator) -> list[Case]:
    m, n = (int(v) for v in rng.integers(2, 7, size=2))
    if m == n:
        n += 1
    wide = rng.normal(0, 2, size=(m, n))
    tall = rng.normal(0, 2, size=(n + 3, m))
    one_row = rng.normal(0, 2, size=(1, int(rng.integers(3, 8))))
    column = rng.normal(0, 2, size=(int(rng.integers(3, 6)), 1))
    apart = np.vstack([1000 + rng.normal(0, 2, size=(1, 4)), -1000 + rng.normal(0, 2, size=(2, 4))])
    return [
        Case((wide,), describe_matrix(wide) + " (not square, where the bug raises)"),
        Case((tall,), describe_matrix(tall)),
        Case((one_row,), describe_matrix(one_row) + " (one row, where the bug happens to be right)"),
        Case((column,), describe_matrix(column) + " (one class, where the bug returns an (m, m) matrix)"),
        Case((apart,), describe_matrix(apart) + " whose first row is near 1000 and the others near -1000"),
    ]


# A broadcasting error on a non-square matrix is the bug itself, still there.
STILL_THE_BUG = (("could not be broadcast", "the bug is still there: keep the row maxima and the row sums "
                  "of shape (m, 1) with keepdims=True, so that they divide rows, whatever the shape."),)


CHECKS = softmax_checks(
    "fixed_softmax",
    {"fixed_softmax_square": fixed_square_cases, "fixed_softmax_shapes": fixed_shape_cases},
    no_loops=True,
    raise_hints=STILL_THE_BUG,
)
