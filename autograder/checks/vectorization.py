"""Checks of 06_vectorization: dot, outer, elementwise, matrix-vector products and pairwise distances, no loops.

- `compare_dot` names the mistake of a dot product that returns an array (the outer or the
  elementwise product): the core names mistakes only among answers of the expected kind.
- `raise_hints` add a hint when the student's function raises a shape error, since
  `x @ W` raises for a non-square W instead of returning a value a Mistake could match.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from autograder.checks._core import Case, Check, Mistake, as_float, as_floats, describe, judge_value


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


# ---------------------------------------------------------------- dot product


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


# -------------------------------------------------------------- outer product


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


OUTER_MISTAKES = [
    Mistake(
        lambda x1, x2: np.outer(np.asarray(x2, float), np.asarray(x1, float)),
        "you swapped x1 and x2, so the result is transposed. "
        "Row i of the outer product is x1[i] * x2, and its shape is (len(x1), len(x2)): np.outer(x1, x2).",
    ),
    Mistake(
        lambda x1, x2: float(np.dot(np.asarray(x1, float), np.asarray(x2, float))),
        "you computed the dot product, one number. "
        "The outer product keeps every pair x1[i] * x2[j] in a matrix: np.outer(x1, x2).",
    ),
    Mistake(
        lambda x1, x2: np.asarray(x1, float) * np.asarray(x2, float),
        "you computed the elementwise product x1[i] * x2[i], a vector. "
        "The outer product pairs every x1[i] with every x2[j]: np.outer(x1, x2), or x1[:, None] * x2[None, :].",
    ),
    Mistake(
        lambda x1, x2: np.outer(np.asarray(x1, float), np.asarray(x2, float)).ravel(),
        "you have the right numbers, but flattened into a vector. Return the (n, m) matrix: np.outer(x1, x2).",
    ),
]


# -------------------------------------------------------- elementwise product


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
        lambda x1, x2: np.dot(np.asarray(x1, float), np.asarray(x2, float)),
        "you used np.dot (or @), which multiplies and then sums (for matrices it is the matrix product). "
        "The elementwise product keeps each x1[i] * x2[i] separately: x1 * x2, or np.multiply(x1, x2).",
    ),
    Mistake(
        lambda x1, x2: np.outer(np.asarray(x1, float), np.asarray(x2, float)),
        "you computed the outer product, every pair x1[i] * x2[j]. "
        "The elementwise product pairs x1[i] with x2[i] only: x1 * x2.",
    ),
    Mistake(
        lambda x1, x2: np.asarray(x1, float) + np.asarray(x2, float),
        "you added x1 and x2. The elementwise product multiplies them: x1 * x2.",
    ),
]


# ----------------------------------------------------- matrix-vector product


def reference_matvec(W, x):
    """The vector of (W x)_i = Σ_j W[i, j] · x[j], in float64."""
    a, b = as_floats(W, x)
    return a @ b


def rounding_matvec(W, x):
    """Bound on a correct float W @ x's rounding, in epsilons: n · (|W| @ |x|) for each entry.

    Summing n products in any order (BLAS kernel, threads, pairwise sums) errs by at most about
    n · eps · Σ|W[i, j] · x[j]| (Higham's bound), however much the terms cancel.
    """
    a, b = as_floats(W, x)
    if a.ndim != 2 or b.ndim != 1:
        return None
    return a.shape[1] * (np.abs(a) @ np.abs(b))


def matvec_case(rng: np.random.Generator, m: int, n: int, dtype: type = np.float64) -> Case:
    """Returns a case of a matrix W of shape (m, n) and a vector x of length n."""
    W = rng.normal(0.0, 1.0, size=(m, n)).astype(dtype)
    x = rng.normal(0.0, 1.0, size=n).astype(dtype)
    return Case((W, x), label_pair("W", W, "x", x))


def matvec_shape_cases(rng: np.random.Generator) -> list[Case]:
    small = int(rng.integers(2, 5))
    large = small + int(rng.integers(2, 6))
    return [
        matvec_case(rng, large, small),  # tall
        matvec_case(rng, small, large),  # wide
        matvec_case(rng, 1, large),  # one row
        matvec_case(rng, large, 1),  # one column
    ]


def matvec_value_cases(rng: np.random.Generator) -> list[Case]:
    n = int(rng.integers(3, 8))
    return [
        matvec_case(rng, n, n),  # square first, so x @ W returns a value and is named
        matvec_case(rng, n + 3, n + 1),
        matvec_case(rng, int(rng.integers(20, 60)), int(rng.integers(60, 200)), np.float32),
    ]


MATVEC_MISTAKES = [
    Mistake(
        lambda W, x: np.asarray(x, float) @ np.asarray(W, float),
        "you computed x @ W, which multiplies x by the columns of W (it equals W.T @ x). "
        "The matrix-vector product takes each row of W against x: W @ x.",
    ),
    Mistake(
        lambda W, x: (np.asarray(W, float) @ np.asarray(x, float))[:, None],
        "you returned a column of shape (m, 1). Return a 1-D vector of shape (m,): "
        "W @ x with x one-dimensional (or flatten your result).",
    ),
    Mistake(
        lambda W, x: np.asarray(W, float) * np.asarray(x, float),
        "you multiplied each row of W by x elementwise but did not add up each row. "
        "Sum along the rows, np.sum(W * x, axis=1), or simply use W @ x.",
    ),
    Mistake(
        lambda W, x: np.sum(np.asarray(W, float) * np.asarray(x, float), axis=0),
        "you summed W * x along axis 0, down the columns. Each output is the sum along one row: axis=1, or W @ x.",
    ),
    Mistake(
        lambda W, x: float(np.sum(np.asarray(W, float) * np.asarray(x, float))),
        "you added up every product into one number. Each row of W gives its own number: W @ x.",
    ),
]

ORIENTATION_HINT = (
    "W has shape (m, n) and x has shape (n,): the inner sizes must match, so the product is W @ x "
    "(or np.dot(W, x)), not x @ W."
)


# ------------------------------------------------------- the check, extended

MATVEC_RAISE_HINTS = (
    ("mismatch in its core dimension", ORIENTATION_HINT),
    ("not aligned", ORIENTATION_HINT),
    ("could not be broadcast", ORIENTATION_HINT),
)

# ---------------------------------------------------------------- pairwise squared distances


def reference_pairwise(A, B):
    """D[i, j] = Σ_k (A[i, k] − B[j, k])², in float64 by broadcasting (no cancellation)."""
    a, b = as_floats(A, B)
    return np.sum((a[:, None, :] - b[None, :, :]) ** 2, axis=-1)


def rounding_pairwise(A, B):
    """Bound on a correct float answer's rounding, in epsilons, for each entry.

    The expansion ‖a‖² + ‖b‖² − 2 a·b is exact mathematically but cancels: its error is a few
    epsilons of ‖a‖² + ‖b‖², not of the (possibly small) distance, so the bound allows that.
    """
    a, b = as_floats(A, B)
    if a.ndim != 2 or b.ndim != 2:
        return None
    norms = np.sum(a * a, axis=1)[:, None] + np.sum(b * b, axis=1)[None, :]
    return 4 * (a.shape[1] + 2) * norms


def point_sets(rng: np.random.Generator, p: int, q: int, d: int, dtype: type = np.float64,
               offset: float = 0.0) -> Case:
    """Returns a case of two point sets, A of shape (p, d) and B of shape (q, d)."""
    A = (rng.normal(0.0, 2.0, size=(p, d)) + offset).astype(dtype)
    B = (rng.normal(0.0, 2.0, size=(q, d)) + offset).astype(dtype)
    return Case((A, B), label_pair("A", A, "B", B))


def pairwise_value_cases(rng: np.random.Generator) -> list[Case]:
    p, q, d = (int(v) for v in rng.integers(3, 9, size=3))
    if p == q:
        q += 1
    n = int(rng.integers(3, 7))
    return [
        point_sets(rng, p, q, d),
        point_sets(rng, n, n, 2),  # square: a transposed result has the right shape
        point_sets(rng, int(rng.integers(20, 40)), int(rng.integers(20, 40)), int(rng.integers(10, 30)), offset=5.0),
    ]


def pairwise_shape_cases(rng: np.random.Generator) -> list[Case]:
    same = rng.normal(size=(int(rng.integers(3, 7)), 3))
    return [
        point_sets(rng, 1, int(rng.integers(3, 8)), int(rng.integers(2, 5))),
        point_sets(rng, int(rng.integers(3, 8)), 1, int(rng.integers(2, 5))),
        point_sets(rng, int(rng.integers(3, 8)), int(rng.integers(3, 8)), 1),
        point_sets(rng, int(rng.integers(3, 8)), int(rng.integers(3, 8)), int(rng.integers(2, 6)), np.float32),
        Case((same, same.copy()), label_pair("A", same, "B", same) + ", the same points (the diagonal is 0)"),
    ]


def transposed_pairwise(A, B):
    """The transposed distance matrix D.T, which a square case cannot tell from D by its shape."""
    if np.shape(A)[0] != np.shape(B)[0]:
        raise ValueError("a transposed result has the wrong shape, which the judge names already")
    return reference_pairwise(A, B).T


PAIRWISE_MISTAKES = [
    Mistake(
        lambda A, B: np.sqrt(reference_pairwise(A, B)),
        "you returned the distances ‖a_i − b_j‖; the exercise asks for their squares, with no square root.",
    ),
    Mistake(
        lambda A, B: transposed_pairwise(A, B),
        "your result is transposed: D[i, j] compares row i of A with row j of B, so D has one row per point of A.",
    ),
    Mistake(
        lambda A, B: np.sum(as_float(A) ** 2, axis=1)[:, None] + np.sum(as_float(B) ** 2, axis=1)[None, :]
        + 2 * as_float(A) @ as_float(B).T,
        "the sign of the cross term is wrong: ‖a − b‖² = ‖a‖² + ‖b‖² − 2 a·b, with a minus.",
    ),
    Mistake(
        lambda A, B: np.sum(as_float(A) ** 2, axis=1)[:, None] + np.sum(as_float(B) ** 2, axis=1)[None, :]
        - as_float(A) @ as_float(B).T,
        "the cross term needs its factor 2: ‖a − b‖² = ‖a‖² + ‖b‖² − 2 a·b.",
    ),
    Mistake(
        lambda A, B: np.sum(as_float(A) ** 2, axis=1)[:, None] - 2 * as_float(A) @ as_float(B).T,
        "the squared norms of the points of B are missing: ‖a − b‖² = ‖a‖² + ‖b‖² − 2 a·b.",
    ),
    Mistake(
        lambda A, B: np.sum(np.abs(as_float(A)[:, None, :] - as_float(B)[None, :, :]), axis=-1),
        "you summed absolute differences (the L1, city-block distance); square the differences instead.",
    ),
]

PAIRWISE_RAISE_HINTS = (
    ("could not be broadcast",
     "A of shape (p, d) and B of shape (q, d) broadcast only if you give them the axes to stretch: "
     "A[:, None, :] has shape (p, 1, d) and B[None, :, :] shape (1, q, d)."),
    ("matmul", "A @ B.T has shape (p, q); A @ B needs the inner sizes to match, which they do not."),
)

CHECKS = [
    Check(
        grade_id="dot_product_values",
        function="dot_product",
        cases=dot_cases,
        reference=reference_dot,
        no_loops=True,
        scalar=True,
        compare=compare_dot,
    ),
    Check(
        grade_id="outer_product_values",
        function="outer_product",
        cases=outer_cases,
        reference=reference_outer,
        mistakes=OUTER_MISTAKES,
        no_loops=True,
    ),
    Check(
        grade_id="elementwise_product_values",
        function="elementwise_product",
        cases=multiply_cases,
        reference=reference_multiply,
        mistakes=MULTIPLY_MISTAKES,
        no_loops=True,
    ),
    Check(
        grade_id="matrix_vector_product_shape",
        function="matrix_vector_product",
        cases=matvec_shape_cases,
        reference=reference_matvec,
        mistakes=MATVEC_MISTAKES,
        no_loops=True,
        raise_hints=MATVEC_RAISE_HINTS,
        rounding=rounding_matvec,
    ),
    Check(
        grade_id="matrix_vector_product_values",
        function="matrix_vector_product",
        cases=matvec_value_cases,
        reference=reference_matvec,
        mistakes=MATVEC_MISTAKES,
        no_loops=True,
        raise_hints=MATVEC_RAISE_HINTS,
        rounding=rounding_matvec,
    ),
    Check(
        grade_id="pairwise_sq_distances_values",
        function="pairwise_sq_distances",
        cases=pairwise_value_cases,
        reference=reference_pairwise,
        mistakes=PAIRWISE_MISTAKES,
        no_loops=True,
        raise_hints=PAIRWISE_RAISE_HINTS,
        rounding=rounding_pairwise,
    ),
    Check(
        grade_id="pairwise_sq_distances_shapes",
        function="pairwise_sq_distances",
        cases=pairwise_shape_cases,
        reference=reference_pairwise,
        mistakes=PAIRWISE_MISTAKES,
        no_loops=True,
        raise_hints=PAIRWISE_RAISE_HINTS,
        rounding=rounding_pairwise,
    ),
]
