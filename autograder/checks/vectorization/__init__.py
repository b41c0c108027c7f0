"""Checks of 06_vectorization: dot, outer, elementwise, matrix-vector products and pairwise distances, no loops."""

from __future__ import annotations

from autograder.checks.vectorization import matrices, products
from autograder.checks.vectorization.matrices import reference_matvec, reference_pairwise
from autograder.checks.vectorization.products import reference_dot, reference_multiply, reference_outer

__all__ = ["CHECKS", "reference_dot", "reference_matvec", "reference_multiply", "reference_outer", "reference_pairwise"]

CHECKS = [*products.CHECKS, *matrices.CHECKS]
