"""Checks of gradient_descent (its stopping rule and step count) and condition_number, of 04_normalization."""

from __future__ import annotations

from typing import Any

import numpy as np

from autograder.checks._core import Case, Mistake, Raised, exercise_checks, outcome
from autograder.checks._values import as_float, describe, judge_value


def descend(A, b, w0, lr, tol=1e-6, max_steps=10_000, *, variant="right"):
    """Gradient descent on L(w) = w.A w / 2 - b.w from w0, in float64, as written right or with one known mistake.

    Right: test ||A w - b|| <= tol ||A w0 - b|| before each update, count the updates, stop at max_steps.
    """
    A, b = as_float(A), as_float(b)
    w = np.array(w0, dtype=float)
    limit = tol * np.linalg.norm(A @ w - b)
    if variant == "absolute":
        limit = tol
    steps = 0
    if variant == "step_first":
        w = w - lr * (A @ w - b)
        steps = 1
    while steps < max_steps:
        gradient = A @ w - b
        if variant == "ratio":
            converged = np.linalg.norm(gradient) / np.linalg.norm(A @ as_float(w0) - b) <= tol
        else:
            converged = np.linalg.norm(gradient) <= limit
        if converged:
            break
        w = w + lr * gradient if variant == "uphill" else w - lr * gradient
        steps += 1
    if variant == "count_from_one":
        steps += 1
    if variant == "cap_minus_one" and steps == max_steps:
        steps -= 1
    return w, steps


def reference_gradient_descent(A, b, w0, lr, tol=1e-6, max_steps=10_000):
    """(w, steps): the last iterate and the number of updates until ||A w - b|| <= tol ||A w0 - b||, or the cap."""
    return descend(A, b, w0, lr, tol, max_steps)


DESCENT_MISTAKES = [
    ("step_first",
     "you made an update before testing the tolerance, so a start that already meets it still takes a step. "
     "Test ||A w - b|| <= tol * ||A w0 - b|| first, then step."),
    ("count_from_one",
     "your step count is one too many: count the updates w <- w - lr * g you made, starting from 0 "
     "(0 when w0 already meets the tolerance)."),
    ("absolute",
     "you stopped at ||A w - b|| <= tol, an absolute tolerance; the tolerance is relative to the start: "
     "||A w - b|| <= tol * ||A w0 - b||, so that raw and standardized features are compared fairly."),
    ("cap_minus_one",
     "when the tolerance is never met you return max_steps - 1 steps: after `for steps in range(max_steps)` runs "
     "out, `steps` is max_steps - 1 although max_steps updates were made. Return max_steps there."),
    ("uphill",
     "you stepped uphill, w + lr * g: gradient descent subtracts the gradient, w <- w - lr * (A @ w - b)."),
    ("ratio",
     "you divided by ||A w0 - b||, which is 0 when w0 is already the minimum: 0 / 0 is NaN, NaN <= tol is False, "
     "and the loop runs to the cap. Compare ||A w - b|| <= tol * ||A w0 - b|| instead."),
]


def is_count(value: Any) -> bool:
    """Returns True if value is a Python or NumPy integer (not a bool)."""
    return isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))


def same_run(got: Any, want: Any, case: Case) -> bool:
    """Returns True if got is the (w, steps) pair `want` (a float64 iterate and an int), within tolerance."""
    return (isinstance(want, tuple) and isinstance(got, (tuple, list)) and len(got) == 2 and is_count(got[1])
            and int(got[1]) == want[1] and judge_value(got[0], want[0], case, scalar=False) is None)


def compare_gradient_descent(case: Case, got: Any, expected: tuple) -> str | None:
    """Returns None if `got` is the expected (w, steps), else what is wrong, naming a known mistake."""
    name = "`gradient_descent`"
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        kind = f"a {type(got).__name__}" + (f" of length {len(got)}" if isinstance(got, (tuple, list)) else "")
        return f"{name} must return a pair (w, steps) for {case.label}, got {kind}: `return w, steps`."
    w, steps = got
    if not is_count(steps):
        return (f"{name} returned steps = a {type(steps).__name__} for {case.label}; the number of steps is an int "
                "that you count up by 1 per update (did you return (steps, w) the wrong way round?).")
    if same_run(got, expected, case):
        return None
    for variant, message in DESCENT_MISTAKES:
        wrong = outcome(lambda *args, v=variant, **kwargs: descend(*args, **kwargs, variant=v), case)
        if not isinstance(wrong, Raised) and not same_run(wrong, expected, case) and same_run(got, wrong, case):
            return f"{name} is wrong for {case.label}: {message}"
    problem = judge_value(w, expected[0], case, scalar=False)
    if problem:
        return f"{name}: the iterate w is wrong: {problem}"
    return (f"{name} made {int(steps)} steps for {case.label}, expected {expected[1]}: stop as soon as "
            "||A w - b|| <= tol * ||A w0 - b||, test it before each update, "
            "and never make more than max_steps updates.")


def bowl(rng: np.random.Generator, n: int, low: float, high: float) -> np.ndarray:
    """Returns a symmetric positive definite (n, n) matrix whose eigenvalues lie in [low, high]."""
    q, _ = np.linalg.qr(rng.normal(size=(n, n)))
    curvatures = np.concatenate([[low, high], rng.uniform(low, high, size=n - 2)])[:n] if n > 1 else [high]
    return (q * curvatures) @ q.T


def descent_value_cases(rng: np.random.Generator) -> list[Case]:
    cases = []
    n = int(rng.integers(2, 5))
    A = bowl(rng, n, 0.5, 5.0)
    b, w0 = rng.normal(size=n), rng.normal(size=n)
    cases.append(Case((A, b, w0, 1 / 5.0), f"A = {describe(A)} (eigenvalues in [0.5, 5]), lr = 1 / λmax, "
                      "the default tol and max_steps"))
    kappa = float(rng.uniform(10, 40))
    A = bowl(rng, 3, 1.0, kappa)
    b = rng.normal(size=3) * 10
    cases.append(Case((A, b, np.zeros(3), 2 / (1 + kappa)), f"A = {describe(A)} with κ between 10 and 40, "
                      "w0 = 0 and the best fixed lr 2 / (λmin + λmax)", {"tol": 1e-8, "max_steps": 5000}))
    x = rng.normal(size=(int(rng.integers(30, 60)), 2)) * [1.0, float(rng.uniform(2, 5))]
    y = x @ rng.normal(size=2) + rng.normal(0, 0.1, size=len(x))
    A, b = x.T @ x / len(x), x.T @ y / len(x)
    lr = 1 / float(np.linalg.eigvalsh(A)[-1])
    cases.append(Case((A, b, np.zeros(2), lr), "A = x.T @ x / m and b = x.T @ y / m of a linear regression "
                      "with two features, lr = 1 / λmax", {"tol": 1e-4, "max_steps": 2000}))
    a = float(rng.uniform(2, 8))
    one = np.array([[a]])
    cases.append(Case((one, np.array([a * rng.uniform(-3, 3)]), np.zeros(1), 0.5 / a),
                      "a bowl of one weight, A of shape (1, 1)", {"tol": 1e-6, "max_steps": 1000}))
    return cases


def descent_stop_cases(rng: np.random.Generator) -> list[Case]:
    n = int(rng.integers(2, 5))
    integers = rng.integers(-3, 4, size=(n, n)).astype(float)
    A = integers @ integers.T + n * np.eye(n)  # integer entries, positive definite
    w0 = rng.integers(-5, 6, size=n).astype(float)
    at_minimum = A @ w0  # exact in float64: A w0 - b is exactly 0
    top = float(np.linalg.eigvalsh(A)[-1])
    B = bowl(rng, n, 0.01, 1.0)
    b = rng.normal(size=n) * 5
    cap = int(rng.integers(20, 40))
    return [
        Case((A, at_minimum, w0, 1 / top), "a start w0 that is already the minimum (A @ w0 - b is exactly 0)",
             {"tol": 1e-6, "max_steps": 100}),
        Case((B, b, rng.normal(size=n), 0.5), f"A = {describe(B)} with eigenvalues down to 0.01, "
             "too flat to meet the tolerance within max_steps", {"tol": 1e-10, "max_steps": cap}),
        Case((B, b, rng.normal(size=n), 2.4), "a step size past the stability limit 2 / λmax, which diverges: "
             "only max_steps stops it", {"tol": 1e-6, "max_steps": cap}),
        Case((A, rng.normal(size=n), w0, 1 / top), f"A = {describe(A)}, a start w0 that must not be modified",
             {"tol": 1e-6, "max_steps": 10_000}),
    ]


def reference_condition_number(x):
    """κ = λmax / λmin of the curvature matrix xᵀx / m, from the singular values of x (σmax / σmin)²."""
    singular = np.linalg.svd(as_float(x), compute_uv=False)
    return float((singular[0] / singular[-1]) ** 2)


def correlated(rng: np.random.Generator, m: int, n: int) -> np.ndarray:
    """Returns an (m, n) data matrix with features on different scales and correlated with each other."""
    base = rng.normal(size=(m, n))
    mixing = np.eye(n) + rng.uniform(-0.6, 0.6, size=(n, n))
    return base @ mixing * rng.uniform(0.2, 8.0, size=n) + rng.uniform(-3, 3, size=n)


def condition_value_cases(rng: np.random.Generator) -> list[Case]:
    cases = []
    for n in (2, 3, int(rng.integers(4, 6))):
        x = correlated(rng, int(rng.integers(20, 60)), n)
        cases.append(Case((x,), describe(x) + ", features correlated and on different scales"))
    return cases


def condition_property_cases(rng: np.random.Generator) -> list[Case]:
    m, n = int(rng.integers(10, 30)), int(rng.integers(2, 5))
    q, _ = np.linalg.qr(rng.normal(size=(m, n)))  # orthonormal columns
    scaled = q * rng.uniform(0.5, 20.0, size=n)  # uncorrelated features, κ = (largest scale / smallest)²
    column = rng.normal(2.0, 3.0, size=(m, 1))
    wide_scales = correlated(rng, int(rng.integers(30, 60)), 2) * [1.0, 100.0]
    return [
        Case((scaled,), describe(scaled) + " with uncorrelated features of different scales"),
        Case((column,), describe(column) + " (one feature: the bowl has one curvature)"),
        Case((wide_scales,), describe(wide_scales) + " whose second feature is about 100 times larger"),
    ]


def condition_mistakes() -> list[Mistake]:
    def curvatures(x):
        x = as_float(x)
        return np.linalg.eigvalsh(x.T @ x / len(x))

    def gram_ratio(x):
        x = as_float(x)
        values = np.linalg.eigvalsh(x @ x.T / len(x))
        return float(values[-1] / values[0])

    def diagonal_ratio(x):
        x = as_float(x)
        diagonal = np.sum(x * x, axis=0) / len(x)
        return float(diagonal.max() / diagonal.min())

    def standardized(x):
        x = as_float(x)
        return reference_condition_number((x - x.mean(axis=0)) / x.std(axis=0))

    return [
        Mistake(
            lambda x: float(np.sqrt(reference_condition_number(x))),
            "you returned λmax / λmin of x itself, σmax / σmin (that is np.linalg.cond(x)), the square root of κ. "
            "The curvatures are the eigenvalues of x.T @ x / m, whose ratio is the square of it.",
        ),
        Mistake(
            lambda x: float(curvatures(x)[0] / curvatures(x)[-1]),
            "you divided the smallest eigenvalue by the largest: κ = λmax / λmin is at least 1.",
        ),
        Mistake(
            gram_ratio,
            "you used x @ x.T, an (m, m) matrix with one row per example (most of its eigenvalues are 0). "
            "The curvature matrix of the loss is x.T @ x / m, of shape (n, n), one row per feature.",
        ),
        Mistake(
            diagonal_ratio,
            "you took the ratio of the largest to the smallest diagonal entry of x.T @ x / m "
            "(each feature's mean square). "
            "That ignores correlated features; κ is the ratio of the eigenvalues, np.linalg.eigvalsh(x.T @ x / m).",
        ),
        Mistake(
            standardized,
            "you standardized x first: κ is asked of the features as they are given, to compare raw with standardized.",
        ),
    ]


CHECKS = [
    *exercise_checks("gradient_descent", {"gradient_descent_values": descent_value_cases,
                                          "gradient_descent_stops": descent_stop_cases},
                     reference=reference_gradient_descent, compare=compare_gradient_descent),
    *exercise_checks("condition_number", {"condition_number_values": condition_value_cases,
                                          "condition_number_properties": condition_property_cases},
                     reference=reference_condition_number, mistakes=condition_mistakes(), scalar=True),
]
