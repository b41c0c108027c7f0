"""Checks of 07_l1_l2_losses: L1 and L2 losses as sums, their gradients, the elastic net, the Huber loss."""

from __future__ import annotations

from autograder.checks.losses import huber, l1_l2
from autograder.checks.losses.huber import reference_huber, reference_huber_gradient
from autograder.checks.losses.l1_l2 import (
    reference_elastic_net,
    reference_l1,
    reference_l1_gradient,
    reference_l2,
    reference_l2_gradient,
)

__all__ = [
    "CHECKS",
    "reference_elastic_net",
    "reference_huber",
    "reference_huber_gradient",
    "reference_l1",
    "reference_l1_gradient",
    "reference_l2",
    "reference_l2_gradient",
]

CHECKS = [*l1_l2.CHECKS, *huber.CHECKS]
