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
# < [04 Normalizing data](04_normalization.ipynb) | [Contents](CONTENTS.md) | [06 Vectorization](06_vectorization.ipynb) >

# %% [markdown]
# # 05 Softmax and broadcasting: one column of row sums turns a matrix of scores into probabilities
#
# **Learning goals**
#
# - You can predict the shape of `a + b` from the shapes of `a` and `b` with the broadcasting rules, or say why it fails.
# - You can compute the softmax of every row of a matrix, without a loop, using `keepdims=True` so that broadcasting divides each row by its own sum.
# - You can explain why softmax outputs form a probability distribution, why the exponential favours the largest score, and how softmax relates to the sigmoid.
# - You can make softmax numerically stable by subtracting the row maximum, and compute log-softmax and the cross-entropy by log-sum-exp, exactly even where a probability underflows.
# - You can find and fix a broadcasting bug that a square matrix hides, and compute the softmax Jacobian-vector product without building the Jacobian, checked by finite differences.
# - Going deeper (optional): you can derive the Jacobian of softmax, $\operatorname{diag}(s) - s s^\top$, and say when a probability underflows to exactly 0 or 1.
#
# Expected time: about 65 minutes (core path).
# The folded "Going deeper" sections, on probabilities that underflow to exactly 0 or 1, the derivation of the softmax Jacobian, and the error of the finite-difference check against the step $h$, are optional.

# %% [markdown]
# ## The idea: broadcasting
#
# NumPy combines two arrays of different shapes elementwise by *broadcasting* them to a common shape, without copying data.
# Write the two shapes one above the other, **aligned on the right**, and compare them one dimension at a time, from the last one.
# Two sizes are compatible when they are **equal or one of them is 1**; a dimension missing from the shorter shape **counts as 1**.
# In each dimension the result takes **the size that is not 1** (the common size when they are equal): the array of size 1 is stretched, as if its one slice were repeated.
# That is usually the larger size, but not always: a size 0 meets a 1 as `(0,)` with `(1,)`, and the result is `(0,)`, an empty array.
# If any pair differs and neither size is 1, NumPy raises a `ValueError`.
#
# For shapes $(a_1, \dots, a_k)$ and $(b_1, \dots, b_k)$ (the shorter one padded with 1s on the left):
#
# $$\text{result}_i = \begin{cases} b_i & \text{if } a_i = 1 \\ a_i & \text{if } b_i = 1 \text{ or } a_i = b_i \end{cases} \qquad\text{and a ValueError otherwise.}$$
#
# | | example 1 | example 2 | example 3 | example 4 |
# |---|---|---|---|---|
# | `a.shape` | `(3, 4)` | `(3, 1)` | `(2, 1, 3)` | `(3, 4)` |
# | `b.shape` | `   (4,)` | `(1, 4)` | `   (4, 1)` | `   (3,)` |
# | `b` padded | `(1, 4)` | `(1, 4)` | `(1, 4, 1)` | `(1, 3)` |
# | result | `(3, 4)` | `(3, 4)` | `(2, 4, 3)` | error: 4 ≠ 3 |
#
# The cell below checks the first three examples with real arrays.

# %%
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.collections import PatchCollection
from matplotlib.patches import Rectangle

try:
    from course_tools import new_axes  # course_tools.py ships beside this notebook
except ModuleNotFoundError as missing:
    if missing.name != "course_tools":
        raise
    raise ModuleNotFoundError("course_tools.py is not beside this notebook: put the course_tools.py of your course "
                              "folder next to it (in Colab: Files panel on the left, Upload) and run this cell again.") from None

a = np.arange(12.0).reshape(3, 4)  # shape (3, 4)
row = np.array([10.0, 20.0, 30.0, 40.0])  # shape (4,)
print("(3, 4) + (4,)      ->", (a + row).shape)
print(a + row)
column = np.array([[1.0], [2.0], [3.0]])  # shape (3, 1)
print("(3, 1) + (1, 4)    ->", (column + row.reshape(1, 4)).shape)
print("(2, 1, 3) + (4, 1) ->", (np.zeros((2, 1, 3)) + np.zeros((4, 1))).shape)

# %% [markdown]
# The fourth example fails: aligned on the right, the vector of length 3 meets the 4 columns.
# A vector of length 3 does *not* match the 3 rows, because shapes are never aligned on the left.
# The error is the lesson, so this cell is tagged `raises-exception`.

# %% tags=["raises-exception"]
a + np.array([1.0, 2.0, 3.0])  # ValueError: operands could not be broadcast together with shapes (3,4) (3,)

# %% [markdown]
# To add something to each *row* instead, make it a column of shape `(3, 1)`; `[:, None]` adds that axis:

# %%
print((a + np.array([1.0, 2.0, 3.0])[:, None]).shape)
print(a + np.array([1.0, 2.0, 3.0])[:, None])

# %% [markdown]
# **Predict, then run.** Apply the rules by hand to two sums you have not seen yet, before the cell after the next one shows them:
# `np.ones((5, 1, 4)) + np.ones((3, 1))` and `np.ones((2, 3)) + np.ones((2,))`.
# Write each result shape as a tuple, or `"error"`, in the cell below. It is not graded; `...` means no guess yet.

# %% tags=["demo"]
my_prediction = [..., ...]  # your two guesses, each a shape such as (7, 8, 9) or "error"

# %% tags=["demo"]
for left_shape, right_shape in [((5, 1, 4), (3, 1)), ((2, 3), (2,))]:
    try:
        outcome = (np.ones(left_shape) + np.ones(right_shape)).shape
    except ValueError as problem:
        outcome = f"ValueError: {problem}"
    print(f"{left_shape} + {right_shape} -> {outcome}")

# %% [markdown]
# `(3, 1)` is padded to `(1, 3, 1)`: its 1s stretch to the 5 and the 4 of the other shape, and its 3 stretches the other's 1, so the result `(5, 3, 4)` is larger than both.
# The vector of length 2 meets the 3 *columns* of `(2, 3)`, not its 2 rows: it fails, and `np.ones((2,))[:, None]` would fix it.

# %% [markdown]
# ## A plot that teaches: what broadcasting stretches
#
# Each row of the figure is one operation.
# Solid cells are stored in memory; pale dashed cells are the *virtual* copies broadcasting makes along a dimension of size 1.
# Every `b` is drawn aligned on the right, as broadcasting lines the shapes up: its last dimension under the last dimension of `a`.
# The third row is the one softmax needs: a column of shape `(3, 1)` (one number per row) divides the whole `(3, 4)` matrix.
# The last row shows why `(3, 4)` and `(3,)` fail: aligned on the right, the 3 numbers of `b` sit under the last 3 of the 4 columns,
# the first column has no partner (the red dashed cell), and a size 3 cannot be stretched to 4: only a size 1 can.


# %% tags=["demo"]
def draw_array(ax, x0, y0, shape, stored, color, label):
    """Draws an array of `shape` at (x0, y0): the `stored` block solid, the stretched copies pale and dashed."""
    rows, cols = shape
    cells = [(r, c) for r in range(rows) for c in range(cols)]
    real = [Rectangle((x0 + c, y0 - r - 1), 1, 1) for r, c in cells if r < stored[0] and c < stored[1]]
    copies = [Rectangle((x0 + c, y0 - r - 1), 1, 1) for r, c in cells if r >= stored[0] or c >= stored[1]]
    ax.add_collection(PatchCollection(real, facecolor=color, edgecolor="black", linewidth=1))
    ax.add_collection(PatchCollection(copies, facecolor=color, alpha=0.2, edgecolor="black", linestyle="--", linewidth=1))
    ax.text(x0 + cols / 2, y0 - rows - 0.3, label, ha="center", va="top", fontsize=10)


operations = [  # (title, operator, a shape, a stored, b stored, b label)
    ("(3, 4) + (4,)", "+", (3, 4), (3, 4), (1, 4), "b: (4,) → (1, 4) → (3, 4)"),
    ("(3, 1) + (1, 4)", "+", (3, 4), (3, 1), (1, 4), "b: (1, 4) → (3, 4)"),
    ("(3, 4) / (3, 1): each row divided by its own number", "/", (3, 4), (3, 4), (3, 1), "b: (3, 1) → (3, 4)"),
]
fig, ax = new_axes("", "", "Broadcasting stretches every size-1 dimension to the other size", figsize=(8, 9))
for k, (title, op, a_shape, a_stored, b_stored, b_label) in enumerate(operations):
    y = -5.5 * k
    a_label = "a: (3, 4)" if a_shape == a_stored else "a: (3, 1) → (3, 4)"
    ax.text(0, y + 0.3, title, fontsize=11, fontweight="bold", va="bottom")
    draw_array(ax, 0, y, a_shape, a_stored, "tab:blue", a_label)
    ax.text(5, y - 1.5, op, fontsize=18, ha="center", va="center")
    draw_array(ax, 6, y, (3, 4), b_stored, "tab:orange", b_label)
    ax.text(11, y - 1.5, "=", fontsize=18, ha="center", va="center")
    draw_array(ax, 12, y, (3, 4), (3, 4), "tab:green", "result: (3, 4)")
y = -16.5
ax.text(0, y + 0.3, "(3, 4) + (3,): aligned on the right, 3 meets 4", fontsize=11, fontweight="bold", va="bottom")
draw_array(ax, 0, y, (3, 4), (3, 4), "tab:blue", "a: (3, 4)")
ax.text(5, y - 1.5, "+", fontsize=18, ha="center", va="center")
draw_array(ax, 7, y, (1, 3), (1, 3), "tab:red", "")  # right-aligned like every b above: it ends under a's last column
ax.add_patch(Rectangle((6, y - 1), 1, 1, fill=False, edgecolor="tab:red", linestyle="--", linewidth=1.5))
ax.text(6.5, y - 0.5, "?", fontsize=14, ha="center", va="center", color="tab:red")  # a's first column has no partner
ax.text(8, y - 3.3, "b: (3,) → (1, 3), not (1, 4)", ha="center", va="top", fontsize=10)
ax.text(11, y - 1.5, "→", fontsize=18, ha="center", va="center")
ax.text(14, y - 1.5, "ValueError:\n3 ≠ 4, neither is 1", fontsize=11, ha="center", va="center", color="tab:red")
ax.set(xlim=(-0.5, 16.5), ylim=(-21, 1.5), aspect="equal")
ax.axis("off");

# %% [markdown]
# ---
# ## Exercise 1: broadcast_shape (2 points) ★★☆
#
# Write `broadcast_shape(shape_a, shape_b)` that takes two shapes (tuples of ints, possibly of different lengths, possibly `()`)
# and returns the shape of `a + b` as a **tuple of ints**, following the rules above by hand.
# Raise a `ValueError` when the shapes are not compatible, and mind sizes 0: `(0,)` with `(1,)` gives `(0,)`.
# Use **no NumPy inside `broadcast_shape`**: no `np.broadcast_shapes`, `np.broadcast`, `np.broadcast_to` or `np.broadcast_arrays`,
# and no arrays built only to read the `.shape` of their sum. The grader refuses NumPy there,
# and some of its shapes are far too large to allocate: work on the tuples.
#
# About 9 lines of code.
#
# <details><summary>Hint 1</summary>
#
# Compare the sizes from the right, pair by pair, where a missing size counts as 1: first make the two tuples the same length.
# </details>
#
# <details><summary>Hint 2</summary>
#
# Pad the shorter shape with `(1,) * k` on the left, then `zip` the two shapes; `raise ValueError(...)`.
# </details>

# %% nbgrader={"grade": false, "grade_id": "broadcast_shape", "locked": false, "schema_version": 3, "solution": true, "task": false}
def broadcast_shape(shape_a, shape_b):
    """Returns the shape that broadcasting shape_a with shape_b gives.

    Arguments:
    shape_a -- a tuple of ints, the shape of the first array
    shape_b -- a tuple of ints, the shape of the second array

    Returns:
    shape -- a tuple of ints

    Raises:
    ValueError -- if the shapes are not compatible
    """
    ### BEGIN SOLUTION
    n = max(len(shape_a), len(shape_b))
    a = (1,) * (n - len(shape_a)) + tuple(shape_a)
    b = (1,) * (n - len(shape_b)) + tuple(shape_b)
    shape = []
    for size_a, size_b in zip(a, b, strict=True):
        if size_a != size_b and size_a != 1 and size_b != 1:
            raise ValueError(f"shapes {shape_a} and {shape_b} cannot be broadcast: {size_a} meets {size_b}")
        shape.append(size_b if size_a == 1 else size_a)  # the size that is not 1 (max fails for 0)
    shape = tuple(shape)
    ### END SOLUTION
    return shape


# %% [markdown]
# Your function should return `(3, 4)` for `(3, 1)` and `(1, 4)`, and `(2, 4, 3)` for `(2, 1, 3)` and `(4, 1)`. Check that it does:

# %%
print(broadcast_shape((3, 1), (1, 4)))
print(broadcast_shape((2, 1, 3), (4, 1)))

# %% nbgrader={"grade": true, "grade_id": "broadcast_shape_values", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that broadcast_shape gives the broadcast shape of compatible shapes."""
try:
    got = broadcast_shape((3, 4), (4,))
except ValueError as error:
    raise AssertionError(
        f"broadcast_shape((3, 4), (4,)) raised ValueError ({error}), but the shapes are compatible: "
        "aligned on the right, 4 meets 4, and the missing dimension counts as 1. Did you align them on the left?"
    ) from None
assert isinstance(got, tuple), (
    f"broadcast_shape must return a tuple, got a {type(got).__name__}. Convert at the end with tuple(result)."
)
assert got == (3, 4), (
    f"broadcast_shape((3, 4), (4,)) should be (3, 4), got {got}. "
    "Align the shapes on the right: the missing dimension of (4,) counts as 1, so (4,) acts as (1, 4)."
)
got = broadcast_shape((3, 1), (1, 4))
assert got == (3, 4), f"broadcast_shape((3, 1), (1, 4)) should be (3, 4), got {got}. Where one size is 1, take the other."
got = broadcast_shape((), (2, 5))
assert got == (2, 5), f"broadcast_shape((), (2, 5)) should be (2, 5): a scalar broadcasts with anything; got {got}."
got = broadcast_shape((0,), (1,))
assert got == (0,), (
    f"broadcast_shape((0,), (1,)) should be (0,), got {got}. Where one size is 1, the result takes the other size, "
    "even when it is 0: max(0, 1) = 1 is not the rule."
)
got = broadcast_shape((2, 1, 3), (4, 1))
assert got == (2, 4, 3), (
    f"broadcast_shape((2, 1, 3), (4, 1)) should be (2, 4, 3), got {got}. "
    "Pad (4, 1) on the left to (1, 4, 1), then compare the sizes pair by pair."
)
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("broadcast_shape_values", broadcast_shape)
### END HIDDEN TESTS

# %% nbgrader={"grade": true, "grade_id": "broadcast_shape_errors", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that broadcast_shape raises ValueError for incompatible shapes, and only then."""
try:
    got = broadcast_shape((3, 4), (3,))
except ValueError:
    got = "ValueError"
assert got == "ValueError", (
    f"broadcast_shape((3, 4), (3,)) must raise ValueError, but it returned {got}. "
    "Aligned on the right, 3 meets 4 and neither is 1. Did you align the shapes on the left, "
    "or take the larger size without checking that one of them is 1?"
)
try:
    got = broadcast_shape((5, 2), (5, 3))
except ValueError:
    got = "ValueError"
assert got == "ValueError", f"broadcast_shape((5, 2), (5, 3)) must raise ValueError (2 ≠ 3), but it returned {got}."
got = broadcast_shape((5, 3), (5, 3))
assert isinstance(got, tuple) and got == (5, 3), (
    f"broadcast_shape((5, 3), (5, 3)) should return the tuple (5, 3), since equal shapes are always compatible; got {got!r}."
)
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("broadcast_shape_errors", broadcast_shape)
### END HIDDEN TESTS

# %% [markdown]
# ## The idea: softmax
#
# A classifier for $n$ classes ends with one real *score* (logit) $z_j$ per class, any real number.
# Softmax turns the scores into a probability distribution: exponentiate each score, so it becomes positive, then divide by the total, so they sum to 1.
# Every output is in $(0, 1)$, and a larger score always gets a larger probability.
# Because of the exponential, adding 1 to a score multiplies its weight $e^{z_j}$ by $e \approx 2.7$: a slightly larger score takes a much larger share.
# That is why softmax is the output layer of multi-class classification: it makes the network commit to a class, while staying differentiable.
#
# $$\operatorname{softmax}(z)_j = \frac{e^{z_j}}{\sum_{k=1}^{n} e^{z_k}}, \qquad 0 < \operatorname{softmax}(z)_j < 1, \qquad \sum_{j=1}^{n} \operatorname{softmax}(z)_j = 1 .$$
#
# With $m$ examples at once, the scores form an $(m, n)$ matrix $X$, one row per example, and softmax applies to **each row**.
# This is the transpose of the course's layout (one example per column, `01_why_numpy`), chosen here because
# it is how PyTorch, Keras and scikit-learn hand scores to softmax (`softmax(..., axis=-1)`);
# with one example per column you would take the softmax of each column, summing over `axis=0`.
#
# $$\operatorname{softmax}(X)_{ij} = \frac{e^{x_{ij}}}{\sum_{k=1}^{n} e^{x_{ik}}} .$$
#
# In NumPy, `np.exp(x)` has shape $(m, n)$ and the row sums `np.sum(..., axis=1, keepdims=True)` have shape $(m, 1)$:
# broadcasting divides every entry by the sum of its own row, exactly the third row of the figure above.

# %%
z = np.array([[1.0, 2.0, 3.0, 4.0]])  # shape (1, 4): one example (row), 4 class scores
weights = np.exp(z)  # shape (1, 4)
row_sums = np.sum(weights, axis=1, keepdims=True)  # shape (1, 1)
print("e^z          :", weights.round(2), "shape", weights.shape)
print("row sums     :", row_sums.round(2), "shape", row_sums.shape)
p = weights / row_sums  # (1, 4) / (1, 1) -> shape (1, 4)
print("softmax(z)   :", p.round(4))
print("sum of a row :", p.sum(axis=1))

# %% [markdown]
# ### Why `keepdims=True` matters
#
# Without `keepdims`, the row sums have shape `(m,)`. Aligned on the right, `(m,)` meets the $n$ columns:
# for a non-square matrix that is a broadcasting error, and for a **square** matrix it is worse, it runs and is silently wrong,
# dividing entry $[i, j]$ by the sum of row $j$:

# %%
x = np.array([[1.0, 2.0], [3.0, 5.0]])  # shape (2, 2): square, so the mistake runs
e = np.exp(x)  # shape (2, 2); e.sum(axis=1, keepdims=True) is (2, 1), e.sum(axis=1) is (2,)
print("with keepdims   :", (e / e.sum(axis=1, keepdims=True)).sum(axis=1), "<- every row sums to 1")
print("without keepdims:", (e / e.sum(axis=1)).sum(axis=1), "<- rows do not sum to 1")

# %% [markdown]
# ### Numerical stability: subtract the row maximum
#
# `np.exp` overflows: $e^{710}$ is already larger than the largest float64 (about $1.8 \times 10^{308}$), and in float32 the limit is $e^{88.7}$.
# A score of 1000 then gives $\infty / \infty$, which is NaN.
# The fix costs nothing: subtracting the same number $c$ from every score of a row leaves softmax unchanged, because $e^{-c}$ cancels,
#
# $$\frac{e^{z_j - c}}{\sum_k e^{z_k - c}} = \frac{e^{-c}\, e^{z_j}}{e^{-c} \sum_k e^{z_k}} = \frac{e^{z_j}}{\sum_k e^{z_k}} ,$$
#
# and with $c = \max_k z_k$ every exponent is at most 0, so nothing overflows and the largest term is exactly $e^0 = 1$, so the sum is at least 1.

# %%
big = np.array([[1000.0, 999.0, 998.0]])  # shape (1, 3)
with np.errstate(all="ignore"):  # the naive version overflows on purpose
    naive = np.exp(big) / np.sum(np.exp(big), axis=1, keepdims=True)
shifted = big - np.max(big, axis=1, keepdims=True)  # (1, 3) - (1, 1) -> shape (1, 3)
stable = np.exp(shifted) / np.sum(np.exp(shifted), axis=1, keepdims=True)
print("naive :", naive)
print("stable:", stable.round(4), "= softmax([2, 1, 0]), since only the differences matter")

# %% [markdown]
# ## Going deeper (optional): probabilities of exactly 0 and 1
#
# <details><summary>Going deeper: when the stable softmax underflows</summary>
#
# **Predict, then run.** The formula promises every probability strictly between 0 and 1.
# What does this stable softmax give for the scores $[1000, 0, 0]$: which three numbers, and is any of them exactly 0 or exactly 1?
# Write your guess in the first cell below (not graded), then run the one after it; the answer is folded after it.
# </details>

# %% tags=["demo"]
# Going deeper: your guess
my_prediction = ...  # your guess of the three probabilities, e.g. [0.4, 0.3, 0.3]

# %% tags=["demo"]
# Going deeper: the stable softmax of scores 1000 apart
far_apart = np.array([[1000.0, 0.0, 0.0]])  # shape (1, 3)
far_shifted = far_apart - np.max(far_apart, axis=1, keepdims=True)  # [[0, -1000, -1000]]
far_p = np.exp(far_shifted) / np.sum(np.exp(far_shifted), axis=1, keepdims=True)  # shape (1, 3)
print("stable softmax([1000, 0, 0]) =", far_p)
print("first exactly 1:", far_p[0, 0] == 1.0, "  others exactly 0:", bool(np.all(far_p[0, 1:] == 0.0)))

# %% [markdown]
# <details><summary>Going deeper: why the soft arg max turns into a hard one</summary>
#
# In exact arithmetic the answer is $[1 / (1 + 2e^{-1000}),\ e^{-1000} / (1 + 2e^{-1000}),\ \dots]$, all strictly inside $(0, 1)$.
# But $e^{-1000} \approx 10^{-435}$ is far below the smallest float64 (about $5 \times 10^{-324}$): it underflows to exactly 0, and $1 / (1 + 0)$ is exactly 1.
# So in floating point the *soft* arg max can turn into a hard one, and $\log 0 = -\infty$: the log-softmax section below computes the logarithm without ever forming that 0.
# </details>

# %% [markdown]
# ---
# ## Exercise 2: softmax (3 points) ★★☆
#
# Write `softmax(x)` that returns the softmax of **each row** of a matrix `x` of shape $(m, n)$, float64 or float32,
# as a new array of the same shape. It must not return NaN or inf for scores such as 1000 or -1000, so subtract each row's maximum first.
# Work on the whole matrix at once (broadcasting replaces a loop over the rows), and do not modify `x`.
#
# About 3 lines of code.
#
# <details><summary>Hint 1</summary>
#
# Three steps, each per row and each keeping the shape $(m, 1)$ so that it broadcasts along the rows: the row maximum, the exponentials of the shifted scores, their row sums.
# </details>
#
# <details><summary>Hint 2</summary>
#
# `np.max(x, axis=1, keepdims=True)`, `np.exp`, `np.sum(..., axis=1, keepdims=True)`
# </details>

# %% nbgrader={"grade": false, "grade_id": "softmax", "locked": false, "schema_version": 3, "solution": true, "task": false}
def softmax(x):
    """Returns the softmax of each row of x.

    Arguments:
    x -- a numpy matrix of shape (m, n)

    Returns:
    s -- a numpy matrix of shape (m, n) whose rows are probability distributions
    """
    ### BEGIN SOLUTION
    x_exp = np.exp(x - np.max(x, axis=1, keepdims=True))
    x_sum = np.sum(x_exp, axis=1, keepdims=True)
    s = x_exp / x_sum
    ### END SOLUTION
    return s


# %% [markdown]
# Your function should return `[[0.0320586, 0.08714432, 0.23688282, 0.64391426]]` for `x = np.array([[1.0, 2.0, 3.0, 4.0]])`. Check that it does:

# %%
softmax(np.array([[1.0, 2.0, 3.0, 4.0]]))

# %% nbgrader={"grade": true, "grade_id": "softmax_values", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that softmax gives the right probabilities for one row of scores."""
x = np.array([[1.0, 2.0, 3.0, 4.0]])
s = softmax(x)
assert isinstance(s, np.ndarray), f"softmax must return a NumPy array, got {type(s).__name__}."
assert s.shape == (1, 4), f"softmax must keep the shape of its input: expected (1, 4), got {s.shape}."
assert np.all(s > 0), f"every softmax output is positive, got {s}. Did you exponentiate with np.exp?"
np.testing.assert_allclose(
    s.sum(axis=1), [1.0], rtol=1e-7,
    err_msg="the row must sum to 1: divide the exponentials by their sum.",
)
np.testing.assert_allclose(
    s, [[0.0320586, 0.08714432, 0.23688282, 0.64391426]], rtol=1e-6,
    err_msg="softmax([[1, 2, 3, 4]]) has wrong values: it is np.exp(x) divided by the sum of np.exp(x) over the row.",
)
np.testing.assert_array_equal(x, [[1.0, 2.0, 3.0, 4.0]], err_msg="softmax modified x in place; compute a new array.")
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("softmax_values", softmax)
### END HIDDEN TESTS

# %% nbgrader={"grade": true, "grade_id": "softmax_rows", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that softmax normalizes each row on its own, for square and non-square matrices."""
square = np.array([[1.0, 2.0], [3.0, 5.0]])
s = softmax(square)
assert isinstance(s, np.ndarray) and s.shape == (2, 2), (
    f"softmax of a (2, 2) matrix must return an array of shape (2, 2), got {type(s).__name__} of shape {np.shape(s)}."
)
np.testing.assert_allclose(
    s.sum(axis=1), [1.0, 1.0], rtol=1e-7,
    err_msg="each row of softmax(x) must sum to 1. Did you sum over the whole matrix, over axis=0, "
    "or forget keepdims=True (on a square matrix the (m,) sums broadcast along the wrong axis)?",
)
np.testing.assert_allclose(s, [[0.26894142, 0.73105858], [0.11920292, 0.88079708]], rtol=1e-6,
                           err_msg="softmax([[1, 2], [3, 5]]) has wrong values.")
wide = np.array([[0.0, 1.0, 2.0], [2.0, 2.0, 2.0]])
s = softmax(wide)
assert s.shape == (2, 3), f"softmax of a (2, 3) matrix must have shape (2, 3), got {s.shape}."
np.testing.assert_allclose(
    s, [[0.09003057, 0.24472847, 0.66524096], [1 / 3, 1 / 3, 1 / 3]], rtol=1e-6,
    err_msg="softmax([[0, 1, 2], [2, 2, 2]]) has wrong values; a row of equal scores gives equal probabilities.",
)
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("softmax_rows", softmax)
### END HIDDEN TESTS

# %% nbgrader={"grade": true, "grade_id": "softmax_stable", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that softmax stays finite for very large and very small scores."""
x = np.array([[1000.0, 999.0, 998.0], [-1000.0, -1001.0, -1002.0], [1000.0, 0.0, -1000.0]])
with np.errstate(all="ignore"):  # a naive version warns; the assert below names the problem
    s = softmax(x)
assert isinstance(s, np.ndarray) and s.shape == (3, 3), (
    f"softmax of a (3, 3) matrix must return an array of shape (3, 3), got {type(s).__name__} of shape {np.shape(s)}."
)
assert np.all(np.isfinite(s)), (
    f"softmax gave NaN or inf for scores near ±1000:\n{s}\n"
    "np.exp(1000) overflows to inf, and inf / inf is NaN. "
    "Subtract the row maximum first, with keepdims: x - np.max(x, axis=1, keepdims=True)."
)
np.testing.assert_allclose(s.sum(axis=1), [1.0, 1.0, 1.0], rtol=1e-7,
                           err_msg="each row of softmax(x) must sum to 1: divide by the sum of each row (axis=1).")
np.testing.assert_allclose(
    s, [[0.66524096, 0.24472847, 0.09003057], [0.66524096, 0.24472847, 0.09003057], [1.0, 0.0, 0.0]], atol=1e-8,
    err_msg="only the differences between scores matter: [1000, 999, 998] has the same softmax as [2, 1, 0].",
)
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("softmax_stable", softmax)
### END HIDDEN TESTS

# %% [markdown]
# ## A plot that teaches: the exponential amplifies differences
#
# Compare softmax with the linear share $z_j / \sum_k z_k$ of positive scores $z = (1, 2, 3, 4)$.
# Raising the top score from 4 to 5 lifts its linear share only from 40 % to 45 %, but its softmax probability from 64 % to 83 %:
# the exponential turns a small lead into a large share.

# %% tags=["demo"]
scores = np.array([[1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0, 5.0]])
classes = np.arange(4)
fig, axes = plt.subplots(1, 2, figsize=(10, 4), sharey=True)
for ax, share, name in [
    (axes[0], scores / scores.sum(axis=1, keepdims=True), r"linear share $z_j\ /\ \Sigma_k\, z_k$"),
    (axes[1], softmax(scores), r"softmax $e^{z_j}\ /\ \Sigma_k\, e^{z_k}$"),
]:
    ax.bar(classes - 0.2, share[0], width=0.4, label="z = (1, 2, 3, 4)")
    ax.bar(classes + 0.2, share[1], width=0.4, label="z = (1, 2, 3, 5)")
    ax.set(xlabel="class j", xticks=classes, title=name)
    ax.grid(True, axis="y", alpha=0.3)
    for j in range(4):
        for offset, value in [(-0.2, share[0, j]), (0.2, share[1, j])]:
            ax.text(j + offset, value + 0.01, f"{value:.2f}", ha="center", fontsize=8)
axes[0].set_ylabel("share of class j (probability, no unit)")
axes[0].legend(loc="upper left")
fig.suptitle("Top score 4 → 5: its linear share goes 0.40 → 0.45, its softmax probability 0.64 → 0.83")
fig.subplots_adjust(top=0.82, wspace=0.08);

# %% [markdown]
# ## A plot that teaches: each row of scores becomes a probability distribution
#
# Softmax turns every row of scores, any real numbers, into probabilities: all positive, and summing to 1 in each row.
# On the left are the scores (logits) of four examples (rows) over four classes, drawn at random: some are negative, and the rows sum to anything (Σ above each group).
# On the right is `softmax(x)` of the same rows, with the same colour for each class: every bar is positive and every row sums to 1.

# %% tags=["demo"]
rng = np.random.default_rng(0)
logits = rng.normal(0, 1.5, size=(4, 4))  # shape (4, 4): 4 examples (rows), 4 class scores each
probs = softmax(logits)  # shape (4, 4)
examples, width = np.arange(len(logits)), 0.2
fig, (panel_scores, panel_probs) = plt.subplots(1, 2, figsize=(11, 4.5), layout="constrained")
for j in range(logits.shape[1]):
    offset = (j - 1.5) * width  # the 4 classes side by side within each example
    panel_scores.bar(examples + offset, logits[:, j], width, color=f"C{j}",
                     label=rf"class {j}: score $x_{{i{j}}}$ $\rightarrow$ probability $\mathrm{{softmax}}(x)_{{i{j}}}$")
    panel_probs.bar(examples + offset, probs[:, j], width, color=f"C{j}")
for i in examples:
    panel_scores.text(i, max(logits[i].max(), 0) + 0.15, rf"$\Sigma_j = {logits[i].sum():.2f}$", ha="center", fontsize=9)
    panel_probs.text(i, probs[i].max() + 0.03, rf"$\Sigma_j = {probs[i].sum():.2f}$", ha="center", fontsize=9)
panel_scores.axhline(0, color="black", linewidth=0.8)
panel_scores.set(xlabel="example i (row of x)", ylabel=r"score (logit) $x_{ij}$ (no unit)", xticks=examples,
                 ylim=(logits.min() - 0.3, logits.max() + 0.6), title="scores x: any real numbers")
panel_probs.set(xlabel="example i (row of softmax(x))", ylabel=r"probability $\mathrm{softmax}(x)_{ij}$ (no unit)",
                xticks=examples, ylim=(0, 1.05), title="softmax(x): positive, and each row sums to 1")
for panel in (panel_scores, panel_probs):
    panel.grid(True, axis="y", alpha=0.3)
fig.legend(*panel_scores.get_legend_handles_labels(), loc="outside lower center", ncol=2, fontsize=9)
fig.suptitle("Softmax turns each row of scores into a probability distribution")
print("row sums of the scores:       ", logits.sum(axis=1).round(2))
print("row sums of the probabilities:", probs.sum(axis=1));

# %% [markdown]
# ## Two classes: softmax of $[z, 0]$ is the sigmoid
#
# For two classes, only the *difference* of the two scores matters, so we can fix the second score at 0.
# Then softmax gives the first class $\frac{e^{z}}{e^{z} + e^{0}} = \frac{1}{1 + e^{-z}} = \sigma(z)$, the sigmoid of notebook 01,
# and the second class gets $1 - \sigma(z)$.
# That is why a binary classifier usually ends with one sigmoid output rather than a two-way softmax: it is the same model with one number fewer.
# The cell below computes both for a few scores, with the `softmax` you wrote.

# %%
zs = np.array([-6.0, -2.0, -0.5, 0.0, 0.5, 2.0, 6.0])
two_class = softmax(np.column_stack([zs, np.zeros_like(zs)]))  # shape (7, 2): row i is softmax([z_i, 0])
sigma = 1 / (1 + np.exp(-zs))
print("z                  :", zs)
print("softmax([z, 0])[0] :", two_class[:, 0].round(6))
print("sigmoid(z)         :", sigma.round(6))
print("softmax([z, 0])[1] :", two_class[:, 1].round(6), "= 1 - sigmoid(z)")
print("equal up to rounding:", np.allclose(two_class[:, 0], sigma, rtol=1e-12, atol=1e-15))

# %% [markdown]
# ## Temperature: how sharp the distribution is
#
# Dividing the scores by a *temperature* $T > 0$ before softmax, $\operatorname{softmax}(z / T)$, controls how strongly the exponential amplifies differences.
# A small $T$ pushes almost all the probability onto the largest score (towards an arg max); a large $T$ flattens the distribution towards uniform.
# Language models use it when they sample the next word.

# %% tags=["demo"]
z_fixed = np.array([[1.0, 2.0, 3.0, 4.0]])  # shape (1, 4): one example, 4 class scores
fig, ax = new_axes("class j", "probability of class j (no unit)", "A low temperature sharpens softmax, a high one flattens it")
for k, temperature in enumerate([0.5, 1.0, 2.0, 10.0]):
    ax.bar(classes + (k - 1.5) * 0.2, softmax(z_fixed / temperature)[0], width=0.2, label=f"softmax(z / T), T = {temperature}")
ax.set(xticks=classes, xticklabels=[f"{j}\n(z = {z_fixed[0, j]:g})" for j in classes])
ax.legend();

# %% [markdown]
# ### Move the temperature yourself
#
# The slider below redraws $\operatorname{softmax}(z / T)$ of the same scores $z = (1, 2, 3, 4)$, with your `softmax`, for any $T$ from 0.1 to 20 (each step multiplies $T$ by the same factor).
# Watch the top class take almost everything as $T$ falls below about 0.3, and every class approach $1/4$ as $T$ grows.
# Where `ipywidgets` is not installed, the cell draws a few temperatures side by side instead.

# %% tags=["demo", "nbval-ignore-output"]
temperature_scores = np.array([[1.0, 2.0, 3.0, 4.0]])  # shape (1, 4): the fixed scores z of 4 classes


def draw_temperature(ax, temperature):
    """Draws the bars of softmax(z / T) of the fixed scores on ax."""
    probabilities = softmax(temperature_scores / temperature)[0]  # (1, 4) / a number -> shape (1, 4); its row
    ax.bar(np.arange(4), probabilities, color="tab:blue", label="softmax(z / T)_j")
    for j, value in enumerate(probabilities):
        ax.text(j, value + 0.02, f"{value:.2f}", ha="center", fontsize=9)
    ax.axhline(0.25, color="gray", linestyle=":", label="uniform: 1/4")
    ax.set(xlabel="class j (z = 1, 2, 3, 4)", xticks=np.arange(4), ylim=(0, 1.1), title=f"T = {temperature:.2f}")


def show_temperature(temperature=1.0):
    """Shows softmax(z / T) of the fixed scores at one temperature, or which exercise to solve first."""
    fig, ax = new_axes("class j", "probability of class j (no unit)", "", figsize=(6, 3.5))
    try:
        draw_temperature(ax, temperature)
    except NotImplementedError:
        plt.close(fig)
        print("solve Exercise 2 (softmax) above to see this plot")
        return
    ax.legend(loc="upper left")
    fig.tight_layout()
    plt.show()


try:
    import ipywidgets
except ModuleNotFoundError:
    ipywidgets = None
if ipywidgets is not None:
    ipywidgets.interact(show_temperature, temperature=ipywidgets.FloatLogSlider(
        value=1.0, base=10, min=-1, max=1.3, step=0.05, description="T", readout_format=".2f"))
else:
    print("ipywidgets is not installed here, so there is no slider: four temperatures side by side instead.")
    fig, axes = plt.subplots(1, 4, figsize=(13, 3.5), sharey=True, layout="constrained")
    try:
        for ax, temperature in zip(axes, [0.25, 1.0, 4.0, 16.0], strict=True):
            draw_temperature(ax, temperature)
        axes[0].set_ylabel("probability of class j (no unit)")
        axes[0].legend(loc="upper left")
    except NotImplementedError:
        plt.close(fig)
        print("solve Exercise 2 (softmax) above to see this plot")

# %% [markdown]
# ## Why the *row* maximum
#
# Subtracting the maximum of the whole matrix is also exact mathematically (any constant cancels within a row), and it is stable as long as the rows have scores of similar size.
# When one row's scores are far below another's, it fails: shifted by the global maximum, every exponent of the low row underflows to 0, and $0 / 0$ is NaN.
# The row maximum makes the largest term of *every* row exactly $e^0 = 1$, whatever the other rows hold.

# %%
x = np.array([[1000.0, 999.0], [-1000.0, -1001.0]])
with np.errstate(all="ignore"):
    e_global = np.exp(x - np.max(x))
    global_max = e_global / e_global.sum(axis=1, keepdims=True)
print("global max:\n", global_max)
print("row max:\n", softmax(x).round(4))

# %% [markdown]
# ## Log-softmax: when a probability underflows to 0
#
# A classifier is trained on the **cross-entropy** $-\log p_y$, the minus log of the probability it gives the true class $y$,
# so what training needs is the *logarithm* of softmax, not softmax itself.
# Even the stable softmax cannot give it: for the scores $[1000, 0, -1000]$ the exact probabilities are $[1, e^{-1000}, e^{-2000}]$,
# and $e^{-1000} \approx 10^{-435}$ is far below the smallest float64 (about $5 \times 10^{-324}$), so it is stored as exactly 0,
# and $\log 0 = -\infty$: a loss of $\infty$ for an example the network gets wrong with high confidence, exactly the example it must learn from.
# The way out is to never form the small probability at all. Take the log of the formula first, with $c = \max_k z_k$:
#
# $$\log \operatorname{softmax}(z)_j = z_j - \log \sum_{k} e^{z_k} = (z_j - c) - \log \sum_{k} e^{z_k - c} .$$
#
# The sum has $n$ terms, each at most 1 and one of them exactly $e^0 = 1$, so it lies in $[1, n]$: its log never overflows and never sees a 0,
# and $z_j - c$ is an ordinary subtraction. $\log \sum_k e^{z_k}$ computed this way is called **log-sum-exp**.

# %%
z = np.array([[1000.0, 0.0, -1000.0]])  # shape (1, 3): one example, 3 class scores
shifted = z - np.max(z, axis=1, keepdims=True)  # (1, 3) - (1, 1) -> shape (1, 3)
p = np.exp(shifted) / np.sum(np.exp(shifted), axis=1, keepdims=True)  # the stable softmax, shape (1, 3)
with np.errstate(divide="ignore"):  # log(0) warns; the -inf is the point
    print("log of the stable softmax:", np.log(p))
print("log-sum-exp directly:     ", shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True)))

# %% [markdown]
# ---
# ## Exercise 3: log_softmax (2 points) ★★☆
#
# Write `log_softmax(x)` that returns $\log \operatorname{softmax}$ of **each row** of a matrix `x` of shape $(m, n)$, float64 or float32,
# as a new array of the same shape, by the log-sum-exp formula above.
# It must be finite wherever the exact value is: $[1000, 0, -1000]$ gives $[0, -1000, -2000]$, not `-inf`.
# So do not take `np.log` of a softmax. No Python loop over the rows; do not modify `x`. About 2 lines.
#
# <details><summary>Hint 1</summary>
#
# Shift every row by its own maximum, as in `softmax`. Then everything you need is in the shifted scores: which term do you subtract from them?
# </details>
#
# <details><summary>Hint 2</summary>
#
# With `shifted = x - np.max(x, axis=1, keepdims=True)`, the answer is `shifted` minus the log of the row sums of `np.exp(shifted)`;
# keep those sums of shape $(m, 1)$ with `keepdims=True`.
# </details>

# %% nbgrader={"grade": false, "grade_id": "log_softmax", "locked": false, "schema_version": 3, "solution": true, "task": false}
def log_softmax(x):
    """Returns the log of the softmax of each row of x, computed by log-sum-exp.

    Arguments:
    x -- a numpy matrix of shape (m, n)

    Returns:
    ls -- a numpy matrix of shape (m, n): log softmax(x), finite wherever the exact value is
    """
    ### BEGIN SOLUTION
    shifted = x - np.max(x, axis=1, keepdims=True)
    ls = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
    ### END SOLUTION
    return ls


# %% [markdown]
# Your function should return `[[-3.4401897, -2.4401897, -1.4401897, -0.4401897]]` for `x = np.array([[1.0, 2.0, 3.0, 4.0]])`
# (the logs of the softmax values of Exercise 2), and `[[0, -1000, -2000]]` for `[[1000, 0, -1000]]`. Check that it does:

# %%
print(log_softmax(np.array([[1.0, 2.0, 3.0, 4.0]])), log_softmax(np.array([[1000.0, 0.0, -1000.0]])))

# %% nbgrader={"grade": true, "grade_id": "log_softmax_values", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that log_softmax gives the log-probabilities of each row, for square and non-square matrices."""
x = np.array([[1.0, 2.0, 3.0, 4.0]])  # shape (1, 4)
ls = log_softmax(x)
assert isinstance(ls, np.ndarray), f"log_softmax must return a NumPy array, got {type(ls).__name__}."
assert ls.shape == (1, 4), f"log_softmax must keep the shape of its input: expected (1, 4), got {ls.shape}."
assert np.all(ls <= 1e-12), (
    f"log-probabilities are at most 0, got {ls}. Did you return the probabilities, or flip the sign?"
)
np.testing.assert_allclose(
    ls, [[-3.4401897, -2.4401897, -1.4401897, -0.4401897]], rtol=1e-6,
    err_msg="log_softmax([[1, 2, 3, 4]]) has wrong values: it is (x - max) - log(sum(exp(x - max))) over the row. "
    "Off by the same amount in every entry means a term is missing or x was not shifted by its maximum.",
)
square = np.array([[1.0, 2.0], [3.0, 5.0]])  # shape (2, 2): square, so a forgotten keepdims runs silently
ls = log_softmax(square)
assert ls.shape == (2, 2), f"log_softmax of a (2, 2) matrix must have shape (2, 2), got {np.shape(ls)}."
np.testing.assert_allclose(
    np.exp(ls).sum(axis=1), [1.0, 1.0], rtol=1e-7,
    err_msg="the exponentials of each row of log_softmax(x) must sum to 1. Did you sum over the whole matrix, "
    "over axis=0, or forget keepdims=True (on a square matrix the (m,) sums broadcast along the wrong axis)?",
)
np.testing.assert_array_equal(square, [[1.0, 2.0], [3.0, 5.0]], err_msg="log_softmax modified x in place.")
from course_tools import loop_problem

assert loop_problem(log_softmax, "log_softmax") is None, loop_problem(log_softmax, "log_softmax")
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("log_softmax_values", log_softmax)
### END HIDDEN TESTS

# %% nbgrader={"grade": true, "grade_id": "log_softmax_stable", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that log_softmax is finite and exact for scores far apart, where log(softmax(x)) is -inf."""
x = np.array([[1000.0, 0.0, -1000.0], [1000.0, 999.0, 998.0], [-1000.0, -1000.0, -1000.0]])  # shape (3, 3)
with np.errstate(all="ignore"):  # a naive version warns; the asserts below name the problem
    ls = log_softmax(x)
assert isinstance(ls, np.ndarray) and ls.shape == (3, 3), (
    f"log_softmax of a (3, 3) matrix must return an array of shape (3, 3), got {type(ls).__name__} of shape {np.shape(ls)}."
)
assert np.all(np.isfinite(ls)), (
    f"log_softmax gave NaN or inf:\n{ls}\n"
    "-inf means you took np.log of a softmax whose small entries underflowed to 0; NaN or inf everywhere means "
    "np.exp(1000) overflowed. Use (x - max) - log(sum(exp(x - max))), which never takes the log of 0."
)
np.testing.assert_allclose(
    ls, [[0.0, -1000.0, -2000.0], [-0.40760596, -1.40760596, -2.40760596], [-np.log(3)] * 3], rtol=1e-7,
    err_msg="log_softmax([[1000, 0, -1000], [1000, 999, 998], [-1000, -1000, -1000]]) has wrong values: "
    "only the differences between the scores of a row matter.",
)
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("log_softmax_stable", log_softmax)
### END HIDDEN TESTS

# %% [markdown]
# ---
# ## Exercise 4: cross_entropy (2 points) ★★☆
#
# A classifier of $m$ examples gets, for each example $i$, its row of scores $z_i$ and the index $y_i \in \{0, \dots, n - 1\}$ of its true class.
# Its loss is the **cross-entropy**, the mean over the examples of minus the log-probability of the true class:
#
# $$J(z, y) = -\frac{1}{m} \sum_{i=1}^{m} \log \operatorname{softmax}(z_i)_{y_i} .$$
#
# A confident right answer ($p_{y_i} \approx 1$) costs about 0; a confident wrong one costs about its margin, for example 1000, never $\infty$ when it is computed by log-sum-exp.
# Write `cross_entropy(class_scores, labels)` for `class_scores` (the $z$ above) of shape $(m, n)$ and `labels` an integer vector of shape $(m,)$ that returns $J$ as one number.
# Pick the entry of the true class of every row at once (no Python loop); you may call your `log_softmax`. About 3 lines.
#
# <details><summary>Hint 1</summary>
#
# From the matrix of log-probabilities you need one entry per row: row $i$, column `labels[i]`.
# Indexing a NumPy array with two integer arrays pairs them up, entry by entry.
# </details>
#
# <details><summary>Hint 2</summary>
#
# `ls = log_softmax(class_scores)`, then `ls[np.arange(len(labels)), labels]` is the vector of the $\log p_{y_i}$; return minus its mean.
# (`ls[:, labels]` is something else: every row, at every label.)
# </details>

# %% nbgrader={"grade": false, "grade_id": "cross_entropy", "locked": false, "schema_version": 3, "solution": true, "task": false}
def cross_entropy(class_scores, labels):
    """Returns the mean cross-entropy of the scores for the true classes labels.

    Arguments:
    class_scores -- a numpy matrix, z in the formula, of shape (m, n): one row of class scores per example
    labels -- a numpy integer vector of shape (m,): the true class of each example, in 0 .. n - 1

    Returns:
    loss -- a number: the mean over the rows of -log softmax(class_scores)[i, labels[i]]
    """
    ### BEGIN SOLUTION
    shifted = class_scores - np.max(class_scores, axis=1, keepdims=True)
    ls = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
    loss = -np.mean(ls[np.arange(len(labels)), labels])
    ### END SOLUTION
    return loss


# %% [markdown]
# For the scores `[[2, 1, 0], [0, 0, 1000]]`, the first example is of class 0 (a loss of $\log(e^2 + e + 1) - 2 \approx 0.4076$).
# If the second is of class 2 it costs about 0, and your function should return `0.2038`; if it is of class 0 it costs 1000, and you should get `500.2038`. Check that it does:

# %%
z = np.array([[2.0, 1.0, 0.0], [0.0, 0.0, 1000.0]])  # shape (2, 3): m = 2 examples, n = 3 classes
print(cross_entropy(z, np.array([0, 2])), cross_entropy(z, np.array([0, 0])))

# %% nbgrader={"grade": true, "grade_id": "cross_entropy_values", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that cross_entropy is the mean of -log p of the true class of each row."""
z = np.array([[2.0, 1.0, 0.0], [1.0, 3.0, 0.0], [0.0, 0.0, 0.0]])  # shape (3, 3): square, so z[:, labels] runs
labels = np.array([0, 1, 2])  # shape (3,)
loss = cross_entropy(z, labels)
assert np.ndim(loss) == 0, (
    f"cross_entropy must return one number, got shape {np.shape(loss)}: take the mean over the examples."
)
per_row = np.array([0.40760596, 0.16984602, np.log(3.0)])  # -log p of the true class, row by row
assert not np.isclose(loss, per_row.sum()), "you summed the losses of the rows; the cross-entropy is their mean."
assert not np.isclose(loss, -per_row.mean()), "the loss is -log p, at least 0: the sign is wrong."
assert np.isclose(loss, per_row.mean(), rtol=1e-6), (
    f"cross_entropy should be the mean of {per_row.round(6)} = {per_row.mean():.6f}, got {float(loss)}. "
    "Pick one entry per row, ls[np.arange(m), labels] (ls[:, labels] picks every label for every row)."
)
from course_tools import loop_problem

assert loop_problem(cross_entropy, "cross_entropy") is None, loop_problem(cross_entropy, "cross_entropy")
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("cross_entropy_values", cross_entropy)
### END HIDDEN TESTS

# %% nbgrader={"grade": true, "grade_id": "cross_entropy_stable", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that a confident wrong answer costs its margin, not inf, and a confident right one about 0."""
z = np.array([[2.0, 1.0, 0.0], [0.0, 0.0, 1000.0]])  # shape (2, 3)
with np.errstate(all="ignore"):  # a naive version warns; the asserts below name the problem
    right, wrong = cross_entropy(z, np.array([0, 2])), cross_entropy(z, np.array([0, 0]))
assert np.isfinite(wrong), (
    f"cross_entropy gave {wrong} for a confident wrong answer: the log of a probability that underflowed to 0. "
    "Use log-softmax by log-sum-exp, (z - max) - log(sum(exp(z - max))), before picking the true class."
)
np.testing.assert_allclose(
    [right, wrong], [0.40760596 / 2, (0.40760596 + 1000.0) / 2], rtol=1e-7,
    err_msg="with labels [0, 2] the second example is right with p = 1 (loss 0); with labels [0, 0] it is wrong "
    "by a margin of 1000 (loss 1000).",
)
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("cross_entropy_stable", cross_entropy)
### END HIDDEN TESTS

# %% [markdown]
# ---
# ## Exercise 5: find the bug, fixed_softmax (2 points) ★★☆
#
# Here is a softmax of each row as it was posted on a forum, with "works for me" under it.
# Run it on four shapes, and before you do, guess for each one whether it returns the right probabilities, returns wrong ones without a word, or raises.

# %%
def buggy_softmax(x):
    """The softmax of each row of x, shape (m, n), as posted on a forum: stable, vectorized, and wrong."""
    x_exp = np.exp(x - np.max(x, axis=1))  # (m, n) - (m,)
    return x_exp / np.sum(x_exp, axis=1)  # (m, n) / (m,)


# %% tags=["demo"]
my_prediction = [..., ..., ..., ...]  # for (1, 4), (3, 3), (2, 3), (3, 1): "right", "silently wrong" or "raises"

# %% tags=["demo"]
tries = {
    "(1, 4)": np.array([[1.0, 2.0, 3.0, 4.0]]),
    "(3, 3)": np.array([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0], [0.0, 5.0, 0.0]]),
    "(2, 3)": np.array([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]]),
    "(3, 1)": np.array([[1.0], [2.0], [3.0]]),
}
for shape, scores in tries.items():
    try:
        p = buggy_softmax(scores)
        print(f"x of shape {shape}: returns shape {p.shape}, row sums {p.sum(axis=1).round(4)}")
    except ValueError as problem:
        print(f"x of shape {shape}: ValueError: {problem}")

# %% [markdown]
# Only the one-row matrix is right. The $(2, 3)$ one raises, the $(3, 1)$ one returns a $(3, 3)$ matrix of ones, and the square one returns rows that sum to 2.4, 0.91 and 47: wrong, without a word.
# **Why does the square case hide the bug?** Think about it, then open the answer.
#
# <details><summary>Answer</summary>
#
# `np.max(x, axis=1)` and `np.sum(x_exp, axis=1)` have shape $(m,)$, and broadcasting lines shapes up from the **right**: $(m,)$ is matched with the $n$ *columns*.
# When $m \ne n$ (and neither is 1) the sizes differ and NumPy raises, which is the lucky case.
# When $m = n$ they agree, so NumPy stretches the vector down the rows: entry $[i, j]$ is shifted by the maximum of row $j$ and divided by the sum of row $j$, not of row $i$.
# Nothing in the shapes tells NumPy that the vector meant one number *per row*; only `keepdims=True`, shape $(m, 1)$, says so.
# With one row ($m = 1$) row $j = 0$ is row $i$, so the bug gives the right answer, which is how it passed "works for me".
# </details>
#
# Write `fixed_softmax(x)`: the forum's function with the bug fixed, right for every shape $(m, n)$ (square, one row, one column),
# float64 or float32, stable for scores such as 1000. No Python loop; do not modify `x`. Change as little as you can: about 2 lines.
# Test it on a square matrix whose rows have different maxima: that is where the bug hides.
#
# <details><summary>Hint 1</summary>
#
# There are two reductions over `axis=1` in the forum's function, and each gives one number per row. Print their shapes.
# </details>
#
# <details><summary>Hint 2</summary>
#
# Both must have shape $(m, 1)$ to divide (and shift) rows. Fixing only the sum leaves a shift by the maximum of row $j$, which a softmax does not forgive unless it is the same in every entry of a row.
# </details>
#
# <details><summary>Hint 3</summary>
#
# Add `keepdims=True` to **both** `np.max(x, axis=1)` and `np.sum(x_exp, axis=1)` (or index each with `[:, None]`).
# </details>

# %% nbgrader={"grade": false, "grade_id": "fixed_softmax", "locked": false, "schema_version": 3, "solution": true, "task": false}
def fixed_softmax(x):
    """Returns the softmax of each row of x, right for every shape: the forum's buggy_softmax, fixed.

    Arguments:
    x -- a numpy matrix of shape (m, n)

    Returns:
    s -- a numpy matrix of shape (m, n) whose rows are probability distributions
    """
    ### BEGIN SOLUTION
    x_exp = np.exp(x - np.max(x, axis=1, keepdims=True))  # (m, n) - (m, 1)
    s = x_exp / np.sum(x_exp, axis=1, keepdims=True)  # (m, n) / (m, 1)
    ### END SOLUTION
    return s


# %% [markdown]
# For the square matrix above your function should return
# `[[0.09003057, 0.24472847, 0.66524096], [0.33333333, 0.33333333, 0.33333333], [0.00664835, 0.98670329, 0.00664835]]`. Check that it does:

# %%
fixed_softmax(np.array([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0], [0.0, 5.0, 0.0]]))

# %% nbgrader={"grade": true, "grade_id": "fixed_softmax_square", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that fixed_softmax is right on square matrices, where the bug runs silently."""
square = np.array([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0], [0.0, 5.0, 0.0]])  # shape (3, 3)
with np.errstate(all="ignore"):
    s = fixed_softmax(square)
assert isinstance(s, np.ndarray) and s.shape == (3, 3), (
    f"fixed_softmax of a (3, 3) matrix must return an array of shape (3, 3), got {type(s).__name__} of shape {np.shape(s)}."
)
np.testing.assert_allclose(
    s.sum(axis=1), [1.0, 1.0, 1.0], rtol=1e-7,
    err_msg="the rows of fixed_softmax(x) must sum to 1. On a square matrix a sum over axis=1 without keepdims "
    "divides entry [i, j] by the sum of row j: use np.sum(x_exp, axis=1, keepdims=True).",
)
np.testing.assert_allclose(
    s, [[0.09003057, 0.24472847, 0.66524096], [1 / 3, 1 / 3, 1 / 3], [0.00664835, 0.98670329, 0.00664835]], rtol=1e-6,
    err_msg="the rows sum to 1 but the values are wrong: the maximum still lacks keepdims, so entry [i, j] is shifted "
    "by the maximum of row j. Use np.max(x, axis=1, keepdims=True) as well.",
)
np.testing.assert_array_equal(square, [[1.0, 2.0, 3.0], [1.0, 1.0, 1.0], [0.0, 5.0, 0.0]],
                              err_msg="fixed_softmax modified x in place.")
from course_tools import loop_problem

assert loop_problem(fixed_softmax, "fixed_softmax") is None, loop_problem(fixed_softmax, "fixed_softmax")
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("fixed_softmax_square", fixed_softmax)
### END HIDDEN TESTS

# %% nbgrader={"grade": true, "grade_id": "fixed_softmax_shapes", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that fixed_softmax works for one row, one column and non-square matrices, and stays stable."""
for x, expected in [
    (np.array([[1.0, 2.0, 3.0, 4.0]]), [[0.0320586, 0.08714432, 0.23688282, 0.64391426]]),
    (np.array([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]]), [[0.09003057, 0.24472847, 0.66524096], [1 / 3, 1 / 3, 1 / 3]]),
    (np.array([[1.0], [2.0], [3.0]]), [[1.0], [1.0], [1.0]]),
    (np.array([[1000.0, 999.0], [-1000.0, -1002.0], [0.0, 0.0]]),
     [[0.73105858, 0.26894142], [0.88079708, 0.11920292], [0.5, 0.5]]),
]:
    try:
        with np.errstate(all="ignore"):
            s = fixed_softmax(x)
    except ValueError as error:
        raise AssertionError(
            f"fixed_softmax raised ValueError on a matrix of shape {x.shape}: {error}. The row maxima or the row sums "
            "still have shape (m,), which does not broadcast with (m, n): keep them (m, 1) with keepdims=True."
        ) from None
    assert isinstance(s, np.ndarray) and s.shape == x.shape, (
        f"fixed_softmax of a matrix of shape {x.shape} must return that shape, got {np.shape(s)}. "
        "A vector of shape (m,) against a column (m, 1) broadcasts to (m, m): use keepdims=True."
    )
    assert np.all(np.isfinite(s)), (
        f"fixed_softmax gave NaN or inf for the scores {x.tolist()}: keep the subtraction of the row maximum."
    )
    np.testing.assert_allclose(s, expected, rtol=1e-6, err_msg=f"fixed_softmax is wrong on a matrix of shape {x.shape}.")
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("fixed_softmax_shapes", fixed_softmax)
### END HIDDEN TESTS

# %% [markdown]
# ## The derivative of softmax: a Jacobian you never build
#
# Training needs the derivative of softmax, and it is a matrix: every probability $s_j$ depends on every score $z_k$, through the sum.
# The derivatives $\partial s_j / \partial z_k$ form the **Jacobian** $J(z)$, an $n \times n$ matrix per example.
# What backpropagation needs is never $J$ itself but its product with a vector $v$, and that product has a short formula, with $s = \operatorname{softmax}(z)$:
#
# $$\big(J(z)\,v\big)_j = s_j\,\big(v_j - s \cdot v\big), \qquad s \cdot v = \sum_{k=1}^{n} s_k v_k .$$
#
# It needs one dot product per row: $O(n)$ work and memory instead of the $O(n^2)$ of $J$,
# which for 50 000 classes (a language model's vocabulary) is 2.5 billion numbers per example.
# $J v$ is the **directional derivative** of softmax along $v$: how the probabilities move when the scores move by a small step $h\,v$,
#
# $$J(z)\,v = \lim_{h \to 0} \frac{\operatorname{softmax}(z + h v) - \operatorname{softmax}(z - h v)}{2h},$$
#
# the central difference of `02_sigmoid_gradient`'s `numerical_derivative`, taken along $v$. That is how you will check your function.
#
# <details><summary>Going deeper: deriving the Jacobian of softmax</summary>
#
# Write $S = \sum_k e^{z_k}$, so that $s_j = e^{z_j} / S$ and $\partial S / \partial z_k = e^{z_k}$.
# The quotient rule gives, with $\delta_{jk}$ = 1 when $j = k$ and 0 otherwise,
#
# $$J(z)_{jk} = \frac{\partial s_j}{\partial z_k} = \frac{\delta_{jk}\, e^{z_j}\, S - e^{z_j}\, e^{z_k}}{S^2} = s_j\,\delta_{jk} - s_j\, s_k = s_j\,(\delta_{jk} - s_k),
# \qquad J(z) = \operatorname{diag}(s) - s\,s^\top .$$
#
# Multiplied by $v$: $\big(J(z)\,v\big)_j = \sum_k s_j\,(\delta_{jk} - s_k)\, v_k = s_j v_j - s_j \sum_k s_k v_k = s_j\,(v_j - s \cdot v)$, the formula above.
# $J$ is symmetric, so $J^\top v$, which backpropagation uses, is the same vector.
# </details>

# %% [markdown]
# ---
# ## Exercise 6: softmax_jvp (2 points) ★★★
#
# Write `softmax_jvp(z, v)` that returns $J(z)\,v$ for **each row**: for scores `z` and directions `v`, both of shape $(m, n)$, float64 or float32,
# row $i$ of the result is $s_i \odot (v_i - s_i \cdot v_i)$ with $s_i = \operatorname{softmax}(z_i)$, a new array of shape $(m, n)$.
# Do not build $J$ (no `np.eye`, `np.diag` or $(m, n, n)$ arrays: the grader uses 12 000 classes, whose Jacobians do not fit in memory), no Python loop,
# stable for scores such as 1000, and do not modify `z` or `v`. You may call your `softmax`. About 3 lines.
#
# <details><summary>Hint 1</summary>
#
# First the probabilities $s$ of each row, then one number per row, $s \cdot v$, then an elementwise product. Which shape must the number per row have?
# </details>
#
# <details><summary>Hint 2</summary>
#
# $s \cdot v$ of every row at once is `np.sum(s * v, axis=1, keepdims=True)`, of shape $(m, 1)$; the answer is $s \odot (v - s \cdot v)$.
# </details>
#
# <details><summary>Hint 3</summary>
#
# `s = softmax(z)` (or its three lines), `sv = np.sum(s * v, axis=1, keepdims=True)`, and return `s * (v - sv)`.
# </details>

# %% nbgrader={"grade": false, "grade_id": "softmax_jvp", "locked": false, "schema_version": 3, "solution": true, "task": false}
def softmax_jvp(z, v):
    """Returns the Jacobian of softmax at each row of z times the same row of v, without building the Jacobian.

    Arguments:
    z -- a numpy matrix of shape (m, n): one row of class scores per example
    v -- a numpy matrix of shape (m, n): one direction per example

    Returns:
    jv -- a numpy matrix of shape (m, n): row i is J(z_i) v_i = s_i * (v_i - s_i . v_i)
    """
    ### BEGIN SOLUTION
    z_exp = np.exp(z - np.max(z, axis=1, keepdims=True))
    s = z_exp / np.sum(z_exp, axis=1, keepdims=True)
    jv = s * (v - np.sum(s * v, axis=1, keepdims=True))
    ### END SOLUTION
    return jv


# %% [markdown]
# For `z = [[1, 2, 3]]` and `v = [[1, 0, 0]]` ($J v$ is then the first column of $J$) your function should return `[[0.08192507, -0.02203304, -0.05989202]]`:
# raising the first score raises its probability and lowers the others, by the same total. Check that it does:

# %%
softmax_jvp(np.array([[1.0, 2.0, 3.0]]), np.array([[1.0, 0.0, 0.0]]))

# %% [markdown]
# Now check it the way `02_sigmoid_gradient` checked `sigmoid_derivative`: with a central difference of your `softmax` along $v$, at the step $h = 10^{-5}$.
# The two should agree to about $10^{-11}$ or better:

# %% tags=["demo"]
try:
    softmax(np.zeros((1, 2)))  # the stubs raise NotImplementedError until you solve them
    softmax_jvp(np.zeros((1, 2)), np.zeros((1, 2)))
except NotImplementedError:
    raise NotImplementedError("solve Exercise 2 (softmax) and Exercise 6 (softmax_jvp) above first to see this check") from None
rng = np.random.default_rng(0)
z_check, v_check = rng.normal(0, 2, size=(4, 5)), rng.normal(size=(4, 5))  # shapes (4, 5): 4 examples, 5 classes
exact = softmax_jvp(z_check, v_check)  # shape (4, 5)
h = 1e-5
numerical = (softmax(z_check + h * v_check) - softmax(z_check - h * v_check)) / (2 * h)  # shape (4, 5)
print(f"h = {h:.0e}: largest |numerical - softmax_jvp| = {np.max(np.abs(numerical - exact)):.1e}")

# %% [markdown]
# <details><summary>Going deeper: the error of the check against the step h</summary>
#
# As in `02_sigmoid_gradient`, the error of the central difference first falls like $h^2$, then rounding takes over for very small $h$ (about $10^{-16}/h$).
# The cell below repeats the check for five step sizes: from $h = 10^{-1}$ to $10^{-3}$ the error falls by a factor of about $10^4$, as $h^2$ predicts,
# a little less from $10^{-3}$ to $10^{-5}$, where rounding starts to count, and for smaller $h$ it grows again.
# </details>

# %% tags=["demo"]
# Going deeper: the error of the central-difference check against the step h
try:
    softmax(np.zeros((1, 2)))  # the stubs raise NotImplementedError until you solve them
    softmax_jvp(np.zeros((1, 2)), np.zeros((1, 2)))
except NotImplementedError:
    raise NotImplementedError("solve Exercise 2 (softmax) and Exercise 6 (softmax_jvp) above first to see this check") from None
rng = np.random.default_rng(0)
z_deep, v_deep = rng.normal(0, 2, size=(4, 5)), rng.normal(size=(4, 5))  # shapes (4, 5): the same as above
jvp_deep = softmax_jvp(z_deep, v_deep)  # shape (4, 5)
for step in [1e-1, 1e-3, 1e-5, 1e-8, 1e-11]:
    difference = (softmax(z_deep + step * v_deep) - softmax(z_deep - step * v_deep)) / (2 * step)  # shape (4, 5)
    print(f"h = {step:.0e}: largest |numerical - softmax_jvp| = {np.max(np.abs(difference - jvp_deep)):.1e}")

# %% nbgrader={"grade": true, "grade_id": "softmax_jvp_values", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that softmax_jvp is the Jacobian of softmax times v, row by row, for square and non-square matrices."""
z = np.array([[1.0, 2.0, 3.0]])  # shape (1, 3)
jv = softmax_jvp(z, np.array([[1.0, 0.0, 0.0]]))
assert isinstance(jv, np.ndarray) and jv.shape == (1, 3), (
    f"softmax_jvp must return an array of the shape of z and v, (1, 3), got {type(jv).__name__} of shape {np.shape(jv)}."
)
assert not np.allclose(jv, [[0.09003057, 0.0, 0.0]]), (
    "you returned s * v, the diagonal of J only: every probability also moves when another score does. "
    "Subtract s_j (s . v) too: s * (v - (s . v))."
)
np.testing.assert_allclose(
    jv, [[0.08192507, -0.02203304, -0.05989202]], rtol=1e-6,
    err_msg="softmax_jvp([[1, 2, 3]], [[1, 0, 0]]) should be the first column of J, s_j (delta_j0 - s_0).",
)
z = np.array([[1.0, 2.0], [3.0, 5.0]])  # shape (2, 2): square, so a forgotten keepdims runs silently
v = np.array([[1.0, -1.0], [0.5, 2.0]])  # shape (2, 2)
jv = softmax_jvp(z, v)
np.testing.assert_allclose(
    jv, [[0.39322387, -0.39322387], [-0.15749038, 0.15749038]], rtol=1e-6,
    err_msg="softmax_jvp is wrong on a square matrix. Did you forget keepdims=True on the dot product of each row? "
    "Without it the (m,) vector broadcasts along the rows.",
)
h = 1e-5  # the central difference of softmax along v, as numerical_derivative in 02
e_plus = np.exp(z + h * v - np.max(z + h * v, axis=1, keepdims=True))  # shape (2, 2)
e_minus = np.exp(z - h * v - np.max(z - h * v, axis=1, keepdims=True))  # shape (2, 2)
numerical = (e_plus / e_plus.sum(axis=1, keepdims=True) - e_minus / e_minus.sum(axis=1, keepdims=True)) / (2 * h)
np.testing.assert_allclose(jv, numerical, atol=1e-8,
                           err_msg="softmax_jvp disagrees with the central difference of softmax along v.")
np.testing.assert_array_equal(v, [[1.0, -1.0], [0.5, 2.0]], err_msg="softmax_jvp modified v in place.")
from course_tools import loop_problem

assert loop_problem(softmax_jvp, "softmax_jvp") is None, loop_problem(softmax_jvp, "softmax_jvp")
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("softmax_jvp_values", softmax_jvp)
### END HIDDEN TESTS

# %% nbgrader={"grade": true, "grade_id": "softmax_jvp_stable", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that softmax_jvp is finite for scores near 1000, and 0 where softmax cannot move."""
z = np.array([[1000.0, 999.0, 998.0], [-1000.0, -1001.0, -1002.0]])  # shape (2, 3)
v = np.array([[1.0, 0.0, -1.0], [2.0, 2.0, 2.0]])  # shape (2, 3): the second row is constant
with np.errstate(all="ignore"):  # a naive version overflows; the asserts below name the problem
    jv = softmax_jvp(z, v)
assert isinstance(jv, np.ndarray) and jv.shape == (2, 3), f"softmax_jvp must return shape (2, 3), got {np.shape(jv)}."
assert np.all(np.isfinite(jv)), (
    f"softmax_jvp gave NaN or inf for scores near ±1000:\n{jv}\nnp.exp(1000) overflows: subtract each row's maximum "
    "before np.exp, as in softmax."
)
np.testing.assert_allclose(
    jv[0], [0.28258745, -0.14077036, -0.14181709], rtol=1e-6, atol=1e-12,
    err_msg="softmax_jvp([[1000, 999, 998]], [[1, 0, -1]]) should equal softmax_jvp([[2, 1, 0]], [[1, 0, -1]]): "
    "only the differences between scores matter.",
)
np.testing.assert_allclose(
    jv[1], [0.0, 0.0, 0.0], atol=1e-12,
    err_msg="moving every score of a row by the same amount changes no probability, so J v is 0 for a constant v. "
    "Subtract the dot product s . v of each row: s * (v - (s . v)).",
)
column = softmax_jvp(np.array([[3.0], [-1.0]]), np.array([[1.0], [5.0]]))  # one class: its probability is always 1
np.testing.assert_allclose(column, [[0.0], [0.0]], atol=1e-12, err_msg="with one class J is 0, so J v is 0.")
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("softmax_jvp_stable", softmax_jvp)
### END HIDDEN TESTS

# %% [markdown]
# ## Summary
#
# - Broadcasting aligns shapes on the right; each pair of sizes must be equal or contain a 1, missing dimensions count as 1, and the result takes the size that is not 1.
# - `np.sum(e, axis=1, keepdims=True)` has shape $(m, 1)$, so `e / np.sum(e, axis=1, keepdims=True)` divides each row by its own sum; without `keepdims` a square matrix is silently divided by the wrong sums.
# - $\operatorname{softmax}(z)_j = e^{z_j} / \sum_k e^{z_k}$ gives probabilities in $(0, 1)$ that sum to 1, and the exponential gives a slightly larger score a much larger share.
# - Softmax is the output layer for multi-class classification; for two classes $\operatorname{softmax}([z, 0])_0 = \sigma(z)$, so one sigmoid output is enough.
# - Subtracting each row's maximum before `np.exp` changes nothing mathematically and prevents overflow: scores of 1000 give no NaN.
# - A tiny probability still underflows to 0, and its log to $-\infty$; log-softmax by log-sum-exp, $(z - c) - \log \sum_k e^{z_k - c}$, is exact instead.
# - The cross-entropy $-\frac1m \sum_i \log \operatorname{softmax}(z_i)_{y_i}$ picks one entry per row with `ls[np.arange(m), labels]`.
# - A reduction over `axis=1` without `keepdims` raises on most shapes and is silently wrong on a square matrix: test code on a square matrix whose rows differ.
# - The product of the softmax Jacobian with $v$ is $s \odot (v - s \cdot v)$, one dot product per row, never the $n \times n$ matrix (Going deeper: the Jacobian is $\operatorname{diag}(s) - s s^\top$).

# %% [markdown]
# <!--NAVIGATION-->
# < [04 Normalizing data](04_normalization.ipynb) | [Contents](CONTENTS.md) | [06 Vectorization](06_vectorization.ipynb) >
