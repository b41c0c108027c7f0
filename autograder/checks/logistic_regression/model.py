"""The model of 08_logistic_regression, A = σ(W X + b), and the labelled problems its checks draw.

W has shape (1, n), b is a number, X has shape (n, m) (one example per column) and the labels Y
have shape (1, m); the sizes n and m differ, so that a transpose never goes unnoticed.
"""

from __future__ import annotations

import numpy as np

from autograder.checks._core import Case
from autograder.checks._values import as_floats, describe


def scores(W, b, X):
    """Z = W X + b in float64, shape (1, m)."""
    W, X = as_floats(W, X)
    return W @ X + float(b)


def stable_sigmoid(z):
    """σ(z) without overflow for any z."""
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def problem(rng: np.random.Generator, n: int, m: int, dtype=np.float64, weight: float = 0.7):
    """Returns (W, b, X, Y): a model and labelled data, labels of both kinds."""
    W = rng.normal(0, weight, size=(1, n))
    X = rng.normal(0, 1, size=(n, m))
    Y = (rng.random((1, m)) < 0.5).astype(float)
    Y[0, 0], Y[0, -1] = 1.0, 0.0
    return W.astype(dtype), float(rng.normal(0, 0.5)), X.astype(dtype), Y.astype(dtype)


def sizes(rng: np.random.Generator, low: int = 3, high: int = 12) -> tuple[int, int]:
    """Returns (n, m) with n different from m, so that a transpose cannot go unnoticed."""
    n, m = int(rng.integers(low, high)), int(rng.integers(low + 2, high + 8))
    return (n, m + 1) if n == m else (n, m)


def label(W, X, extra: str = "") -> str:
    """Returns a description of a case without its values."""
    return f"W of shape {W.shape}, X = {describe(X)}, Y of shape (1, {X.shape[1]}){extra}"


def as_case(args, extra: str = "") -> Case:
    """Returns the case of a problem (W, b, X, Y), labelled by its shapes."""
    return Case(args, label(args[0], args[2], extra))
