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
# < [03 Unrolling images with reshape](03_reshape.ipynb) | [Contents](CONTENTS.md) | [05 Softmax and broadcasting](05_softmax_broadcasting.ipynb) >

# %% [markdown]
# # 04 Normalizing data: put the features on one scale and gradient descent needs far fewer steps
#
# **Learning goals**
#
# - You can divide every row of a matrix by its own L2 norm, and say why `keepdims=True` makes the division broadcast.
# - You can standardize every feature (column) of a data matrix to mean 0 and standard deviation 1.
# - You can write gradient descent with a relative tolerance and a step cap, and count the steps it needs on raw and on standardized features.
# - You can explain, with a plot you made, why gradient descent converges in far fewer steps on standardized features.
# - You can compute the condition number of the loss bowl from the eigenvalues of $x^\top x / m$ and say what it predicts.
# - Going deeper (optional): you can derive from the eigenvalues of $x^\top x / m$ the largest stable learning rate and the factor by which each step shrinks the error, and from them the number of steps.
#
# Expected time: about 40 minutes (core path).
# The folded "Going deeper" sections, on the curvatures (eigenvalues) of the loss bowl, the factor each step shrinks the error by, the step count that grows like the square of the scale ratio, and why standardized features still have a condition number above 1, are optional.

# %% [markdown]
# ## The idea
#
# A data matrix $x$ of shape $(m, n)$ holds one example per row and one feature per column.
# Unlike the course's $X$ of shape $(n, m)$ (one example per column, see `01_why_numpy`), this notebook uses **one example per row**,
# the layout of NumPy, pandas and scikit-learn data tables, so that a feature is a column and `x.mean(axis=0)` is one mean per feature;
# $x$ here is the transpose $X^\top$.
# *Normalizing the rows* divides each row by its length, so that every example becomes a vector of length 1 that points the same way.
# *Standardizing the features* shifts and rescales each column so that it has mean 0 and standard deviation 1,
# whatever its unit was: metres, euros or pixels.
# The second one matters for learning: when one feature is in $[0, 1]$ and another in $[0, 1000]$,
# gradient descent must take tiny steps, and then it crawls; on standardized features it gets there in a few steps.
#
# Row $i$ of $x$, written $x_i$, has the L2 norm (its length) and the normalized row
#
# $$\lVert x_i \rVert_2 = \sqrt{\sum_{j=1}^{n} x_{ij}^2}, \qquad \hat{x}_i = \frac{x_i}{\lVert x_i \rVert_2}, \qquad \lVert \hat{x}_i \rVert_2 = 1 .$$
#
# For example the row $(3, 4)$ has length $\sqrt{9 + 16} = 5$ and becomes $(0.6, 0.8)$.

# %%
import matplotlib.pyplot as plt
import numpy as np

try:
    from course_tools import new_axes  # course_tools.py ships beside this notebook
except ModuleNotFoundError as missing:
    if missing.name != "course_tools":
        raise
    raise ModuleNotFoundError("course_tools.py is not beside this notebook: put the course_tools.py of your course "
                              "folder next to it (in Colab: Files panel on the left, Upload) and run this cell again.") from None

x = np.array([[3.0, 4.0], [1.0, 0.0], [0.0, 2.0]])
norms = np.linalg.norm(x, axis=1, keepdims=True)
print("row norms, shape", norms.shape, "\n", norms)
print("x / norms =\n", x / norms)
print("lengths after:", np.linalg.norm(x / norms, axis=1))

# %% [markdown]
# ### Why `keepdims=True`: the shape decides which way the division broadcasts
#
# `np.linalg.norm(x, axis=1)` returns one number per row, as a vector of shape $(m,)$.
# Broadcasting lines shapes up **from the right**, so a vector of shape $(m,)$ is matched with the *columns* of $x$, not its rows.
# With `keepdims=True` the result has shape $(m, 1)$ instead: one number per row, stretched along that row.
#
# | divisor | shape | `x / divisor` for `x` of shape $(3, 2)$ |
# | --- | --- | --- |
# | `np.linalg.norm(x, axis=1, keepdims=True)` | $(3, 1)$ | row $i$ divided by the norm of row $i$ ✔ |
# | `np.linalg.norm(x, axis=1)` | $(3,)$ | error: shapes $(3, 2)$ and $(3,)$ do not broadcast |
# | `np.linalg.norm(x, axis=1)[:, None]` | $(3, 1)$ | the same as `keepdims=True` ✔ |
#
# The error is the lucky case.
# For a **square** matrix, shape $(m,)$ *does* broadcast, silently dividing column $j$ by the norm of row $j$:

# %%
flat = np.linalg.norm(x, axis=1)
print("without keepdims the norms have shape", flat.shape)
try:
    x / flat
except ValueError as error:
    print("x / flat ->", error)

square = np.array([[3.0, 4.0, 0.0], [0.0, 1.0, 0.0], [2.0, 0.0, 0.0]])
wrong = square / np.linalg.norm(square, axis=1)
right = square / np.linalg.norm(square, axis=1, keepdims=True)
print("square, no keepdims: row lengths", np.linalg.norm(wrong, axis=1), "(no error, wrong values)")
print("square, keepdims:    row lengths", np.linalg.norm(right, axis=1))

# %% [markdown]
# ---
# ## Exercise 1: normalize_rows (2 points) ★☆☆
#
# Write `normalize_rows(x)` that returns a **new** array whose rows have unit L2 norm, for any float array `x` of shape $(m, n)$,
# float32 too (you may assume that no row is all zeros).
# Do not modify `x`: compute `x / norm`, never `x /= norm`.
#
# About 2 lines of code.
#
# <details><summary>Hint 1</summary>
#
# `np.linalg.norm` takes an `axis`: you need one norm per row, in a shape that divides the rows (see the table above).
# </details>
#
# <details><summary>Hint 2</summary>
#
# `np.linalg.norm(x, axis=1, keepdims=True)`
# </details>

# %% nbgrader={"grade": false, "grade_id": "normalize_rows", "locked": false, "schema_version": 3, "solution": true, "task": false}
def normalize_rows(x):
    """Returns x with each row divided by its L2 norm.

    Arguments:
    x -- a numpy float array of shape (m, n) with no all-zero row

    Returns:
    x_normalized -- a new array of shape (m, n) whose rows have length 1; x is left unchanged
    """
    ### BEGIN SOLUTION
    x_norm = np.linalg.norm(x, axis=1, keepdims=True)
    x_normalized = x / x_norm
    ### END SOLUTION
    return x_normalized


# %% [markdown]
# Your function should return `[[0, 0.6, 0.8], [0.13736056, 0.82416338, 0.54944226]]` for
# `x = [[0, 3, 4], [1, 6, 4]]`. Check that it does:

# %%
normalize_rows(np.array([[0.0, 3.0, 4.0], [1.0, 6.0, 4.0]]))

# %% nbgrader={"grade": true, "grade_id": "normalize_rows_values", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that normalize_rows divides each row by its own L2 norm."""
x = np.array([[0.0, 3.0, 4.0], [1.0, 6.0, 4.0]])
try:
    r = normalize_rows(x)
except ValueError as error:
    raise AssertionError(
        f"normalize_rows raised ValueError: {error}. A vector of norms of shape (2,) does not broadcast "
        "with x of shape (2, 3): use np.linalg.norm(x, axis=1, keepdims=True), of shape (2, 1)."
    ) from error
assert isinstance(r, np.ndarray), f"normalize_rows must return a NumPy array, got {type(r).__name__}."
assert r.shape == (2, 3), (
    f"normalize_rows must keep the shape (2, 3) of x, got {r.shape}. Return x divided by its row norms, not the norms."
)
np.testing.assert_allclose(
    np.linalg.norm(r, axis=1), [1.0, 1.0], rtol=1e-7,
    err_msg="Each row must have length 1. Divide by the L2 norm of each row (axis=1), "
    "not of the whole matrix, of the columns (axis=0) or by the row sum.",
)
np.testing.assert_allclose(
    r, [[0.0, 0.6, 0.8], [0.13736056, 0.82416338, 0.54944226]], rtol=1e-7,
    err_msg="normalize_rows([[0, 3, 4], [1, 6, 4]]) has wrong values: divide each row by its own L2 norm.",
)
square = np.array([[3.0, 4.0, 0.0], [0.0, 1.0, 0.0], [2.0, 0.0, 0.0]])
r = normalize_rows(square)
assert r.shape == (3, 3), f"normalize_rows of a (3, 3) matrix must have shape (3, 3), got {r.shape}."
np.testing.assert_allclose(
    r, [[0.6, 0.8, 0.0], [0.0, 1.0, 0.0], [1.0, 0.0, 0.0]], rtol=1e-7,
    err_msg="normalize_rows is wrong on a square matrix. Did you forget keepdims=True? "
    "A norm of shape (m,) divides the columns, not the rows.",
)
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("normalize_rows_values", normalize_rows)
### END HIDDEN TESTS

# %% nbgrader={"grade": true, "grade_id": "normalize_rows_shapes", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that normalize_rows works for any (m, n) and float32, and leaves x unchanged."""
x = np.array([[1.0, 2.0], [-3.0, 4.0], [0.5, 0.0], [2.0, -2.0]])
before = x.copy()
try:
    with np.errstate(all="ignore"):
        r = normalize_rows(x)
except ValueError as error:
    raise AssertionError(
        f"normalize_rows raised ValueError: {error}. A vector of norms of shape (4,) does not broadcast "
        "with x of shape (4, 2): use np.linalg.norm(x, axis=1, keepdims=True), of shape (4, 1)."
    ) from error
assert np.array_equal(x, before), (
    "normalize_rows modified its input x. Write `x_normalized = x / norm` instead of `x /= norm`."
)
assert r.shape == (4, 2), (
    f"normalize_rows of a (4, 2) matrix must have shape (4, 2), got {r.shape}. Return x divided by its row norms."
)
np.testing.assert_allclose(
    np.linalg.norm(r, axis=1), np.ones(4), rtol=1e-7,
    err_msg="each row must have length 1: divide each row by its L2 norm, np.linalg.norm(x, axis=1, keepdims=True).",
)
single = np.array([[5.0, 12.0]], dtype=np.float32)
np.testing.assert_allclose(
    normalize_rows(single), [[5 / 13, 12 / 13]], rtol=1e-5,
    err_msg="normalize_rows is wrong on a float32 matrix with one row.",
)
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("normalize_rows_shapes", normalize_rows)
### END HIDDEN TESTS

# %% [markdown]
# ## A plot that teaches: normalized rows land on the unit circle
#
# Each row of a $(m, 2)$ matrix is a point in the plane.
# Normalizing moves every point along the line through the origin until it is at distance 1:
# its **direction** is kept, its **length** is forgotten.
# This is what you want when only the direction matters, for example to compare two examples by the angle between them.

# %% tags=["demo"]
try:
    normalize_rows(np.ones((1, 2)))  # the stub raises NotImplementedError until you solve it
except NotImplementedError:
    raise NotImplementedError("solve Exercise 1 (normalize_rows) above first to see this plot") from None
rng = np.random.default_rng(0)
points = rng.uniform(-3, 3, size=(12, 2))
unit = normalize_rows(points)
circle = np.linspace(0, 2 * np.pi, 200)
fig, ax = new_axes("feature 1 (no unit)", "feature 2 (no unit)",
                   "Normalizing a row keeps its direction and sets its length to 1", figsize=(5.5, 5.5))
ax.plot(np.cos(circle), np.sin(circle), color="gray", linewidth=1, label=r"unit circle $\|x\|_2 = 1$")
for p in points:
    ax.plot([0, p[0]], [0, p[1]], color="lightgray", linestyle=":", linewidth=1)
ax.scatter(points[:, 0], points[:, 1], label=r"rows $x_i$")
ax.scatter(unit[:, 0], unit[:, 1], marker="x", color="C3", label=r"$x_i / \|x_i\|_2$")
ax.set_aspect("equal")
ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3, fontsize=8);  # below the axes, off the points

# %% [markdown]
# ## Standardizing the features
#
# Row normalization looks at one example at a time.
# Standardization looks at one **feature** (column) at a time, across all $m$ examples:
# subtract the column's mean $\mu_j$, then divide by its standard deviation $\sigma_j$.
#
# $$\mu_j = \frac{1}{m} \sum_{i=1}^{m} x_{ij}, \qquad
# \sigma_j = \sqrt{\frac{1}{m} \sum_{i=1}^{m} (x_{ij} - \mu_j)^2}, \qquad
# z_{ij} = \frac{x_{ij} - \mu_j}{\sigma_j}$$
#
# Afterwards every column has mean 0 and standard deviation 1, so a feature in metres and one in kilometres look alike.
# We use the *population* standard deviation, dividing by $m$ (`ddof=0`, the default of `np.std`), not by $m - 1$.
# The mean and the standard deviation of each column have shape $(n,)$, which broadcasts along the rows of an $(m, n)$ matrix:
# here, for once, no `keepdims` is needed (it does no harm either).

# %%
data = np.array([[1.0, 200.0], [2.0, 400.0], [3.0, 900.0]])
print("column means:", data.mean(axis=0), " column stds:", data.std(axis=0), " shape", data.mean(axis=0).shape)
z = (data - data.mean(axis=0)) / data.std(axis=0)
print("standardized:\n", z)
print("means after:", z.mean(axis=0).round(12) + 0.0, " stds after:", z.std(axis=0).round(12))

# %% [markdown]
# **Predict, then run.** To subtract the mean of each **row** instead (one number per example), you take the mean over `axis=1`.
# For `data` of shape $(3, 2)$, what shapes have `data.mean(axis=1)` and `data.mean(axis=1, keepdims=True)`,
# and does `data` minus each of them work or fail?
# Write your guesses in the cell below (not graded; `...` means no guess yet), then run the one after it.

# %% tags=["demo"]
my_prediction = [..., ...]  # your two guesses, each a shape and "works" or "fails", e.g. ((7,), "fails")

# %% tags=["demo"]
for label, row_means in [("data.mean(axis=1)", data.mean(axis=1)),
                         ("data.mean(axis=1, keepdims=True)", data.mean(axis=1, keepdims=True))]:
    try:
        outcome = f"works, shape {(data - row_means).shape}"
    except ValueError as problem:
        outcome = f"fails: {problem}"
    print(f"{label:33s} shape {row_means.shape!s:7s} data minus it {outcome}")

# %% [markdown]
# The row means of shape $(3,)$ are lined up from the right with the 2 **columns** of `data`, and 3 is not 2: an error.
# With `keepdims=True` they have shape $(3, 1)$, one number per row, stretched along it.
# The column means of shape $(2,)$ needed no `keepdims`, because there the axis that is left is the last one.

# %% [markdown]
# ---
# ## Exercise 2: standardize (2 points) ★☆☆
#
# Write `standardize(x)` that returns a **new** array $z = (x - \mu) / \sigma$, with the mean $\mu$ and the population
# standard deviation $\sigma$ (`ddof=0`) of **each column** of the float array `x` of shape $(m, n)$, float32 too
# (you may assume that no column is constant). Do not modify `x`.
#
# About 3 lines of code.
#
# <details><summary>Hint 1</summary>
#
# The mean and the standard deviation are taken per feature, down each column: which `axis` is that?
# </details>
#
# <details><summary>Hint 2</summary>
#
# `x.mean(axis=0)` and `x.std(axis=0)`
# </details>

# %% nbgrader={"grade": false, "grade_id": "standardize", "locked": false, "schema_version": 3, "solution": true, "task": false}
def standardize(x):
    """Returns x with each column shifted to mean 0 and scaled to standard deviation 1.

    Arguments:
    x -- a numpy float array of shape (m, n), one example per row, one feature per column, no constant column

    Returns:
    z -- a new array of shape (m, n): (x - mean) / std, with the mean and std (ddof=0) of each column
    """
    ### BEGIN SOLUTION
    mu = x.mean(axis=0)
    sigma = x.std(axis=0)
    z = (x - mu) / sigma
    ### END SOLUTION
    return z


# %% [markdown]
# Your function should return `[[-1.22474487, -1.01904933], [0, -0.33968311], [1.22474487, 1.35873244]]` for
# `x = [[1, 200], [2, 400], [3, 900]]`. Check that it does:

# %%
standardize(np.array([[1.0, 200.0], [2.0, 400.0], [3.0, 900.0]]))

# %% nbgrader={"grade": true, "grade_id": "standardize_values", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that standardize gives (x - mean) / std for each column."""
x = np.array([[1.0, 200.0], [2.0, 400.0], [3.0, 900.0]])
try:
    z = standardize(x)
except ValueError as error:
    raise AssertionError(
        f"standardize raised ValueError: {error}. A mean over axis=1 has one value per row, shape (3,), "
        "which does not broadcast with x of shape (3, 2). Each feature is a column: use axis=0."
    ) from error
assert isinstance(z, np.ndarray), f"standardize must return a NumPy array, got {type(z).__name__}."
assert z.shape == (3, 2), f"standardize must keep the shape (3, 2) of x, got {z.shape}."
expected = np.array([[-1.22474487, -1.01904933], [0.0, -0.33968311], [1.22474487, 1.35873244]])
if np.allclose(z, expected * np.sqrt(2 / 3), rtol=1e-6):
    raise AssertionError("standardize divides by the sample std (ddof=1). Use the population std: x.std(axis=0).")
np.testing.assert_allclose(
    z, expected, rtol=1e-7, atol=1e-12,
    err_msg="standardize([[1, 200], [2, 400], [3, 900]]) has wrong values. "
    "Subtract the mean of each column (axis=0) and divide by the std of each column (axis=0).",
)
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("standardize_values", standardize)
### END HIDDEN TESTS

# %% nbgrader={"grade": true, "grade_id": "standardize_columns", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that every column of standardize(x) has mean 0 and std 1, for any shape, and that x is unchanged."""
rng = np.random.default_rng(4)
x = rng.normal(loc=[5.0, -300.0, 0.01], scale=[1.0, 50.0, 0.002], size=(40, 3))
before = x.copy()
try:
    z = standardize(x)
except ValueError as error:
    raise AssertionError(
        f"standardize raised ValueError: {error}. A mean over axis=1 has one value per row, shape (40,), "
        "which does not broadcast with x of shape (40, 3). Each feature is a column: use axis=0."
    ) from error
assert np.array_equal(x, before), "standardize modified its input x. Write `z = (x - mu) / sigma`, not `x -= mu`."
assert z.shape == (40, 3), f"standardize of a (40, 3) matrix must have shape (40, 3), got {z.shape}."
np.testing.assert_allclose(
    z.mean(axis=0), np.zeros(3), atol=1e-9,
    err_msg="each column of the result must have mean 0: subtract the mean of each column, x.mean(axis=0).",
)
np.testing.assert_allclose(
    z.std(axis=0), np.ones(3), rtol=1e-7,
    err_msg="each column of the result must have std 1: divide by the std of each column, x.std(axis=0) "
    "(not by the range, the variance, or a std over the rows or the whole matrix).",
)
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("standardize_columns", standardize)
### END HIDDEN TESTS

# %% [markdown]
# ## Why standardize? Watch gradient descent on both
#
# We fit a linear model $\hat{y} = x\,w$ to $m = 50$ examples with two features:
# $x_1$ is in $[0, 1]$ and $x_2$ is in $[0, 1000]$, and the targets are $y = 2\,x_1 + 0.003\,x_2 + \text{noise}$.
# Gradient descent minimizes the mean squared error
#
# $$L(w) = \frac{1}{2m} \lVert x w - y \rVert^2, \qquad \nabla L(w) = \frac{1}{m} x^\top (x w - y), \qquad w \leftarrow w - \eta \, \nabla L(w).$$
#
# Over the weights $(w_1, w_2)$ the loss $L$ is a bowl, and the features set its shape.
# Because $x_2$ is about 1000 times larger than $x_1$, a change of $w_2$ changes the loss far more than the same change of $w_1$: the bowl is a long, narrow valley, steep across and almost flat along.
# The learning rate $\eta$ must be small enough for the steep direction, or each step overshoots the valley and gradient descent blows up;
# with such a small step, the flat direction hardly moves, and gradient descent crawls.
# After standardizing, both features have the same scale, the bowl is round, and one learning rate suits every direction.
#
# You write gradient descent yourself in Exercise 3, then run it on raw and on standardized features.
#
# <details><summary>Going deeper: the curvatures of the bowl, the largest stable step, and the factor each step shrinks the error by</summary>
#
# $L$ is a bowl whose curvature along each direction is an eigenvalue of $x^\top x / m$: the largest, $\lambda_{\max}$,
# comes from the big feature $x_2$ (about $4 \times 10^5$ here, of the order of $1000^2 / 3$), the smallest, $\lambda_{\min}$, from the small one $x_1$.
# Gradient descent is stable only if $\eta < 2 / \lambda_{\max}$, otherwise it overshoots along the steep direction and blows up.
# Along a direction of curvature $\lambda$ one step multiplies the error by $1 - \eta\lambda$.
# With $\kappa = \lambda_{\max} / \lambda_{\min}$ (here about $3 \times 10^6$, Exercise 4 computes it), no fixed $\eta$ is good for both directions:
# $\eta = 1/\lambda_{\max}$ fits the steep direction in one step ($1 - \eta\lambda_{\max} = 0$), but the flat one shrinks by only $1 - 1/\kappa$ per step;
# the best fixed step $\eta = 2/(\lambda_{\min} + \lambda_{\max})$ makes both extreme factors the same size,
# $\pm\frac{\kappa - 1}{\kappa + 1} \approx \pm(1 - 2/\kappa)$, so then *every* direction crawls, the steep one too (it flips sign each step).
# After standardizing, both curvatures are close to 1.
# </details>

# %% [markdown]
# ---
# ## Exercise 3: gradient_descent (2 points) ★★☆
#
# Multiplied out, the loss above is a quadratic bowl in $w$, and its gradient is one matrix-vector product:
#
# $$L(w) = \tfrac{1}{2}\, w^\top A\, w - b^\top w + \text{const}, \qquad \nabla L(w) = A w - b, \qquad A = \frac{1}{m} x^\top x \;(n \times n), \quad b = \frac{1}{m} x^\top y \;(n,).$$
#
# Write `gradient_descent(A, b, w0, lr, tol=1e-6, max_steps=10_000)` that starts at `w0` (a float vector of shape $(n,)$) and repeats
# $w \leftarrow w - \eta\,(A w - b)$ with $\eta$ = `lr` until the gradient is `tol` times smaller than at the start,
# $\lVert A w - b \rVert \le \text{tol}\, \lVert A w_0 - b \rVert$ (a *relative* tolerance, fair to features of any scale),
# or until it has made `max_steps` updates, whichever comes first: test the tolerance **before** each update.
# Return the pair `(w, steps)`: the last iterate, a new array of shape $(n,)$, and the number of updates made, an `int`
# (0 when `w0` already meets the tolerance, `max_steps` when it never does, even when the steps diverge).
# Do not modify `w0`. About 7 lines of code.
#
# <details><summary>Hint 1</summary>
#
# A loop that asks two questions before every update: is the gradient already small enough, and are updates left?
# Count the updates as you make them, and compute the threshold once, from `w0`, before the loop.
# </details>
#
# <details><summary>Hint 2</summary>
#
# The gradient is `A @ w - b`, its length `np.linalg.norm(A @ w - b)`; the threshold is `tol * np.linalg.norm(A @ w0 - b)`.
# Compare the lengths with `<=` instead of dividing by the starting one: at the minimum it is 0, and 0 / 0 is NaN.
# </details>
#
# <details><summary>Hint 3</summary>
#
# `w = np.array(w0, dtype=float)` is a new array (`w = w0` is the same array, and `w -= ...` would then change `w0`);
# then `while np.linalg.norm(A @ w - b) > limit and steps < max_steps:` with `w = w - lr * (A @ w - b)` and `steps += 1` inside.
# </details>

# %% nbgrader={"grade": false, "grade_id": "gradient_descent", "locked": false, "schema_version": 3, "solution": true, "task": false}
def gradient_descent(A, b, w0, lr, tol=1e-6, max_steps=10_000):
    """Runs w <- w - lr * (A w - b) from w0 until ||A w - b|| <= tol * ||A w0 - b||, or max_steps updates.

    Arguments:
    A -- a numpy matrix of shape (n, n), symmetric positive definite: the curvature of the bowl
    b -- a numpy vector of shape (n,)
    w0 -- a numpy vector of shape (n,), the start; left unchanged
    lr -- the learning rate (step size), a positive number
    tol -- the relative tolerance on the length of the gradient
    max_steps -- the largest number of updates

    Returns:
    w -- a new numpy vector of shape (n,), the last iterate
    steps -- an int, the number of updates made
    """
    ### BEGIN SOLUTION
    w = np.array(w0, dtype=float)
    limit = tol * np.linalg.norm(A @ w - b)
    steps = 0
    while np.linalg.norm(A @ w - b) > limit and steps < max_steps:
        w = w - lr * (A @ w - b)
        steps += 1
    ### END SOLUTION
    return w, steps


# %% [markdown]
# For $A = \operatorname{diag}(1, 10)$ and $b = (1, 10)$ the minimum is $w^\ast = (1, 1)$.
# With $\eta = 0.1 = 1/\lambda_{\max}$ the steep direction is fitted in the first update, and the flat one shrinks by $1 - 0.1 = 0.9$ per update,
# so from $w_0 = 0$ your function should return about `(array([0.99999074, 1.]), 110)`, and `(array([0.40951, 1.]), 5)` with `max_steps=5`. Check that it does:

# %%
A_small, b_small = np.diag([1.0, 10.0]), np.array([1.0, 10.0])  # shapes (2, 2) and (2,)
print(gradient_descent(A_small, b_small, np.zeros(2), 0.1))
print(gradient_descent(A_small, b_small, np.zeros(2), 0.1, max_steps=5))

# %% nbgrader={"grade": true, "grade_id": "gradient_descent_values", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that gradient_descent returns (w, steps): the iterate near the minimum and the exact number of updates."""
A = np.diag([1.0, 10.0])  # shape (2, 2): curvatures 1 and 10
b = np.array([1.0, 10.0])  # shape (2,): the minimum is w* = (1, 1)
with np.errstate(all="ignore"):  # a step uphill overflows; the asserts below name the problem
    result = gradient_descent(A, b, np.zeros(2), 0.1)
assert isinstance(result, tuple) and len(result) == 2, (
    f"gradient_descent must return a pair (w, steps), got {type(result).__name__}: end with `return w, steps`."
)
w, steps = result
assert isinstance(w, np.ndarray) and w.shape == (2,), (
    f"w must be a NumPy vector of shape (2,), like w0, got {type(w).__name__} of shape {np.shape(w)}. "
    "Did you return (steps, w) the wrong way round?"
)
assert isinstance(steps, (int, np.integer)), f"steps must be an int that counts the updates, got {type(steps).__name__}."
assert np.all(np.isfinite(w)) and w[0] > 0, (
    f"w = {w} went the wrong way: gradient descent subtracts the gradient, w = w - lr * (A @ w - b)."
)
assert steps != 111, (
    "you counted 111 steps, one too many: count the updates you make, starting from 0 (did you test after stepping, "
    "or start counting at 1?)."
)
assert steps == 110, (
    f"from w0 = 0 with lr = 0.1 the gradient is 1e-6 times its start after 110 updates, you returned {steps}. "
    "Stop as soon as np.linalg.norm(A @ w - b) <= tol * np.linalg.norm(A @ w0 - b), tested before each update "
    "(an absolute test ||A w - b|| <= tol stops later here)."
)
np.testing.assert_allclose(
    w, [0.99999074, 1.0], rtol=1e-6,
    err_msg="after 110 updates w should be about (0.99999074, 1): return the last iterate, not the one before it.",
)
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("gradient_descent_values", gradient_descent)
### END HIDDEN TESTS

# %% nbgrader={"grade": true, "grade_id": "gradient_descent_stops", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that gradient_descent stops at once at the minimum, stops at max_steps, even when diverging, and leaves w0 unchanged."""
A = np.diag([1.0, 10.0])  # shape (2, 2)
b = np.array([1.0, 10.0])  # shape (2,): the minimum is w* = (1, 1)
w0 = np.array([1.0, 1.0])  # already the minimum: A @ w0 - b is exactly 0
with np.errstate(all="ignore"):  # a 0 / 0 warns; the assert below names the problem
    w, steps = gradient_descent(A, b, w0, 0.1, max_steps=50)
assert steps == 0, (
    f"at the minimum the gradient is already 0, so no update is needed, but you made {steps}. Test the tolerance "
    "before each update, and compare ||A w - b|| <= tol * ||A w0 - b|| (dividing by ||A w0 - b|| = 0 gives NaN)."
)
np.testing.assert_allclose(w, [1.0, 1.0], err_msg="with no update, w is w0 itself (as a new array).")
start = np.array([3.0, -2.0])  # shape (2,)
w, steps = gradient_descent(A, b, start, 0.1, max_steps=5)
assert np.array_equal(start, [3.0, -2.0]), (
    "gradient_descent modified w0: `w = w0` is the same array, so `w -= ...` changes w0 too. "
    "Start from a copy, w = np.array(w0, dtype=float), or write w = w - lr * g."
)
assert steps == 5, f"with max_steps=5 and the tolerance not met, gradient_descent must make exactly 5 updates, got {steps}."
with np.errstate(all="ignore"):
    w, steps = gradient_descent(A, b, np.zeros(2), 0.25, max_steps=10)  # 0.25 > 2 / 10: diverges
assert steps == 10, (
    f"lr = 0.25 is past the stability limit 2 / 10, so the steps diverge and only max_steps = 10 stops them; got {steps} "
    "steps. Never make more than max_steps updates, and count every one."
)
np.testing.assert_allclose(w, [0.94368649, -56.66503906], rtol=1e-6,
                           err_msg="after 10 diverging updates w should be about (0.944, -56.7): return the last iterate.")
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("gradient_descent_stops", gradient_descent)
### END HIDDEN TESTS

# %% [markdown]
# ## Gradient descent on raw and standardized features
#
# `descent_history` below is given: it runs the same update as your `gradient_descent`, from $w = 0$,
# and records every loss gap $L(w_t) - L(w^\ast)$ (how far the loss still is above its minimum) and every iterate, for the plots;
# it stops when the loss gap is below $10^{-6}$ of the gap at the start.
# Each run gets its best fixed learning rate, which the given `best_lr` computes from the features (the Going deeper above says how):
# for the raw features it is just under the stability limit, the largest learning rate that does not blow up, so no larger stable step exists.
# The raw features also get a run with half the limit.

# %%
def descent_history(x, y, lr, tol=1e-6, max_steps=5000):
    """Runs gradient descent on L(w) = ||x w - y||^2 / (2m) from w = 0, recording every step.

    Returns the loss gaps L(w_t) - L(w*) relative to the gap at t = 0, and the path of w (one row per step).
    Stops when the relative gap is below tol, or after max_steps steps.
    """
    m = len(y)  # x has shape (m, n): one example per row; y has shape (m,)
    w_best = np.linalg.lstsq(x, y, rcond=None)[0]  # shape (n,)
    loss_best = np.sum((x @ w_best - y) ** 2) / (2 * m)  # one number
    w = np.zeros(x.shape[1])  # shape (n,)
    gaps, path = [], [w]
    for _ in range(max_steps + 1):
        residual = x @ w - y  # (m, n) @ (n,) - (m,) -> shape (m,)
        gaps.append(np.sum(residual**2) / (2 * m) - loss_best)
        if gaps[-1] <= tol * gaps[0]:
            break
        w = w - lr * (x.T @ residual) / m  # (n, m) @ (m,) -> shape (n,), the gradient
        path.append(w)
    return np.array(gaps) / gaps[0], np.array(path)  # shapes (steps + 1,) and (steps + 1, n)


def best_lr(x):
    """Returns 2 / (lambda_min + lambda_max) for the loss bowl of x, and the stability limit 2 / lambda_max."""
    curvatures = np.linalg.eigvalsh(x.T @ x / len(x))  # (n, n) matrix -> its n eigenvalues, ascending
    return 2 / (curvatures[0] + curvatures[-1]), 2 / curvatures[-1]


rng = np.random.default_rng(0)
m = 50
x_raw = np.column_stack([rng.uniform(0, 1, m), rng.uniform(0, 1000, m)])  # shape (50, 2): one example per row
y = x_raw @ np.array([2.0, 0.003]) + rng.normal(0, 0.1, m)  # (50, 2) @ (2,) -> shape (50,)
try:
    x_std, y_centered = standardize(x_raw), y - y.mean()  # shapes (50, 2) and (50,); the intercept is the mean of y
except NotImplementedError:
    raise NotImplementedError("solve Exercise 2 (standardize) above first: the rest of this notebook needs it") from None

lr_raw, limit_raw = best_lr(x_raw)
lr_std, limit_std = best_lr(x_std)
gaps_raw, path_raw = descent_history(x_raw, y, lr_raw)
gaps_std, path_std = descent_history(x_std, y_centered, lr_std)
gaps_half, _ = descent_history(x_raw, y, limit_raw / 2)  # eta = 1 / lambda_max: the steep direction in one step
steps_raw, steps_std = len(gaps_raw) - 1, len(gaps_std) - 1
print(f"raw features:          lr = {lr_raw:.3e} (limit {limit_raw:.3e}), "
      f"{steps_raw} steps, gap left {gaps_raw[-1]:.3f} of the start")
print(f"standardized features: lr = {lr_std:.3f} (limit {limit_std:.3f}), "
      f"{steps_std} steps, gap left {gaps_std[-1]:.1e} of the start")
print(f"raw features:          lr = 1/lambda_max = {limit_raw / 2:.3e}, gap left after 1 step {gaps_half[1]:.3f} "
      f"(the part along the flat direction), after {len(gaps_half) - 1} steps {gaps_half[-1]:.3f}")
with np.errstate(all="ignore"):
    unstable, _ = descent_history(x_raw, y, 1.01 * limit_raw, max_steps=500)
print(f"raw features with lr = 1.01 x limit: gap after 500 steps = {unstable[-1]:.1e} of the start (diverges)")

# %% [markdown]
# ### Steps to converge, with your `gradient_descent`
#
# The same two problems as bowls $A = x^\top x / m$, $b = x^\top y / m$, at the same learning rates, solved by your function
# to a gradient $10^{-6}$ times smaller than at the start, with at most 5000 updates (solve Exercise 3 first):

# %% tags=["demo"]
if "x_std" not in globals():  # made by the gradient-descent cell above
    raise NotImplementedError("solve Exercise 2 (standardize) above and run the gradient-descent cell again first")
try:
    gradient_descent(np.eye(1), np.zeros(1), np.zeros(1), 0.5)  # the stub raises NotImplementedError until you solve it
except NotImplementedError:
    raise NotImplementedError("solve Exercise 3 (gradient_descent) above first to see these step counts") from None
for name, features, targets, lr in [("raw x", x_raw, y, lr_raw), ("standardized z", x_std, y_centered, lr_std)]:
    A_bowl, b_bowl = features.T @ features / m, features.T @ targets / m  # shapes (2, 2) and (2,)
    w_end, my_steps = gradient_descent(A_bowl, b_bowl, np.zeros(2), lr, tol=1e-6, max_steps=5000)
    left = np.linalg.norm(A_bowl @ w_end - b_bowl) / np.linalg.norm(b_bowl)  # gradient left, relative to the start
    print(f"{name:15s} {my_steps:5d} steps{' (the cap)' if my_steps == 5000 else ''}, gradient left {left:.1e} of the start")

# %% [markdown]
# ## A plot that teaches: standardized features converge in a few steps, raw ones crawl
#
# The plot shows the loss gap at each step on a log scale, where a straight line is a constant factor per step.
# On standardized features the gap falls by a factor of several hundred per step, and reaches the tolerance in a few steps.
# On raw features it stalls far above the tolerance at either learning rate: after 5000 steps, 7 % of the gap is left at half the limit, and 99 % at the best fixed step.
#
# <details><summary>Going deeper: why the two raw curves stall where they do</summary>
#
# With $\eta = 1/\lambda_{\max}$, half the limit, the steep direction (mostly $w_2$) is fitted in the first step:
# the gap drops to the part that lies along the flat direction (mostly $w_1$, about 7 % here), which then hardly moves.
# With the best fixed step $\eta = 2/(\lambda_{\min} + \lambda_{\max})$ the curve sits flat at 1:
# most of the starting gap lies in the steep direction, which now shrinks by the same factor $1 - 2/\kappa$ as the flat one,
# so after 5000 steps almost all of the gap is left.
# </details>

# %% tags=["demo"]
if "steps_std" not in globals():  # made by the gradient-descent cell above
    raise NotImplementedError("solve Exercise 2 (standardize) above and run the gradient-descent cell again first, to see this plot")
fig, ax = new_axes("gradient-descent step t (steps)", r"loss gap $(L(w_t) - L^*) / (L(w_0) - L^*)$",
                   f"Standardized: tolerance in {steps_std} steps; raw: not in {steps_raw:,} at either η",
                   figsize=(6.5, 4))
ax.semilogy(np.arange(1, len(gaps_raw) + 1), gaps_raw,
            label=r"raw $x$ ($x_2 \in [0, 1000]$), $\eta = 2/(\lambda_{\min} + \lambda_{\max})$")
ax.semilogy(np.arange(1, len(gaps_half) + 1), gaps_half, "--", label=r"raw $x$, $\eta = 1/\lambda_{\max}$")
ax.semilogy(np.arange(1, len(gaps_std) + 1), gaps_std, "o-", label=r"standardized $z = (x - \mu) / \sigma$")
ax.axhline(1e-6, color="gray", linestyle=":", label=r"tolerance $10^{-6}$")
ax.set_xscale("log")
ax.set_xlabel("gradient-descent step t + 1 (steps, log scale)")
ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=2, fontsize=8);  # below the axes, off the curves

# %% [markdown]
# ## A plot that teaches: the zig-zag in a long, narrow bowl
#
# With features on such different scales the bowl is so narrow that its picture would be a line.
# Here $x_2$ is in $[0, 10]$ instead, ten times the range of $x_1$, to make it visible,
# and the learning rate is 90 % of the stability limit.
# Each contour line joins the weights of equal loss; its colour is the loss gap $L(w) - L(w^\ast)$ on a log scale (the colour bar).
# The contours of the raw loss are long thin ellipses: the gradient points across the valley, not along it,
# so the first steps jump from one wall to the other, and then the path crawls along the valley floor.
# The contours of the standardized loss are almost circles, and the gradient points straight at the minimum.

# %% tags=["demo"]
if "steps_std" not in globals():  # made by the gradient-descent cell above
    raise NotImplementedError("solve Exercise 2 (standardize) above and run the gradient-descent cell again first, to see this plot")
x_ten = x_raw * [1.0, 0.01]  # x_2 now in [0, 10]
_, limit_ten = best_lr(x_ten)
_, path_ten = descent_history(x_ten, y, 0.9 * limit_ten, max_steps=50)
fig, axes = plt.subplots(1, 2, figsize=(12, 4.6), width_ratios=[2.4, 1], layout="constrained")
for ax, (xs, ys, path, name) in zip(axes, [
    (x_ten, y, path_ten, r"raw, $x_1 \in [0, 1]$, $x_2 \in [0, 10]$: 50 steps, far from $w^*$"),
    (x_std, y_centered, path_std, f"standardized: {steps_std} steps to $w^*$"),
], strict=True):
    w_best = np.linalg.lstsq(xs, ys, rcond=None)[0]  # shape (2,): the minimum
    loss_best = np.sum((xs @ w_best - ys) ** 2) / (2 * len(ys))  # one number: L(w*)
    low, high = np.minimum(path.min(axis=0), w_best), np.maximum(path.max(axis=0), w_best)
    pad = 0.15 * (high - low).max()
    w1, w2 = np.meshgrid(np.linspace(low[0] - pad, high[0] + pad, 100), np.linspace(low[1] - pad, high[1] + pad, 100))
    grid = np.stack([w1.ravel(), w2.ravel()])  # shape (2, 10000): one grid point per column
    loss = (np.sum((xs @ grid - ys[:, None]) ** 2, axis=0) / (2 * len(ys))).reshape(w1.shape)  # shape (100, 100)
    lines = ax.contour(w1, w2, np.log10(loss - loss_best + 1e-3), levels=15, cmap="viridis", linewidths=0.8)
    fig.colorbar(lines, ax=ax, shrink=0.8, label=r"$\log_{10}(L(w) - L(w^*) + 10^{-3})$")
    ax.plot(path[:, 0], path[:, 1], "o-", color="C3", markersize=3, linewidth=1, label=r"$w_t$, from $w_0 = 0$")
    ax.plot(*w_best, "k*", markersize=12, label=r"minimum $w^*$")
    ax.set(xlabel=r"weight $w_1$ (no unit)", ylabel=r"weight $w_2$ (no unit)", title=name)
    ax.set_aspect("equal")
fig.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center", ncol=2, fontsize=9)  # below, off the contours
fig.suptitle("Contours of the loss: gradient descent zig-zags in a narrow bowl and goes straight down a round one");

# %% [markdown]
# ### Move the learning rate yourself
#
# The slider sets the learning rate $\eta$ of gradient descent on the raw bowl above ($x_2 \in [0, 10]$) as a fraction $f$ of the stability limit,
# and draws the first 30 steps from $w_0 = 0$.
# Below half the limit the path slides down the wall without crossing the valley;
# between half the limit and the limit it zig-zags from wall to wall, the more the closer $f$ is to 1;
# at exactly the limit it bounces forever, and past it every step lands farther up the other wall: gradient descent **diverges**.
# Where `ipywidgets` is not installed, the cell draws three learning rates side by side instead.
#
# <details><summary>Going deeper: the factor each step multiplies the error by</summary>
#
# The stability limit is $2/\lambda_{\max}$, so $\eta = f \cdot 2/\lambda_{\max}$,
# and along the steep direction each step multiplies the error by $1 - \eta\lambda_{\max} = 1 - 2f$:
# below $f = 1/2$ the factor is positive, so the error keeps its sign and the path stays on its side of the valley;
# between $1/2$ and $1$ it is negative, so the error flips sign every step, shrinking less the closer $f$ is to 1;
# at exactly 1 the factor is $-1$, and past 1 it is below $-1$, so the error grows every step.
# </details>

# %% tags=["demo", "nbval-ignore-output"]
x_wide = x_raw * [1.0, 0.01]  # shape (50, 2): x_2 in [0, 10], the raw bowl of the plot above
_, limit_wide = best_lr(x_wide)  # the stability limit 2 / lambda_max, one number
w_star = np.linalg.lstsq(x_wide, y, rcond=None)[0]  # shape (2,): the minimum
_, stable_path = descent_history(x_wide, y, 0.9 * limit_wide, max_steps=50)  # shape (51, 2): frames the picture
low, high = np.minimum(stable_path.min(axis=0), w_star), np.maximum(stable_path.max(axis=0), w_star)  # shapes (2,)
pad = 0.15 * (high - low).max()
w1, w2 = np.meshgrid(np.linspace(low[0] - pad, high[0] + pad, 100), np.linspace(low[1] - pad, high[1] + pad, 100))
bowl = np.sum((x_wide @ np.stack([w1.ravel(), w2.ravel()]) - y[:, None]) ** 2, axis=0) / (2 * len(y))  # (10000,)
bowl = bowl.reshape(w1.shape)  # shape (100, 100): the loss at each grid point
bowl_best = np.sum((x_wide @ w_star - y) ** 2) / (2 * len(y))  # one number: the loss at the minimum, L(w*)


def draw_learning_rate(ax, fraction):
    """Draws 30 gradient-descent steps with eta = fraction * 2 / lambda_max on the contours of the raw bowl."""
    with np.errstate(all="ignore"):  # a diverging run may overflow; the picture shows it leave
        gaps, path = descent_history(x_wide, y, fraction * limit_wide, tol=0.0, max_steps=30)
    lines = ax.contour(w1, w2, np.log10(bowl - bowl_best + 1e-3), levels=15, cmap="viridis", linewidths=0.8)
    ax.plot(path[:, 0], path[:, 1], "o-", color="C3", markersize=3, linewidth=1, label=r"$w_t$, from $w_0 = 0$")
    ax.plot(*w_star, "k*", markersize=12, label=r"minimum $w^*$")
    verdict = "bounces forever" if abs(fraction - 1) < 1e-9 else "converges, slowly" if fraction < 1 else "diverges"
    ax.set(xlim=(w1.min(), w1.max()), ylim=(w2.min(), w2.max()), aspect="equal",
           xlabel=r"weight $w_1$ (no unit)", ylabel=r"weight $w_2$ (no unit)",
           title=f"η = {fraction:.2f} × 2/λmax: {verdict}\nloss gap after {len(gaps) - 1} steps: {gaps[-1]:.2g} of the start")
    return lines  # the contour lines, for the colour bar


BOWL_COLOURS = r"$\log_{10}(L(w) - L(w^*) + 10^{-3})$"  # what the colour of a contour line says


def show_learning_rate(fraction=0.9):
    """Shows 30 gradient-descent steps at one learning rate, a fraction of the stability limit."""
    fig, ax = plt.subplots(figsize=(8, 4.5), layout="constrained")
    fig.colorbar(draw_learning_rate(ax, fraction), ax=ax, shrink=0.8, label=BOWL_COLOURS)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2, fontsize=8)  # below the axes, off the contours
    plt.show()


try:
    import ipywidgets
except ModuleNotFoundError:
    ipywidgets = None
if ipywidgets is not None:
    ipywidgets.interact(show_learning_rate, fraction=ipywidgets.FloatSlider(
        value=0.9, min=0.1, max=1.2, step=0.05, description="η λmax / 2", readout_format=".2f"))
else:
    print("ipywidgets is not installed here, so there is no slider: three learning rates side by side instead.")
    fig, axes = plt.subplots(1, 3, figsize=(15, 3.8), layout="constrained")
    for ax, fraction in zip(axes, [0.4, 0.9, 1.05], strict=True):
        lines = draw_learning_rate(ax, fraction)
    fig.colorbar(lines, ax=axes, shrink=0.8, label=BOWL_COLOURS)  # one bowl, the same colours in every panel
    fig.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center", ncol=2, fontsize=9)  # off the contours
    fig.suptitle("Gradient descent on the raw bowl: slow below 2/λmax, zig-zagging near it, diverging past it");

# %% [markdown]
# ## Going deeper (optional): the number of steps grows like the square of the scale ratio
#
# <details><summary>Going deeper: steps against the scale ratio, with your gradient_descent</summary>
#
# Make the range of $x_2$ equal to $s$ times the range of $x_1$ and count, with your `gradient_descent`, the steps until the gradient is $10^{-6}$ times its start.
# On raw features $\lambda_{\max} / \lambda_{\min}$ grows like $s^2$, and so does the number of steps:
# ten times the range, a hundred times the steps.
# Standardized features are the same for every $s$ (dividing by $\sigma$ removes the scale), so the count does not move.
# At the ratio 1000 of the first experiment, raw gradient descent would need millions of steps.
# </details>

# %% tags=["demo"]
# Going deeper: the steps of your gradient_descent against the scale ratio s, raw and standardized
if "steps_std" not in globals():  # made by the gradient-descent cell above
    raise NotImplementedError("solve Exercise 2 (standardize) above and run the gradient-descent cell again first, to see this plot")
try:
    gradient_descent(np.eye(1), np.zeros(1), np.zeros(1), 0.5)  # the stub raises NotImplementedError until you solve it
except NotImplementedError:
    raise NotImplementedError("solve Exercise 3 (gradient_descent) above first to see this plot") from None
ratios = np.array([1, 3, 10, 30])
counts_raw, counts_std = [], []
for s in ratios:
    x_s = x_raw * [1.0, s / 1000]  # shape (50, 2): x_2 in [0, s]
    z_s = standardize(x_s)  # shape (50, 2)
    for features, targets, counts in [(x_s, y, counts_raw), (z_s, y_centered, counts_std)]:
        A_s, b_s = features.T @ features / m, features.T @ targets / m  # shapes (2, 2) and (2,)
        counts.append(gradient_descent(A_s, b_s, np.zeros(2), best_lr(features)[0], max_steps=50_000)[1])
print("scale ratio s:       ", ratios)
print("steps, raw:          ", counts_raw)
print("steps, standardized: ", counts_std)
print(f"extrapolated to s = 1000: about {counts_raw[-1] * (1000 / ratios[-1]) ** 2:.0e} raw steps")

fig, ax = new_axes("scale ratio s = range of x₂ / range of x₁ (no unit)", "steps to reach the tolerance (steps)",
                   f"Raw: steps grow like s²; standardized: {counts_std[0]} steps for every s")
ax.loglog(ratios, counts_raw, "o-", label=r"raw $x$")
ax.loglog(ratios, counts_std, "s-", label=r"standardized $z = (x - \mu) / \sigma$")
ax.loglog(ratios, counts_raw[-1] * (ratios / ratios[-1]) ** 2, "k:", label=r"reference slope $\propto s^2$")
ax.legend(fontsize=8);

# %% [markdown]
# ---
# ## Exercise 4: condition_number (2 points) ★★☆
#
# Everything above hangs on one number, the **condition number** of the loss bowl:
#
# $$\kappa(x) = \frac{\lambda_{\max}}{\lambda_{\min}}, \qquad \lambda_{\min} \le \dots \le \lambda_{\max} \text{ the eigenvalues of the curvature matrix } H = \frac{1}{m}\, x^\top x .$$
#
# $\kappa = 1$ is a round bowl; the larger $\kappa$, the narrower the bowl, and the more steps gradient descent needs.
# $H$ is symmetric, so its eigenvalues are real and `np.linalg.eigvalsh` returns them in ascending order, as `best_lr` above uses.
#
# <details><summary>Going deeper: how many steps κ predicts</summary>
#
# Gradient descent with the best fixed step shrinks the distance to the minimum by at least $\frac{\kappa - 1}{\kappa + 1}$ per step,
# and the loss gap by the square of that, so it needs about $\frac{\kappa}{4} \ln \frac{1}{\text{tol}}$ steps to divide the gap by $1/\text{tol}$ when $\kappa$ is large.
# </details>
#
# Write `condition_number(x)` that returns $\kappa$ for a data matrix `x` of shape $(m, n)$, one example per row, as one number.
# Then compare it for `x_raw` and `x_std` in the cell after the tests. Do not modify `x`. About 2 lines.
#
# <details><summary>Hint 1</summary>
#
# Build $H$ first and check its shape: it has one row and one column per **feature**, so it is $(n, n)$, not $(m, m)$.
# </details>
#
# <details><summary>Hint 2</summary>
#
# `curvatures = np.linalg.eigvalsh(x.T @ x / len(x))`, then divide the last entry by the first.
# </details>

# %% nbgrader={"grade": false, "grade_id": "condition_number", "locked": false, "schema_version": 3, "solution": true, "task": false}
def condition_number(x):
    """Returns the condition number lambda_max / lambda_min of the curvature matrix x.T @ x / m.

    Arguments:
    x -- a numpy float array of shape (m, n), one example per row, with linearly independent columns

    Returns:
    kappa -- a number, at least 1
    """
    ### BEGIN SOLUTION
    curvatures = np.linalg.eigvalsh(x.T @ x / len(x))
    kappa = curvatures[-1] / curvatures[0]
    ### END SOLUTION
    return kappa


# %% [markdown]
# For `x = [[1, 0], [0, 3], [-1, 0], [0, -3]]` the curvature matrix is $\operatorname{diag}(0.5, 4.5)$, so your function should return `9.0`. Check that it does:

# %%
condition_number(np.array([[1.0, 0.0], [0.0, 3.0], [-1.0, 0.0], [0.0, -3.0]]))

# %% nbgrader={"grade": true, "grade_id": "condition_number_values", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that condition_number is the ratio of the extreme eigenvalues of x.T @ x / m."""
x = np.array([[1.0, 0.0], [0.0, 3.0], [-1.0, 0.0], [0.0, -3.0]])  # shape (4, 2): H = diag(0.5, 4.5)
before = x.copy()
kappa = condition_number(x)
assert np.ndim(kappa) == 0, f"condition_number must return one number, got an object of shape {np.shape(kappa)}."
assert np.array_equal(x, before), "condition_number modified its input x."
assert not np.isclose(kappa, 3.0), (
    "you got 3 = σmax / σmin of x itself (np.linalg.cond(x)); the curvatures are the eigenvalues of x.T @ x / m, "
    "and their ratio is the square, 9."
)
assert not np.isclose(kappa, 1 / 9), "you got 1/9: divide the largest eigenvalue by the smallest, not the other way."
assert np.isfinite(kappa) and kappa < 1e6, (
    f"you got {kappa}: a huge or infinite ratio means a zero eigenvalue. Did you use x @ x.T, of shape (m, m)? "
    "The curvature matrix is x.T @ x / m, of shape (n, n)."
)
assert np.isclose(kappa, 9.0, rtol=1e-9), f"condition_number of diag-like x should be 4.5 / 0.5 = 9, got {kappa}."
correlated = np.array([[2.0, 1.0], [1.0, 2.0]])  # H = [[2.5, 2], [2, 2.5]], eigenvalues 0.5 and 4.5
assert not np.isclose(condition_number(correlated), 1.0), (
    "for correlated features the diagonal of x.T @ x / m can be equal while the bowl is narrow: "
    "use the eigenvalues (np.linalg.eigvalsh), not the diagonal entries."
)
assert np.isclose(condition_number(correlated), 9.0, rtol=1e-9), (
    f"condition_number([[2, 1], [1, 2]]) should be 4.5 / 0.5 = 9, got {condition_number(correlated)}."
)
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("condition_number_values", condition_number)
### END HIDDEN TESTS

# %% nbgrader={"grade": true, "grade_id": "condition_number_properties", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that κ is 1 for a single feature, unchanged by scaling all of x, and grows like the square of a feature's scale."""
rng = np.random.default_rng(5)
x = rng.normal(size=(30, 2))  # shape (30, 2)
assert np.isclose(condition_number(x[:, :1]), 1.0, rtol=1e-9), (
    "with one feature the curvature matrix is 1 x 1 and κ = 1; got " + str(condition_number(x[:, :1]))
)
assert np.isclose(condition_number(10 * x), condition_number(x), rtol=1e-9), (
    "scaling every feature by 10 scales every eigenvalue by 100, so κ must not change; did you standardize inside?"
)
ratio = condition_number(x * [1.0, 30.0]) / condition_number(x * [1.0, 3.0])
assert 50 < ratio < 200, (
    f"making the second feature 10 times larger should multiply κ by roughly 10² = 100, got {ratio:.3g}: "
    "κ is a ratio of eigenvalues of x.T @ x / m, which grow like the square of the scale."
)
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("condition_number_properties", condition_number)
### END HIDDEN TESTS

# %% [markdown]
# **Predict, then run.** For the raw features $\kappa$ is about $3 \times 10^6$: the bowl is millions of times more curved across the valley than along it.
# For the standardized features every column has mean 0 and standard deviation 1: is $\kappa$ of `x_std` then exactly 1, or a bit more, and why?
# Write your guess in the cell below (not graded), then run the cell after the next one.

# %% tags=["demo"]
my_prediction = ...  # your guess of condition_number(x_std), e.g. 2.5

# %% [markdown]
# The condition numbers of the first experiment, with your `condition_number` (solve Exercise 4 first):

# %%
if "x_std" not in globals():  # made by the gradient-descent cell above
    raise NotImplementedError("solve Exercise 2 (standardize) above and run the gradient-descent cell again first: this cell needs x_std")
try:
    condition_number(np.eye(2))  # the stub raises NotImplementedError until you solve it
except NotImplementedError:
    raise NotImplementedError("solve Exercise 4 (condition_number) above first to see these numbers") from None
for name, features in [("raw x", x_raw), ("standardized z", x_std)]:
    print(f"{name:15s} kappa = {condition_number(features):11.4g}")

# %% [markdown]
# Not exactly 1, but close (about 1.09): an almost round bowl, where the raw features gave millions.
# Standardizing removes the scales, not the correlation between the features, and two random features of 50 examples are slightly correlated by chance.
#
# <details><summary>Going deeper: κ of standardized features, and the steps it predicts</summary>
#
# After standardizing, $x^\top x / m$ is the **correlation matrix** of the features, $\begin{bmatrix} 1 & r \\ r & 1 \end{bmatrix}$,
# whose eigenvalues are $1 + |r|$ and $1 - |r|$, so $\kappa = \frac{1 + |r|}{1 - |r|}$: 1 only for uncorrelated features.
# The cell below checks it, and prints the number of steps after which the bound $\big(\frac{\kappa - 1}{\kappa + 1}\big)^{2t}$ on the loss gap is below $10^{-6}$.
# The standardized run above needed no more than that, and the raw one would need millions.
# </details>

# %% tags=["demo"]
# Going deeper: the correlation of the features, and the step bound of each condition number
if "x_std" not in globals():  # made by the gradient-descent cell above
    raise NotImplementedError("solve Exercise 2 (standardize) above and run the gradient-descent cell again first: this cell needs x_std")
try:
    condition_number(np.eye(2))  # the stub raises NotImplementedError until you solve it
except NotImplementedError:
    raise NotImplementedError("solve Exercise 4 (condition_number) above first to see these numbers") from None
r = np.corrcoef(x_raw, rowvar=False)[0, 1]  # correlation of the two features, one number
print(f"correlation of the two features r = {r:.3f}, (1 + |r|) / (1 - |r|) = {(1 + abs(r)) / (1 - abs(r)):.4g}")
for name, features in [("raw x", x_raw), ("standardized z", x_std)]:
    kappa = condition_number(features)
    bound = np.log(1e-6) / (2 * np.log((kappa - 1) / (kappa + 1)))  # steps t until the bound reaches 1e-6
    print(f"{name:15s} kappa = {kappa:11.4g}, steps for a gap of 1e-6 at most {np.ceil(bound):.3g}")

# %% [markdown]
# ## Summary
#
# - `x / np.linalg.norm(x, axis=1, keepdims=True)` gives every row length 1; the norms have shape $(m, 1)$ so they divide rows.
# - Without `keepdims` the norms have shape $(m,)$ and divide the *columns*: an error for most shapes, silently wrong values for a square matrix.
# - `(x - x.mean(axis=0)) / x.std(axis=0)` standardizes each feature to mean 0 and standard deviation 1 (population std, `ddof=0`).
# - Gradient descent's step is limited by the steepest direction of the loss; with features on very different scales
#   the flat directions then crawl: here 5000 steps on the raw features did not reach the tolerance.
# - On standardized features the loss bowl is round and gradient descent converges in a handful of steps.
# - Gradient descent on a quadratic bowl is one line, `w = w - lr * (A @ w - b)`, in a loop that tests a relative tolerance $\lVert A w - b \rVert \le \text{tol}\, \lVert A w_0 - b \rVert$ before each update and stops at a step cap.
# - The condition number $\kappa = \lambda_{\max} / \lambda_{\min}$ of $x^\top x / m$ measures how narrow the bowl is: about $3 \times 10^6$ on the raw features here, close to 1 on standardized ones.
# - Going deeper: the best fixed step needs about $\frac{\kappa}{4} \ln \frac{1}{\text{tol}}$ steps to divide the loss gap by $1/\text{tol}$, so the steps grow like the square of the scale ratio.

# %% [markdown]
# <!--NAVIGATION-->
# < [03 Unrolling images with reshape](03_reshape.ipynb) | [Contents](CONTENTS.md) | [05 Softmax and broadcasting](05_softmax_broadcasting.ipynb) >
