"""Checks of 05_softmax_broadcasting, one module per exercise: broadcast_shape by hand, a stable row-wise softmax,
log-softmax, cross-entropy, a softmax with its keepdims bug fixed, and the softmax Jacobian-vector product.

The core judge compares arrays of numbers, so every exercise brings its own `compare`:
`broadcast_shape` returns a tuple of ints, judged exactly; the others are judged by the core
`judge_value` first, then every known wrong formula is tried, so the message names the mistake.
"""

from __future__ import annotations

from autograder.checks.softmax_broadcasting import (
    broadcasting,
    cross_entropy,
    fixed_softmax,
    log_softmax,
    softmax,
    softmax_jvp,
)
from autograder.checks.softmax_broadcasting.broadcasting import (
    BroadcastShapeCheck,
    compare_shape,
    left_aligned_shape,
    reference_broadcast_shape,
)
from autograder.checks.softmax_broadcasting.cross_entropy import compare_cross_entropy, reference_cross_entropy
from autograder.checks.softmax_broadcasting.log_softmax import compare_log_softmax, reference_log_softmax
from autograder.checks.softmax_broadcasting.softmax import (
    compare_softmax,
    describe_matrix,
    reference_softmax,
    softmax_checks,
    softmax_compare,
)
from autograder.checks.softmax_broadcasting.softmax_jvp import (
    JvpCheck,
    compare_softmax_jvp,
    reference_softmax_jvp,
)

__all__ = [
    "CHECKS",
    "BroadcastShapeCheck",
    "JvpCheck",
    "compare_cross_entropy",
    "compare_log_softmax",
    "compare_shape",
    "compare_softmax",
    "compare_softmax_jvp",
    "describe_matrix",
    "left_aligned_shape",
    "reference_broadcast_shape",
    "reference_cross_entropy",
    "reference_log_softmax",
    "reference_softmax",
    "reference_softmax_jvp",
    "softmax_checks",
    "softmax_compare",
]

# In the notebook's order, exercise by exercise.
CHECKS = [
    *broadcasting.CHECKS,
    *softmax.CHECKS,
    *log_softmax.CHECKS,
    *cross_entropy.CHECKS,
    *fixed_softmax.CHECKS,
    *softmax_jvp.CHECKS,
]
