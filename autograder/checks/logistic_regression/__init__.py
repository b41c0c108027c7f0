"""Checks of 08_logistic_regression: the logistic loss (stable), its gradient, predict and accuracy."""

from __future__ import annotations

from autograder.checks.logistic_regression import loss, prediction
from autograder.checks.logistic_regression.loss import reference_gradient, reference_loss
from autograder.checks.logistic_regression.prediction import reference_accuracy, reference_predict

__all__ = ["CHECKS", "reference_accuracy", "reference_gradient", "reference_loss", "reference_predict"]

CHECKS = [*loss.CHECKS, *prediction.CHECKS]  # every function of the model is written without Python loops
