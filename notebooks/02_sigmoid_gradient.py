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
# < [01 Why NumPy](01_why_numpy.ipynb) | [Contents](CONTENTS.md) | [03 Unrolling images with reshape](03_reshape.ipynb) >

# %% [markdown]
# # 02 Sigmoid gradient: the slope of σ is σ times (1 − σ)
#
# **Learning goals**
#
# - You can derive $\sigma'(x) = \sigma(x)\,(1 - \sigma(x))$ and compute it elementwise with NumPy, from $x$ or from $\sigma(x)$ already in hand.
# - You can say where the slope of the sigmoid is largest ($x = 0$, value $\frac14$) and why it almost vanishes far from 0.
# - You can explain why $\sigma' \le \frac14$ makes gradients shrink through the layers of a deep network when the weights are at most 1 in size, and what large weights do.
# - You can check an analytic derivative against a numerical central difference, and cancel its $h^2$ error with a second step.
#
# Expected time: about 35 minutes (core path).
# The folded "Going deeper" sections, on why the step $h$ can be too big or too small (Taylor error and round-off), are optional.

# %% [markdown]
# ## The idea
#
# To learn, a network needs the slope of every function it applies: how much the output moves when the input moves a little.
# For the sigmoid the slope has a neat form: it is the value of the sigmoid times one minus that value.
# Write $\sigma(x) = (1 + e^{-x})^{-1}$ and apply the chain rule; the trick is that $\frac{e^{-x}}{1 + e^{-x}} = 1 - \frac{1}{1 + e^{-x}}$:
#
# $$\sigma'(x) = \frac{e^{-x}}{(1 + e^{-x})^2} = \underbrace{\frac{1}{1 + e^{-x}}}_{\sigma(x)} \cdot \underbrace{\frac{e^{-x}}{1 + e^{-x}}}_{1 - \sigma(x)} = \sigma(x)\,\big(1 - \sigma(x)\big)$$
#
# At $x = 0$ the sigmoid is $\frac12$, so the slope there is $\frac12 \cdot \frac12 = \frac14$, the steepest it ever gets.
#
# The sigmoid from notebook 01 is given below; it is not an exercise.
# The cell after it measures the slope at 0 as rise over run between $-h$ and $h$ and finds $\sigma(0)(1 - \sigma(0))$.

# %%
import numpy as np

try:
    from course_tools import new_axes  # course_tools.py ships beside this notebook
except ModuleNotFoundError as missing:
    if missing.name != "course_tools":
        raise
    raise ModuleNotFoundError("course_tools.py is not beside this notebook: put the course_tools.py of your course "
                              "folder next to it (in Colab: Files panel on the left, Upload) and run this cell again.") from None


def sigmoid(x):
    """Returns the sigmoid of x, elementwise, for a scalar or an array of any shape."""
    return 1 / (1 + np.exp(-x))


# %%
h = 1e-6
print("slope measured at 0:     ", round((sigmoid(h) - sigmoid(-h)) / (2 * h), 8))
print("σ(0) * (1 - σ(0)) =      ", sigmoid(0.0) * (1 - sigmoid(0.0)))

# %% [markdown]
# ---
# ## Exercise 1: sigmoid_derivative (2 points) ★☆☆
#
# Write `sigmoid_derivative(x)` that returns $\sigma'(x) = \sigma(x)\,(1 - \sigma(x))$ **elementwise**,
# for `x` a number or a NumPy array of any shape; the result has the shape of `x`. Do not modify `x`.
# Compute $s = \sigma(x)$ once with the given `sigmoid`, then combine.
#
# About 2 lines of code.
#
# <details><summary>Hint 1</summary>
#
# You have `sigmoid` already: compute it once, keep it in a variable, and build $\sigma(1 - \sigma)$ from that variable. Which product works entry by entry?
# </details>
#
# <details><summary>Hint 2</summary>
#
# `s = sigmoid(x)`, then `*` (the elementwise product, not `np.dot`)
# </details>

# %% nbgrader={"grade": false, "grade_id": "sigmoid_derivative", "locked": false, "schema_version": 3, "solution": true, "task": false}
def sigmoid_derivative(x):
    """Returns the derivative of the sigmoid at x, elementwise.

    Arguments:
    x -- a scalar or a numpy array of any shape

    Returns:
    ds -- sigmoid'(x) = sigmoid(x) * (1 - sigmoid(x)), same shape as x
    """
    ### BEGIN SOLUTION
    s = sigmoid(x)
    ds = s * (1 - s)
    ### END SOLUTION
    return ds


# %% [markdown]
# Your function should return `[0.19661193, 0.25, 0.19661193]` for `x = np.array([-1, 0, 1])`. Check that it does:

# %%
sigmoid_derivative(np.array([-1, 0, 1]))

# %% nbgrader={"grade": true, "grade_id": "sigmoid_derivative_values", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that sigmoid_derivative gives the right values on a vector."""
x = np.array([-1.0, 0.0, 1.0, 3.0])
ds = sigmoid_derivative(x)
assert isinstance(ds, np.ndarray), (
    f"sigmoid_derivative of a vector must return a NumPy array, got {type(ds).__name__}. "
    "Use np.exp (not math.exp) and the elementwise product * (not np.dot)."
)
assert ds.shape == (4,), (
    f"sigmoid_derivative must keep the shape of its input: expected (4,), got {ds.shape}. "
    "Use the elementwise product *, not np.dot."
)
assert abs(ds[1] - 0.25) < 1e-12, (
    f"σ'(0) should be 1/4, got {ds[1]}. Did you apply the sigmoid first (s = sigmoid(x)) and use s * (1 - s)?"
)
np.testing.assert_allclose(
    ds, [0.19661193, 0.25, 0.19661193, 0.04517666], rtol=1e-7,
    err_msg="sigmoid_derivative([-1, 0, 1, 3]) has wrong values. The derivative is s * (1 - s) with s = sigmoid(x), "
    "not x * (1 - x), not s * (1 + s), not s or 1 - s alone.",
)
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("sigmoid_derivative_values", sigmoid_derivative)
### END HIDDEN TESTS

# %% nbgrader={"grade": true, "grade_id": "sigmoid_derivative_shapes", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that sigmoid_derivative works on a number and on a matrix, keeps the shape and leaves x alone."""
m = np.array([[0.0, 2.0, -2.0], [5.0, -5.0, 0.5]])
m_before = m.copy()
dm = sigmoid_derivative(m)
assert np.shape(dm) == (2, 3), f"sigmoid_derivative of a (2, 3) matrix must have shape (2, 3), got {np.shape(dm)}."
assert np.array_equal(m, m_before), "sigmoid_derivative modified its input x: compute a new array instead."
np.testing.assert_allclose(
    dm, sigmoid(m) * (1 - sigmoid(m)), rtol=1e-7,
    err_msg="sigmoid_derivative of a matrix has wrong values: apply s * (1 - s) to every element.",
)
d0 = sigmoid_derivative(0.0)
assert np.ndim(d0) == 0 and abs(d0 - 0.25) < 1e-12, f"sigmoid_derivative(0.0) should be the number 0.25, got {d0!r}."
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("sigmoid_derivative_shapes", sigmoid_derivative)
### END HIDDEN TESTS

# %% [markdown]
# ## A plot that teaches: the slope peaks at 0 with value 1/4
#
# The slope $\sigma'$ is a bump: largest where the sigmoid is steepest, at $x = 0$, where $\sigma(0) = \frac12$ and $\sigma'(0) = \frac14$.
# Far from 0 the sigmoid is flat, near 0 or near 1, and one of the two factors $\sigma$ or $1 - \sigma$ is nearly 0, so the slope is too.

# %% tags=["demo"]
try:
    sigmoid_derivative(0.0)  # a stub raises NotImplementedError until you solve it
except NotImplementedError:
    raise NotImplementedError("solve Exercise 1 (sigmoid_derivative) above first to see this plot") from None
xs = np.linspace(-8, 8, 401)
fig, ax = new_axes("input x (no unit)", "value (no unit)", "σ' is largest at x = 0, where it equals 1/4")
ax.plot(xs, sigmoid(xs), label=r"$\sigma(x)$")
ax.plot(xs, sigmoid_derivative(xs), label=r"$\sigma'(x) = \sigma(x)\,(1-\sigma(x))$")
ax.plot([0], [0.25], "o", color="C3", label=r"maximum $\sigma'(0) = 1/4$")
ax.axhline(0.25, color="gray", linestyle=":", linewidth=1)
ax.annotate("1/4 at x = 0", xy=(0, 0.25), xytext=(2.0, 0.33), arrowprops={"arrowstyle": "->"})
ax.legend(loc="upper left");

# %% [markdown]
# ## A plot that teaches: away from 0 the slope vanishes exponentially
#
# On a linear axis the tails of $\sigma'$ look like zero; a logarithmic axis shows how small they are.
# For large $|x|$, $\sigma'(x) \approx e^{-|x|}$: every unit step away from 0 divides the slope by $e \approx 2.7$.
# At $x = 10$ the slope is about $4.5 \cdot 10^{-5}$, at $x = 20$ about $2 \cdot 10^{-9}$: a saturated sigmoid passes almost no gradient back.

# %% tags=["demo"]
try:
    sigmoid_derivative(0.0)  # a stub raises NotImplementedError until you solve it
except NotImplementedError:
    raise NotImplementedError("solve Exercise 1 (sigmoid_derivative) above first to see this plot") from None
xs = np.linspace(-20, 20, 401)
fig, ax = new_axes("input x (no unit)", "slope σ'(x) (no unit, log scale)", "Away from 0, σ' falls like e^(-|x|)")
ax.semilogy(xs, sigmoid_derivative(xs), label=r"$\sigma'(x)$")
ax.semilogy(xs, np.exp(-np.abs(xs)), "--", label=r"$e^{-|x|}$")
ax.axhline(0.25, color="gray", linestyle=":", label=r"$1/4$, the maximum")
ax.legend(loc="lower center");

# %%
try:
    sigmoid_derivative(0.0)  # a stub raises NotImplementedError until you solve it
except NotImplementedError:
    raise NotImplementedError("solve Exercise 1 (sigmoid_derivative) above first to see these slopes") from None
for x in [0, 2, 5, 10, 20]:
    print(f"σ'({x:>2}) = {sigmoid_derivative(float(x)):.2e}")

# %% [markdown]
# **Predict, then run.** The table stops at 20. The rule above says $\sigma'(x) \approx e^{-|x|}$, about $4 \cdot 10^{-18}$ at $x = 40$ and at $x = -40$
# ($\sigma'$ is symmetric: $\sigma'(-x) = \sigma'(x)$).
# What do you expect `sigmoid_derivative(40.0)` and `sigmoid_derivative(-40.0)` to return?
# Write your guesses in the cell below (not graded; `...` means no guess yet), then run the one after it.

# %% tags=["demo"]
my_prediction = [..., ...]  # your guesses for sigmoid_derivative(40.0) and sigmoid_derivative(-40.0), e.g. 1e-10

# %% tags=["demo"]
try:
    sigmoid_derivative(0.0)  # a stub raises NotImplementedError until you solve it
except NotImplementedError:
    raise NotImplementedError("solve Exercise 1 (sigmoid_derivative) above first to see these slopes") from None
print("sigmoid_derivative( 40.0) =", sigmoid_derivative(40.0))
print("sigmoid_derivative(-40.0) =", sigmoid_derivative(-40.0))
print("sigmoid(40.0) == 1.0:", sigmoid(40.0) == 1.0)

# %% [markdown]
# Equal in exact arithmetic, not in floating point.
# $\sigma(40) = 1 - 4 \cdot 10^{-18}$, but the float64 numbers just below 1 are about $1.1 \cdot 10^{-16}$ apart, so it rounds to exactly `1.0`:
# then $1 - s = 0$ and $s\,(1 - s)$ is exactly 0.
# At $-40$, $s \approx 4 \cdot 10^{-18}$ is stored to full precision (small floats are closely spaced) and $1 - s$ rounds to 1, so $s\,(1 - s)$ is right.
# A unit saturated on the high side passes no gradient at all, not just a tiny one.

# %% [markdown]
# ---
# ## Exercise 2: sigmoid_derivative_from_output (1 point) ★☆☆
#
# In a network, the forward pass already computes $s = \sigma(z)$ and keeps it.
# The backward pass then needs $\sigma'(z)$, and the formula gives it from $s$ alone: $\sigma'(z) = s\,(1 - s)$, no exponential needed.
#
# Write `sigmoid_derivative_from_output(s)` that takes `s`, the **output** of the sigmoid (a number or an array of any shape with values in $[0, 1]$),
# and returns $s\,(1 - s)$ elementwise, with the shape of `s`. Do not call `sigmoid` or `np.exp`, and do not modify `s`.
#
# About 1 line of code.
#
# <details><summary>Hint 1</summary>
#
# `s` already is $\sigma(z)$: put it straight into $\sigma(1 - \sigma)$, with no exponential.
# </details>
#
# <details><summary>Hint 2</summary>
#
# `s * (1 - s)`
# </details>

# %% nbgrader={"grade": false, "grade_id": "sigmoid_derivative_from_output", "locked": false, "schema_version": 3, "solution": true, "task": false}
def sigmoid_derivative_from_output(s):
    """Returns sigmoid'(z) given s = sigmoid(z), elementwise.

    Arguments:
    s -- the output of the sigmoid: a scalar or a numpy array of any shape, values in [0, 1]

    Returns:
    ds -- s * (1 - s), same shape as s
    """
    ### BEGIN SOLUTION
    ds = s * (1 - s)
    ### END SOLUTION
    return ds


# %% [markdown]
# Your function should return `[0.09, 0.25, 0.1875]` for `s = np.array([0.1, 0.5, 0.75])`. Check that it does:

# %%
sigmoid_derivative_from_output(np.array([0.1, 0.5, 0.75]))

# %% nbgrader={"grade": true, "grade_id": "sigmoid_derivative_from_output_values", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that sigmoid_derivative_from_output returns s * (1 - s) and leaves s alone."""
s = np.array([0.1, 0.5, 0.75, 1.0])
s_before = s.copy()
ds = sigmoid_derivative_from_output(s)
assert isinstance(ds, np.ndarray), (
    f"the result for a vector must be a NumPy array, got {type(ds).__name__}. Use the elementwise product *, not np.dot."
)
assert ds.shape == (4,), f"expected shape (4,), got {np.shape(ds)}. Use the elementwise product *, not np.dot."
assert np.array_equal(s, s_before), (
    "sigmoid_derivative_from_output modified s in place (s *= ...). Compute a new array: ds = s * (1 - s)."
)
assert not np.allclose(ds[:3], sigmoid(s[:3]) * (1 - sigmoid(s[:3]))), (
    "you applied the sigmoid to s again. s is already σ(z), so the derivative is simply s * (1 - s)."
)
np.testing.assert_allclose(
    ds, [0.09, 0.25, 0.1875, 0.0], rtol=1e-12, atol=1e-15,
    err_msg="the derivative from the output s is s * (1 - s): not 1 - s, not s ** 2, not s * (1 + s).",
)
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("sigmoid_derivative_from_output_values", sigmoid_derivative_from_output)
### END HIDDEN TESTS

# %% [markdown]
# Both functions give the same slopes; the second reuses the forward pass and skips the exponential:

# %%
try:
    sigmoid_derivative(0.0), sigmoid_derivative_from_output(0.5)  # a stub raises NotImplementedError until you solve it
except NotImplementedError:
    raise NotImplementedError("solve Exercises 1 and 2 (sigmoid_derivative, sigmoid_derivative_from_output) above first to compare them") from None
z = np.array([-3.0, -1.0, 0.0, 1.0, 3.0])  # shape (5,)
s = sigmoid(z)  # shape (5,); forward pass: computed and kept
print("from z:   ", sigmoid_derivative(z))
print("from s:   ", sigmoid_derivative_from_output(s))
print("same:     ", np.allclose(sigmoid_derivative(z), sigmoid_derivative_from_output(s)))

# %% [markdown]
# ## Why it matters: gradients multiply through the layers
#
# Backpropagation is the chain rule.
# Take a chain of $L$ sigmoid layers, $a_\ell = \sigma(z_\ell)$ with $z_\ell = w_\ell\, a_{\ell-1}$, one number per layer to keep it simple.
# The slope of the output with respect to the input is a product with one factor per layer:
#
# $$\frac{\partial a_L}{\partial a_0} = \prod_{\ell=1}^{L} \frac{\partial a_\ell}{\partial a_{\ell-1}} = \prod_{\ell=1}^{L} w_\ell\,\sigma'(z_\ell), \qquad \left|\frac{\partial a_L}{\partial a_0}\right| \le \Big(\tfrac14\Big)^{L} \ \text{ when every } |w_\ell| \le 1.$$
#
# Since $\sigma' \le \frac14$, a layer whose weight has $|w_\ell| \le 1$ divides the gradient by at least 4:
# ten such layers divide it by about a million.
# This is the **vanishing gradient**: the first layers of a deep sigmoid network barely learn, which is one reason hidden layers now use ReLU.
# The bound needs $|w_\ell| \le 1$: a layer with a large weight, say $w_\ell = 8$ and $z_\ell$ near 0, multiplies the gradient by
# $8 \cdot \frac14 = 2$, and many such layers make it grow exponentially instead, the **exploding gradient**.
# (A large weight also pushes $z_\ell$ away from 0, where $\sigma'$ is tiny, so with sigmoids vanishing is the more common of the two.)
# The plot shows the bound $0.25^L$ and the actual product of slopes $\sigma'(z_\ell)$ for random pre-activations $z_\ell$ (with $w_\ell = 1$).

# %% tags=["demo"]
try:
    sigmoid_derivative(0.0)  # a stub raises NotImplementedError until you solve it
except NotImplementedError:
    raise NotImplementedError("solve Exercise 1 (sigmoid_derivative) above first to see this plot") from None
rng = np.random.default_rng(0)
layers = np.arange(1, 21)
z = rng.normal(0, 2, size=(1000, layers[-1]))  # 1000 random chains, pre-activations z ~ N(0, 2²)
chain = np.cumprod(sigmoid_derivative(z), axis=1)  # product of the slopes through 1, 2, ..., L layers
fig, ax = new_axes("number of layers L", "gradient factor (no unit, log scale)", "Through L sigmoid layers with |w| ≤ 1,\nthe gradient shrinks at least like 4^(-L)")
ax.semilogy(layers, 0.25**layers, "o-", label=r"bound $(1/4)^L$, every $z_\ell = 0$")
ax.semilogy(layers, np.median(chain, axis=0), "s-", label=r"median of $\sigma'(z_1) \cdots \sigma'(z_L)$, $z_\ell \sim N(0, 2^2)$")
ax.set_xticks(layers[1::2])
ax.legend();

# %% [markdown]
# ---
# ## Exercise 3: numerical_derivative (2 points) ★★☆
#
# How do you know a derivative formula is right? Compare it with the slope measured between two nearby points.
# The **central difference** looks at $x + h$ and $x - h$, which are $2h$ apart:
#
# $$f'(x) \approx \frac{f(x + h) - f(x - h)}{2h}$$
#
# Write `numerical_derivative(f, x, h=1e-5)` that returns this central difference elementwise,
# for `f` a vectorized function (like `np.sin` or `sigmoid`) and `x` a number or an array of any shape. Use the step `h` you are given.
#
# About 1 line of code.
#
# <details><summary>Hint 1</summary>
#
# Translate the formula above term by term; `f` works on whole arrays, so there is no loop over the entries of `x`.
# </details>
#
# <details><summary>Hint 2</summary>
#
# Call `f` on the whole arrays `x + h` and `x - h`, and mind the parentheses in `(2 * h)`.
# </details>

# %% nbgrader={"grade": false, "grade_id": "numerical_derivative", "locked": false, "schema_version": 3, "solution": true, "task": false}
def numerical_derivative(f, x, h=1e-5):
    """Returns the central-difference estimate of f'(x), elementwise.

    Arguments:
    f -- a vectorized function of one argument, e.g. np.sin
    x -- a scalar or a numpy array of any shape
    h -- the step, a small positive number

    Returns:
    df -- (f(x + h) - f(x - h)) / (2 h), same shape as x
    """
    ### BEGIN SOLUTION
    df = (f(x + h) - f(x - h)) / (2 * h)
    ### END SOLUTION
    return df


# %% [markdown]
# The derivative of $\sin$ is $\cos$, so your function should return about `[1, 0.54030231, -0.41614684]` for `np.sin` at `x = [0, 1, 2]`. Check that it does:

# %%
numerical_derivative(np.sin, np.array([0.0, 1.0, 2.0]))

# %% nbgrader={"grade": true, "grade_id": "numerical_derivative_values", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that numerical_derivative of np.sin is close to np.cos."""
x = np.array([0.0, 1.0, 2.0])
d = numerical_derivative(np.sin, x)
assert isinstance(d, np.ndarray), f"the result for a vector must be a NumPy array, got {type(d).__name__}."
assert d.shape == (3,), f"expected shape (3,), the shape of x, got {np.shape(d)}."
np.testing.assert_allclose(
    d, np.cos(x), rtol=1e-8,
    err_msg="numerical_derivative(np.sin, x) should be within 1e-8 of cos(x). "
    "Use the central difference (f(x + h) - f(x - h)) / (2 * h): the forward difference (f(x + h) - f(x)) / h "
    "is off by about h/2, and dividing by h instead of 2 * h doubles the result.",
)
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("numerical_derivative_values", numerical_derivative)
### END HIDDEN TESTS

# %% nbgrader={"grade": true, "grade_id": "numerical_derivative_central", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that numerical_derivative is the central difference and uses the step h it is given."""
x = np.array([1.0, 2.0])
d = numerical_derivative(lambda t: t**3, x, h=0.25)
# (f(x+h) - f(x-h)) / (2h) is exactly 3x² + h² for f(t) = t³, so a large h shows which formula you used.
assert np.shape(d) == (2,), f"expected shape (2,), the shape of x, got {np.shape(d)}."
assert not np.allclose(d, 3 * x**2), (
    f"with h=0.25 you got {d}, the result of a tiny step: use the argument h, not a fixed step such as 1e-5."
)
assert not np.allclose(d, 3 * x**2 + 3 * x * 0.25 + 0.25**2), (
    f"with h=0.25 you got {d}: the forward difference (f(x + h) - f(x)) / h. "
    "Use the central difference (f(x + h) - f(x - h)) / (2 * h)."
)
assert not np.allclose(d, 3 * x**2 - 3 * x * 0.25 + 0.25**2), (
    f"with h=0.25 you got {d}: the backward difference (f(x) - f(x - h)) / h. "
    "Use the central difference (f(x + h) - f(x - h)) / (2 * h)."
)
assert not np.allclose(d, 2 * (3 * x**2 + 0.25**2)), (
    f"with h=0.25 you got {d}, twice the central difference: x + h and x - h are 2h apart, so divide by (2 * h)."
)
np.testing.assert_allclose(
    d, [3.0625, 12.0625], rtol=1e-12,
    err_msg="for f(t) = t³ and h = 0.25 the central difference is 3x² + h² = [3.0625, 12.0625] at x = [1, 2]. "
    "Check the parentheses: / (2 * h), not / 2 * h.",
)
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("numerical_derivative_central", numerical_derivative)
### END HIDDEN TESTS

# %% [markdown]
# ## Gradient checking: the formula against the measurement
#
# This is how deep-learning code is tested: compute the derivative with the formula and with the central difference, and compare.
# Over 1001 points in $[-10, 10]$ they agree to about $10^{-11}$, so the formula of Exercise 1 is right.

# %%
try:
    sigmoid_derivative(0.0), numerical_derivative(sigmoid, 0.0)  # a stub raises NotImplementedError until you solve it
except NotImplementedError:
    raise NotImplementedError("solve Exercises 1 and 3 (sigmoid_derivative, numerical_derivative) above first to check one against the other") from None
xs = np.linspace(-10, 10, 1001)  # shape (1001,)
gap = np.max(np.abs(sigmoid_derivative(xs) - numerical_derivative(sigmoid, xs)))
print("largest |formula - central difference| below 1e-10:", gap < 1e-10)

# %% [markdown]
# ## Going deeper (optional): the step h, too big or too small
#
# <details><summary>Going deeper: the Taylor error and the round-off of finite differences</summary>
#
# The central difference cancels the $h$ term of the Taylor series $f(x \pm h) = f(x) \pm h f'(x) + \frac{h^2}{2} f''(x) \pm \dots$,
# so its error shrinks like $h^2$; the forward difference $(f(x + h) - f(x))/h$ keeps it and is off by about $\frac{h}{2} f''(x)$.
# But $h$ cannot shrink forever: each value of $f$ is rounded to about $10^{-16}$, and dividing that round-off by $h$ makes it grow like $10^{-16} / h$.
# The best step balances both: about $10^{-8}$ for the forward difference and $10^{-5}$ for the central one, the default above.
# The plot measures the error of both on the sigmoid at $x = 1$, where the exact slope is $\sigma(1)(1 - \sigma(1))$;
# the black lines are the Taylor predictions $\frac{h}{2}|\sigma''(1)| \approx 0.045\,h$ and $\frac{h^2}{6}|\sigma'''(1)| \approx 0.006\,h^2$.
#
# **Predict, then run.** Use the two error terms of the central difference at $x = 1$: about $0.006\,h^2$ from the Taylor series and about $10^{-16}/h$ from round-off.
# Which step gives the more accurate slope, $h = 10^{-2}$ or the hundred million times smaller $h = 10^{-10}$, and about how large is each error?
# Write your guesses in the first cell below (not graded); the plot after it shows both, and the answer is folded after the plot.
# </details>

# %% tags=["demo"]
# Going deeper: your guesses of the two errors
my_prediction = {"h = 1e-2": ..., "h = 1e-10": ...}  # your guesses of the two errors, e.g. 1e-9

# %% tags=["demo"]
# Going deeper: the error of the forward and central differences against the step h
try:
    sigmoid_derivative(0.0), numerical_derivative(sigmoid, 0.0)  # a stub raises NotImplementedError until you solve it
except NotImplementedError:
    raise NotImplementedError("solve Exercises 1 and 3 (sigmoid_derivative, numerical_derivative) above first to see this plot") from None
steps = np.logspace(-13, 0, 131)
exact = sigmoid_derivative(1.0)
central_error = np.abs(np.array([numerical_derivative(sigmoid, 1.0, step) for step in steps]) - exact)
forward_error = np.abs((sigmoid(1.0 + steps) - sigmoid(1.0)) / steps - exact)
fig, ax = new_axes("step h (no unit, log scale)", "|estimate − σ'(1)| (no unit, log scale)", "The central difference is far more accurate, down to h ≈ 1e-5")
ax.loglog(steps, forward_error, label=r"forward $(f(x+h)-f(x))/h$")
ax.loglog(steps, central_error, label=r"central $(f(x+h)-f(x-h))/(2h)$")
big, small = steps[steps > 1e-9], steps[steps < 1e-4]
ax.loglog(big, 0.045 * big, ":", color="black", label=r"$0.045\,h$: error $\propto h$")
ax.loglog(big, 0.006 * big**2, "--", color="black", label=r"$0.006\,h^2$: error $\propto h^2$")
ax.loglog(small, 1e-17 / small, "-.", color="gray", label=r"round-off $10^{-17}/h$")
ax.set_ylim(1e-13, 1)
ax.legend(fontsize=8);

# %% [markdown]
# <details><summary>Going deeper: what the plot shows</summary>
#
# At $h = 10^{-2}$ the Taylor term is $0.006 \cdot 10^{-4} \approx 6 \cdot 10^{-7}$; at $h = 10^{-10}$ round-off is at most about $10^{-16} / 10^{-10} = 10^{-6}$
# (the plot shows a few $10^{-7}$: the rounding errors partly cancel).
# So the hundred million times smaller step is no more accurate, and both errors are about $10^{5}$ times the one at the best step $h \approx 10^{-5}$, about $2 \cdot 10^{-12}$.
# </details>

# %% [markdown]
# ---
# ## Exercise 4: richardson_derivative (2 points) ★★★
#
# How accurate is the central difference? The Taylor series $f(x \pm h) = f(x) \pm h f'(x) + \frac{h^2}{2} f''(x) \pm \frac{h^3}{6} f'''(x) + \dots$ says what its error *is*.
# Write $D(h) = \frac{f(x+h) - f(x-h)}{2h}$. Subtracting the two series, the even powers cancel and
#
# $$D(h) = f'(x) + \underbrace{\tfrac{1}{6} f^{(3)}(x)}_{c}\, h^2 + \tfrac{1}{120} f^{(5)}(x)\, h^4 + \dots$$
#
# The number $c$ is unknown (it needs $f^{(3)}$), but it is **the same for every step**: $D(h/2)$ has the error $c\,h^2/4$.
# Two measurements with two steps are two equations in the two unknowns $f'(x)$ and $c$;
# eliminate $c$ and what is left is an estimate of $f'(x)$ whose error starts at $h^4$.
# This is **Richardson extrapolation**; the same idea, with more steps, gives Romberg integration.
#
# Find the numbers $a$ and $b$ for which $a\,D(h/2) + b\,D(h) = f'(x) + O(h^4)$: the $f'(x)$ terms must add up to $f'(x)$ and the $h^2$ terms to 0.
# Then write `richardson_derivative(f, x, h=1e-3)` that returns that combination elementwise, for `f` a vectorized function and `x` a number or an array of any shape,
# with the step `h` you are given (you may not call `numerical_derivative`: write $D$ out, or as a helper inside the cell). About 3 lines.
#
# <details><summary>Hint 1</summary>
#
# Keep only the first error term: $D(h) \approx f' + c\,h^2$ and $D(h/2) \approx f' + c\,h^2/4$.
# Multiply the second equation by a number so that subtracting the first removes $c$.
# </details>
#
# <details><summary>Hint 2</summary>
#
# $4\,D(h/2) - D(h) = 3 f' + O(h^4)$, so return $\big(4\,D(h/2) - D(h)\big) / 3$, with $D(s) = (f(x + s) - f(x - s)) / (2s)$ for $s = h/2$ and $s = h$.
# </details>

# %% nbgrader={"grade": false, "grade_id": "richardson_derivative", "locked": false, "schema_version": 3, "solution": true, "task": false}
def richardson_derivative(f, x, h=1e-3):
    """Returns the Richardson extrapolation of the central difference, an estimate of f'(x) with error O(h^4).

    Arguments:
    f -- a vectorized function of one argument, e.g. np.sin
    x -- a scalar or a numpy array of any shape
    h -- the larger of the two steps, a small positive number

    Returns:
    df -- a D(h/2) + b D(h) with the weights that cancel the h^2 error, same shape as x
    """
    ### BEGIN SOLUTION
    d_half = (f(x + h / 2) - f(x - h / 2)) / h
    d_full = (f(x + h) - f(x - h)) / (2 * h)
    df = (4 * d_half - d_full) / 3
    ### END SOLUTION
    return df


# %% [markdown]
# For $f(t) = t^5$ every Taylor series stops, so the errors are exact: $D(h) = 5x^4 + 10x^2h^2 + h^4$, and the extrapolation must give $5x^4 - h^4/4$.
# With $h = 0.5$ at $x = [1, 2]$ your function should return `[4.984375, 79.984375]` (the central difference gives `[7.5625, 90.0625]`). Check that it does:

# %%
richardson_derivative(lambda t: t**5, np.array([1.0, 2.0]), h=0.5)

# %% nbgrader={"grade": true, "grade_id": "richardson_derivative_values", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that richardson_derivative is close to the exact derivative, for arrays and numbers."""
x = np.array([0.0, 1.0, 2.0])
d = richardson_derivative(np.sin, x)
assert isinstance(d, np.ndarray), f"the result for a vector must be a NumPy array, got {type(d).__name__}."
assert d.shape == (3,), f"expected shape (3,), the shape of x, got {np.shape(d)}."
np.testing.assert_allclose(
    d, np.cos(x), rtol=1e-10, atol=1e-12,
    err_msg="richardson_derivative(np.sin, x) should be within 1e-10 of cos(x) with the default h = 1e-3. "
    "Use central differences D(s) = (f(x + s) - f(x - s)) / (2 * s) with s = h / 2 and s = h.",
)
d0 = richardson_derivative(np.exp, 0.0)
assert np.ndim(d0) == 0 and abs(d0 - 1.0) < 1e-10, f"richardson_derivative(np.exp, 0.0) should be the number 1, got {d0!r}."
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("richardson_derivative_values", richardson_derivative)
### END HIDDEN TESTS

# %% nbgrader={"grade": true, "grade_id": "richardson_derivative_order", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that richardson_derivative cancels the h² error: exact up to h⁴ for a polynomial, with the h it is given."""
x = np.array([1.0, 2.0])
d = richardson_derivative(lambda t: t**5, x, h=0.5)
# for f(t) = t**5: D(h) = 5x⁴ + 10x²h² + h⁴ exactly, so each wrong weight shows at h = 0.5
assert np.shape(d) == (2,), f"expected shape (2,), the shape of x, got {np.shape(d)}."
named = {
    (7.5625, 90.0625): "the central difference D(h) itself: its h² error is still there",
    (5.62890625, 82.50390625): "D(h/2) alone: halving the step only divides the error by 4",
    (3.6953125, 74.9453125): "2 D(h/2) - D(h), the weights for an error ∝ h (the forward difference's); "
    "the central difference's error is ∝ h², so halving h divides it by 4",
    (8.20703125, 92.58203125): "(4 D(h) - D(h/2)) / 3: the weight 4 belongs to the smaller step",
    (14.953125, 239.953125): "4 D(h/2) - D(h) without dividing by 3: the weights must add up to 1",
    (5.0, 80.0): "a result with no h⁴ error at all: did you use a small fixed step instead of the argument h?",
}
for values, mistake in named.items():
    assert not np.allclose(d, values, rtol=1e-9), f"with h=0.5 you got {d}, which is {mistake}."
np.testing.assert_allclose(
    d, [5 - 0.5**4 / 4, 80 - 0.5**4 / 4], rtol=1e-12,
    err_msg="for f(t) = t**5 and h = 0.5 the extrapolation (4 D(h/2) - D(h)) / 3 is exactly 5x⁴ - h⁴/4 = [4.984375, 79.984375].",
)
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("richardson_derivative_order", richardson_derivative)
### END HIDDEN TESTS

# %% [markdown]
# ## Going deeper (optional): cancelling the $h^2$ term buys two orders
#
# <details><summary>Going deeper: the error of the extrapolation against the step h</summary>
#
# The error of the extrapolation falls like $h^4$ (slope 4 on log-log axes) instead of $h^2$, so at $h = 10^{-2}$ it is already as small as the central difference gets at its best step.
# Round-off still grows like $10^{-17}/h$ once $h$ is small, so the best step is now larger, about $10^{-3}$, the default above.
# (Solve Exercise 4 first to see this plot.)
# </details>

# %% tags=["demo"]
# Going deeper: the error of the central difference and of the extrapolation against the step h
try:
    richardson_derivative(sigmoid, 0.0)  # a stub raises NotImplementedError until you solve it
except NotImplementedError:
    raise NotImplementedError("solve Exercise 4 (richardson_derivative) above first to see this plot") from None
steps = np.logspace(-8, 0, 81)
exact = sigmoid(1.0) * (1 - sigmoid(1.0))
central_error = np.abs((sigmoid(1.0 + steps) - sigmoid(1.0 - steps)) / (2 * steps) - exact)
richardson_error = np.abs(np.array([richardson_derivative(sigmoid, 1.0, step) for step in steps]) - exact)
fig, ax = new_axes("step h (no unit, log scale)", "|estimate − σ'(1)| (no unit, log scale)",
                   "Richardson: error ∝ h⁴, best near h = 1e-3")
ax.loglog(steps, central_error, label=r"central $D(h)$, error $\propto h^2$")
ax.loglog(steps, richardson_error, label=r"Richardson $(4D(h/2) - D(h))/3$, error $\propto h^4$")
ax.loglog(steps, 1e-17 / steps, "-.", color="gray", label=r"round-off $10^{-17}/h$")
ax.set_ylim(1e-14, 1)
ax.legend(fontsize=8);

# %% [markdown]
# ## Summary
#
# - The slope of the sigmoid is $\sigma'(x) = \sigma(x)\,(1 - \sigma(x))$: its value times one minus its value.
# - With $s = \sigma(z)$ kept from the forward pass, the backward pass gets $\sigma'(z) = s\,(1 - s)$ with no exponential.
# - $\sigma'$ is largest at $x = 0$, where it is $\frac14$, and falls like $e^{-|x|}$: a saturated sigmoid passes almost no gradient.
# - Backpropagation multiplies one factor $w_\ell \sigma'(z_\ell)$ per layer, and $\sigma' \le \frac14$, so with $|w_\ell| \le 1$ gradients vanish with depth, at least like $4^{-L}$; with large weights they can explode.
# - The central difference $(f(x+h) - f(x-h)) / (2h)$ has error $\propto h^2$ (forward: $\propto h$); with $h \approx 10^{-5}$ it checks a derivative formula to about $10^{-10}$.
# - The Taylor series names the error, $\frac16 f'''(x)\,h^2$, so two steps can cancel it: $(4D(h/2) - D(h))/3$ has error $\propto h^4$.

# %% [markdown]
# <!--NAVIGATION-->
# < [01 Why NumPy](01_why_numpy.ipynb) | [Contents](CONTENTS.md) | [03 Unrolling images with reshape](03_reshape.ipynb) >
