"""Judging a returned value: plain numeric data compared with the float64 reference, within a fair tolerance.

The answer is first turned into a base-class numeric ndarray, so an object that lies about
equality gains nothing; the tolerance allows what rounding in the inputs' dtype costs a correct answer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from autograder.checks._core import Case

__all__ = ["as_float", "as_floats", "describe", "judge_value"]


def as_float(x: Any) -> np.ndarray:
    """Returns x as a float64 array, for the references and the mistakes."""
    return np.asarray(x, dtype=float)


def as_floats(*xs: Any) -> tuple[np.ndarray, ...]:
    """Returns each argument as a float64 array, for the references and the mistakes."""
    return tuple(np.asarray(x, dtype=float) for x in xs)


def describe(x: Any) -> str:
    """Returns a description of an input that shows its kind, shape and dtype, not its values."""
    if isinstance(x, np.ndarray):
        kind = {0: "0-d array", 1: "vector", 2: "matrix"}.get(x.ndim, f"{x.ndim}-d array")
        return f"a {kind} of shape {x.shape} and dtype {x.dtype}"
    return f"a Python {type(x).__name__}"


# Rounding a correct answer may add to any entry, in epsilons of the largest entry of the result.
NORMWISE_EPSILONS = 16


def input_epsilon(case: Case) -> float:
    """Returns the machine epsilon of the least precise floating input (float64's if there is none)."""
    dtypes = [a.dtype for a in flat_arrays(case.args) if a.dtype.kind == "f"]
    return max((float(np.finfo(d).eps) for d in dtypes), default=float(np.finfo(np.float64).eps))


def tolerance(case: Case, want: Any = None, rounding: Any = None) -> tuple[float, Any]:
    """Returns (rtol, atol) for comparing an answer with the float64 result `want` of the case.

    rtol is the precision demanded of each entry. atol adds what rounding can cost a correct
    answer computed in the inputs' dtype: a few epsilons of the result's largest entry, and the
    check's own bound where it sums many terms (`rounding`, in epsilons, e.g. n * (|W| @ |x|)),
    so the verdict never depends on the summation order of a BLAS kernel.
    """
    eps = input_epsilon(case)
    rtol, floor = (1e-4, 1e-6) if eps >= np.finfo(np.float32).eps else (1e-6, 1e-9)
    atol = floor + NORMWISE_EPSILONS * eps * largest_finite(want)
    if rounding is not None:
        atol = atol + eps * bound_for(rounding, np.shape(want))
    return rtol, atol


def bound_for(rounding: Any, shape: tuple[int, ...]) -> Any:
    """Returns the rounding bound as non-negative floats that fit `shape`, else its largest entry."""
    bound = np.nan_to_num(np.abs(np.asarray(rounding, dtype=float)), nan=0.0, posinf=0.0)
    try:
        fits = np.broadcast_shapes(bound.shape, shape) == tuple(shape)
    except ValueError:
        fits = False
    return bound if fits else float(bound.max(initial=0.0))


def largest_finite(values: Any) -> float:
    """Returns the largest finite magnitude among the values, 0 if there is none."""
    if values is None:
        return 0.0
    magnitudes = np.abs(np.asarray(values, dtype=float))
    finite = magnitudes[np.isfinite(magnitudes)]
    return float(finite.max()) if finite.size else 0.0


def flat_arrays(args: Any) -> list[np.ndarray]:
    """Returns every ndarray found in nested tuples and lists of arguments."""
    if isinstance(args, np.ndarray):
        return [args]
    if isinstance(args, (tuple, list)):
        return [a for item in args for a in flat_arrays(item)]
    return []


def as_plain_array(value: Any) -> np.ndarray | None:
    """Returns `value` as a base-class numeric ndarray, or None if it is not numeric data."""
    if isinstance(value, (bool, np.bool_)):
        return None
    if isinstance(value, (int, float, np.number)):
        return np.asarray(float(value))
    if not isinstance(value, np.ndarray):
        return None
    plain = np.array(value, copy=True, subok=False)
    if plain.dtype.kind not in "iuf":
        return None
    return plain


def judge_value(got: Any, expected: Any, case: Case, scalar: bool, rounding: Any = None) -> str | None:
    """Returns None if `got` matches `expected` within tolerance, else what differs.

    `rounding` is the check's bound on a correct answer's rounding error (see `tolerance`).
    """
    want = np.asarray(expected, dtype=float)
    if scalar or want.ndim == 0:
        if not isinstance(got, (int, float, np.number, np.ndarray)) or isinstance(got, bool):
            return f"expected a number for {case.label}, got a {type(got).__name__}."
        plain = as_plain_array(got)
        if plain is None or plain.size != 1:
            return f"expected a single number for {case.label}, got shape {np.shape(got)}."
        plain = plain.reshape(())
    else:
        if not isinstance(got, np.ndarray):
            return (
                f"expected a NumPy array for {case.label}, got a {type(got).__name__}. "
                "Use NumPy functions, which return arrays."
            )
        plain = as_plain_array(got)
        if plain is None:
            return f"expected an array of numbers for {case.label}, got dtype {got.dtype}."
        if plain.shape != want.shape:
            return f"expected shape {want.shape} for {case.label}, got shape {plain.shape}."
    if not np.all(np.isfinite(plain)) and np.all(np.isfinite(want)):
        return (
            f"the result for {case.label} contains NaN or inf. "
            "Look for an overflow in np.exp or a division by zero."
        )
    rtol, atol = tolerance(case, want, rounding)
    if not np.all(np.isclose(plain, want, rtol=rtol, atol=atol, equal_nan=True)):
        error = float(np.nanmax(np.abs(plain.astype(float) - want)))
        return f"the values are wrong for {case.label} (largest error {error:.3g})."
    return None
