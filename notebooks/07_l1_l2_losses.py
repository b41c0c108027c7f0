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
# < [06 Vectorization](06_vectorization.ipynb) | [Contents](CONTENTS.md) | [08 Logistic regression](08_logistic_regression.ipynb) >

# %% [markdown]
# # 07 L1 and L2 losses: absolute errors resist outliers, squared errors are smooth to optimize
#
# **Learning goals**
#
# - You can compute the L1 and L2 losses of a vector of predictions with one vectorized NumPy expression.
# - You can compute their gradients with respect to the predictions and say why L1's is less steady.
# - You can explain, with data, why L1 is robust to outliers and L2 is not, what the elastic net mixes, and why the Huber loss, not the elastic net, combines their strengths.
#
# Expected time: about 40 minutes (core path).
# The folded "Going deeper" sections, on why the median and the mean are the best constants and on the elastic net as a penalty on weights, are optional.

# %% [markdown]
# ## The idea
#
# A loss is one number that says how far the predictions $\hat y$ are from the true values $y$; training makes it small.
# The **L1 loss** (least absolute deviations) adds up the absolute errors; the **L2 loss** (least squares) adds up the squared errors.
# In this notebook both losses are **sums** over the $m$ examples (the course's $m$, as in `01_why_numpy`), not means.
# Divided by $m$ they become the mean absolute error (MAE) and the mean squared error (MSE), which have the same minimizer but other values.
# Squaring is the whole difference: it shrinks errors below 1 and blows up large ones.
#
# $$L_1(\hat y, y) = \sum_{i=1}^{m} |y_i - \hat y_i| \qquad\qquad L_2(\hat y, y) = \sum_{i=1}^{m} (y_i - \hat y_i)^2$$
#
# The cell below prints the term each error contributes to each loss: the error of 10 counts 10 times more than the error of 1 in L1, and 100 times more in L2.

# %%
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.ticker import LogFormatter

errors = np.array([0.1, -0.5, 1.0, -2.0, 10.0])  # shape (5,)
print("error e      :", errors)
print("L1 term |e|  :", np.abs(errors))
print("L2 term e**2 :", errors**2)

try:
    import course_tools  # noqa: F401 - the test cells below import their loop check from it
except ModuleNotFoundError as missing:
    if missing.name != "course_tools":
        raise
    raise ModuleNotFoundError("course_tools.py is not beside this notebook: put the course_tools.py of your course "
                              "folder next to it (in Colab: Files panel on the left, Upload) and run this cell again.") from None

# %% [markdown]
# ---
# ## Exercise 1: L1 (2 points) ★☆☆
#
# Write `L1(yhat, y)` that returns the L1 loss $\sum_i |y_i - \hat y_i|$ as **one number**, for two vectors `yhat` and `y`
# of the same shape (float64 or float32).
# Use one vectorized NumPy expression, no Python loop; the loss is the **sum**, not the mean. Do not modify the inputs.
#
# About 1 line of code.
#
# <details><summary>Hint 1</summary>
#
# Two NumPy functions: one for the size of each difference, one to add the sizes up.
# </details>
#
# <details><summary>Hint 2</summary>
#
# `np.sum(np.abs(...))`
# </details>

# %% nbgrader={"grade": false, "grade_id": "L1", "locked": false, "schema_version": 3, "solution": true, "task": false}
def L1(yhat, y):
    """Returns the L1 loss, the sum of the absolute differences between yhat and y.

    Arguments:
    yhat -- vector of predictions, shape (m,)
    y -- vector of true values, shape (m,)

    Returns:
    loss -- the number sum_i |y_i - yhat_i|
    """
    ### BEGIN SOLUTION
    loss = np.sum(np.abs(y - yhat))
    ### END SOLUTION
    return loss


# %% [markdown]
# Your function should return `1.1` (up to rounding) for the predictions and true values below. Check that it does:

# %%
yhat = np.array([0.9, 0.2, 0.1, 0.4, 0.9])  # shape (5,): m = 5 predictions
y = np.array([1.0, 0.0, 0.0, 1.0, 1.0])  # shape (5,): their true values
print("L1 =", L1(yhat, y))

# %% nbgrader={"grade": true, "grade_id": "L1_values", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that L1 returns one number with the right value on the example."""
yhat = np.array([0.9, 0.2, 0.1, 0.4, 0.9])  # shape (5,): m = 5 predictions
y = np.array([1.0, 0.0, 0.0, 1.0, 1.0])  # shape (5,): their true values
loss = L1(yhat, y)
assert np.ndim(loss) == 0, (
    f"L1 must return one number, got an object of shape {np.shape(loss)}. "
    "Sum the absolute differences with np.sum(...)."
)
assert np.isclose(loss, 1.1, rtol=1e-7), (
    f"L1 of the example should be 1.1, got {float(loss)}. "
    "0.22 means you took the mean (np.mean); the loss here is the sum (np.sum). "
    "0.5 or -0.5 means the absolute value is missing; 0.43 means you squared the differences."
)
from course_tools import loop_problem

assert loop_problem(L1, "L1") is None, loop_problem(L1, "L1")
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("L1_values", L1)
### END HIDDEN TESTS

# %% nbgrader={"grade": true, "grade_id": "L1_sum", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that L1 sums over all examples, whatever their number, and is 0 when yhat equals y."""
y = np.arange(8, dtype=np.float32)
loss = L1(y + 0.5, y)
assert np.isclose(loss, 4.0, rtol=1e-6), (
    f"8 errors of 0.5 each should give L1 = 4.0, got {float(loss)}. "
    "0.5 means you took the mean: the loss here is the sum, not the mean. "
    "-4.0 means the absolute value is missing."
)
assert np.isclose(L1(y, y), 0.0, atol=1e-12), f"L1 of yhat equal to y should be 0, got {float(L1(y, y))}."
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("L1_sum", L1)
### END HIDDEN TESTS

# %% [markdown]
# ---
# ## Exercise 2: L2 (2 points) ★☆☆
#
# Write `L2(yhat, y)` that returns the L2 loss $\sum_i (y_i - \hat y_i)^2$ as **one number**, for two vectors `yhat` and `y`
# of the same shape (float64 or float32).
# It is the **squared** norm of $y - \hat y$: no square root, and the sum, not the mean. No Python loop.
#
# About 1 line of code.
#
# <details><summary>Hint 1</summary>
#
# Square each difference, then add them up; or see that sum as the dot product of the vector of differences with itself.
# </details>
#
# <details><summary>Hint 2</summary>
#
# `np.sum((...) ** 2)` or `np.dot(d, d)`
# </details>

# %% nbgrader={"grade": false, "grade_id": "L2", "locked": false, "schema_version": 3, "solution": true, "task": false}
def L2(yhat, y):
    """Returns the L2 loss, the sum of the squared differences between yhat and y.

    Arguments:
    yhat -- vector of predictions, shape (m,)
    y -- vector of true values, shape (m,)

    Returns:
    loss -- the number sum_i (y_i - yhat_i) ** 2
    """
    ### BEGIN SOLUTION
    loss = np.sum((y - yhat) ** 2)
    ### END SOLUTION
    return loss


# %% [markdown]
# Your function should return `0.43` (up to rounding) for the same example. Check that it does:

# %%
yhat = np.array([0.9, 0.2, 0.1, 0.4, 0.9])  # shape (5,): m = 5 predictions
y = np.array([1.0, 0.0, 0.0, 1.0, 1.0])  # shape (5,): their true values
print("L2 =", L2(yhat, y))

# %% nbgrader={"grade": true, "grade_id": "L2_values", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that L2 returns one number with the right value on the example."""
yhat = np.array([0.9, 0.2, 0.1, 0.4, 0.9])  # shape (5,): m = 5 predictions
y = np.array([1.0, 0.0, 0.0, 1.0, 1.0])  # shape (5,): their true values
loss = L2(yhat, y)
assert np.ndim(loss) == 0, (
    f"L2 must return one number, got an object of shape {np.shape(loss)}. "
    "Sum the squared differences with np.sum(...)."
)
assert np.isclose(loss, 0.43, rtol=1e-7), (
    f"L2 of the example should be 0.43, got {float(loss)}. "
    "0.086 means you took the mean (np.mean); the loss here is the sum (np.sum). "
    "0.656 means you took the square root (the norm, not the squared norm); 1.1 means you forgot to square."
)
from course_tools import loop_problem

assert loop_problem(L2, "L2") is None, loop_problem(L2, "L2")
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("L2_values", L2)
### END HIDDEN TESTS

# %% nbgrader={"grade": true, "grade_id": "L2_sum", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that L2 sums over all examples, whatever their number, and is 0 when yhat equals y."""
y = np.arange(8, dtype=np.float32)
loss = L2(y + 0.5, y)
assert np.isclose(loss, 2.0, rtol=1e-6), (
    f"8 errors of 0.5 each should give L2 = 8 * 0.25 = 2.0, got {float(loss)}. "
    "0.25 means you took the mean: the loss here is the sum, not the mean. "
    "1.414 means you took the square root."
)
assert np.isclose(L2(y, y), 0.0, atol=1e-12), f"L2 of yhat equal to y should be 0, got {float(L2(y, y))}."
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("L2_sum", L2)
### END HIDDEN TESTS

# %% [markdown]
# **Predict, then run.** One outlier: in the example above, the last true value 1.0 becomes 11.0, so the last error grows from 0.1 to 10.1 and the other four stay as they were.
# L1 was 1.1 and L2 was 0.43. How many times larger does each loss get?
# Write your guesses in the cell below (not graded), then run the one after it (it uses your `L1` and `L2`).

# %% tags=["demo"]
my_prediction = {"L1": ..., "L2": ...}  # your guesses: how many times larger each loss gets

# %% tags=["demo"]
yhat_example = np.array([0.9, 0.2, 0.1, 0.4, 0.9])  # shape (5,): the predictions of the example
y_example = np.array([1.0, 0.0, 0.0, 1.0, 1.0])  # shape (5,): their true values
y_outlier = np.array([1.0, 0.0, 0.0, 1.0, 11.0])  # shape (5,): the last true value is now an outlier
try:
    for name, loss in [("L1", L1), ("L2", L2)]:
        before, after = loss(yhat_example, y_example), loss(yhat_example, y_outlier)
        print(f"{name}: {before:.2f} -> {after:.2f}, {after / before:.0f} times larger")
except NotImplementedError:
    print("solve Exercises 1 and 2 above (L1 and L2) to see how each loss moves")

# %% [markdown]
# L1 grows by the size of the new error, 10, to about 10 times its value; L2 grows by its square, 102, to about 240 times its value,
# and that one example is now 99.6 % of the L2 loss.
# A model trained with L2 bends towards such a point to shrink that one square; the plots below show how far.

# %% [markdown]
# ## Gradients: how each loss pushes the predictions
#
# Gradient descent moves each prediction $\hat y_i$ against the derivative of the loss with respect to it.
# For L1 that derivative is the **sign** of the error: $+1$ or $-1$, the same size for an error of 0.001 as for an error of 100.
# At $\hat y_i = y_i$ the absolute value has a corner and no derivative; we use $0$ there, as `np.sign(0)` does.
# For L2 the derivative is **proportional to the error**, and it exists everywhere: large errors get large corrections, small errors small ones.
#
# $$\frac{\partial L_1}{\partial \hat y_i} = \operatorname{sign}(\hat y_i - y_i) \qquad\qquad \frac{\partial L_2}{\partial \hat y_i} = 2\,(\hat y_i - y_i)$$
#
# Mind the sign: the error is squared or taken in absolute value, but the derivative with respect to $\hat y$ of $(y - \hat y)^2$ is $-2(y - \hat y) = 2(\hat y - y)$.
# The cell below checks the L2 formula against a finite difference: nudge one prediction by $h$ and watch the loss change.

# %%
h = 1e-6
yhat = np.array([0.9, 0.2, 0.1, 0.4, 0.9])  # shape (5,): m = 5 predictions
y = np.array([1.0, 0.0, 0.0, 1.0, 1.0])  # shape (5,): their true values
nudged = yhat.copy()
nudged[3] += h
print(f"(L2(nudged) - L2(yhat)) / h = {(L2(nudged, y) - L2(yhat, y)) / h:.6f}")
print(f"2 * (yhat[3] - y[3])        = {2 * (yhat[3] - y[3]):.6f}")

# %% [markdown]
# ---
# ## Exercise 3: L1_gradient (1 point) ★☆☆
#
# Write `L1_gradient(yhat, y)` that returns the gradient of the L1 loss with respect to `yhat`: the vector $\operatorname{sign}(\hat y - y)$,
# of the same shape as `yhat`, with $0$ where $\hat y_i = y_i$. No Python loop; do not modify the inputs.
#
# About 1 line of code.
#
# <details><summary>Hint 1</summary>
#
# The derivative of $|e|$ is $+1$ for $e > 0$ and $-1$ for $e < 0$, and we use 0 at $e = 0$: one NumPy function returns exactly that for every entry.
# </details>
#
# <details><summary>Hint 2</summary>
#
# `np.sign` of the errors `yhat - y`
# </details>

# %% nbgrader={"grade": false, "grade_id": "L1_gradient", "locked": false, "schema_version": 3, "solution": true, "task": false}
def L1_gradient(yhat, y):
    """Returns the gradient of L1(yhat, y) with respect to yhat.

    Arguments:
    yhat -- vector of predictions, shape (m,)
    y -- vector of true values, shape (m,)

    Returns:
    grad -- vector of shape (m,): sign(yhat - y), 0 where yhat equals y
    """
    ### BEGIN SOLUTION
    grad = np.sign(yhat - y)
    ### END SOLUTION
    return grad


# %% [markdown]
# Your function should return `[ 0.  1. -1.]` for `yhat = [1, 2, 3]` and `y = [1, 0, 5]`. Check that it does:

# %%
L1_gradient(np.array([1.0, 2.0, 3.0]), np.array([1.0, 0.0, 5.0]))

# %% nbgrader={"grade": true, "grade_id": "L1_gradient_values", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that L1_gradient is sign(yhat - y), with 0 where yhat equals y."""
grad = L1_gradient(np.array([1.0, 2.0, 3.0]), np.array([1.0, 0.0, 5.0]))
assert isinstance(grad, np.ndarray), f"L1_gradient must return a NumPy array, got {type(grad).__name__}."
assert grad.shape == (3,), f"L1_gradient must have the shape of yhat, (3,), got {grad.shape}."
with np.errstate(all="ignore"):
    np.testing.assert_allclose(
        grad, [0.0, 1.0, -1.0], atol=1e-12,
        err_msg="L1_gradient should be [0, 1, -1]. [0, -1, 1] means the sign is wrong: use yhat - y, not y - yhat. "
        "A NaN or ±1 in the first place means yhat == y is not handled: np.sign(0) is 0.",
    )
from course_tools import loop_problem

assert loop_problem(L1_gradient, "L1_gradient") is None, loop_problem(L1_gradient, "L1_gradient")
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("L1_gradient_values", L1_gradient)
### END HIDDEN TESTS

# %% [markdown]
# ---
# ## Exercise 4: L2_gradient (1 point) ★☆☆
#
# Write `L2_gradient(yhat, y)` that returns the gradient of the L2 loss with respect to `yhat`: the vector $2(\hat y - y)$,
# of the same shape as `yhat`. No Python loop; do not modify the inputs.
#
# About 1 line of code.
#
# <details><summary>Hint 1</summary>
#
# Differentiate $(\hat y_i - y_i)^2$ with respect to $\hat y_i$: the chain rule gives a constant times the error.
# </details>
#
# <details><summary>Hint 2</summary>
#
# `2 * (...)`
# </details>

# %% nbgrader={"grade": false, "grade_id": "L2_gradient", "locked": false, "schema_version": 3, "solution": true, "task": false}
def L2_gradient(yhat, y):
    """Returns the gradient of L2(yhat, y) with respect to yhat.

    Arguments:
    yhat -- vector of predictions, shape (m,)
    y -- vector of true values, shape (m,)

    Returns:
    grad -- vector of shape (m,): 2 * (yhat - y)
    """
    ### BEGIN SOLUTION
    grad = 2 * (yhat - y)
    ### END SOLUTION
    return grad


# %% [markdown]
# Your function should return `[-0.2  0.4  0.2 -1.2 -0.2]` (up to rounding) for the example of the losses. Check that it does:

# %%
yhat = np.array([0.9, 0.2, 0.1, 0.4, 0.9])  # shape (5,): m = 5 predictions
y = np.array([1.0, 0.0, 0.0, 1.0, 1.0])  # shape (5,): their true values
L2_gradient(yhat, y)

# %% nbgrader={"grade": true, "grade_id": "L2_gradient_values", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that L2_gradient is 2 (yhat - y)."""
yhat = np.array([0.9, 0.2, 0.1, 0.4, 0.9])  # shape (5,): m = 5 predictions
y = np.array([1.0, 0.0, 0.0, 1.0, 1.0])  # shape (5,): their true values
grad = L2_gradient(yhat, y)
assert isinstance(grad, np.ndarray), f"L2_gradient must return a NumPy array, got {type(grad).__name__}."
assert grad.shape == (5,), f"L2_gradient must have the shape of yhat, (5,), got {grad.shape}."
np.testing.assert_allclose(
    grad, [-0.2, 0.4, 0.2, -1.2, -0.2], rtol=1e-7,
    err_msg="L2_gradient should be 2 * (yhat - y). Half of the expected values means the factor 2 is missing; "
    "the opposite signs mean you used y - yhat.",
)
assert np.array_equal(yhat, [0.9, 0.2, 0.1, 0.4, 0.9]), (
    f"L2_gradient modified yhat in place: it is now {yhat}. Compute a new array, 2 * (yhat - y), "
    "instead of writing into the argument (yhat -= y)."
)
from course_tools import loop_problem

assert loop_problem(L2_gradient, "L2_gradient") is None, loop_problem(L2_gradient, "L2_gradient")
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("L2_gradient_values", L2_gradient)
### END HIDDEN TESTS

# %% [markdown]
# ---
# ## Exercise 5: elastic_net (1 point) ★☆☆
#
# The **elastic net** mixes the two losses with one weight $r$:
#
# $$E_r(\hat y, y) = r \, L_1(\hat y, y) + (1 - r) \, L_2(\hat y, y), \qquad 0 \le r \le 1$$
#
# $r = 1$ is pure L1, $r = 0$ pure L2. (Libraries such as scikit-learn mix L1 and L2 *penalties on the weights* this way; here we mix the losses.)
# Write `elastic_net(yhat, y, l1_ratio=0.5)` that returns $E_r$ with $r$ = `l1_ratio`, as one number. You may call your `L1` and `L2`.
#
# About 1 line of code.
#
# <details><summary>Hint 1</summary>
#
# You have `L1` and `L2` already: weight each by its share of the mix, and the two weights add up to 1.
# </details>
#
# <details><summary>Hint 2</summary>
#
# `l1_ratio * L1(yhat, y) + ...`
# </details>

# %% nbgrader={"grade": false, "grade_id": "elastic_net", "locked": false, "schema_version": 3, "solution": true, "task": false}
def elastic_net(yhat, y, l1_ratio=0.5):
    """Returns the elastic net loss l1_ratio * L1 + (1 - l1_ratio) * L2.

    Arguments:
    yhat -- vector of predictions, shape (m,)
    y -- vector of true values, shape (m,)
    l1_ratio -- weight of L1, a number between 0 and 1; L2 gets 1 - l1_ratio

    Returns:
    loss -- a number
    """
    ### BEGIN SOLUTION
    loss = l1_ratio * L1(yhat, y) + (1 - l1_ratio) * L2(yhat, y)
    ### END SOLUTION
    return loss


# %% [markdown]
# Your function should return `0.765` for the example with the default `l1_ratio=0.5`, and `0.564` with `l1_ratio=0.2`. Check that it does:

# %%
yhat = np.array([0.9, 0.2, 0.1, 0.4, 0.9])  # shape (5,): m = 5 predictions
y = np.array([1.0, 0.0, 0.0, 1.0, 1.0])  # shape (5,): their true values
print(f"{elastic_net(yhat, y):.4f} {elastic_net(yhat, y, l1_ratio=0.2):.4f}")

# %% nbgrader={"grade": true, "grade_id": "elastic_net_values", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that elastic_net weights L1 by l1_ratio and L2 by 1 - l1_ratio."""
yhat = np.array([0.9, 0.2, 0.1, 0.4, 0.9])  # shape (5,): m = 5 predictions
y = np.array([1.0, 0.0, 0.0, 1.0, 1.0])  # shape (5,): their true values
loss = elastic_net(yhat, y, l1_ratio=0.2)
assert np.ndim(loss) == 0, f"elastic_net must return one number, got an object of shape {np.shape(loss)}."
assert np.isclose(loss, 0.564, rtol=1e-7), (
    f"elastic_net(yhat, y, l1_ratio=0.2) should be 0.2 * 1.1 + 0.8 * 0.43 = 0.564, got {float(loss)}. "
    "0.966 means the weights are swapped; 0.765 means l1_ratio is ignored; 0.65 means the weight 1 - l1_ratio of L2 is missing."
)
assert np.isclose(elastic_net(yhat, y, l1_ratio=1.0), 1.1), "elastic_net with l1_ratio=1 should be L1 = 1.1."
assert np.isclose(elastic_net(yhat, y), 0.765), "elastic_net with the default l1_ratio=0.5 should be 0.765."
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("elastic_net_values", elastic_net)
### END HIDDEN TESTS

# %% [markdown]
# ## A plot that teaches: the penalty of one error, and its push
#
# Left: what one error $e = \hat y - y$ costs. Below $|e| = 1$ the square is smaller than the absolute value; above it, much larger.
# Right: the gradient, the push gradient descent gives that prediction.
# L1 pushes with the same strength $\pm 1$ whatever the size of the error, and jumps at $e = 0$; L2 pushes in proportion to the error, smoothly through $0$.

# %% tags=["demo"]
e = np.linspace(-3, 3, 601)
zero = np.zeros_like(e)
fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4), layout="constrained")
left.plot(e, np.abs(e), label="L1 term |e|")
left.plot(e, e**2, label="L2 term e²")
left.set(xlabel="error e = ŷ − y (units of y)", ylabel="penalty of one example",
         title="Squaring shrinks small errors and inflates large ones", ylim=(0, 9))
right.plot(e, L1_gradient(e, zero), label="L1: sign(e)")
right.plot(e, L2_gradient(e, zero), label="L2: 2e")
right.set(xlabel="error e = ŷ − y (units of y)", ylabel="gradient ∂ penalty / ∂ŷ",
          title="L1 pushes with constant strength, L2 in proportion", ylim=(-6, 6))
for ax in (left, right):
    ax.grid(True, alpha=0.3)
    ax.legend()

# %% [markdown]
# ## A plot that teaches: L1 shrugs off outliers, L2 follows them
#
# Fit the simplest model, one constant $c$ predicted for every example, to 12 measurements near 5 and 3 outliers.
# The constant that minimizes L1 is the **median** of the data, and the one that minimizes L2 is the **mean**.
# The second cell below finds both by trying 4,001 values of $c$ with your `L1` and `L2`, and compares them with `np.median` and `np.mean`.
#
# **Predict, then run:** the outliers lie about 30 above the 12 measurements near 5. Where does each fit land: near 5, near 35, or in between, and about where?
# Write your guesses in the cell below (not graded).

# %% tags=["demo"]
my_prediction = {"L1": ..., "L2": ...}  # your guesses of the best constant c for each loss

# %%
rng = np.random.default_rng(0)
clean = 5 + rng.normal(0, 0.5, size=12)  # shape (12,)


def with_outliers(offset):
    """Returns the clean measurements followed by 3 outliers, `offset` above 5."""
    return np.concatenate([clean, 5 + offset + np.array([0.0, 1.0, 2.0])])


data = with_outliers(30.0)  # shape (15,): 12 clean values and 3 outliers
grid = np.linspace(0, 40, 4001)  # shape (4001,): the constants c we try
best_l1 = grid[np.argmin([L1(np.full_like(data, c), data) for c in grid])]
best_l2 = grid[np.argmin([L2(np.full_like(data, c), data) for c in grid])]
print(f"argmin of L1 over the grid: {best_l1:.2f}   np.median(data): {np.median(data):.2f}")
print(f"argmin of L2 over the grid: {best_l2:.2f}   np.mean(data):   {np.mean(data):.2f}")

# %% [markdown]
# Left: the data and both fits, with the outliers 30 above the rest: the L2 fit is dragged far from every clean measurement.
# Right: the fitted constant as the outliers move further away. The mean follows them in a straight line; the median does not move at all.

# %% tags=["demo"]
offsets = np.linspace(0, 60, 61)
medians = [np.median(with_outliers(s)) for s in offsets]
means = [np.mean(with_outliers(s)) for s in offsets]
fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4), layout="constrained")
left.plot(np.arange(data.size), data, "ko", label="measurements yᵢ")
left.axhline(np.median(data), color="C0", label="L1 fit: c = median(y)")
left.axhline(np.mean(data), color="C1", label="L2 fit: c = mean(y)")
left.set(xlabel="example i", ylabel="measured value y (units of y)", title="3 outliers drag the L2 fit, not the L1 fit")
right.plot(offsets, medians, label="argmin over c of L1 = median(y)")
right.plot(offsets, means, label="argmin over c of L2 = mean(y)")
right.set(xlabel="distance of the 3 outliers above the data (units of y)", ylabel="fitted constant c (units of y)",
          title="The L2 fit follows the outliers; L1 stays put")
for ax in (left, right):
    ax.grid(True, alpha=0.3)
    ax.legend()

# %% [markdown]
# <details><summary>Going deeper: why the median minimizes L1 and the mean minimizes L2</summary>
#
# For one constant $c$, the derivative of $L_1(c) = \sum_i |c - y_i|$ is $\sum_i \operatorname{sign}(c - y_i)$: the number of measurements below $c$ minus the number above it.
# It is negative while more measurements lie above $c$ than below it and positive once more lie below, so $L_1$ is smallest where as many lie on each side: at the median.
# An outlier far above counts once, whatever its distance, so moving it further away changes nothing.
# The derivative of $L_2(c) = \sum_i (c - y_i)^2$ is $2 \sum_i (c - y_i) = 2m\,(c - \bar y)$, which is 0 at the mean $\bar y$;
# moving the 3 outliers of our $m = 15$ measurements by $d$ moves the mean by $3d / 15 = d / 5$, the slope of the orange line on the right.
# </details>

# %% [markdown]
# ## A plot that teaches: a constant push never settles
#
# L1's robustness has a price. Run gradient descent on the constant $c$ with a fixed step size, on the clean data, for both losses.
# The gradient of the loss with respect to $c$ is the sum of your gradients over the examples, since every $\hat y_i = c$.
# L2's gradient shrinks as $c$ approaches the mean, so the steps shrink and $c$ settles.
# L1's gradient stays at least $1$ in size until $c$ lands exactly on the median, so $c$ keeps jumping back and forth around it.

# %% tags=["demo"]
odd = clean[:11]  # an odd number of examples, so that the median is one of them


def descend(gradient, step, c=0.0, iterations=30):
    """Returns the values of c during gradient descent on `odd`, and the size of each gradient."""
    path, sizes = [c], []
    for _ in range(iterations):
        g = np.sum(gradient(np.full_like(odd, c), odd))
        sizes.append(abs(g))
        c = c - step * g
        path.append(c)
    return np.array(path), np.array(sizes)


path_l1, grad_l1 = descend(L1_gradient, step=0.07)
path_l2, grad_l2 = descend(L2_gradient, step=0.02)
fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4), layout="constrained")
left.plot(path_l1, ".-", label="L1: c ← c − 0.07 Σᵢ sign(c − yᵢ)")
left.plot(path_l2, ".-", label="L2: c ← c − 0.02 Σᵢ 2(c − yᵢ)")
left.axhline(np.median(odd), color="C0", linestyle=":", label="median")
left.axhline(np.mean(odd), color="C1", linestyle=":", label="mean")
left.set(xlabel="iteration", ylabel="constant c (units of y)", title="L2 settles, L1 keeps jumping around the median",
         ylim=(3.5, 5.8))
right.semilogy(grad_l1, ".-", label="L1: |Σᵢ sign(c − yᵢ)|")
right.semilogy(grad_l2, ".-", label="L2: |Σᵢ 2(c − yᵢ)|")
right.set(xlabel="iteration", ylabel="size of the gradient (log scale)", title="The L1 gradient never gets small")
right.yaxis.set_major_formatter(LogFormatter())  # plain labels such as 1e-06, quicker to draw than 10⁻⁶
for ax in (left, right):
    ax.grid(True, alpha=0.3)
    ax.legend()

# %% [markdown]
# ## A plot that teaches: the elastic net sits in between
#
# The penalty of one error under the elastic net for several `l1_ratio`: from the square ($r = 0$) to the absolute value ($r = 1$).
# Near $e = 0$ every mix with $r > 0$ has L1's corner: its gradient jumps from $-r$ to $+r$ and does not vanish.
# Far from $0$ every mix with $r < 1$ grows like $(1 - r)\,e^2$: lowering the weight of the square softens outliers, but only $r = 1$ removes their pull.
# So as a loss the mix does **not** get L1's robustness and L2's smoothness: it keeps L1's corner at 0 *and* L2's unbounded pull of an outlier, only weaker.
#
# <details><summary>Going deeper: the elastic net as a penalty on weights</summary>
#
# The mix is best known as a penalty on a model's *weights* (scikit-learn's `ElasticNet`), not on its errors:
# there the L1 part sets some weights exactly to 0 and the L2 part spreads weight over correlated features.
# </details>
#
# The loss that does combine the two is the **Huber loss** (`torch.nn.HuberLoss`, scikit-learn's `HuberRegressor`): square near 0, absolute value far from 0,
# joined where both have the same slope at $|e| = \delta$:
#
# $$H_\delta(e) = \begin{cases} \frac12 e^2 & |e| \le \delta \\ \delta\,\big(|e| - \frac12 \delta\big) & |e| > \delta \end{cases}
# \qquad H_\delta'(e) = \operatorname{clip}(e, -\delta, \delta)$$
#
# Its gradient is continuous and shrinks to 0 with the error, so fixed-step descent settles as with L2,
# and it is at most $\delta$ in size, so an outlier pulls no harder than under L1.
# The right panel shows the gradients: the elastic net's jumps at 0 and grows without bound, Huber's does neither.

# %% tags=["demo"]
huber_delta = 1.0
huber_curve = np.where(np.abs(e) <= huber_delta, 0.5 * e**2, huber_delta * (np.abs(e) - 0.5 * huber_delta))  # shape (601,)
fig, (left, right) = plt.subplots(1, 2, figsize=(11, 5), layout="constrained")
for r in (0.0, 0.25, 0.5, 0.75, 1.0):
    left.plot(e, r * np.abs(e) + (1 - r) * e**2, label=f"r = {r}: {r} |e| + {1 - r} e²")
left.plot(e, huber_curve, "k--", label="Huber, δ = 1")
left.set(xlabel="error e = ŷ − y (units of y)", ylabel="penalty of one example",
         title="The elastic net blends |e| and e²", ylim=(0, 6))
right.plot(e, 0.5 * np.sign(e) + 0.5 * 2 * e, label="elastic net r = 0.5: 0.5 sign(e) + 0.5 · 2e")
right.plot(e, np.clip(e, -huber_delta, huber_delta), "k--", label="Huber: clip(e, −1, 1)")
right.set(xlabel="error e = ŷ − y (units of y)", ylabel="gradient ∂ penalty / ∂ŷ",
          title="Huber's push is smooth and bounded; the mix's is neither", ylim=(-4, 4))
left.legend(loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=2, fontsize=8)  # below the axes, off the curves
right.legend(loc="upper center", bbox_to_anchor=(0.5, -0.15), fontsize=9)
for ax in (left, right):
    ax.grid(True, alpha=0.3);

# %% [markdown]
# ---
# ## Exercise 6: huber (2 points) ★★☆
#
# Write `huber(yhat, y, delta=1.0)` that returns the Huber loss of the predictions, **summed** over the examples like `L1` and `L2`:
#
# $$H(\hat y, y) = \sum_{i=1}^{m} H_\delta(\hat y_i - y_i), \qquad H_\delta(e) = \begin{cases} \frac12 e^2 & |e| \le \delta \\ \delta\,\big(|e| - \frac12 \delta\big) & |e| > \delta \end{cases}$$
#
# `yhat` and `y` are vectors of shape $(m,)$ and `delta` $> 0$; return one number. No Python loop: choose the piece of every error at once.
# Do not modify the inputs. About 3 lines.
#
# <details><summary>Hint 1</summary>
#
# Compute the vector of errors $e = \hat y - y$ once. Then build both pieces for *every* error, and keep, error by error, the one whose condition holds.
# </details>
#
# <details><summary>Hint 2</summary>
#
# `np.where(condition, a, b)` takes `a` where the condition is true and `b` elsewhere; the condition is `np.abs(e) <= delta`.
# Sum the result with `np.sum`.
# </details>

# %% nbgrader={"grade": false, "grade_id": "huber", "locked": false, "schema_version": 3, "solution": true, "task": false}
def huber(yhat, y, delta=1.0):
    """Returns the Huber loss sum_i H_delta(yhat_i - y_i).

    Arguments:
    yhat -- vector of predictions, shape (m,)
    y -- vector of true values, shape (m,)
    delta -- where the square turns into a straight line, a positive number

    Returns:
    loss -- a number
    """
    ### BEGIN SOLUTION
    e = yhat - y
    terms = np.where(np.abs(e) <= delta, 0.5 * e**2, delta * (np.abs(e) - 0.5 * delta))
    loss = np.sum(terms)
    ### END SOLUTION
    return loss


# %% [markdown]
# The errors of `yhat = [0.5, 3, -2]` against `y = [0, 0, 0]` are $0.5$ (square: $0.125$), $3$ (line: $2.5$) and $-2$ (line: $1.5$),
# so your function should return `4.125` with the default `delta=1.0`, and `6.125` with `delta=2.0` (then $-2$ is inside and gets the square). Check that it does:

# %%
print(huber(np.array([0.5, 3.0, -2.0]), np.zeros(3)), huber(np.array([0.5, 3.0, -2.0]), np.zeros(3), delta=2.0))

# %% nbgrader={"grade": true, "grade_id": "huber_values", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that huber sums the square piece for small errors and the straight piece for large ones."""
yhat = np.array([0.5, 3.0, -2.0])  # shape (3,): errors 0.5, 3 and -2 against y = 0
y = np.zeros(3)  # shape (3,)
loss = huber(yhat, y)
assert np.ndim(loss) == 0, (
    f"huber must return one number, got shape {np.shape(loss)}: these are the terms, one per example; add them with np.sum."
)
assert not np.isclose(loss, 4.125 / 3), "huber returned the mean of the terms; the loss here is their sum (np.sum)."
assert not np.isclose(loss, 0.25 + 2.5 + 1.5), (
    "for |e| ≤ delta the term is ½e², not e² (you gave 0.25 for the error 0.5, not 0.125)."
)
assert not np.isclose(loss, 0.125 + 3.0 + 2.0), (
    "for |e| > delta the term is delta * (|e| - delta / 2), not delta * |e|: the pieces must meet at |e| = delta."
)
assert not np.isclose(loss, 0.125 + 2.5 + 2.0), (
    "the error -2 got the square piece: compare the size of the error, np.abs(e) <= delta, not e <= delta."
)
assert np.isclose(loss, 4.125, rtol=1e-9), (
    f"huber([0.5, 3, -2], [0, 0, 0]) should be 0.125 + 2.5 + 1.5 = 4.125, got {float(loss)}. "
    "Are the pieces swapped? The square is for |e| ≤ delta."
)
loss2 = huber(yhat, y, delta=2.0)
assert np.isclose(loss2, 6.125, rtol=1e-9), (
    f"huber(..., delta=2.0) should be 0.125 + 2 * (3 - 1) + 0.5 * 2**2 = 6.125, got {float(loss2)}. "
    "Use the argument delta in the condition and in the straight piece."
)
assert np.array_equal(yhat, [0.5, 3.0, -2.0]), "huber modified yhat in place: compute e = yhat - y as a new array."
from course_tools import loop_problem

assert loop_problem(huber, "huber") is None, loop_problem(huber, "huber")
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("huber_values", huber)
### END HIDDEN TESTS

# %% nbgrader={"grade": true, "grade_id": "huber_outliers", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that an outlier adds to huber only linearly, and that small errors give half of L2."""
rng = np.random.default_rng(7)
y = rng.normal(size=20)  # shape (20,)
yhat = y + rng.uniform(-0.5, 0.5, size=20)  # shape (20,): every error below delta = 1
d = yhat - y
assert np.isclose(huber(yhat, y), 0.5 * np.sum(d**2), rtol=1e-9), (
    "when every error is at most delta the Huber loss is half the L2 loss, ½ Σ e²; yours is not."
)
far = yhat.copy()
far[0] = y[0] + 100.0  # one outlier, 100 above its target
assert np.isclose(huber(far, y), 0.5 * np.sum(d[1:] ** 2) + (100.0 - 0.5), rtol=1e-9), (
    "an error of 100 should add delta * (100 - delta / 2) = 99.5: the Huber loss grows like a straight line "
    f"beyond delta, got {float(huber(far, y) - 0.5 * np.sum(d[1:] ** 2)):.4g}."
)
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("huber_outliers", huber)
### END HIDDEN TESTS

# %% [markdown]
# ---
# ## Exercise 7: huber_gradient (2 points) ★★☆
#
# Write `huber_gradient(yhat, y, delta=1.0)` that returns the gradient of `huber` with respect to `yhat`: one entry per prediction,
# the same shape as `yhat`. Derive it piece by piece from $H_\delta$ above before you code it:
# what is the derivative of $\frac12 e^2$, and of $\delta(|e| - \frac12\delta)$ for $e > \delta$ and for $e < -\delta$?
# Then check that the pieces meet at $|e| = \delta$. No Python loop; do not modify the inputs. One or two lines.
#
# <details><summary>Hint 1</summary>
#
# Inside $[-\delta, \delta]$ the gradient is the error itself, as for $\frac12 e^2$; outside, it is a constant whose sign is the sign of the error.
# So it is the error, but never larger than $\delta$ in size.
# </details>
#
# <details><summary>Hint 2</summary>
#
# "The value, but kept between $-\delta$ and $\delta$" is what `np.clip(value, low, high)` computes. The value is `yhat - y`.
# </details>

# %% nbgrader={"grade": false, "grade_id": "huber_gradient", "locked": false, "schema_version": 3, "solution": true, "task": false}
def huber_gradient(yhat, y, delta=1.0):
    """Returns the gradient of huber(yhat, y, delta) with respect to yhat.

    Arguments:
    yhat -- vector of predictions, shape (m,)
    y -- vector of true values, shape (m,)
    delta -- where the square turns into a straight line, a positive number

    Returns:
    grad -- vector of shape (m,)
    """
    ### BEGIN SOLUTION
    grad = np.clip(yhat - y, -delta, delta)
    ### END SOLUTION
    return grad


# %% [markdown]
# For `yhat = [0.5, 3, -2]` and `y = [0, 0, 0]` your function should return `[ 0.5  1.  -1. ]`, and `[ 0.5  2.  -2. ]` with `delta=2.0`. Check that it does:

# %%
print(huber_gradient(np.array([0.5, 3.0, -2.0]), np.zeros(3)), huber_gradient(np.array([0.5, 3.0, -2.0]), np.zeros(3), delta=2.0))

# %% nbgrader={"grade": true, "grade_id": "huber_gradient_values", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that huber_gradient is the error inside [-delta, delta] and ±delta outside."""
yhat = np.array([0.5, 3.0, -2.0, 0.0])  # shape (4,): errors 0.5, 3, -2 and 0 against y = 0
y = np.zeros(4)  # shape (4,)
grad = huber_gradient(yhat, y)
assert isinstance(grad, np.ndarray) and grad.shape == (4,), (
    f"huber_gradient must return an array of the shape of yhat, (4,), got {type(grad).__name__} of shape {np.shape(grad)}."
)
assert not np.allclose(grad, [-0.5, -1.0, 1.0, 0.0]), "the sign is wrong: the gradient with respect to yhat uses yhat - y."
assert not np.allclose(grad, [0.5, 3.0, -2.0, 0.0]), (
    "you returned the error itself everywhere, the gradient of ½e²: beyond delta it must stay at ±delta."
)
assert not np.allclose(grad, [1.0, 1.0, -1.0, 0.0]), (
    "you returned delta * sign(e) everywhere: inside [-delta, delta] the loss is ½e², whose gradient is e."
)
assert not np.allclose(grad, [0.5, 1.0, -2.0, 0.0]), "a large negative error must give -delta too: clip on both sides."
np.testing.assert_allclose(
    grad, [0.5, 1.0, -1.0, 0.0], atol=1e-12,
    err_msg="huber_gradient([0.5, 3, -2, 0], zeros) should be [0.5, 1, -1, 0]: the error, kept within [-delta, delta].",
)
np.testing.assert_allclose(
    huber_gradient(yhat, y, delta=2.0), [0.5, 2.0, -2.0, 0.0], atol=1e-12,
    err_msg="with delta=2.0 the gradient should be [0.5, 2, -2, 0]: use the argument delta, not 1.",
)
from course_tools import loop_problem

assert loop_problem(huber_gradient, "huber_gradient") is None, loop_problem(huber_gradient, "huber_gradient")
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("huber_gradient_values", huber_gradient)
### END HIDDEN TESTS

# %% nbgrader={"grade": true, "grade_id": "huber_gradient_bounded", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that huber_gradient is continuous at |e| = delta and that an outlier pulls with at most delta."""
delta = 0.5
y = np.array([1.0, -2.0, 0.5, 3.0, 0.0, 0.0])  # shape (6,)
errors = np.array([0.5, -0.5, 0.5 + 1e-9, -0.5 - 1e-9, 0.49, -0.49])  # shape (6,): at, just beyond and just inside ±delta
grad = huber_gradient(y + errors, y, delta=delta)
np.testing.assert_allclose(
    grad, [0.5, -0.5, 0.5, -0.5, 0.49, -0.49], atol=1e-8,
    err_msg="around |e| = delta the two pieces of the gradient must meet at ±delta: e inside [-delta, delta], "
    "±delta outside. A jump there means a piece is wrong, or delta is not the argument.",
)
far = np.array([0.0, 0.0, -1000.0])  # shape (3,): the last prediction is 1000 below its target
grad = huber_gradient(far, np.array([0.2, -0.3, 0.0]))
np.testing.assert_allclose(
    grad, [-0.2, 0.3, -1.0], atol=1e-12,
    err_msg="an error of -1000 should get the gradient -delta = -1 (the pull of an outlier is bounded by delta), "
    "and errors of -0.2 and 0.3 their own value.",
)
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("huber_gradient_bounded", huber_gradient)
### END HIDDEN TESTS

# %% [markdown]
# ## Summary
#
# - L1 $= \sum_i |y_i - \hat y_i|$ and L2 $= \sum_i (y_i - \hat y_i)^2$ are one vectorized line each: `np.sum(np.abs(y - yhat))`, `np.sum((y - yhat) ** 2)`. Divided by $m$ they are the MAE and the MSE.
# - The constant that minimizes L1 is the median, and L2's is the mean: L1 is robust to outliers, L2 is dragged by them because it squares large errors.
# - $\partial L_1 / \partial \hat y = \operatorname{sign}(\hat y - y)$ has the same size for every non-zero error, so fixed-step descent keeps jumping; $\partial L_2 / \partial \hat y = 2(\hat y - y)$ shrinks with the error, so learning settles.
# - The elastic net $r L_1 + (1 - r) L_2$ keeps L1's corner at 0 and L2's unbounded pull of outliers (weakened by $1 - r$); the Huber loss, square near 0 and linear far away, is the one that is both smooth and robust.
# - The Huber gradient is the error clipped to $[-\delta, \delta]$: `np.clip(yhat - y, -delta, delta)`, one vectorized line.

# %% [markdown]
# <!--NAVIGATION-->
# < [06 Vectorization](06_vectorization.ipynb) | [Contents](CONTENTS.md) | [08 Logistic regression](08_logistic_regression.ipynb) >
