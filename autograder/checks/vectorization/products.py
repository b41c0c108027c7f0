"""Checks of dot_product, outer_product and elementwise_product (06_vectorization), without Python loops.

`compare_dot` names the mistake of a dot product that returns an array (the outer or the
elementwise product): the core names mistakes only among answers of the expected kind.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from autograder.checks._core import Case, Mistake, exercise_checks
from autograder.checks._values import as_floats, describe, judge_value


def label_pair(first: str, a: np.ndarray, second: str, b: np.ndarray) -> str:
    """Returns a description of two arguments, without their values."""
    return f"{first} = {describe(a)} and {second} = {describe(b)}"


def vector_pair(rng: np.random.Generator, n: int, dtype: type = np.float64, positive: bool = False) -> Case:
    """Returns a case of two vectors of length n (positive values avoid float32 cancellation)."""
    if positive:
        x1, x2 = rng.uniform(0.0, 1.0, size=(2, n))
    else:
        x1, x2 = rng.normal(0.0, 2.0, size=(2, n))
    x1, x2 = x1.astype(dtype), x2.astype(dtype)
    return Case((x1, x2), label_pair("x1", x1, "x2", x2))


def reference_dot(x1, x2):
    """Σ_i x1[i] · x2[i], in float64."""
    a, b = as_floats(x1, x2)
    return float(np.dot(a, b))


def rounding_dot(x1, x2):
    """Bound on a correct float dot product's rounding, in epsilons: n · Σ|x1[i] · x2[i]| (any order)."""
    a, b = as_floats(x1, x2)
    return a.size * float(np.sum(np.abs(a * b)))


def dot_cases(rng: np.random.Generator) -> list[Case]:
    ints = rng.integers(-9, 10, size=(2, int(rng.integers(4, 12))))
    return [
        vector_pair(rng, int(rng.integers(5, 40))),
        vector_pair(rng, int(rng.integers(200, 2000)), np.float32, positive=True),
        Case((ints[0], ints[1]), label_pair("x1", ints[0], "x2", ints[1])),
        vector_pair(rng, 1),
        # long enough for rounding to add up; short enough that a wrong answer's n x n matrix stays small
        vector_pair(rng, int(rng.integers(3_000, 6_000))),
    ]


DOT_MISTAKES = (
    (
        lambda a, b: np.outer(a, b),
        "you returned the outer product, a matrix of every x1[i] * x2[j]. "
        "The dot product is one number, the sum of x1[i] * x2[i]: use np.dot(x1, x2) or x1 @ x2.",
    ),
    (
        lambda a, b: a * b,
        "you returned the elementwise products x1[i] * x2[i] without adding them up. "
        "The dot product is their sum: np.sum(x1 * x2), or np.dot(x1, x2).",
    ),
    (
        lambda a, b: np.sum(a) * np.sum(b),
        "you multiplied the sum of x1 by the sum of x2. "
        "The dot product multiplies first, pair by pair, then sums: np.dot(x1, x2).",
    ),
)


def compare_dot(case: Case, got: Any, expected: Any) -> str | None:
    """Judges a dot product as one number, naming the mistake when `got` is a known wrong product."""
    rounding = rounding_dot(*case.args)
    problem = judge_value(got, expected, case, scalar=True, rounding=rounding)
    if problem is None:
        return None
    a, b = as_floats(*case.args)
    for formula, message in DOT_MISTAKES:
        wrong = formula(a, b)
        if np.ndim(wrong) > 0 and np.size(wrong) == 1:
            continue  # on length-1 vectors every product is the same number
        if judge_value(got, wrong, case, np.ndim(wrong) == 0, rounding) is None:
            return f"`dot_product` is wrong for {case.label}: {message}"
    return f"`dot_product`: {problem}"


def reference_outer(x1, x2):
    """The (n, m) matrix of x1[i] · x2[j], in float64."""
    a, b = as_floats(x1, x2)
    return np.outer(a, b)


def outer_cases(rng: np.random.Generator) -> list[Case]:
    n = int(rng.integers(3, 8))
    m = n + int(rng.integers(1, 5))
    single = rng.normal(size=1)
    other = rng.normal(size=int(rng.integers(2, 6)))
    cases = [vector_pair(rng, n)]  # square first, so a swap or an elementwise product is named
    x1, x2 = rng.normal(0.0, 2.0, size=m), rng.normal(0.0, 2.0, size=n)
    cases.append(Case((x1, x2), label_pair("x1", x1, "x2", x2)))
    y1 = rng.normal(size=n + 2).astype(np.float32)
    y2 = rng.normal(size=m + 3).astype(np.float32)
    cases.append(Case((y1, y2), label_pair("x1", y1, "x2", y2)))
    cases.append(Case((single, other), label_pair("x1", single, "x2", other)))
    return cases


# The wrong formulas are the other products of this module, by their references.
OUTER_MISTAKES = [
    Mistake(
        lambda x1, x2: reference_outer(x2, x1),
        "you swapped x1 and x2, so the result is transposed. "
        "Row i of the outer product is x1[i] * x2, and its shape is (len(x1), len(x2)): np.outer(x1, x2).",
    ),
    Mistake(
        reference_dot,
        "you computed the dot product, one number. "
        "The outer product keeps every pair x1[i] * x2[j] in a matrix: np.outer(x1, x2).",
    ),
    Mistake(
        lambda x1, x2: reference_multiply(x1, x2),
        "you computed the elementwise product x1[i] * x2[i], a vector. "
        "The outer product pairs every x1[i] with every x2[j]: np.outer(x1, x2), or x1[:, None] * x2[None, :].",
    ),
    Mistake(
        lambda x1, x2: reference_outer(x1, x2).ravel(),
        "you have the right numbers, but flattened into a vector. Return the (n, m) matrix: np.outer(x1, x2).",
    ),
]


def reference_multiply(x1, x2):
    """x1[i] · x2[i] for every position, in float64."""
    a, b = as_floats(x1, x2)
    return a * b


def multiply_cases(rng: np.random.Generator) -> list[Case]:
    k = int(rng.integers(2, 6))
    m1, m2 = rng.normal(size=(2, k, k))
    return [
        vector_pair(rng, int(rng.integers(5, 40))),
        vector_pair(rng, int(rng.integers(100, 1000)), np.float32),
        Case((m1, m2), label_pair("x1", m1, "x2", m2)),
        vector_pair(rng, 1),
    ]


MULTIPLY_MISTAKES = [
    Mistake(
        lambda x1, x2: np.dot(*as_floats(x1, x2)),
        "you used np.dot (or @), which multiplies and then sums (for matrices it is the matrix product). "
        "The elementwise product keeps each x1[i] * x2[i] separately: x1 * x2, or np.multiply(x1, x2).",
    ),
    Mistake(
        reference_outer,
        "you computed the outer product, every pair x1[i] * x2[j]. "
        "The elementwise product pairs x1[i] with x2[i] only: x1 * x2.",
    ),
    Mistake(
        lambda x1, x2: np.add(*as_floats(x1, x2)),
        "you added x1 and x2. The elementwise product multiplies them: x1 * x2.",
    ),
]


CHECKS = [
    *exercise_checks("dot_product", {"dot_product_values": dot_cases}, reference=reference_dot, no_loops=True,
                     scalar=True, compare=compare_dot),
    *exercise_checks("outer_product", {"outer_product_values": outer_cases}, reference=reference_outer,
                     mistakes=OUTER_MISTAKES, no_loops=True),
    *exercise_checks("elementwise_product", {"elementwise_product_values": multiply_cases},
                     reference=reference_multiply, mistakes=MULTIPLY_MISTAKES, no_loops=True),
]
