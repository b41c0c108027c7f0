"""Checks of normalize_rows (unit L2 rows) and standardize (columns: mean 0, std 1), of 04_normalization."""

from __future__ import annotations

import numpy as np

from autograder.checks._core import Case, Mistake, exercise_checks
from autograder.checks._values import as_float, describe


def reference_normalize_rows(x):
    """Each row of x divided by its L2 norm, in float64."""
    x = as_float(x)
    return x / np.sqrt(np.sum(x * x, axis=1, keepdims=True))


def reference_standardize(x):
    """(x - mean) / std of each column, population std (ddof=0), in float64."""
    x = as_float(x)
    return (x - x.mean(axis=0)) / x.std(axis=0)


def rounding_standardize(x):
    """Bound on a correct float standardization's rounding, in epsilons, for each entry.

    The mean and std of m rows err by about m epsilons of the magnitudes summed, and subtracting
    the mean costs epsilons of |x| and |mean|, not of the (possibly tiny) difference.
    """
    x = as_float(x)
    if x.ndim != 2:
        return None
    std = x.std(axis=0)
    return x.shape[0] * ((np.abs(x) + np.abs(x).mean(axis=0)) / std + np.abs(x - x.mean(axis=0)) / std)


def mixed_signs(rng: np.random.Generator, shape: tuple[int, int], scale: float = 3.0) -> np.ndarray:
    """Returns a matrix of both signs whose rows are far from zero and whose row sums are not near zero."""
    x = rng.uniform(-scale, scale, size=shape)
    x[:, 0] = np.abs(x[:, 0]) + scale  # keeps every row (and its sum) away from zero
    return x


def normalize_values_cases(rng: np.random.Generator) -> list[Case]:
    n = int(rng.integers(3, 6))
    square = mixed_signs(rng, (n, n))
    wide = mixed_signs(rng, (int(rng.integers(2, 5)), int(rng.integers(6, 9))))
    tall = mixed_signs(rng, (int(rng.integers(6, 10)), 3))
    return [Case((a,), describe(a)) for a in (square, wide, tall)]


def normalize_shape_cases(rng: np.random.Generator) -> list[Case]:
    one_row = mixed_signs(rng, (1, int(rng.integers(3, 7))))
    one_column = rng.uniform(0.5, 4, size=(int(rng.integers(3, 7)), 1)) * rng.choice([-1.0, 1.0], size=1)
    two_d = mixed_signs(rng, (int(rng.integers(8, 15)), 2))
    single = mixed_signs(rng, (int(rng.integers(5, 9)), int(rng.integers(2, 5)))).astype(np.float32)
    tiny = mixed_signs(rng, (4, 3), scale=1e-3)
    huge = mixed_signs(rng, (3, 5), scale=1e4)
    return [
        Case((two_d,), describe(two_d)),
        Case((single,), describe(single)),
        Case((one_row,), describe(one_row)),
        Case((one_column,), describe(one_column)),
        Case((tiny,), describe(tiny) + " with tiny values"),
        Case((huge,), describe(huge) + " with huge values"),
    ]


def features(rng: np.random.Generator, shape: tuple[int, int]) -> np.ndarray:
    """Returns a data matrix whose columns have very different means and scales, none constant."""
    m, n = shape
    means = rng.uniform(-200, 200, size=n) * rng.choice([0.01, 1.0], size=n)
    scales = 10.0 ** rng.uniform(0, 2.5, size=n)
    return means + scales * rng.normal(size=(m, n))


def standardize_values_cases(rng: np.random.Generator) -> list[Case]:
    n = int(rng.integers(3, 6))
    square = features(rng, (n, n))
    tall = features(rng, (int(rng.integers(20, 40)), int(rng.integers(2, 5))))
    return [Case((a,), describe(a)) for a in (square, tall)]


def standardize_column_cases(rng: np.random.Generator) -> list[Case]:
    n = int(rng.integers(3, 7))
    square = features(rng, (n, n))  # first, so that a mean over the rows is named, not a broadcasting error
    tall = features(rng, (int(rng.integers(30, 60)), 3))
    wide = features(rng, (int(rng.integers(3, 6)), int(rng.integers(7, 10))))
    one_column = features(rng, (int(rng.integers(5, 10)), 1))
    two_rows = features(rng, (2, int(rng.integers(2, 5))))
    single = (rng.uniform(-5, 5, size=3) + rng.uniform(0.5, 3, size=3) * rng.normal(size=(40, 3))).astype(np.float32)
    return [Case((a,), describe(a)) for a in (square, tall, single, wide, one_column, two_rows)]


# Mistakes of normalize_rows.
NO_KEEPDIMS = Mistake(
    lambda x: as_float(x) / np.linalg.norm(as_float(x), axis=1),
    "you divided by np.linalg.norm(x, axis=1) without keepdims=True. Its shape (m,) lines up with the columns, "
    "so column j was divided by the norm of row j (on a square matrix silently; on other shapes it is a "
    "broadcasting error). Use keepdims=True, or norm[:, None], to get shape (m, 1).",
)
WHOLE_NORM = Mistake(
    lambda x: as_float(x) / np.linalg.norm(as_float(x)),
    "you divided by the norm of the whole matrix. Divide each row by its own norm: "
    "np.linalg.norm(x, axis=1, keepdims=True).",
)
COLUMN_NORMS = Mistake(
    lambda x: as_float(x) / np.linalg.norm(as_float(x), axis=0, keepdims=True),
    "you divided by the norms of the columns (axis=0), so the columns have length 1, not the rows. Use axis=1.",
)
ROW_SUM = Mistake(
    lambda x: as_float(x) / np.sum(as_float(x), axis=1, keepdims=True),
    "you divided by the sum of each row, not by its L2 norm. The L2 norm is sqrt(sum of squares): "
    "np.linalg.norm(x, axis=1, keepdims=True).",
)
ROW_L1 = Mistake(
    lambda x: as_float(x) / np.sum(np.abs(as_float(x)), axis=1, keepdims=True),
    "you divided by the L1 norm of each row (sum of absolute values), not by its L2 norm. "
    "The L2 norm is sqrt(sum of squares): np.linalg.norm(x, axis=1, keepdims=True).",
)
SQUARED_NORM = Mistake(
    lambda x: as_float(x) / np.sum(as_float(x) ** 2, axis=1, keepdims=True),
    "you divided by the squared norm of each row: take the square root of the sum of squares.",
)
ROW_MAX = Mistake(
    lambda x: as_float(x) / np.max(np.abs(as_float(x)), axis=1, keepdims=True),
    "you divided by the largest absolute value of each row, not by its L2 norm. "
    "Use np.linalg.norm(x, axis=1, keepdims=True).",
)


# Mistakes of standardize.
ROWS = Mistake(
    lambda x: (as_float(x) - as_float(x).mean(axis=1, keepdims=True)) / as_float(x).std(axis=1, keepdims=True),
    "you standardized the rows (axis=1), not the columns. Each feature is a column: use axis=0.",
)
ROWS_NO_KEEPDIMS = Mistake(
    lambda x: (as_float(x) - as_float(x).mean(axis=1)) / as_float(x).std(axis=1),
    "you used the mean and std over axis=1, the rows, not the columns (on a square matrix this broadcasts "
    "silently, on other shapes it is an error). Each feature is a column: use axis=0.",
)
SAMPLE_STD = Mistake(
    lambda x: (as_float(x) - as_float(x).mean(axis=0)) / as_float(x).std(axis=0, ddof=1),
    "you divided by the sample standard deviation (ddof=1). Use the population std, x.std(axis=0), with ddof=0.",
)
GLOBAL = Mistake(
    lambda x: (as_float(x) - as_float(x).mean()) / as_float(x).std(),
    "you used the mean and std of the whole matrix. Standardize each column (feature) on its own: axis=0.",
)
ONLY_CENTERED = Mistake(
    lambda x: as_float(x) - as_float(x).mean(axis=0),
    "you only subtracted the mean. Also divide by the standard deviation of each column, x.std(axis=0).",
)
ONLY_SCALED = Mistake(
    lambda x: as_float(x) / as_float(x).std(axis=0),
    "you divided by the std but did not subtract the mean of each column first: (x - mean) / std.",
)
RANGE = Mistake(
    lambda x: (as_float(x) - as_float(x).mean(axis=0)) / np.ptp(as_float(x), axis=0),
    "you divided by the range (max - min) of each column, not by its standard deviation x.std(axis=0).",
)
MIN_MAX = Mistake(
    lambda x: (as_float(x) - as_float(x).min(axis=0)) / np.ptp(as_float(x), axis=0),
    "you computed min-max scaling into [0, 1]. Standardizing is (x - mean) / std for each column.",
)
VARIANCE = Mistake(
    lambda x: (as_float(x) - as_float(x).mean(axis=0)) / as_float(x).var(axis=0),
    "you divided by the variance; divide by the standard deviation, its square root: x.std(axis=0).",
)

NORMALIZE_MISTAKES = [NO_KEEPDIMS, WHOLE_NORM, COLUMN_NORMS, ROW_SUM, ROW_L1, SQUARED_NORM, ROW_MAX]
STANDARDIZE_MISTAKES = [
    ROWS, ROWS_NO_KEEPDIMS, SAMPLE_STD, GLOBAL, ONLY_CENTERED, ONLY_SCALED, RANGE, MIN_MAX, VARIANCE,
]


CHECKS = [
    *exercise_checks("normalize_rows", {"normalize_rows_values": normalize_values_cases,
                                        "normalize_rows_shapes": normalize_shape_cases},
                     reference=reference_normalize_rows, mistakes=NORMALIZE_MISTAKES),
    *exercise_checks("standardize", {"standardize_values": standardize_values_cases,
                                     "standardize_columns": standardize_column_cases},
                     reference=reference_standardize, mistakes=STANDARDIZE_MISTAKES, rounding=rounding_standardize),
]
