"""Checks of 02_sigmoid_gradient: σ' from x or from σ(x), the central difference, Richardson extrapolation."""

from __future__ import annotations

import numpy as np

from autograder.checks._core import Case, Mistake, exercise_checks
from autograder.checks._values import as_float, describe
from autograder.inside.functions import cube, sin_2t


def sigma(x):
    """σ(x) = 1 / (1 + e^(−x)), computed stably in float64 for any shape."""
    x = np.asarray(x, dtype=float)
    return np.exp(-np.logaddexp(0.0, -x))


def reference_sigmoid_derivative(x):
    """σ'(x) = σ(x)(1 − σ(x)) = σ(x)σ(−x), in float64 without cancellation."""
    return sigma(x) * sigma(-np.asarray(x, dtype=float))


def reference_from_output(s):
    """σ'(z) from s = σ(z): s(1 − s), in float64."""
    s = np.asarray(s, dtype=float)
    return s * (1 - s)


def reference_numerical_derivative(f, x, h=1e-5):
    """The central difference, with exactly the formula the students are asked to write.

    It is evaluated on the very inputs the student receives (float32 stays float32), so the
    reference carries the same round-off as a correct answer and the tolerance stays fair.
    """
    return (f(x + h) - f(x - h)) / (2 * h)


def central(f, x, h):
    """The central difference D(h), on the inputs as given."""
    return (f(x + h) - f(x - h)) / (2 * h)


def reference_richardson(f, x, h=1e-3):
    """(4 D(h/2) − D(h)) / 3: the h² term of the central difference cancels, the error is O(h⁴)."""
    return (4 * central(f, x, h / 2) - central(f, x, h)) / 3


# --- cases ---------------------------------------------------------------------------------


def derivative_value_cases(rng: np.random.Generator) -> list[Case]:
    vector = rng.uniform(-6, 6, size=int(rng.integers(5, 12)))
    far = np.concatenate([rng.uniform(-30, -10, size=3), rng.uniform(10, 30, size=3)])
    return [
        Case((vector,), describe(vector)),
        Case((np.zeros(3),), describe(np.zeros(3))),
        Case((far,), "a vector of inputs far from 0 (|x| between 10 and 30)"),
    ]


def derivative_shape_cases(rng: np.random.Generator) -> list[Case]:
    matrix = rng.normal(0, 3, size=(int(rng.integers(2, 6)), int(rng.integers(2, 6))))
    cube = rng.normal(0, 2, size=(2, 3, 4))
    single = rng.normal(0, 3, size=(7,)).astype(np.float32)
    integers = rng.integers(-5, 6, size=6)
    number = float(rng.uniform(-4, 4))
    return [
        Case((matrix,), describe(matrix)),
        Case((cube,), describe(cube)),
        Case((single,), describe(single)),
        Case((integers,), describe(integers)),
        Case((number,), "a Python float"),
    ]


def from_output_cases(rng: np.random.Generator) -> list[Case]:
    vector = rng.uniform(0.001, 0.999, size=int(rng.integers(5, 12)))
    matrix = rng.uniform(0.01, 0.99, size=(3, 4)).astype(np.float32)
    edges = np.array([0.0, 0.5, 1.0])
    number = float(rng.uniform(0.05, 0.95))
    return [
        Case((vector,), describe(vector) + " with values in (0, 1)"),
        Case((matrix,), describe(matrix) + " with values in (0, 1)"),
        Case((edges,), "a vector holding the edge values 0, 1/2 and 1"),
        Case((number,), "a Python float in (0, 1)"),
    ]


def numerical_value_cases(rng: np.random.Generator) -> list[Case]:
    vector = rng.uniform(-3, 3, size=int(rng.integers(5, 10)))
    matrix = rng.uniform(-2, 2, size=(3, int(rng.integers(2, 5))))
    points = rng.uniform(-2, 2, size=6)
    single = rng.uniform(-2, 2, size=(5,)).astype(np.float32)
    number = float(rng.uniform(-3, 3))
    return [
        Case((np.sin, vector), f"f = np.sin and {describe(vector)}, with the default h"),
        Case((np.exp, matrix), f"f = np.exp and {describe(matrix)}, with the default h"),
        Case((cube, points), f"f(t) = t**3 - 2*t and {describe(points)}, with a small h passed as h=...",
             {"h": 1e-3}),
        Case((np.tanh, single, 0.05), f"f = np.tanh and {describe(single)}, with h passed as third argument"),
        Case((np.cos, number), "f = np.cos and a Python float, with the default h"),
    ]


def numerical_central_cases(rng: np.random.Generator) -> list[Case]:
    points = rng.uniform(-2, 2, size=int(rng.integers(5, 9)))
    matrix = rng.uniform(-1, 1, size=(2, 3))
    angles = rng.uniform(-3, 3, size=5)
    return [
        Case((cube, points), f"f(t) = t**3 - 2*t and {describe(points)}, with a large h passed as h=...",
             {"h": 0.5}),
        Case((np.exp, matrix, 0.3), f"f = np.exp and {describe(matrix)}, with a large h as third argument"),
        Case((sin_2t, angles), f"f(t) = sin(2t) and {describe(angles)}, with a large h",
             {"h": 0.2}),
    ]


def richardson_value_cases(rng: np.random.Generator) -> list[Case]:
    vector = rng.uniform(-3, 3, size=int(rng.integers(5, 10)))
    matrix = rng.uniform(-1, 1, size=(3, int(rng.integers(2, 5))))
    points = rng.uniform(-2, 2, size=6)
    number = float(rng.uniform(-3, 3))
    return [
        Case((np.sin, vector), f"f = np.sin and {describe(vector)}, with the default h"),
        Case((np.exp, matrix), f"f = np.exp and {describe(matrix)}, with the default h"),
        Case((cube, points), f"f(t) = t**3 - 2*t and {describe(points)}, with h passed as h=...", {"h": 0.01}),
        Case((np.cos, number), "f = np.cos and a Python float, with the default h"),
    ]


def richardson_order_cases(rng: np.random.Generator) -> list[Case]:
    points = rng.uniform(-2, 2, size=int(rng.integers(5, 9)))
    matrix = rng.uniform(-1, 1, size=(2, 3))
    angles = rng.uniform(-3, 3, size=5)
    single = rng.uniform(-1, 1, size=(4,)).astype(np.float32)
    return [
        Case((cube, points), f"f(t) = t**3 - 2*t and {describe(points)}, with a large h passed as h=...",
             {"h": 0.5}),
        Case((np.exp, matrix, 0.4), f"f = np.exp and {describe(matrix)}, with a large h as third argument"),
        Case((sin_2t, angles), f"f(t) = sin(2t) and {describe(angles)}, with a large h", {"h": 0.3}),
        Case((np.tanh, single, 0.25), f"f = np.tanh and {describe(single)}, with a large h as third argument"),
    ]


# --- mistakes ------------------------------------------------------------------------------


DERIVATIVE_MISTAKES = [
    Mistake(
        lambda x: as_float(x) * (1 - as_float(x)),
        "you computed x * (1 - x), which forgets to apply the sigmoid first. "
        "Compute s = sigmoid(x), then return s * (1 - s).",
    ),
    Mistake(
        lambda x: sigma(x) * (1 + sigma(x)),
        "you computed σ(x)(1 + σ(x)); the derivative is σ(x)(1 - σ(x)), with a minus sign.",
    ),
    Mistake(
        sigma,
        "you returned σ(x) itself, not its derivative. Multiply it by (1 - σ(x)).",
    ),
    Mistake(
        lambda x: 1 - sigma(x),
        "you returned 1 - σ(x) (which is also e^(-x) / (1 + e^(-x)), the formula without its square). "
        "The derivative is σ(x)(1 - σ(x)).",
    ),
    Mistake(
        lambda x: np.dot(sigma(x), 1 - sigma(x)),
        "you used np.dot, which sums the products into one number (or multiplies matrices). "
        "The derivative is elementwise: use s * (1 - s).",
    ),
    Mistake(
        lambda x: -reference_sigmoid_derivative(x),
        "your result has the wrong sign: the sigmoid is increasing, so its slope is positive.",
    ),
]

FROM_OUTPUT_MISTAKES = [
    Mistake(
        lambda s: sigma(s) * (1 - sigma(s)),
        "you applied the sigmoid to s again and computed σ(s)(1 - σ(s)). "
        "s is already σ(z), so the derivative is simply s * (1 - s).",
    ),
    Mistake(
        lambda s: as_float(s) * (1 + as_float(s)),
        "you computed s * (1 + s); the derivative is s * (1 - s), with a minus sign.",
    ),
    Mistake(
        lambda s: 1 - as_float(s),
        "you returned 1 - s; multiply it by s: the derivative is s * (1 - s).",
    ),
    Mistake(
        lambda s: np.dot(as_float(s), 1 - as_float(s)),
        "you used np.dot, which sums the products into one number (or multiplies matrices). "
        "The derivative is elementwise: use s * (1 - s).",
    ),
    Mistake(
        lambda s: as_float(s) ** 2,
        "you returned s ** 2; the derivative is s * (1 - s) = s - s ** 2.",
    ),
]


def forward(f, x, h=1e-5):
    return (f(x + h) - f(x)) / h


def backward(f, x, h=1e-5):
    return (f(x) - f(x - h)) / h


NUMERICAL_MISTAKES = [
    Mistake(
        forward,
        "you computed the forward difference (f(x + h) - f(x)) / h, whose error shrinks only like h. "
        "Use the central difference (f(x + h) - f(x - h)) / (2 * h).",
    ),
    Mistake(
        backward,
        "you computed the backward difference (f(x) - f(x - h)) / h, whose error shrinks only like h. "
        "Use the central difference (f(x + h) - f(x - h)) / (2 * h).",
    ),
    Mistake(
        lambda f, x, h=1e-5: (f(x + h) - f(x - h)) / h,
        "your result is twice the derivative: you divided by h, but x + h and x - h are 2h apart. "
        "Divide by (2 * h).",
    ),
    Mistake(
        lambda f, x, h=1e-5: (f(x + h) - f(x - h)) / 2 * h,
        "`/ 2 * h` divides by 2 and then multiplies by h, because / and * go left to right. "
        "Write `/ (2 * h)` with parentheses.",
    ),
    Mistake(
        lambda f, x, h=1e-5: reference_numerical_derivative(f, x),
        "your result is what h = 1e-5 gives, not the h passed to the function: "
        "use the argument h instead of a fixed step.",
    ),
]

RICHARDSON_MISTAKES = [
    Mistake(
        lambda f, x, h=1e-3: central(f, x, h),
        "you returned the central difference D(h) itself; its error is about (h²/6) f‴(x). "
        "Combine D(h) and D(h/2) so that the h² terms cancel: (4 D(h/2) - D(h)) / 3.",
    ),
    Mistake(
        lambda f, x, h=1e-3: central(f, x, h / 2),
        "you returned D(h/2) alone, which only divides the error by 4. "
        "Combine it with D(h): (4 D(h/2) - D(h)) / 3 cancels the h² term.",
    ),
    Mistake(
        lambda f, x, h=1e-3: 2 * central(f, x, h / 2) - central(f, x, h),
        "2 D(h/2) - D(h) cancels an error proportional to h, the error of the forward difference. "
        "The central difference's error is proportional to h², so halving h divides it by 4: "
        "use (4 D(h/2) - D(h)) / 3.",
    ),
    Mistake(
        lambda f, x, h=1e-3: (4 * central(f, x, h) - central(f, x, h / 2)) / 3,
        "the two differences are swapped: the weight 4 belongs to the smaller step, (4 D(h/2) - D(h)) / 3.",
    ),
    Mistake(
        lambda f, x, h=1e-3: 4 * central(f, x, h / 2) - central(f, x, h),
        "you forgot to divide by 3: the weights of (4 D(h/2) - D(h)) / 3 must add up to 1.",
    ),
    Mistake(
        lambda f, x, h=1e-3: (central(f, x, h) + central(f, x, h / 2)) / 2,
        "averaging D(h) and D(h/2) keeps an h² error; weight them 4 to -1 and divide by 3 so that it cancels.",
    ),
    Mistake(
        lambda f, x, h=1e-3: (4 * forward(f, x, h / 2) - forward(f, x, h)) / 3,
        "you combined forward differences (f(x + h) - f(x)) / h; use central ones, "
        "D(h) = (f(x + h) - f(x - h)) / (2h), whose error is a multiple of h² plus O(h⁴).",
    ),
    Mistake(
        lambda f, x, h=1e-3: reference_richardson(f, x),
        "your result is what h = 1e-3 gives, not the h passed to the function: use the argument h.",
    ),
]

CHECKS = [
    *exercise_checks("sigmoid_derivative", {"sigmoid_derivative_values": derivative_value_cases,
                                            "sigmoid_derivative_shapes": derivative_shape_cases},
                     reference=reference_sigmoid_derivative, mistakes=DERIVATIVE_MISTAKES),
    *exercise_checks("sigmoid_derivative_from_output", {"sigmoid_derivative_from_output_values": from_output_cases},
                     reference=reference_from_output, mistakes=FROM_OUTPUT_MISTAKES),
    *exercise_checks("numerical_derivative", {"numerical_derivative_values": numerical_value_cases,
                                              "numerical_derivative_central": numerical_central_cases},
                     reference=reference_numerical_derivative, mistakes=NUMERICAL_MISTAKES),
    *exercise_checks("richardson_derivative", {"richardson_derivative_values": richardson_value_cases,
                                               "richardson_derivative_order": richardson_order_cases},
                     reference=reference_richardson, mistakes=RICHARDSON_MISTAKES),
]
