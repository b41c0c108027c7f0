# ---
# jupyter:
#   jupytext:
#     cell_metadata_filter: nbgrader,tags,-all
#     notebook_metadata_filter: -jupytext.text_representation.jupytext_version
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# <!--NAVIGATION-->
# < previous | [Contents](CONTENTS.md) | [02 Sigmoid gradient](02_sigmoid_gradient.ipynb) >

# %% [markdown]
# # 01 Why NumPy: one number at a time, or a whole array at once
#
# **Learning goals**
#
# - You can write a mathematical function with Python's `math` module and say why it fails on a list or an array.
# - You can write the same function with NumPy so that it works on scalars, vectors and matrices alike.
# - You can predict the shape of the result of an elementwise NumPy function.
# - You can rewrite a formula so that `math.exp` never overflows, for any input.
#
# Expected time: about 20 minutes (core path).
# The folded "Going deeper" section, on what a Python loop pays for each element, is optional.

# %% [markdown]
# ## The idea
#
# A neural network applies the same simple function to millions of numbers at once.
# Python's `math` module works on **one number at a time**: `math.exp(2.0)` is fine, `math.exp([1.0, 2.0])` is an error.
# NumPy's functions work **elementwise on whole arrays**: `np.exp` of a vector is the vector of the exponentials.
# The function we use throughout the course is the *sigmoid*, which squashes any real number into the interval $(0, 1)$:
#
# $$\sigma(x) = \frac{1}{1 + e^{-x}}$$
#
# For a vector $x = (x_1, \dots, x_n)$, NumPy applies it to every component:
#
# $$\sigma(x) = \big(\sigma(x_1), \sigma(x_2), \dots, \sigma(x_n)\big)$$

# %%
import math

import numpy as np

try:
    from course_tools import best_time, new_axes  # course_tools.py ships beside this notebook
except ModuleNotFoundError as missing:
    if missing.name != "course_tools":
        raise
    raise ModuleNotFoundError("course_tools.py is not beside this notebook: put the course_tools.py of your course "
                              "folder next to it (in Colab: Files panel on the left, Upload) and run this cell again.") from None

print("math.exp(1.0)          =", math.exp(1.0))
print("np.exp([1.0, 2.0, 3.0]) =", np.exp([1.0, 2.0, 3.0]))

# %% [markdown]
# **Predict, then run.** `np.exp` works on each entry of an array.
# For the matrix `matrix = np.array([[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]])`, what is the shape of `np.exp(matrix)`,
# and of the whole sigmoid `1 / (1 + np.exp(-matrix))`? And is `math.exp(2.0)` a number or an array?
# Write your guesses in the cell below (not graded; `...` means no guess yet), then run the one after it.

# %% tags=["demo"]
my_prediction = [..., ..., ...]  # your three guesses: two shapes such as (7, 8), then "number" or "array"

# %% tags=["demo"]
matrix = np.array([[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]])  # shape (2, 3)
print("np.exp(matrix).shape              =", np.exp(matrix).shape)
print("(1 / (1 + np.exp(-matrix))).shape =", (1 / (1 + np.exp(-matrix))).shape)
print("math.exp(2.0) is a", type(math.exp(2.0)).__name__, "=", math.exp(2.0))

# %% [markdown]
# An elementwise function keeps the shape: $(2, 3)$ in, $(2, 3)$ out, and so does any expression built of elementwise operations
# (`-`, `+`, `/` with a number, `np.exp`), because each entry of the result depends only on the entry at the same place.
# `math.exp` returns one Python `float`.

# %% [markdown]
# ## Notation used in the whole course
#
# - $m$ is the number of **examples** and $n$ (written $n_x$ in the Deep Learning Specialization) the number of **features** of one example.
# - One example is a column vector $x^{(i)}$ of shape $(n, 1)$, and the training set puts one example per **column**:
#   $X = \big[x^{(1)} \; x^{(2)} \cdots x^{(m)}\big]$ of shape $(n, m)$.
#   This is the layout of the Deep Learning Specialization, which you are likely to meet next, and the one `03_reshape` builds;
#   a layer then computes $Z = W X + b$ with $W$ of shape $(n_{\text{out}}, n)$, one row per output.
# - `04_normalization` and `05_softmax_broadcasting` store one example per **row**, shape $(m, n)$, the transpose $X^\top$,
#   because that is how NumPy, pandas and scikit-learn store data tables; each of them says so where it starts.
# - In `06_vectorization` the letters only name the lengths of vectors and the sizes of $W$; in `07_l1_l2_losses` $m$ is again the number of examples.

# %% [markdown]
# ---
# ## Exercise 1: basic_sigmoid (1 point) ★☆☆
#
# Write `basic_sigmoid(x)` that returns $\sigma(x)$ for **one real number** `x`, using `math.exp` (not NumPy).
# It must return a Python `float`, also when `x` is an `int`.
# The grader reads your code: a `basic_sigmoid` that uses NumPy (`np.exp`, `from numpy import exp`) gets no point,
# because this exercise is about what the scalar `math` module can and cannot do.
#
# About 1 line of code.
#
# <details><summary>Hint 1</summary>
#
# The `math` module has an exponential function of one number; write the formula above with it, $e^{-x}$ as a call.
# </details>
#
# <details><summary>Hint 2</summary>
#
# `math.exp(-x)`
# </details>

# %% nbgrader={"grade": false, "grade_id": "basic_sigmoid", "locked": false, "schema_version": 3, "solution": true, "task": false}
def basic_sigmoid(x):
    """Returns the sigmoid of a real number x, computed with math.exp.

    Arguments:
    x -- a real number (int or float)

    Returns:
    s -- sigmoid(x), a float in (0, 1)
    """
    ### BEGIN SOLUTION
    s = 1 / (1 + math.exp(-x))
    ### END SOLUTION
    return s


# %% [markdown]
# Your function should return `0.9525741268224334` for `x = 3`. Check that it does:

# %%
basic_sigmoid(3)

# %% nbgrader={"grade": true, "grade_id": "basic_sigmoid_values", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that basic_sigmoid returns the right float for a few numbers."""
s = basic_sigmoid(3)
assert isinstance(s, float), f"basic_sigmoid(3) must return a float, got {type(s).__name__}."
assert type(s) is float, (
    f"basic_sigmoid(3) returned a {type(s).__module__}.{type(s).__name__}, not a plain Python float: "
    "you used NumPy. This exercise asks for math.exp."
)
assert abs(s - 0.9525741268224334) < 1e-12, (
    f"basic_sigmoid(3) should be 0.95257..., got {s}. "
    "Check the sign of the exponent: the sigmoid is 1 / (1 + exp(-x))."
)
assert abs(basic_sigmoid(0) - 0.5) < 1e-12, f"basic_sigmoid(0) should be 0.5, got {basic_sigmoid(0)}."
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("basic_sigmoid_values", basic_sigmoid)
### END HIDDEN TESTS

# %% [markdown]
# ### Where the scalar version breaks
#
# Deep learning works on vectors and matrices.
# Run the next cell: `-x` works on a NumPy array, but `math.exp` then refuses it,
# because it takes one number and the array holds three.
# (A plain list fails even earlier, at `-x`: Python lists have no unary minus.)
# The error is the lesson, so this cell is tagged `raises-exception`.

# %% tags=["raises-exception"]
try:
    basic_sigmoid(0.0)  # the stub raises NotImplementedError until you solve it
except NotImplementedError:
    raise NotImplementedError("solve Exercise 1 (basic_sigmoid) above first to see which error this gives") from None
x = np.array([1, 2, 3])  # shape (3,)
basic_sigmoid(x)  # TypeError: only 0-dimensional arrays can be converted to Python scalars

# %% [markdown]
# **Predict, then run.** `basic_sigmoid(3)` returned a float, and $\sigma(-1000)$ is a tiny positive number, about $e^{-1000}$.
# What does `basic_sigmoid(-1000)` do: return a number close to 0, return exactly `0.0`, or raise an error (which one)?
# Write your guess in the cell below (not graded), then run the one after it.

# %% tags=["demo"]
my_prediction = ...  # your guess, e.g. 0.0, "a tiny number" or "ValueError"

# %% tags=["raises-exception"]
try:
    basic_sigmoid(0.0)  # the stub raises NotImplementedError until you solve it
except NotImplementedError:
    raise NotImplementedError("solve Exercise 1 (basic_sigmoid) above first to see which error this gives") from None
basic_sigmoid(-1000)  # compare with your prediction

# %% [markdown]
# `math.exp` breaks on one number too, when the number is large: $\sigma(-1000) = 1 / (1 + e^{1000})$ computes $e^{1000}$ on the way,
# about $10^{434}$, far beyond the largest float (about $1.8 \times 10^{308}$),
# so `basic_sigmoid(-1000)` raises `OverflowError: math range error` instead of returning a value close to 0.
# Exercise 2 shows that NumPy's `np.exp` returns `inf` there (with a warning), and $1 / (1 + \infty) = 0$.

# %% [markdown]
# ---
# ## Exercise 2: sigmoid (2 points) ★☆☆
#
# Write `sigmoid(x)` that returns $\sigma(x)$ **elementwise** for `x` a scalar or a NumPy array of any shape.
# Use `np.exp`; the result has the same shape as `x`.
# It must not return NaN or raise for large inputs such as `x = 1000` or `x = -1000`
# (a `RuntimeWarning: overflow` from `np.exp(1000)` is harmless here, because $1 / (1 + \infty) = 0$).
#
# About 1 line of code.
#
# <details><summary>Hint 1</summary>
#
# The formula is the one of Exercise 1; only the exponential changes, to one that works on whole arrays.
# </details>
#
# <details><summary>Hint 2</summary>
#
# `np.exp(-x)`, and the rest of the expression as in Exercise 1
# </details>

# %% nbgrader={"grade": false, "grade_id": "sigmoid", "locked": false, "schema_version": 3, "solution": true, "task": false}
def sigmoid(x):
    """Returns the sigmoid of x, elementwise.

    Arguments:
    x -- a scalar or a numpy array of any shape

    Returns:
    s -- sigmoid(x), same shape as x
    """
    ### BEGIN SOLUTION
    s = 1 / (1 + np.exp(-x))
    ### END SOLUTION
    return s


# %% [markdown]
# Your function should return `[0.73105858, 0.88079708, 0.95257413]` for `x = np.array([1, 2, 3])`. Check that it does:

# %%
sigmoid(np.array([1, 2, 3]))

# %% nbgrader={"grade": true, "grade_id": "sigmoid_values", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that sigmoid gives the right values on a vector."""
x = np.array([1.0, 2.0, 3.0])
s = sigmoid(x)
assert isinstance(s, np.ndarray), (
    f"sigmoid of a vector must return a NumPy array, got {type(s).__name__}. Use np.exp, not math.exp."
)
assert s.shape == (3,), f"sigmoid must keep the shape of its input: expected (3,), got {s.shape}."
np.testing.assert_allclose(
    s, [0.73105858, 0.88079708, 0.95257413], rtol=1e-7,
    err_msg="sigmoid([1, 2, 3]) has wrong values. Is the sign of the exponent right: 1 / (1 + exp(-x))?",
)
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("sigmoid_values", sigmoid)
### END HIDDEN TESTS

# %% nbgrader={"grade": true, "grade_id": "sigmoid_shapes", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that sigmoid works on a matrix and on large inputs, and keeps the shape."""
m = np.array([[0.0, 1.0], [-1.0, 2.0]])
assert sigmoid(m).shape == (2, 2), f"sigmoid of a (2, 2) matrix must have shape (2, 2), got {sigmoid(m).shape}."
with np.errstate(over="ignore"):  # np.exp(1000) overflows to inf, which is harmless here
    big = sigmoid(np.array([-1000.0, 1000.0]))
assert np.all(np.isfinite(big)), (
    f"sigmoid([-1000, 1000]) gave {big}: NaN or inf. 1 / (1 + np.exp(-x)) is finite for both."
)
np.testing.assert_allclose(big, [0.0, 1.0], atol=1e-12, err_msg="sigmoid(-1000) should be 0 and sigmoid(1000) 1.")
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("sigmoid_shapes", sigmoid)
### END HIDDEN TESTS

# %% [markdown]
# ---
# ## Exercise 3: stable_basic_sigmoid (2 points) ★★☆
#
# `basic_sigmoid(-1000)` raised `OverflowError`, although $\sigma(-1000)$ is a perfectly ordinary number, about $e^{-1000}$, which rounds to 0.
# The formula, not the value, is the problem: it computes $e^{1000}$ on the way.
# Multiply the numerator and the denominator by $e^{x}$ and you get a second formula for the same function:
#
# $$\sigma(x) = \frac{1}{1 + e^{-x}} = \frac{e^{x}}{e^{x} + 1} .$$
#
# For $x \ge 0$ the first one only takes `math.exp` of a number $\le 0$; for $x < 0$ the second one does.
# A number $\le 0$ never overflows: $e^{t}$ is then in $(0, 1]$.
#
# Write `stable_basic_sigmoid(x)` that returns $\sigma(x)$ as a Python `float` for **any** real number `x` (an `int` or a `float`),
# `-1000` and `1000` included, with `math.exp` only (no NumPy: the grader reads your code) and without catching exceptions you could avoid.
# About 4 lines.
#
# <details><summary>Hint 1</summary>
#
# Which of the two formulas is safe depends only on the sign of `x`: use an `if`.
# </details>
#
# <details><summary>Hint 2</summary>
#
# For `x >= 0` return `1 / (1 + math.exp(-x))`; otherwise compute `e = math.exp(x)` once and return `e / (1 + e)`.
# </details>

# %% nbgrader={"grade": false, "grade_id": "stable_basic_sigmoid", "locked": false, "schema_version": 3, "solution": true, "task": false}
def stable_basic_sigmoid(x):
    """Returns the sigmoid of a real number x with math.exp, without overflow for any x.

    Arguments:
    x -- a real number (int or float), of any size

    Returns:
    s -- sigmoid(x), a float in [0, 1]
    """
    ### BEGIN SOLUTION
    if x >= 0:
        s = 1 / (1 + math.exp(-x))
    else:
        e = math.exp(x)
        s = e / (1 + e)
    ### END SOLUTION
    return s


# %% [markdown]
# Your function should return `0.0` for `x = -1000` (the exact value $e^{-1000}$ is below the smallest float), `1.0` for `x = 1000`,
# and the same as `basic_sigmoid` in between, for example `0.04742587317756678` for `x = -3`. Check that it does:

# %%
print(stable_basic_sigmoid(-1000), stable_basic_sigmoid(1000), stable_basic_sigmoid(-3))

# %% nbgrader={"grade": true, "grade_id": "stable_basic_sigmoid_values", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that stable_basic_sigmoid returns the sigmoid as a float for ordinary numbers of both signs."""
for x, want in [(3, 0.9525741268224334), (-3, 0.04742587317756678), (0, 0.5), (-0.5, 0.3775406687981454)]:
    s = stable_basic_sigmoid(x)
    assert type(s) is float, (
        f"stable_basic_sigmoid({x}) must return a plain Python float, got {type(s).__module__}.{type(s).__name__}. "
        "Use math.exp, not NumPy."
    )
    assert s <= 0.5 or x > 0, (
        f"stable_basic_sigmoid({x}) = {s}, above 1/2 for a negative x: σ(x) < 1/2 when x < 0. "
        "For x < 0 the formula is e^x / (1 + e^x), not 1 / (1 + e^x) or 1 / (1 + e^(-|x|))."
    )
    assert abs(s - want) < 1e-12, (
        f"stable_basic_sigmoid({x}) should be {want}, got {s}. Both branches must give σ(x): "
        "1 / (1 + e^(-x)) for x >= 0 and e^x / (1 + e^x) for x < 0."
    )
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("stable_basic_sigmoid_values", stable_basic_sigmoid)
### END HIDDEN TESTS

# %% nbgrader={"grade": true, "grade_id": "stable_basic_sigmoid_extremes", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that stable_basic_sigmoid never overflows, for very large positive and negative numbers."""
for x, want in [(-1000, 0.0), (1000, 1.0), (-800.5, 0.0), (750.0, 1.0), (-40.0, 4.248354255291589e-18)]:
    try:
        s = stable_basic_sigmoid(x)
    except OverflowError as error:
        raise AssertionError(
            f"stable_basic_sigmoid({x}) raised OverflowError ({error}): math.exp got a number above 709. "
            "Branch on the sign of x so that math.exp only sees numbers <= 0."
        ) from error
    assert type(s) is float, f"stable_basic_sigmoid({x}) must return a plain Python float, got {type(s).__name__}."
    assert abs(s - want) <= 1e-12 * want + 1e-300, f"stable_basic_sigmoid({x}) should be {want}, got {s}."
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("stable_basic_sigmoid_extremes", stable_basic_sigmoid)
### END HIDDEN TESTS

# %% [markdown]
# ## A plot that teaches: one call, a whole curve
#
# Because `sigmoid` works on arrays, one call computes the whole curve below: 201 values, no loop.
# The curve shows what the sigmoid does: it maps every real number into $(0, 1)$, is exactly $\frac{1}{2}$ at $0$,
# and saturates near 0 and 1 away from zero.

# %% tags=["demo"]
xs = np.linspace(-8, 8, 201)
try:
    ys = sigmoid(xs)  # the stub raises NotImplementedError until you solve Exercise 2
except NotImplementedError:
    raise NotImplementedError("solve Exercise 2 (sigmoid) above first to see this plot") from None
fig, ax = new_axes("input x (no unit)", "output σ(x) (no unit)", "The sigmoid squashes every real number into (0, 1)")
ax.plot(xs, ys, label=r"$\sigma(x) = 1/(1+e^{-x})$")
ax.axhline(0.5, color="gray", linestyle=":", label="σ(0) = 1/2")
ax.legend();

# %% [markdown]
# ## Going deeper (optional): the loop costs time
#
# <details><summary>Going deeper: what a Python loop pays for each element</summary>
#
# You could apply `basic_sigmoid` to each element with a Python loop.
# It gives the same numbers, but every element pays for what the interpreter does around the arithmetic:
# it fetches the element as a new NumPy scalar object (an `np.float64`), calls `basic_sigmoid` (a Python function call),
# looks up `math.exp` and runs it, and appends the result to a list.
# `np.exp` checks the type of the array once and then runs one compiled loop over the raw 8-byte numbers, stored side by side in memory.
# The cell below times both, per element, for arrays from 10 to 100,000 elements (your numbers depend on your machine),
# and plots them on log-log axes; `06_vectorization` takes this comparison apart.
# </details>

# %% tags=["nbval-ignore-output", "demo"]
# Going deeper: the time per element of a Python loop and of np.exp
try:
    basic_sigmoid(0.0), sigmoid(np.zeros(1))  # the stubs raise NotImplementedError until you solve them
except NotImplementedError:
    raise NotImplementedError("solve Exercises 1 and 2 (basic_sigmoid, sigmoid) above first to see this plot") from None
sizes = [10, 100, 1_000, 10_000, 100_000]
loop_times, numpy_times = [], []
for n in sizes:
    v = np.random.default_rng(0).normal(size=n)
    loop_times.append(best_time(lambda v=v: [basic_sigmoid(t) for t in v], repeat=3) / n * 1e9)
    numpy_times.append(best_time(sigmoid, v) / n * 1e9)
fig, ax = new_axes("array size n (elements)", "time per element (ns)", "NumPy is faster per element, more so for large arrays")
ax.loglog(sizes, loop_times, "o-", label="[basic_sigmoid(t) for t in x]")
ax.loglog(sizes, numpy_times, "s-", label="sigmoid(x) with np.exp")
ax.legend()
print(f"speed-up at n = {sizes[-1]:,}: {loop_times[-1] / numpy_times[-1]:.0f}x");

# %% [markdown]
# ## Summary
#
# - `math.exp` takes one number: on a multi-element array it raises `TypeError`, and on a large one (`math.exp(1000)`) `OverflowError`.
# - `np.exp`, and any expression built from NumPy operations, applies elementwise and keeps the shape of its input.
# - $\sigma(x) = 1 / (1 + e^{-x})$ maps every real number into $(0, 1)$, with $\sigma(0) = \frac{1}{2}$.
# - A formula can overflow where its value does not: $\sigma(x) = e^{x} / (1 + e^{x})$ for $x < 0$ keeps `math.exp` away from large arguments.
# - One NumPy call replaces a Python loop, and is much faster on large arrays.

# %% [markdown]
# <!--NAVIGATION-->
# < previous | [Contents](CONTENTS.md) | [02 Sigmoid gradient](02_sigmoid_gradient.ipynb) >
