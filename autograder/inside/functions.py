"""Functions the checks pass as arguments (the `f` of numerical_derivative), known by name.

A function cannot cross the sandbox wall as data, so both sides look it up here by name.
Nothing here is secret: these are the test functions, not the answers.
"""

from __future__ import annotations

import numpy as np

__all__ = ["FUNCTIONS", "NAMES", "cube", "sin_2t"]


def cube(t):
    """A polynomial whose central difference is exactly 3t² - 2 + h², and forward difference 3t² - 2 + 3th + h²."""
    return t**3 - 2 * t


def sin_2t(t):
    """sin(2t), whose derivative 2 cos(2t) a forgotten factor of the step would miss."""
    return np.sin(2 * t)


FUNCTIONS = {
    "np.sin": np.sin,
    "np.cos": np.cos,
    "np.exp": np.exp,
    "np.tanh": np.tanh,
    "cube": cube,
    "sin_2t": sin_2t,
}
NAMES = {function: name for name, function in FUNCTIONS.items()}
