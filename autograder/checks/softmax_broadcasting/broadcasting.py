"""Checks of broadcast_shape (05_softmax_broadcasting): the broadcasting rules applied by hand, without NumPy.

A shape is a tuple of ints, so `compare_shape` judges it exactly; left alignment, the usual mistake,
is named whether it makes the answer raise where it must not or return where it must raise.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from autograder.checks._core import Case, Check, Produced, Raised, exercise_checks, outcome
from autograder.checks.why_numpy import NUMPY_NAMES, numpy_name_in


def reference_broadcast_shape(shape_a: tuple, shape_b: tuple) -> tuple[int, ...]:
    """The broadcast shape by the rules: align on the right, pad with 1s, sizes equal or 1."""
    n = max(len(shape_a), len(shape_b))
    a = (1,) * (n - len(shape_a)) + tuple(shape_a)
    b = (1,) * (n - len(shape_b)) + tuple(shape_b)
    result = []
    for x, y in zip(a, b, strict=True):
        if x != y and x != 1 and y != 1:
            raise ValueError(f"shapes {shape_a} and {shape_b} are not compatible")
        result.append(y if x == 1 else x)
    return tuple(result)


LEFT_ALIGNED = (
    "you aligned the shapes on the left. Broadcasting aligns them on the right "
    "(the last dimensions are compared first), so the shorter shape gets its 1s on the left."
)


def left_aligned_shape(shape_a: tuple, shape_b: tuple) -> tuple[int, ...]:
    """The mistake: shapes aligned on the left, the shorter one padded with 1s on the right."""
    n = max(len(shape_a), len(shape_b))
    a = tuple(shape_a) + (1,) * (n - len(shape_a))
    b = tuple(shape_b) + (1,) * (n - len(shape_b))
    return reference_broadcast_shape(a, b)


def is_int(value: Any) -> bool:
    """Returns True if value is a Python or NumPy integer (not a bool)."""
    return isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))


def compare_shape(case: Case, got: Any, expected: tuple[int, ...]) -> str | None:
    """Returns None if `got` is exactly the expected shape tuple, else what is wrong."""
    name = "`broadcast_shape`"
    if isinstance(got, list):
        return (
            f"{name} returned a list for {case.label}; a shape is a tuple. "
            "Convert at the end with `tuple(result)`."
        )
    if isinstance(got, np.ndarray):
        return f"{name} returned a NumPy array for {case.label}; a shape is a tuple of ints: `tuple(...)`."
    if not isinstance(got, tuple):
        return f"{name} must return a tuple of ints for {case.label}, got a {type(got).__name__}."
    if not all(is_int(v) for v in got):
        kinds = sorted({type(v).__name__ for v in got if not is_int(v)})
        return (
            f"{name} returned a tuple containing {', '.join(kinds)} for {case.label}; "
            "every size must be an int, such as 3, not 3.0."
        )
    got = tuple(int(v) for v in got)
    if got == expected:
        return None
    if len(got) != len(expected):
        return (
            f"{name} returned a shape of length {len(got)} for {case.label}, expected length {len(expected)}. "
            "The result has as many dimensions as the longer shape: missing dimensions of the shorter "
            "one count as 1 (pad it with 1s on the left)."
        )
    if any(e == 0 and g == 1 for g, e in zip(got, expected, strict=True)):
        return (
            f"{name} is wrong for {case.label}: where a size 0 meets a size 1, the result is 0, the size that is "
            "not 1 (an array with no elements stretched along that axis still has none). max(0, 1) gives 1: "
            "take the other size where one size is 1, not the larger one."
        )
    left = outcome(left_aligned_shape, case)
    if isinstance(left, tuple) and got == left:
        return f"{name} is wrong for {case.label}: {LEFT_ALIGNED}"
    if got == expected[::-1]:
        return (
            f"{name} is wrong for {case.label}: the sizes are in reverse order. "
            "If you walked the shapes from the right, reverse the result before returning it."
        )
    wrong = [i for i, (g, e) in enumerate(zip(got, expected, strict=True)) if g != e]
    return (
        f"{name} is wrong for {case.label}: the size at position {wrong[0]} is wrong. "
        "Where one size is 1, the result takes the other size."
    )


def shape_of(rng: np.random.Generator, n: int, low: int = 2, high: int = 7) -> tuple[int, ...]:
    """Returns a random shape of n sizes in [low, high), none equal to 1 by default."""
    return tuple(int(v) for v in rng.integers(low, high, size=n))


def distinct(rng: np.random.Generator, avoid: int) -> int:
    """Returns a size in [2, 7) different from `avoid`."""
    return int(rng.choice([v for v in range(2, 7) if v != avoid]))


HUGE = 10**7  # a size whose square no machine can allocate: arrays built to read .shape fail


def compatible_cases(rng: np.random.Generator) -> list[Case]:
    m, n = shape_of(rng, 2)
    p, q, r = shape_of(rng, 3)
    k = shape_of(rng, 4)
    return [
        Case(((m, n), (m, n)), "two equal 2-d shapes"),
        Case(((m, n), (n,)), "a matrix shape (m, n) and a vector shape (n,)"),
        Case(((n,), (m, n)), "a vector shape (n,) first and a matrix shape (m, n) second"),
        Case(((m, 1), (1, n)), "a column shape (m, 1) and a row shape (1, n)"),
        Case(((m, n), (m, 1)), "a matrix shape (m, n) and a column shape (m, 1)"),
        Case(((p, 1, r), (q, 1)), "a 3-d shape and a 2-d shape with 1s in different places"),
        Case(((), (p, q)), "the empty shape () of a scalar and a 2-d shape"),
        Case(((k[0], 1, k[2], 1), (k[3],)), "a 4-d shape with 1s and a 1-d shape"),
        Case(((1, q, 1), (p, 1, r)), "two 3-d shapes that both stretch"),
        Case(((0,), (1,)), "the empty vector shape (0,) and the shape (1,)"),
        Case(((m, 1), (1, 0)), "a column shape (m, 1) and an empty row shape (1, 0)"),
        Case(((HUGE, 1), (1, HUGE)), "a column and a row of ten million each, whose broadcast array "
             "(10^14 numbers) is far too large to allocate: compute the shape, not the array"),
    ]


def incompatible_cases(rng: np.random.Generator) -> list[Case]:
    m = int(rng.integers(2, 7))
    n = distinct(rng, m)
    p, q = shape_of(rng, 2)
    r = distinct(rng, q)
    s = distinct(rng, p)
    return [
        Case(
            ((m, n), (m,)),
            "a matrix shape (m, n) and a vector shape (m,) with m ≠ n "
            "(aligned on the right, n meets m and neither is 1)",
        ),
        Case(((p, q), (p, r)), "two 2-d shapes whose last sizes differ and neither is 1"),
        Case(((p, 1, q), (r,)), "a 3-d shape and a 1-d shape whose last sizes differ and neither is 1"),
        Case(((s, q), (p, 1, q)), "a 2-d shape and a 3-d shape whose middle aligned sizes differ and neither is 1"),
        Case(((p, 0), (p, q)), "an empty 2-d shape (p, 0) and a shape (p, q): 0 meets q and neither is 1"),
        Case(((m, n), (m, n)), "two equal 2-d shapes (compatible, to check you do not raise too often)"),
    ]


# Broadcasting by hand: no NumPy at all inside broadcast_shape (np and numpy are refused under any name too).
BROADCAST_FORBIDDEN = ("np.broadcast_shapes", "np.broadcast", "np.broadcast_to", "np.broadcast_arrays", *NUMPY_NAMES)


@dataclass(frozen=True)
class BroadcastShapeCheck(Check):
    """A Check of broadcast_shape that names left alignment when it explains a wrong result."""

    def verdict(self, case: Case, produced: Produced) -> str | None:
        """Returns the core judgement, naming left alignment where it explains a wrong raise or return."""
        problem = super().verdict(case, produced)
        if problem is None:
            return None
        got = produced.value
        left = outcome(left_aligned_shape, case)
        right = outcome(self.reference, case)
        raised_like_left = isinstance(got, Raised) and isinstance(left, Raised) and isinstance(right, tuple)
        returned_like_left = isinstance(right, Raised) and isinstance(left, tuple) and got == left
        if raised_like_left or returned_like_left:
            return f"`{self.function}` is wrong for {case.label}: {LEFT_ALIGNED}"
        return problem

    def source_problem(self, source: str | None) -> str | None:
        """Returns why the source breaks the rules: a forbidden call, or any NumPy at all."""
        problem = super().source_problem(source)
        if problem or source is None:
            return problem
        used = numpy_name_in(source)
        if used:
            return (f"`{self.function}` calls `{used}`, which does the exercise for you: "
                    "apply the broadcasting rules to the two tuples yourself, without NumPy.")
        return None


CHECKS = exercise_checks(
    "broadcast_shape", {"broadcast_shape_values": compatible_cases, "broadcast_shape_errors": incompatible_cases},
    kind=BroadcastShapeCheck, reference=reference_broadcast_shape, forbidden_calls=BROADCAST_FORBIDDEN,
    compare=compare_shape,
)
