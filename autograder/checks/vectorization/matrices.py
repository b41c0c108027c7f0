"""Checks of matrix_vector_product and pairwise_sq_distances (06_vectorization), without Python loops.

`raise_hints` add a hint when the student's function raises a shape error, since `x @ W`
raises for a non-square W instead of returning a value a Mistake could match.
"""

from __future__ import annotations

import numpy as np

from autograder.checks._core import Case, Mistake, exercise_checks
from autograder.checks._values import as_float, as_floats
from autograder.checks.vectorization.products import label_pair


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


MATVEC_RAISE_HINTS = (
    ("mismatch in its core dimension", ORIENTATION_HINT),
    ("not aligned", ORIENTATION_HINT),
    ("could not be broadcast", ORIENTATION_HINT),
)


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
    *exercise_checks("matrix_vector_product", {"matrix_vector_product_shape": matvec_shape_cases,
                                               "matrix_vector_product_values": matvec_value_cases},
                     reference=reference_matvec, mistakes=MATVEC_MISTAKES, no_loops=True,
                     raise_hints=MATVEC_RAISE_HINTS, rounding=rounding_matvec),
    *exercise_checks("pairwise_sq_distances", {"pairwise_sq_distances_values": pairwise_value_cases,
                                               "pairwise_sq_distances_shapes": pairwise_shape_cases},
                     reference=reference_pairwise, mistakes=PAIRWISE_MISTAKES, no_loops=True,
                     raise_hints=PAIRWISE_RAISE_HINTS, rounding=rounding_pairwise),
]
