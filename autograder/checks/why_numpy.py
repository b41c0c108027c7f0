"""Checks of 01_why_numpy: basic_sigmoid with math, sigmoid with NumPy, a stable basic_sigmoid with math."""

from __future__ import annotations

import ast
import math
import textwrap
from dataclasses import dataclass

import numpy as np

from autograder.checks._core import Case, Check, Mistake, exercise_checks
from autograder.checks._values import describe


def reference_sigmoid(x):
    """σ(x) = 1 / (1 + e^(−x)), computed stably in float64 for any shape."""
    x = np.asarray(x, dtype=float)
    return np.exp(-np.logaddexp(0.0, -x))


def basic_sigmoid_cases(rng: np.random.Generator) -> list[Case]:
    floats = [float(v) for v in rng.uniform(-8, 8, size=4)]
    ints = [int(v) for v in rng.integers(-5, 6, size=2)]
    # Labels name the kind of input, never its value: the feedback must not show hidden inputs.
    return [Case((v,), f"a Python {type(v).__name__}") for v in floats + ints]


def sigmoid_value_cases(rng: np.random.Generator) -> list[Case]:
    vector = rng.uniform(-6, 6, size=int(rng.integers(5, 12)))
    return [Case((vector,), describe(vector)), Case((np.zeros(3),), describe(np.zeros(3)))]


def sigmoid_shape_cases(rng: np.random.Generator) -> list[Case]:
    matrix = rng.normal(0, 3, size=(int(rng.integers(2, 6)), int(rng.integers(2, 6))))
    cube = rng.normal(0, 2, size=(2, 3, 4))
    single = rng.normal(0, 2, size=(7,)).astype(np.float32)
    extreme = np.array([-1000.0, -50.0, 0.0, 50.0, 1000.0])
    return [
        Case((matrix,), describe(matrix)),
        Case((cube,), describe(cube)),
        Case((single,), describe(single)),
        Case((extreme,), "a vector of very large positive and negative values"),
    ]


def stable_value_cases(rng: np.random.Generator) -> list[Case]:
    floats = [float(v) for v in rng.uniform(-30, 30, size=4)]
    ints = [int(v) for v in rng.integers(-20, 21, size=2)]
    return [Case((v,), f"a Python {type(v).__name__} between -30 and 30") for v in floats + ints] + [
        Case((0,), "the Python int 0"),
    ]


def stable_extreme_cases(rng: np.random.Generator) -> list[Case]:
    negative = [float(v) for v in rng.uniform(-5000, -710, size=2)]
    positive = [float(v) for v in rng.uniform(710, 5000, size=2)]
    edge = float(rng.uniform(-709, -600))
    return [
        *[Case((v,), "a large negative Python float (below -710)") for v in negative],
        Case((-1000,), "the Python int -1000"),
        *[Case((v,), "a large positive Python float (above 710)") for v in positive],
        Case((1000,), "the Python int 1000"),
        Case((edge,), "a negative Python float between -709 and -600"),
    ]


def reference_stable_sigmoid(x):
    """σ(x) as a float, exact to rounding for every real x (float64 log-add-exp)."""
    return float(reference_sigmoid(float(x)))


OVERFLOW_HINT = (
    "math.exp(t) overflows once t > 709. Branch on the sign of x so that math.exp only ever sees a number <= 0: "
    "1 / (1 + e^(-x)) for x >= 0, and the equal form e^x / (1 + e^x) for x < 0."
)

SIGN_FLIPPED = Mistake(
    lambda x: 1 / (1 + np.exp(np.asarray(x, dtype=float))),
    "you computed σ(-x), which is 1 - σ(x): the sign of the exponent is flipped. "
    "The sigmoid is 1 / (1 + exp(-x)).",
)
NO_ONE = Mistake(
    lambda x: 1 / np.exp(-np.asarray(x, dtype=float)),
    "the `1 +` in the denominator is missing. The sigmoid is 1 / (1 + exp(-x)).",
)

NUMPY_NAMES = ("np", "numpy")


def numpy_name_in(source: str) -> str | None:
    """Returns the first NumPy name (np, numpy) a function's source uses or imports from, or None."""
    for node in ast.walk(ast.parse(textwrap.dedent(source))):
        names = [node.id] if isinstance(node, ast.Name) else []
        if isinstance(node, ast.Import):
            names = [alias.name.split(".")[0] for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [(node.module or "").split(".")[0]]
        used = [name for name in names if name in NUMPY_NAMES]
        if used:
            return used[0]
    return None


@dataclass(frozen=True)
class MathOnlyCheck(Check):
    """A Check whose function must not use NumPy: the exercise is about the scalar math module."""

    def source_problem(self, source: str | None) -> str | None:
        """Returns why the function's source uses NumPy, or None (the rules refuse the same names)."""
        if source is None:
            return f"the source of `{self.function}` could not be read; define it with `def` in the notebook."
        used = numpy_name_in(source)
        if used:
            return (f"`{self.function}` calls `{used}`: this exercise asks for math.exp, not NumPy. "
                    "Use math.exp, which takes one number.")
        return None


NEGATIVE_BRANCH_FLIPPED = Mistake(
    lambda x: float(reference_sigmoid(-float(x)) if x < 0 else reference_sigmoid(float(x))),
    "for x < 0 your result is σ(-x) = 1 - σ(x), which is above 1/2 "
    "(1 / (1 + e^x) and 1 / (1 + e^(-|x|)) both give it); "
    "the sigmoid of a negative number is below 1/2. For x < 0 use e^x / (1 + e^x).",
)
STABLE_MISTAKES = [NEGATIVE_BRANCH_FLIPPED, SIGN_FLIPPED, NO_ONE]
STABLE_HINTS = (("math range error", OVERFLOW_HINT), ("OverflowError", OVERFLOW_HINT))

CHECKS = [
    *exercise_checks("basic_sigmoid", {"basic_sigmoid_values": basic_sigmoid_cases}, kind=MathOnlyCheck,
                     reference=lambda x: 1 / (1 + math.exp(-x)), mistakes=[SIGN_FLIPPED, NO_ONE],
                     forbidden_calls=NUMPY_NAMES, scalar=True),  # the rules refuse np and numpy under any name
    *exercise_checks("sigmoid", {"sigmoid_values": sigmoid_value_cases, "sigmoid_shapes": sigmoid_shape_cases},
                     reference=reference_sigmoid, mistakes=[SIGN_FLIPPED, NO_ONE]),
    *exercise_checks("stable_basic_sigmoid", {"stable_basic_sigmoid_values": stable_value_cases,
                                              "stable_basic_sigmoid_extremes": stable_extreme_cases},
                     kind=MathOnlyCheck, reference=reference_stable_sigmoid, mistakes=STABLE_MISTAKES,
                     forbidden_calls=NUMPY_NAMES, scalar=True, raise_hints=STABLE_HINTS),
]
