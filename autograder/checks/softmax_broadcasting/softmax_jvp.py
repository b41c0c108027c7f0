"""Checks of softmax_jvp (05_softmax_broadcasting): the softmax Jacobian times v, without building the Jacobian."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from autograder.checks._core import Case, Check, exercise_checks
from autograder.checks._naming import naming_compare
from autograder.checks.softmax_broadcasting.softmax import STABILITY, describe_matrix, reference_softmax


def reference_softmax_jvp(z: np.ndarray, v: np.ndarray) -> np.ndarray:
    """J(z) v for each row, in float64, without J: s * (v - (s . v)), s the stable softmax of the row."""
    s = reference_softmax(z)
    v = np.asarray(v, dtype=float)
    return s * (v - np.sum(s * v, axis=1, keepdims=True))


def jvp_mistakes() -> list[tuple[Callable[..., Any], str]]:
    def parts(z, v):
        return reference_softmax(z), np.asarray(v, dtype=float)

    def diagonal(z, v):
        s, v = parts(z, v)
        return s * v

    def sigmoid_like(z, v):
        s, v = parts(z, v)
        return s * (1 - s) * v

    def no_keepdims(z, v):
        s, v = parts(z, v)
        return s * (v - np.sum(s * v, axis=1))

    def whole(z, v):
        s, v = parts(z, v)
        return s * (v - np.sum(s * v))

    def columns(z, v):
        s, v = parts(z, v)
        return s * (v - np.sum(s * v, axis=0, keepdims=True))

    def plain_sum(z, v):
        s, v = parts(z, v)
        return s * (v - np.sum(v, axis=1, keepdims=True))

    def no_factor(z, v):
        s, v = parts(z, v)
        return v - np.sum(s * v, axis=1, keepdims=True)

    return [
        (diagonal, "you kept only the diagonal of J, s_j v_j: every output also depends on every other score, "
                   "through the sum. Subtract s_j (s . v) too: s * (v - (s . v))."),
        (sigmoid_like, "you used s (1 - s) v, the diagonal of J only, as if each output were a sigmoid of its own "
                       "score. The off-diagonal entries -s_j s_k count too: s * (v - (s . v))."),
        (no_keepdims, "you forgot keepdims: the row dot products s . v have shape (m,), which broadcasts along the "
                      "rows, so row i used the dot product of row j. Use np.sum(s * v, axis=1, keepdims=True)."),
        (whole, "you summed s * v over the whole matrix; the dot product s . v is taken in each row: axis=1, "
                "keepdims=True."),
        (columns, "you summed s * v over axis=0, down each column; the dot product s . v is taken in each row: "
                  "axis=1."),
        (plain_sum, "you subtracted the plain sum of v; the term is the dot product s . v = sum of s_k v_k, each "
                    "v_k weighted by its probability."),
        (no_factor, "you forgot the factor s: J v = s * (v - (s . v)), elementwise times the probabilities."),
        (lambda z, v: -reference_softmax_jvp(z, v),
         "the sign is flipped: J v = s * (v - (s . v)), not s * ((s . v) - v)."),
    ]


compare_softmax_jvp = naming_compare("softmax_jvp", jvp_mistakes(), unstable=STABILITY)


def pair(z: np.ndarray, v: np.ndarray, text: str, v_text: str = "v of the same shape") -> Case:
    """Returns a case of scores z and a direction v of the same shape, described without values."""
    return Case((z, v), f"z = {describe_matrix(z)}{text} and {v_text}")


def jvp_value_cases(rng: np.random.Generator) -> list[Case]:
    m, n = (int(v) for v in rng.integers(2, 6, size=2))
    if m == n:
        n += 1
    k = int(rng.integers(3, 6))
    one_hot = np.zeros((k, k))
    one_hot[np.arange(k), rng.integers(0, k, size=k)] = 1.0  # row i of J v is a column of J
    single = rng.normal(0, 2, size=(3, 6)).astype(np.float32)
    return [  # the square matrix first, so that a forgotten keepdims is named, not a broadcasting error
        pair(rng.normal(0, 2, size=(k, k)), rng.normal(size=(k, k)), " (a square matrix)"),
        pair(rng.normal(0, 2, size=(m, n)), rng.normal(size=(m, n)), ""),
        pair(rng.normal(0, 2, size=(k, k)), one_hot, " (a square matrix)", "v one-hot in each row"),
        pair(rng.normal(0, 2, size=(1, 7)), rng.normal(size=(1, 7)), " (one row)"),
        pair(single, rng.normal(size=(3, 6)).astype(np.float32), ""),
    ]


def jvp_stable_cases(rng: np.random.Generator) -> list[Case]:
    m, n = (int(v) for v in rng.integers(2, 6, size=2))
    big = 1000 + rng.normal(0, 2, size=(m, n))
    apart = np.vstack([1000 + rng.normal(0, 2, size=(1, n + 1)), -1000 + rng.normal(0, 2, size=(m, n + 1))])
    column = rng.normal(0, 2, size=(4, 1))
    z = rng.normal(0, 2, size=(m + 1, n + 1))
    large_m, large_n = 40, 12_000  # small inputs (4 MB each), Jacobians of 46 GB
    return [
        pair(big, rng.normal(size=big.shape), " with every value near 1000"),
        pair(apart, rng.normal(size=apart.shape), " whose first row is near 1000 and the others near -1000"),
        pair(column, rng.normal(size=(4, 1)), " (one class: J is 0, so J v is 0)"),
        pair(z, np.ones_like(z) * rng.uniform(-3, 3), "", "v constant (adding a constant to a row changes no "
             "probability, so J v is 0)"),
        pair(rng.normal(0, 2, size=(large_m, large_n)), rng.normal(size=(large_m, large_n)),
             f" of {large_m} rows of {large_n} classes, where building each row's Jacobian would take "
             f"{large_m * large_n * large_n * 8 / 1e9:.0f} GB"),
    ]


JVP_FORBIDDEN = ("np.eye", "np.identity", "np.diag", "np.diagflat", "np.fill_diagonal", "np.diag_indices")


@dataclass(frozen=True)
class JvpCheck(Check):
    """A Check of softmax_jvp whose refusal of np.eye and friends says why: they build the Jacobian."""

    def source_problem(self, source: str | None) -> str | None:
        """Returns the core problem, a forbidden call explained as building the Jacobian."""
        problem = super().source_problem(source)
        if problem and "does the exercise for you" in problem:
            call = problem.split("`")[3]
            return (f"`{self.function}` calls `{call}`, which builds the n x n Jacobian (diag(s) - s s^T) that this "
                    "exercise avoids: J v = s * (v - (s . v)) needs only arrays of shape (m, n) and (m, 1).")
        return problem


# np.eye and friends would build the Jacobian; a MemoryError says the student built it anyway.
CHECKS = exercise_checks(
    "softmax_jvp", {"softmax_jvp_values": jvp_value_cases, "softmax_jvp_stable": jvp_stable_cases},
    kind=JvpCheck, reference=reference_softmax_jvp, no_loops=True, forbidden_calls=JVP_FORBIDDEN,
    compare=compare_softmax_jvp, raise_hints=(("Unable to allocate", "you built the (m, n, n) Jacobian, which does "
                                               "not fit in memory: J v = s * (v - (s . v)) needs only arrays of "
                                               "shape (m, n) and (m, 1)."),),
)
