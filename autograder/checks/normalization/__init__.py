"""Checks of 04_normalization: normalize_rows (unit L2 rows), standardize (columns: mean 0, std 1), gradient_descent,
condition_number."""

from __future__ import annotations

from autograder.checks.normalization import descent, scaling
from autograder.checks.normalization.descent import reference_condition_number, reference_gradient_descent
from autograder.checks.normalization.scaling import reference_normalize_rows, reference_standardize

__all__ = [
    "CHECKS",
    "reference_condition_number",
    "reference_gradient_descent",
    "reference_normalize_rows",
    "reference_standardize",
]

CHECKS = [*scaling.CHECKS, *descent.CHECKS]
