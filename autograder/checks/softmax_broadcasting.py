"""Checks of 05_softmax_broadcasting: broadcast_shape by hand, a stable row-wise softmax, log-softmax, cross-entropy,
a softmax with its keepdims bug fixed, and the softmax Jacobian-vector product.

The core judge compares arrays of numbers, so both exercises bring their own `compare`:
`broadcast_shape` returns a tuple of ints, judged exactly; `softmax` is judged by the core
`judge_value` first, then every known wrong formula is tried, so the message names the mistake.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from autograder.checks._core import Case, Check, Produced, Raised, judge_value, outcome
from autograder.checks.why_numpy import NUMPY_NAMES, numpy_name_in

# --------------------------------------------------------------------------- broadcast_shape


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

# --------------------------------------------------------------------------- softmax


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


def matches(formula: Callable[[np.ndarray], Any], case: Case, got: Any) -> bool:
    """Returns True if `got` equals what the wrong formula gives on the case."""
    wrong = outcome(formula, case)
    if not isinstance(wrong, np.ndarray) or wrong.shape != np.shape(got):
        return False
    if not np.all(np.isfinite(wrong)) or np.allclose(wrong, reference_softmax(case.args[0])):
        return False
    return judge_value(got, wrong, case, scalar=False) is None


def softmax_compare(function: str) -> Callable[[Case, Any, np.ndarray], str | None]:
    """Returns the compare of a row-wise softmax named `function`: the core judge, then the mistake it makes."""

    def compare(case: Case, got: Any, expected: np.ndarray) -> str | None:
        """Returns None if `got` is the softmax within tolerance, else the mistake it makes."""
        problem = judge_value(got, expected, case, scalar=False)
        if problem is None:
            return None
        if isinstance(got, np.ndarray) and got.shape == expected.shape:
            for formulas, message in SOFTMAX_MISTAKES:
                if any(matches(f, case, got) for f in formulas):
                    return f"`{function}` is wrong for {case.label}: {message}"
            plain = np.asarray(got)
            if plain.dtype.kind in "fc" and not np.all(np.isfinite(plain)):
                return f"`{function}` is wrong for {case.label}: {STABILITY}"
        if isinstance(got, np.ndarray) and got.shape == (expected.shape[0], expected.shape[0]) != expected.shape:
            return (f"`{function}` returned shape {got.shape} for {case.label}, expected {expected.shape}: "
                    "a vector of shape (m,) against an (m, 1) matrix broadcasts to (m, m). Keep the row maxima "
                    "and the row sums of shape (m, 1) with keepdims=True.")
        return f"`{function}`: {problem}"

    return compare


compare_softmax = softmax_compare("softmax")


def softmax_value_cases(rng: np.random.Generator) -> list[Case]:
    m, n = (int(v) for v in rng.integers(2, 6, size=2))
    if m == n:
        n += 1
    wide = rng.normal(0, 2, size=(m, n))
    square = rng.normal(0, 2, size=(n, n))
    one_row = rng.normal(0, 2, size=(1, int(rng.integers(3, 8))))
    return [
        Case((wide,), describe_matrix(wide)),
        Case((square,), describe_matrix(square)),
        Case((one_row,), describe_matrix(one_row)),
    ]


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


def softmax_check(grade_id: str, cases: Callable[[np.random.Generator], list[Case]]) -> Check:
    """Returns a softmax check with the shared reference and mistake-naming compare."""
    return Check(
        grade_id=grade_id,
        function="softmax",
        cases=cases,
        reference=reference_softmax,
        compare=compare_softmax,
    )


# --------------------------------------------------------------------------- log_softmax


def reference_log_softmax(x: np.ndarray) -> np.ndarray:
    """Row-wise log-softmax in float64 by log-sum-exp: (x − max) − log Σ e^(x − max)."""
    x = np.asarray(x, dtype=float)
    shifted = x - x.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def log_sum_exp_with(x: np.ndarray, axis: int | None, keepdims: bool) -> Any:
    """log Σ e^x over an axis, stably, with or without keepdims (the shapes students produce)."""
    top = x.max(axis=axis, keepdims=True)
    total = top + np.log(np.exp(x - top).sum(axis=axis, keepdims=True))
    return total if keepdims else np.squeeze(total, axis=axis)


def as_matrix(x: np.ndarray) -> np.ndarray:
    return np.asarray(x, dtype=float)


LOG_SOFTMAX_MISTAKES: list[tuple[Callable[[np.ndarray], Any], str]] = [
    (
        lambda x: as_matrix(x) - log_sum_exp_with(as_matrix(x), 1, True) + as_matrix(x).max(axis=1, keepdims=True),
        "you subtracted log Σ e^(x − max) from x itself, so each row is off by its maximum. "
        "Subtract the maximum from x too: (x − max) − log Σ e^(x − max).",
    ),
    (
        lambda x: as_matrix(x) - as_matrix(x).max(axis=1, keepdims=True),
        "you returned x − max: the log of the sum of the exponentials is missing. "
        "Subtract log Σ e^(x − max) of each row as well.",
    ),
    (
        lambda x: as_matrix(x) - log_sum_exp_with(as_matrix(x), None, True),
        "you summed the exponentials over the whole matrix instead of each row: use axis=1, keepdims=True.",
    ),
    (
        lambda x: as_matrix(x) - log_sum_exp_with(as_matrix(x), 0, True),
        "you summed over axis=0, down each column; log-softmax normalizes each row: axis=1.",
    ),
    (
        lambda x: as_matrix(x) - log_sum_exp_with(as_matrix(x), 1, False),
        "you forgot keepdims: a sum over axis=1 has shape (m,), which broadcasts along the rows, "
        "so entry [i, j] gets the log-sum of row j. Use keepdims=True (or [:, None]) to get shape (m, 1).",
    ),
    (
        lambda x: (as_matrix(x) - as_matrix(x).max(axis=1))
        - np.log(np.exp(as_matrix(x) - as_matrix(x).max(axis=1)).sum(axis=1, keepdims=True)),
        "you forgot keepdims when subtracting the maximum: x.max(axis=1) has shape (m,), so it broadcasts "
        "along the rows and entry [i, j] is shifted by the maximum of row j. Use keepdims=True (or [:, None]).",
    ),
    (
        lambda x: reference_softmax(x),
        "you returned the probabilities, softmax(x), not their logarithms. Log-softmax is "
        "(x − max) − log Σ e^(x − max); it is at most 0.",
    ),
    (
        lambda x: -reference_log_softmax(x),
        "the sign is flipped: log-softmax is a log of probabilities, so it is at most 0. "
        "It is (x − max) − log Σ e^(x − max), not the other way round.",
    ),
]

LOG_SOFTMAX_STABILITY = (
    "the result holds NaN or inf where every exact value is finite. Either np.exp overflowed (e^1000 is inf: "
    "subtract each row's maximum before np.exp), or you took np.log of a softmax whose small entries underflowed "
    "to 0 (e^-1000 is 0, and log 0 is -inf). Compute log-softmax directly as (x − max) − log Σ e^(x − max): "
    "the sum is at least 1, so the log never sees a 0."
)


def compare_log_softmax(case: Case, got: Any, expected: np.ndarray) -> str | None:
    """Returns None if `got` is the log-softmax within tolerance, else the mistake it makes."""
    problem = judge_value(got, expected, case, scalar=False)
    if problem is None:
        return None
    if isinstance(got, np.ndarray) and got.shape == expected.shape:
        plain = np.asarray(got)
        if plain.dtype.kind in "fc" and not np.all(np.isfinite(plain)):
            return f"`log_softmax` is wrong for {case.label}: {LOG_SOFTMAX_STABILITY}"
        for formula, message in LOG_SOFTMAX_MISTAKES:
            wrong = outcome(formula, case)
            if (isinstance(wrong, np.ndarray) and wrong.shape == plain.shape and np.all(np.isfinite(wrong))
                    and not np.allclose(wrong, expected) and judge_value(got, wrong, case, scalar=False) is None):
                return f"`log_softmax` is wrong for {case.label}: {message}"
    return f"`log_softmax`: {problem}"


def log_softmax_value_cases(rng: np.random.Generator) -> list[Case]:
    m, n = (int(v) for v in rng.integers(2, 6, size=2))
    if m == n:
        n += 1
    wide = rng.normal(0, 2, size=(m, n))
    square = rng.normal(0, 2, size=(n, n))
    one_row = rng.normal(0, 2, size=(1, int(rng.integers(3, 8))))
    column = rng.normal(0, 2, size=(4, 1))
    single = rng.normal(0, 2, size=(3, 6)).astype(np.float32)
    return [
        Case((wide,), describe_matrix(wide)),
        Case((square,), describe_matrix(square) + " (a square matrix)"),
        Case((one_row,), describe_matrix(one_row)),
        Case((column,), describe_matrix(column) + " (one class: every log-probability is 0)"),
        Case((single,), describe_matrix(single)),
    ]


def log_softmax_stable_cases(rng: np.random.Generator) -> list[Case]:
    cases = softmax_stable_cases(rng)
    n = int(rng.integers(3, 7))
    exact = np.zeros((2, n))
    exact[0, int(rng.integers(0, n))] = 1000.0
    exact[1, int(rng.integers(0, n))] = -1000.0
    return [*cases, Case((exact,), describe_matrix(exact) + " of zeros with one score of 1000 or -1000 per row")]


# --------------------------------------------------------------------------- cross_entropy


def picked(z: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """log softmax(z)[i, labels[i]] for every row i, in float64."""
    ls = reference_log_softmax(z)
    return ls[np.arange(len(ls)), np.asarray(labels)]


def reference_cross_entropy(z, labels):
    """The mean over the m examples of -log softmax(z)[i, labels[i]], by log-sum-exp, in float64."""
    return float(-np.mean(picked(z, labels)))


def cross_entropy_mistakes() -> list[tuple[Callable[..., Any], str]]:
    def columns(z, labels):
        return float(-np.mean(reference_log_softmax(z)[:, np.asarray(labels)]))

    def whole(z, labels):
        return float(-np.mean(reference_log_softmax(z)))

    def axis0(z, labels):
        x = as_matrix(z)
        ls = x - log_sum_exp_with(x, 0, True)
        return float(-np.mean(ls[np.arange(len(ls)), np.asarray(labels)]))

    return [
        (lambda z, labels: float(-np.sum(picked(z, labels))),
         "you summed the losses of the examples; the cross-entropy here is their mean (np.mean, or divide by m)."),
        (lambda z, labels: float(np.mean(picked(z, labels))),
         "the sign is wrong: the loss is -log p, which is at least 0, since log p is at most 0."),
        (columns,
         "ls[:, labels] picks the columns labels for every row, an (m, m) matrix. Pick one entry per row: "
         "ls[np.arange(m), labels]."),
        (whole,
         "you averaged log-softmax over every class; the loss uses only the probability of the true class "
         "of each example: ls[np.arange(m), labels]."),
        (axis0,
         "your log-softmax normalizes each column (axis=0); the classes of one example are a row: axis=1."),
        (lambda z, labels: float(-np.mean(as_matrix(z)[np.arange(len(as_matrix(z))), np.asarray(labels)])),
         "you picked the raw scores z, not their log-softmax: subtract each row's log-sum-exp first."),
    ]


def compare_cross_entropy(case: Case, got: Any, expected: float) -> str | None:
    """Returns None if `got` is the mean cross-entropy, else the mistake it makes."""
    if isinstance(got, np.ndarray) and got.size > 1:
        return (f"`cross_entropy` returned an array of shape {got.shape} for {case.label}, not one number: "
                "these are the losses of the examples, or of the classes; take the mean over the examples.")
    problem = judge_value(got, expected, case, scalar=True)
    if problem is None:
        return None
    plain = np.asarray(got, dtype=float) if isinstance(got, (int, float, np.number, np.ndarray)) else None
    if plain is not None and plain.size == 1 and not np.isfinite(plain).all():
        return f"`cross_entropy` is wrong for {case.label}: {LOG_SOFTMAX_STABILITY}"
    for formula, message in cross_entropy_mistakes():
        wrong = outcome(formula, case)
        if (not isinstance(wrong, Raised) and np.isfinite(wrong) and not np.isclose(wrong, expected)
                and judge_value(got, wrong, case, scalar=True) is None):
            return f"`cross_entropy` is wrong for {case.label}: {message}"
    return f"`cross_entropy`: {problem}"


def labelled(rng: np.random.Generator, z: np.ndarray, text: str) -> Case:
    """Returns a case of scores z and one true class per row, drawn at random."""
    labels = rng.integers(0, z.shape[1], size=z.shape[0])
    return Case((z, labels), f"z = {describe_matrix(z)}{text} and labels = a vector of {len(labels)} class indices")


def cross_entropy_value_cases(rng: np.random.Generator) -> list[Case]:
    m, n = int(rng.integers(5, 12)), int(rng.integers(2, 6))
    if m == n:
        m += 1
    n_square = int(rng.integers(3, 6))
    return [
        labelled(rng, rng.normal(0, 2, size=(m, n)), ""),
        labelled(rng, rng.normal(0, 2, size=(n_square, n_square)), " (a square matrix)"),
        labelled(rng, rng.normal(0, 2, size=(int(rng.integers(20, 60)), 10)).astype(np.float32), ""),
    ]


def cross_entropy_stable_cases(rng: np.random.Generator) -> list[Case]:
    m, n = int(rng.integers(4, 9)), int(rng.integers(3, 6))
    confident = rng.normal(0, 1, size=(m, n))
    confident[np.arange(m), rng.integers(0, n, size=m)] += 1000.0  # one class of every row far ahead
    far = 1000 + rng.normal(0, 2, size=(m + 1, n))
    low = -1000 + rng.normal(0, 2, size=(m, n + 1))
    return [
        labelled(rng, confident, " where one score of every row is about 1000 above the others"),
        labelled(rng, far, " with every value near 1000"),
        labelled(rng, low, " with every value near -1000"),
    ]


# --------------------------------------------------------------------------- fixed_softmax (find the bug)


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


def fixed_softmax_check(grade_id: str, cases: Callable[[np.random.Generator], list[Case]]) -> Check:
    """Returns a check of fixed_softmax: the softmax reference, its mistakes named, no Python loop."""
    return Check(
        grade_id=grade_id,
        function="fixed_softmax",
        cases=cases,
        reference=reference_softmax,
        no_loops=True,
        compare=softmax_compare("fixed_softmax"),
        raise_hints=(("could not be broadcast", "the bug is still there: keep the row maxima and the row sums "
                      "of shape (m, 1) with keepdims=True, so that they divide rows, whatever the shape."),),
    )


# --------------------------------------------------------------------------- softmax_jvp


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


def compare_softmax_jvp(case: Case, got: Any, expected: np.ndarray) -> str | None:
    """Returns None if `got` is J(z) v within tolerance, else the mistake it makes."""
    name = "`softmax_jvp`"
    problem = judge_value(got, expected, case, scalar=False)
    if problem is None:
        return None
    if isinstance(got, np.ndarray) and got.shape == expected.shape:
        plain = np.asarray(got)
        if plain.dtype.kind in "fc" and not np.all(np.isfinite(plain)):
            return f"{name} is wrong for {case.label}: {STABILITY}"
        for formula, message in jvp_mistakes():
            wrong = outcome(formula, case)
            if (isinstance(wrong, np.ndarray) and wrong.shape == plain.shape and np.all(np.isfinite(wrong))
                    and not np.allclose(wrong, expected) and judge_value(got, wrong, case, scalar=False) is None):
                return f"{name} is wrong for {case.label}: {message}"
    return f"{name}: {problem}"


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


def jvp_check(grade_id: str, cases: Callable[[np.random.Generator], list[Case]]) -> Check:
    """Returns a check of softmax_jvp: no Python loop, no Jacobian built from an identity or a diagonal."""
    return JvpCheck(
        grade_id=grade_id,
        function="softmax_jvp",
        cases=cases,
        reference=reference_softmax_jvp,
        no_loops=True,
        forbidden_calls=JVP_FORBIDDEN,
        compare=compare_softmax_jvp,
        raise_hints=(("Unable to allocate", "you built the (m, n, n) Jacobian, which does not fit in memory: "
                      "J v = s * (v - (s . v)) needs only arrays of shape (m, n) and (m, 1)."),),
    )


CHECKS = [
    BroadcastShapeCheck(
        grade_id="broadcast_shape_values",
        function="broadcast_shape",
        cases=compatible_cases,
        reference=reference_broadcast_shape,
        forbidden_calls=BROADCAST_FORBIDDEN,
        compare=compare_shape,
    ),
    BroadcastShapeCheck(
        grade_id="broadcast_shape_errors",
        function="broadcast_shape",
        cases=incompatible_cases,
        reference=reference_broadcast_shape,
        forbidden_calls=BROADCAST_FORBIDDEN,
        compare=compare_shape,
    ),
    softmax_check("softmax_values", softmax_value_cases),
    softmax_check("softmax_rows", softmax_row_cases),
    softmax_check("softmax_stable", softmax_stable_cases),
    Check(
        grade_id="log_softmax_values",
        function="log_softmax",
        cases=log_softmax_value_cases,
        reference=reference_log_softmax,
        no_loops=True,
        compare=compare_log_softmax,
    ),
    Check(
        grade_id="log_softmax_stable",
        function="log_softmax",
        cases=log_softmax_stable_cases,
        reference=reference_log_softmax,
        no_loops=True,
        compare=compare_log_softmax,
    ),
    Check(
        grade_id="cross_entropy_values",
        function="cross_entropy",
        cases=cross_entropy_value_cases,
        reference=reference_cross_entropy,
        no_loops=True,
        scalar=True,
        compare=compare_cross_entropy,
    ),
    Check(
        grade_id="cross_entropy_stable",
        function="cross_entropy",
        cases=cross_entropy_stable_cases,
        reference=reference_cross_entropy,
        no_loops=True,
        scalar=True,
        compare=compare_cross_entropy,
    ),
    fixed_softmax_check("fixed_softmax_square", fixed_square_cases),
    fixed_softmax_check("fixed_softmax_shapes", fixed_shape_cases),
    jvp_check("softmax_jvp_values", jvp_value_cases),
    jvp_check("softmax_jvp_stable", jvp_stable_cases),
]
