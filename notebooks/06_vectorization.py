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
# < [05 Softmax and broadcasting](05_softmax_broadcasting.ipynb) | [Contents](CONTENTS.md) | [07 L1 and L2 losses](07_l1_l2_losses.ipynb) >

# %% [markdown]
# # 06 Vectorization: one NumPy call instead of a Python loop
#
# **Learning goals**
#
# - You can compute a dot product, an outer product, an elementwise product and a matrix-vector product with one NumPy call each, and say which shape each returns.
# - You can rewrite an explicit Python loop over array elements, even three nested ones, as a vectorized NumPy expression.
# - You can read a log-log timing plot: a Python loop pays for every element, NumPy mostly once per call.
# - Going deeper (optional): you can explain why the vectorized version is faster (compiled loops, contiguous memory, SIMD, BLAS), when it is not, and what memory bandwidth a computation reaches.
#
# Expected time: about 40 minutes (core path).
# The folded "Going deeper" sections, on SIMD, BLAS, caches and memory bandwidth, are optional.

# %% [markdown]
# ## The idea
#
# A neural network layer is mostly products of vectors and matrices, repeated over millions of numbers.
# Written as Python `for` loops, those products are long to type and slow to run, because the interpreter handles one number at a time.
# *Vectorized* code states the whole operation at once (`W @ x`) and lets NumPy run the loop in compiled code.
# Four products cover most of what you will write, for vectors $x_1 \in \mathbb{R}^n$, $x_2 \in \mathbb{R}^n$ (or $\mathbb{R}^m$ for the outer product) and a matrix $W \in \mathbb{R}^{m \times n}$:
#
# $$
# \underbrace{x_1 \cdot x_2 = \sum_{i=1}^{n} x_{1,i}\, x_{2,i}}_{\text{dot: one number}}
# \qquad
# \underbrace{(x_1 \otimes x_2)_{ij} = x_{1,i}\, x_{2,j}}_{\text{outer: } n \times m \text{ matrix}}
# \qquad
# \underbrace{(x_1 \odot x_2)_{i} = x_{1,i}\, x_{2,i}}_{\text{elementwise: } n \text{ numbers}}
# \qquad
# \underbrace{(W x)_{i} = \sum_{j=1}^{n} W_{ij}\, x_{j}}_{\text{matrix-vector: } m \text{ numbers}}
# $$
#
# The matrix-vector product is $m$ dot products at once, one per row of $W$: it is what a dense layer computes, $z = Wx + b$.
# In this notebook $n$ and $m$ are only lengths of vectors ($W$ has $m$ rows, one per output of the layer, $n_{\text{out}}$ in the course's notation),
# not numbers of features and examples as in the rest of the course (`01_why_numpy`).

# %%
import numpy as np

try:
    from course_tools import best_time, loop_problem, new_axes  # course_tools.py ships beside this notebook
except ModuleNotFoundError as missing:
    if missing.name != "course_tools":
        raise
    raise ModuleNotFoundError("course_tools.py is not beside this notebook: put the course_tools.py of your course "
                              "folder next to it (in Colab: Files panel on the left, Upload) and run this cell again.") from None

x1 = np.array([3.0, 1.0, 4.0, 1.0, 5.0])  # shape (5,)
x2 = np.array([2.0, 7.0, 1.0, 8.0, 2.0])  # shape (5,)
print("dot         np.dot(x1, x2)      =", np.dot(x1, x2))
print("outer       np.outer(x1, x2[:3]) has shape", np.outer(x1, x2[:3]).shape)
print("elementwise np.multiply(x1, x2) =", np.multiply(x1, x2))
W = np.arange(10.0).reshape(2, 5)  # shape (2, 5): 2 outputs, 5 inputs
print("matvec      W @ x1              =", W @ x1, "  (W has shape", W.shape, ")")

# %% [markdown]
# **Predict, then run.** With the same `x1` (shape `(5,)`) and `W` (shape `(2, 5)`), what shape does each of these give, or does it fail?
# `x1 @ W`, `W * x1` and `np.outer(W @ x1, x1)`.
# Write your three guesses in the cell below (not graded), then run the one after it.

# %% tags=["demo"]
my_prediction = [..., ..., ...]  # your three guesses, each a shape such as (7, 8) or "error"

# %% tags=["demo"]
for label, product in [("x1 @ W", lambda: x1 @ W), ("W * x1", lambda: W * x1),
                       ("np.outer(W @ x1, x1)", lambda: np.outer(W @ x1, x1))]:
    try:
        print(f"{label:21} -> shape {np.shape(product())}")
    except ValueError as problem:
        print(f"{label:21} -> ValueError: {problem}")

# %% [markdown]
# `x1 @ W` pairs the 5 entries of `x1` with the 2 *rows* of `W`: the inner sizes differ, so it fails (`W @ x1` is the product you want).
# `W * x1` is no matrix-vector product at all: it is elementwise, and broadcasting stretches `x1` over the 2 rows (notebook 05), so it keeps the shape `(2, 5)`.
# `np.outer` of a vector of length 2 and one of length 5 is the `(2, 5)` matrix of every product.

# %% [markdown]
# ## The given code: the same four products as Python loops
#
# Here is each product written the classic way, one element at a time.
# Read them: they are correct, and they are exactly what NumPy does for you, only much slower.
# You will use them below to check your vectorized versions and to time them.

# %%
def loop_dot(x1, x2):
    """Returns the dot product of two vectors of the same length, with a Python loop."""
    dot = 0.0
    for i in range(len(x1)):
        dot += x1[i] * x2[i]
    return dot


def loop_outer(x1, x2):
    """Returns the (len(x1), len(x2)) outer product of two vectors, with two Python loops."""
    outer = np.zeros((len(x1), len(x2)))
    for i in range(len(x1)):
        for j in range(len(x2)):
            outer[i, j] = x1[i] * x2[j]
    return outer


def loop_multiply(x1, x2):
    """Returns the elementwise product of two vectors of the same length, with a Python loop."""
    mul = np.zeros(len(x1))
    for i in range(len(x1)):
        mul[i] = x1[i] * x2[i]
    return mul


def loop_matvec(W, x):
    """Returns the matrix-vector product W x for W of shape (m, n) and x of shape (n,), with two loops."""
    out = np.zeros(W.shape[0])
    for i in range(W.shape[0]):
        for j in range(len(x)):
            out[i] += W[i, j] * x[j]
    return out


# %% [markdown]
# The loops give the same numbers as NumPy's one-liners:

# %%
rng = np.random.default_rng(0)
a, b = rng.normal(size=1000), rng.normal(size=1000)  # shapes (1000,) and (1000,)
M = rng.normal(size=(300, 1000))  # shape (300, 1000): M @ a has shape (300,)
print("dot        :", np.allclose(loop_dot(a, b), np.dot(a, b)))
print("outer      :", np.allclose(loop_outer(a[:300], b[:200]), np.outer(a[:300], b[:200])))
print("elementwise:", np.allclose(loop_multiply(a, b), np.multiply(a, b)))
print("matvec     :", np.allclose(loop_matvec(M, a), M @ a))

# %% [markdown]
# ...but not in the same time.
# **Predict, then run:** for the dot product of two vectors of $n = 1000$ numbers, how many times faster than `loop_dot` do you expect `np.dot` to be: 2, 10, 100, 1000?
# Write your guess in the cell below (not graded).

# %% tags=["demo"]
my_prediction = ...  # your guess: np.dot is this many times faster than loop_dot at n = 1000

# %% [markdown]
# Each line below times both versions on the arrays above (the best of a few runs; your numbers depend on your machine):

# %% tags=["nbval-ignore-output", "demo"]
pairs = [
    ("dot, n = 1000", lambda: loop_dot(a, b), lambda: np.dot(a, b)),
    ("outer, 300 x 200", lambda: loop_outer(a[:300], b[:200]), lambda: np.outer(a[:300], b[:200])),
    ("elementwise, n = 1000", lambda: loop_multiply(a, b), lambda: np.multiply(a, b)),
    ("matvec, 300 x 1000", lambda: loop_matvec(M, a), lambda: M @ a),
]
print(f"{'product':24}{'Python loop':>14}{'NumPy':>12}{'speed-up':>10}")
for name, loop, vectorized in pairs:
    t_loop, t_numpy = best_time(loop, repeat=3), best_time(vectorized, repeat=20, budget=0.1)
    print(f"{name:24}{t_loop * 1e3:11.2f} ms{t_numpy * 1e6:9.1f} µs{t_loop / t_numpy:9.0f}x")

# %% [markdown]
# ### The same comparison with `%timeit`
#
# IPython's `%timeit` magic times one statement for you, in any notebook, with nothing to import.
# `%timeit -n 100 -r 5 statement` runs the statement 100 times in a row, 5 times over, and reports the **mean ± standard deviation** of the time per call over those 5 runs,
# while the course's `best_time` reports the **best** (the minimum) of its runs, the one least disturbed by other programs, so `%timeit`'s mean is usually a little higher and moves more from one run to the next.
# Without `-n` and `-r`, `%timeit` picks `-n` itself so that a run lasts at least 0.2 s, and does 7 runs.

# %% tags=["nbval-ignore-output", "demo"]
# %timeit -n 100 -r 5 loop_dot(a, b)
# %timeit -n 10000 -r 5 np.dot(a, b)

# %% [markdown]
# ### Why is the vectorized version so much faster?
#
# In `loop_dot` the interpreter handles every element on its own; `np.dot` checks the types once and then runs a loop compiled to machine code.
#
# <details><summary>Going deeper: compiled loops, contiguous memory, SIMD, BLAS, and the limits</summary>
#
# - **No interpreter in the inner loop.** In `loop_dot`, every iteration runs several bytecode instructions, `x1[i]` builds a new Python float object, and `*` and `+=` look up the types of their operands again. That costs 100 to 200 ns per element. `np.dot` checks the types *once*, then runs a loop compiled to machine code over raw 8-byte numbers.
# - **Contiguous memory.** A NumPy array stores its numbers side by side. The CPU reads memory in 64-byte cache lines (8 float64 at a time) and prefetches the next lines before they are needed, instead of chasing pointers to scattered Python objects.
# - **SIMD.** The compiled loops use vector instructions: one AVX2 instruction multiplies 4 float64 (or 8 float32) at once, and a fused multiply-add does the `+=` in the same step.
# - **BLAS.** `np.dot`, `@` and `np.matmul` hand the work to a BLAS library (OpenBLAS or MKL), hand-tuned for each CPU, which may also split a large product across several cores.
#
# Be honest about the limits too.
# A NumPy call has a fixed cost of roughly a microsecond, so for a handful of numbers the loop is not much slower.
# An expression such as `np.sum(x1 * x2)` first builds the whole temporary array `x1 * x2` in memory, which `np.dot` avoids.
# And for large arrays, a dot product uses each number once only (2 floating-point operations per 16 bytes read), so it is limited by how fast memory delivers the bytes, not by the arithmetic: the last plot of this notebook, also folded, measures that.
# </details>

# %% [markdown]
# ---
# ## Exercise 1: dot_product (1 point) ★☆☆
#
# Write `dot_product(x1, x2)` that returns the dot product $\sum_i x_{1,i}\,x_{2,i}$ of two vectors of the same length $n$ (float64, float32 or integers) as **one number**, without any Python loop.
# Do not modify `x1` or `x2`.
#
# About 1 line of code.
#
# <details><summary>Hint 1</summary>
#
# NumPy has a function, and an operator, for exactly this product; `loop_dot` above shows what it computes.
# </details>
#
# <details><summary>Hint 2</summary>
#
# `np.dot(x1, x2)` or `x1 @ x2`
# </details>

# %% nbgrader={"grade": false, "grade_id": "dot_product", "locked": false, "schema_version": 3, "solution": true, "task": false}
def dot_product(x1, x2):
    """Returns the dot product of two vectors, without a Python loop.

    Arguments:
    x1 -- a numpy array of shape (n,)
    x2 -- a numpy array of shape (n,)

    Returns:
    dot -- a number, the sum of x1[i] * x2[i]
    """
    ### BEGIN SOLUTION
    dot = np.dot(x1, x2)
    ### END SOLUTION
    return dot


# %% [markdown]
# Your function should return `35.0` for `x1 = [3, 1, 4, 1, 5]` and `x2 = [2, 7, 1, 8, 2]`, like `loop_dot`. Check that it does:

# %%
x1 = np.array([3.0, 1.0, 4.0, 1.0, 5.0])
x2 = np.array([2.0, 7.0, 1.0, 8.0, 2.0])
print("dot_product:", dot_product(x1, x2), "  loop_dot:", loop_dot(x1, x2))

# %% nbgrader={"grade": true, "grade_id": "dot_product_values", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that dot_product returns one number, the sum of the pairwise products."""
x1 = np.array([3.0, 1.0, 4.0, 1.0, 5.0])
x2 = np.array([2.0, 7.0, 1.0, 8.0, 2.0])
problem = loop_problem(dot_product, "dot_product")
assert problem is None, problem
d = dot_product(x1, x2)
assert np.size(d) == 1, (
    f"dot_product must return one number, got an array of shape {np.shape(d)}. "
    "Shape (5, 5) means you computed the outer product; shape (5,) means you forgot to sum the products x1 * x2."
)
np.testing.assert_allclose(
    float(np.squeeze(d)), 35.0, rtol=1e-12,
    err_msg="dot_product([3, 1, 4, 1, 5], [2, 7, 1, 8, 2]) should be 3*2 + 1*7 + 4*1 + 1*8 + 5*2 = 35. "
    "Did you multiply pair by pair before summing?",
)
v = np.array([1.0, -2.0, 0.5], dtype=np.float32)
np.testing.assert_allclose(
    float(np.squeeze(dot_product(v, v))), 5.25, rtol=1e-6, err_msg="dot_product(v, v) should be the sum of squares of v."
)
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("dot_product_values", dot_product)
### END HIDDEN TESTS

# %% [markdown]
# ---
# ## Exercise 2: outer_product (1 point) ★☆☆
#
# Write `outer_product(x1, x2)` that returns the outer product of a vector `x1` of length $n$ and a vector `x2` of length $m$: the matrix of shape $(n, m)$ whose entry $(i, j)$ is $x_{1,i}\,x_{2,j}$.
# No Python loop; do not modify the inputs.
#
# About 1 line of code.
#
# <details><summary>Hint 1</summary>
#
# Entry $(i, j)$ multiplies entry $i$ of `x1` with entry $j$ of `x2`: NumPy names this product, or broadcasting can stretch a column against a row.
# </details>
#
# <details><summary>Hint 2</summary>
#
# `np.outer(x1, x2)`, or broadcasting a column against a row: `x1[:, None] * x2[None, :]`
# </details>

# %% nbgrader={"grade": false, "grade_id": "outer_product", "locked": false, "schema_version": 3, "solution": true, "task": false}
def outer_product(x1, x2):
    """Returns the outer product of two vectors, without a Python loop.

    Arguments:
    x1 -- a numpy array of shape (n,)
    x2 -- a numpy array of shape (m,)

    Returns:
    outer -- a numpy array of shape (n, m) with outer[i, j] = x1[i] * x2[j]
    """
    ### BEGIN SOLUTION
    outer = np.outer(x1, x2)
    ### END SOLUTION
    return outer


# %% [markdown]
# For `x1 = [3, 1, 4, 1, 5]` and `y = [1, -1, 2]`, your function should return a $5 \times 3$ matrix whose first row is `[3, -3, 6]` (that is, $3 \cdot y$), like `loop_outer`. Check that it does:

# %%
y = np.array([1.0, -1.0, 2.0])
print(outer_product(x1, y))
print("same as loop_outer:", np.allclose(outer_product(x1, y), loop_outer(x1, y)))

# %% nbgrader={"grade": true, "grade_id": "outer_product_values", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that outer_product returns the (n, m) matrix of x1[i] * x2[j]."""
x1 = np.array([3.0, 1.0, 4.0, 1.0, 5.0])
y = np.array([1.0, -1.0, 2.0])
problem = loop_problem(outer_product, "outer_product")
assert problem is None, problem
try:
    o = outer_product(x1, y)
except ValueError as error:
    raise AssertionError(
        f"outer_product raised ValueError: {error}. x1 has 5 elements and x2 has 3: a dot product or an "
        "elementwise product needs equal lengths, but the outer product pairs every x1[i] with every x2[j]: "
        "use np.outer(x1, x2) or x1[:, None] * x2[None, :]."
    ) from None
assert isinstance(o, np.ndarray), (
    f"outer_product must return a NumPy array, got {type(o).__name__}. "
    "A single number means you computed the dot product instead: use np.outer."
)
assert o.shape == (5, 3), (
    f"outer_product of vectors of lengths 5 and 3 must have shape (5, 3), got {o.shape}. "
    "Shape (3, 5) means you swapped x1 and x2; a 1-D shape means you did not build a matrix."
)
np.testing.assert_allclose(
    o, loop_outer(x1, y), rtol=1e-12,
    err_msg="outer_product has wrong values: entry (i, j) must be x1[i] * x2[j], as in loop_outer.",
)
np.testing.assert_allclose(
    outer_product(np.array([1.0, 2.0]), np.array([3.0, 4.0, 5.0])), [[3.0, 4.0, 5.0], [6.0, 8.0, 10.0]],
    rtol=1e-12, err_msg="outer_product([1, 2], [3, 4, 5]) should be [[3, 4, 5], [6, 8, 10]].",
)
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("outer_product_values", outer_product)
### END HIDDEN TESTS

# %% [markdown]
# ---
# ## Exercise 3: elementwise_product (1 point) ★☆☆
#
# Write `elementwise_product(x1, x2)` that returns the array of products $x_{1,i}\,x_{2,i}$, position by position, for two arrays of the same shape (vectors here, but any shape must work).
# The result has the shape of the inputs. No Python loop; do not modify the inputs.
#
# About 1 line of code.
#
# <details><summary>Hint 1</summary>
#
# Which arithmetic operator works entry by entry on two NumPy arrays of the same shape?
# </details>
#
# <details><summary>Hint 2</summary>
#
# `np.multiply(x1, x2)`, which is what `x1 * x2` calls
# </details>

# %% nbgrader={"grade": false, "grade_id": "elementwise_product", "locked": false, "schema_version": 3, "solution": true, "task": false}
def elementwise_product(x1, x2):
    """Returns the elementwise product of two arrays of the same shape, without a Python loop.

    Arguments:
    x1 -- a numpy array of any shape
    x2 -- a numpy array of the same shape as x1

    Returns:
    mul -- a numpy array of the same shape, with mul[i] = x1[i] * x2[i]
    """
    ### BEGIN SOLUTION
    mul = np.multiply(x1, x2)
    ### END SOLUTION
    return mul


# %% [markdown]
# Your function should return `[6, 7, 4, 8, 10]` for the same `x1` and `x2`, like `loop_multiply`. Check that it does:

# %%
x2 = np.array([2.0, 7.0, 1.0, 8.0, 2.0])
print("elementwise_product:", elementwise_product(x1, x2), "  loop_multiply:", loop_multiply(x1, x2))

# %% nbgrader={"grade": true, "grade_id": "elementwise_product_values", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that elementwise_product multiplies position by position and keeps the shape."""
x1 = np.array([3.0, 1.0, 4.0, 1.0, 5.0])
x2 = np.array([2.0, 7.0, 1.0, 8.0, 2.0])
x1_before = x1.copy()
problem = loop_problem(elementwise_product, "elementwise_product")
assert problem is None, problem
p = elementwise_product(x1, x2)
assert isinstance(p, np.ndarray), (
    f"elementwise_product must return a NumPy array, got {type(p).__name__}. "
    "A single number means you used np.dot (or @), which also sums: use np.multiply or *."
)
assert p.shape == (5,), (
    f"elementwise_product of two vectors of shape (5,) must have shape (5,), got {p.shape}. "
    "Shape (5, 5) means you computed the outer product."
)
np.testing.assert_allclose(
    p, [6.0, 7.0, 4.0, 8.0, 10.0], rtol=1e-12,
    err_msg="elementwise_product has wrong values: entry i must be x1[i] * x2[i].",
)
m = elementwise_product(np.eye(2), np.full((2, 2), 3.0))
assert np.shape(m) == (2, 2), f"elementwise_product of two (2, 2) matrices must have shape (2, 2), got {np.shape(m)}."
np.testing.assert_allclose(
    m, [[3.0, 0.0], [0.0, 3.0]], rtol=1e-12,
    err_msg="elementwise_product(I, 3 * ones) should be 3 * I: on matrices too, multiply position by position "
    "(np.dot of two matrices is the matrix product).",
)
assert np.array_equal(x1, x1_before), "elementwise_product changed x1 in place (x1 *= x2?). Return a new array instead."
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("elementwise_product_values", elementwise_product)
### END HIDDEN TESTS

# %% [markdown]
# ---
# ## Exercise 4: matrix_vector_product (2 points) ★★☆
#
# Write `matrix_vector_product(W, x)` that returns $W x$ for a matrix `W` of shape $(m, n)$ and a vector `x` of shape $(n,)$: a vector of shape $(m,)$ whose entry $i$ is the dot product of row $i$ of `W` with `x`.
# No Python loop; do not modify the inputs.
# Mind the order: the inner sizes must match, $(m, n) \cdot (n,) \to (m,)$.
#
# About 1 line of code.
#
# <details><summary>Hint 1</summary>
#
# Entry $i$ is the dot product of row $i$ of `W` with `x`; the matrix product does every row at once, if the inner sizes match.
# </details>
#
# <details><summary>Hint 2</summary>
#
# `W @ x` (or `np.dot(W, x)`)
# </details>

# %% nbgrader={"grade": false, "grade_id": "matrix_vector_product", "locked": false, "schema_version": 3, "solution": true, "task": false}
def matrix_vector_product(W, x):
    """Returns the matrix-vector product W x, without a Python loop.

    Arguments:
    W -- a numpy array of shape (m, n)
    x -- a numpy array of shape (n,)

    Returns:
    y -- a numpy array of shape (m,) with y[i] = sum over j of W[i, j] * x[j]
    """
    ### BEGIN SOLUTION
    y = W @ x
    ### END SOLUTION
    return y


# %% [markdown]
# For `W = [[0, 1, 2], [3, 4, 5]]` and `x = [1, 2, 3]`, your function should return `[8, 26]` (shape `(2,)`), like `loop_matvec`. Check that it does:

# %%
W = np.arange(6.0).reshape(2, 3)  # shape (2, 3)
x = np.array([1.0, 2.0, 3.0])  # shape (3,): W @ x has shape (2,)
print("matrix_vector_product:", matrix_vector_product(W, x), "  loop_matvec:", loop_matvec(W, x))

# %% nbgrader={"grade": true, "grade_id": "matrix_vector_product_shape", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that matrix_vector_product of a (2, 3) matrix and a (3,) vector has shape (2,)."""
W = np.arange(6.0).reshape(2, 3)  # shape (2, 3)
x = np.array([1.0, 2.0, 3.0])  # shape (3,): W @ x has shape (2,)
problem = loop_problem(matrix_vector_product, "matrix_vector_product")
assert problem is None, problem
try:
    y = matrix_vector_product(W, x)
except ValueError as error:
    raise AssertionError(
        f"matrix_vector_product raised ValueError: {error}. "
        "W has shape (2, 3) and x shape (3,): the inner sizes match in W @ x, not in x @ W."
    ) from None
assert isinstance(y, np.ndarray), f"matrix_vector_product must return a NumPy array, got {type(y).__name__}."
assert y.shape == (2,), (
    f"W of shape (2, 3) times x of shape (3,) must have shape (2,), got {y.shape}. "
    "Shape (2, 1) means x was turned into a column: keep it 1-D. "
    "Shape (2, 3) means you multiplied W * x but did not sum each row."
)
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("matrix_vector_product_shape", matrix_vector_product)
### END HIDDEN TESTS

# %% nbgrader={"grade": true, "grade_id": "matrix_vector_product_values", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that matrix_vector_product gives row-by-vector dot products, as loop_matvec does."""
W = np.array([[1.0, 2.0], [3.0, 4.0]])
x = np.array([1.0, -1.0])
problem = loop_problem(matrix_vector_product, "matrix_vector_product")
assert problem is None, problem
y = matrix_vector_product(W, x)
assert np.shape(y) == (2,), f"W @ x for a (2, 2) matrix W must have shape (2,), got {np.shape(y)}: see the shape test above."
np.testing.assert_allclose(
    y, [-1.0, -1.0], rtol=1e-12,
    err_msg="W @ x for W = [[1, 2], [3, 4]] and x = [1, -1] is [1 - 2, 3 - 4] = [-1, -1]. "
    "If you got [-2, -2], you computed x @ W, which uses the columns of W: use W @ x.",
)
np.testing.assert_allclose(
    matrix_vector_product(np.arange(6.0).reshape(2, 3), np.array([1.0, 2.0, 3.0])), [8.0, 26.0], rtol=1e-12,
    err_msg="matrix_vector_product(W, x) for the example above should be [8, 26], as loop_matvec gives.",
)
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("matrix_vector_product_values", matrix_vector_product)
### END HIDDEN TESTS

# %% [markdown]
# ---
# ## Exercise 5: pairwise_sq_distances (2 points) ★★★
#
# Nearest-neighbour classifiers, k-means and attention all need the distance between **every** point of one set and **every** point of another.
# For $p$ points $a_i$ (the rows of `A`, shape $(p, d)$) and $q$ points $b_j$ (the rows of `B`, shape $(q, d)$), the squared distances form a $(p, q)$ matrix:
#
# $$D_{ij} = \lVert a_i - b_j \rVert^2 = \sum_{k=1}^{d} (a_{ik} - b_{jk})^2 = \lVert a_i \rVert^2 + \lVert b_j \rVert^2 - 2\, a_i \cdot b_j .$$
#
# Written with loops this is three nested loops, over $i$, $j$ and $k$.
# Write `pairwise_sq_distances(A, B)` that returns $D$ with **no Python loop**: either let broadcasting build every difference $a_i - b_j$ at once,
# or use the expansion on the right, whose last term is one matrix product.
# Do not modify the inputs. Two to four lines.
#
# <details><summary>Hint 1</summary>
#
# Broadcasting way: you want an array of shape $(p, q, d)$ whose entry $[i, j, :]$ is $a_i - b_j$. Which axes must `A` and `B` gain, with `None`, so that their shapes broadcast to it?
# Expansion way: $a_i \cdot b_j$ for every pair is one entry of a matrix product of `A` with `B` turned on its side.
# </details>
#
# <details><summary>Hint 2</summary>
#
# Broadcasting: `diff = A[:, None, :] - B[None, :, :]`, then `np.sum(diff ** 2, axis=-1)`.
# Expansion: `np.sum(A**2, axis=1)[:, None] + np.sum(B**2, axis=1)[None, :] - 2 * A @ B.T`.
# </details>

# %% nbgrader={"grade": false, "grade_id": "pairwise_sq_distances", "locked": false, "schema_version": 3, "solution": true, "task": false}
def pairwise_sq_distances(A, B):
    """Returns the (p, q) matrix of squared distances between the rows of A and the rows of B, without a loop.

    Arguments:
    A -- a numpy array of shape (p, d): p points in d dimensions, one per row
    B -- a numpy array of shape (q, d): q points in d dimensions, one per row

    Returns:
    D -- a numpy array of shape (p, q) with D[i, j] = sum over k of (A[i, k] - B[j, k]) ** 2
    """
    ### BEGIN SOLUTION
    diff = A[:, None, :] - B[None, :, :]  # (p, 1, d) - (1, q, d) -> shape (p, q, d)
    D = np.sum(diff**2, axis=-1)  # shape (p, q)
    ### END SOLUTION
    return D


# %% [markdown]
# For the corners `A = [[0, 0], [1, 1]]` and the points `B = [[1, 0], [3, 4], [0, 0]]`, your function should return
# `[[1, 25, 0], [1, 13, 2]]`, of shape `(2, 3)`. Check that it does:

# %%
pairwise_sq_distances(np.array([[0.0, 0.0], [1.0, 1.0]]), np.array([[1.0, 0.0], [3.0, 4.0], [0.0, 0.0]]))

# %% nbgrader={"grade": true, "grade_id": "pairwise_sq_distances_values", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that pairwise_sq_distances gives every squared distance, one row per point of A."""
A = np.array([[0.0, 0.0], [1.0, 1.0]])  # shape (2, 2): p = 2 points
B = np.array([[1.0, 0.0], [3.0, 4.0], [0.0, 0.0]])  # shape (3, 2): q = 3 points
problem = loop_problem(pairwise_sq_distances, "pairwise_sq_distances")
assert problem is None, problem
try:
    D = pairwise_sq_distances(A, B)
except ValueError as error:
    raise AssertionError(
        f"pairwise_sq_distances raised ValueError: {error}. A (2, 2) and B (3, 2) do not broadcast as they are: "
        "give them the axes to stretch, A[:, None, :] of shape (2, 1, 2) and B[None, :, :] of shape (1, 3, 2); "
        "or, with the expansion, multiply A @ B.T."
    ) from None
assert isinstance(D, np.ndarray), f"pairwise_sq_distances must return a NumPy array, got {type(D).__name__}."
assert D.shape == (2, 3), (
    f"D must have shape (p, q) = (2, 3), one row per point of A, got {D.shape}. "
    "Shape (2, 3, 2) means you did not sum the squared differences over the last axis; (3, 2) means D is transposed."
)
assert not np.allclose(D, [[1.0, 5.0, 0.0], [1.0, np.sqrt(13.0), np.sqrt(2.0)]]), (
    "you returned the distances; the exercise asks for their squares, with no square root."
)
np.testing.assert_allclose(
    D, [[1.0, 25.0, 0.0], [1.0, 13.0, 2.0]], rtol=1e-12, atol=1e-12,
    err_msg="pairwise_sq_distances has wrong values: D[i, j] = sum over k of (A[i, k] - B[j, k]) ** 2. "
    "With the expansion, check the sign and the factor of the cross term: ||a||² + ||b||² - 2 a·b.",
)
np.testing.assert_array_equal(A, [[0.0, 0.0], [1.0, 1.0]], err_msg="pairwise_sq_distances modified A in place.")
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("pairwise_sq_distances_values", pairwise_sq_distances)
### END HIDDEN TESTS

# %% nbgrader={"grade": true, "grade_id": "pairwise_sq_distances_shapes", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check pairwise_sq_distances on a square case, one point, one dimension, and a set against itself."""
rng = np.random.default_rng(6)
A, B = rng.normal(size=(4, 3)), rng.normal(size=(4, 3))  # shapes (4, 3) and (4, 3): a transposed D has the right shape
D = pairwise_sq_distances(A, B)
assert np.shape(D) == (4, 4), f"for A and B of shape (4, 3) D must have shape (4, 4), got {np.shape(D)}."
assert np.isclose(D[0, 1], np.sum((A[0] - B[1]) ** 2), rtol=1e-9), (
    "D[0, 1] must compare row 0 of A with row 1 of B; yours does not (is D transposed?)."
)
single = pairwise_sq_distances(A[:1], B)
assert np.shape(single) == (1, 4), f"one point of A against 4 of B gives shape (1, 4), got {np.shape(single)}."
line = pairwise_sq_distances(A[:, :1], B[:, :1])
np.testing.assert_allclose(line, (A[:, :1] - B[:, :1].T) ** 2, rtol=1e-9,
                           err_msg="in one dimension (d = 1) D[i, j] is (a_i - b_j) ** 2.")
itself = pairwise_sq_distances(A, A)
assert np.allclose(np.diag(itself), 0.0, atol=1e-9) and np.allclose(itself, itself.T, rtol=1e-9), (
    "the distances of a set to itself have 0 on the diagonal and form a symmetric matrix; yours do not."
)
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("pairwise_sq_distances_shapes", pairwise_sq_distances)
### END HIDDEN TESTS

# %% [markdown]
# ## A plot that teaches: the loop pays per element, NumPy pays per call
#
# The plot shows the time of one call against the array size $n$, from 10 to $10^7$, on log-log axes, for the dot product and the elementwise product, each as a Python loop and vectorized.
# The Python loops are timed only up to $n = 10^6$: at $10^7$ each call would take seconds.
# Read two things from it.
# The loop lines are straight with slope 1: the time grows in proportion to $n$, about the same cost per element whatever the size.
# The NumPy lines are flat up to about $n = 1000$, where the fixed cost of one call dominates, and only then grow with $n$, at a cost per element hundreds of times smaller.
# Each point is the best of several runs (up to 3 for a loop and 20 for a NumPy call, as many as fit in about a second), the run least disturbed by other programs.
#
# <details><summary>Going deeper: caches and cores in this plot</summary>
#
# Because each point is the best of several runs, the arrays are already in the CPU's caches when they fit there.
# For large $n$ (here from about $10^4$) BLAS may split `np.dot` across several cores; if another program keeps those cores busy, a point can jump far above its neighbours: run the cell again.
# </details>

# %% tags=["nbval-ignore-output", "demo"]
rng = np.random.default_rng(0)
big1, big2 = rng.random(10**7), rng.random(10**7)
sizes = [10**k for k in range(1, 8)]
loop_sizes = [n for n in sizes if n <= 10**6]
# best of up to 3 runs of each loop and 20 of each NumPy call, as many as fit in about a second (budget=1.0)
t_loop_dot = [best_time(loop_dot, big1[:n], big2[:n], repeat=3, budget=1.0) for n in loop_sizes]
t_loop_mul = [best_time(loop_multiply, big1[:n], big2[:n], repeat=3, budget=1.0) for n in loop_sizes]
t_dot = [best_time(np.dot, big1[:n], big2[:n], repeat=20, budget=1.0) for n in sizes]
t_mul = [best_time(np.multiply, big1[:n], big2[:n], repeat=20, budget=1.0) for n in sizes]
print(f"{'n':>10}{'dot speed-up':>14}{'elementwise speed-up':>22}")
for n, tl, tv, tlm, tvm in zip(loop_sizes, t_loop_dot, t_dot, t_loop_mul, t_mul, strict=False):
    print(f"{n:>10,}{tl / tv:>13.0f}x{tlm / tvm:>21.0f}x")

fig, ax = new_axes("array size n (elements)", "time per call (s)",
                   "A Python loop pays per element, NumPy mostly per call")
ax.loglog(loop_sizes, t_loop_dot, "o-", color="C0", label="loop_dot: for i: dot += x1[i] * x2[i]")
ax.loglog(sizes, t_dot, "o--", color="C0", label="np.dot(x1, x2)")
ax.loglog(loop_sizes, t_loop_mul, "s-", color="C1", label="loop_multiply: for i: mul[i] = x1[i] * x2[i]")
ax.loglog(sizes, t_mul, "s--", color="C1", label="np.multiply(x1, x2)")
ax.legend(fontsize=8, title_fontsize=8, loc="upper left",
          title="loops timed up to n = 10^6 only (10^7 would take seconds)");

# %% [markdown]
# ## Going deeper (optional): at large n, the dot product waits for memory
#
# <details><summary>Going deeper: the memory bandwidth a dot product reaches</summary>
#
# A dot product of two float64 vectors reads $2 \times 8 \times n$ bytes and does only $2n$ floating-point operations, one multiply and one add per pair.
# So past a certain size its speed is set by how many bytes per second memory delivers, the *memory bandwidth*:
#
# $$\text{bandwidth} = \frac{2 \times 8 \times n \ \text{bytes}}{\text{time per call}}$$
#
# The plot shows the bandwidth reached by `np.dot` for each $n$ (and by `np.multiply`, which reads 2 arrays and writes a third: $3 \times 8 \times n$ bytes).
# For small $n$ the fixed cost of the call hides everything; for medium $n$ the arrays fit in the CPU caches, which are fast; for $n = 10^7$ (160 MB) the numbers must come from main memory, and the bandwidth drops to what RAM can deliver.
# Where exactly it drops depends on the size of your CPU's caches (the dotted line marks 32 MB), and for large $n$ BLAS may use several cores.
# `np.multiply` falls lower still at large $n$: it must also allocate a fresh result array and write it.
# No amount of clever code makes a dot product faster than that: the arithmetic is cheap, moving the data is not.
# </details>

# %% tags=["nbval-ignore-output", "demo"]
# Going deeper: the memory bandwidth reached by np.dot and np.multiply
fine = np.unique(np.logspace(1, 7, 19).astype(int))
t_dot_fine = np.array([best_time(np.dot, big1[:n], big2[:n], repeat=20, budget=1.0) for n in fine])
t_mul_fine = np.array([best_time(np.multiply, big1[:n], big2[:n], repeat=20, budget=1.0) for n in fine])
gbs_dot = 2 * 8 * fine / t_dot_fine / 1e9
gbs_mul = 3 * 8 * fine / t_mul_fine / 1e9

fig, ax = new_axes("array size n (elements)", "memory bandwidth reached (GB/s)",
                   "At large n, np.dot is limited by memory bandwidth")
ax.semilogx(fine, gbs_dot, "o-", label="np.dot: (2 × 8 × n bytes) / time")
ax.semilogx(fine, gbs_mul, "s-", label="np.multiply: (3 × 8 × n bytes) / time")
ax.axvline(32 * 2**20 / 16, color="gray", linestyle=":", label="2 × 8 × n bytes = 32 MB, a typical L3 cache")
print(f"np.dot at n = {fine[-1]:,}: {t_dot_fine[-1] * 1e3:.2f} ms per call, {gbs_dot[-1]:.1f} GB/s")
print(f"np.dot peak: {gbs_dot.max():.1f} GB/s at n = {fine[gbs_dot.argmax()]:,}")
ax.legend(fontsize=8, loc="upper left");

# %% [markdown]
# ## Summary
#
# - `np.dot(x1, x2)` (or `x1 @ x2`) is one number, $\sum_i x_{1,i} x_{2,i}$; `np.outer(x1, x2)` is the $(n, m)$ matrix of every $x_{1,i} x_{2,j}$; `np.multiply(x1, x2)` (or `x1 * x2`) keeps each $x_{1,i} x_{2,i}$ and the shape of the inputs.
# - `W @ x` for $W$ of shape $(m, n)$ and $x$ of shape $(n,)$ has shape $(m,)$: one dot product per row of $W$. `x @ W` is a different product (or a shape error).
# - Three nested loops over pairs of points and coordinates become one broadcast, `A[:, None, :] - B[None, :, :]`, or one matrix product, `A @ B.T`.
# - A Python loop pays the interpreter for every element; NumPy pays a fixed cost per call and then runs compiled code over contiguous memory (SIMD, often BLAS: see Going deeper), 100 times faster or more for large arrays.
# - Going deeper: for large arrays a dot product is limited by memory bandwidth, not arithmetic: the bytes it reads per second are its speed limit.

# %% [markdown]
# <!--NAVIGATION-->
# < [05 Softmax and broadcasting](05_softmax_broadcasting.ipynb) | [Contents](CONTENTS.md) | [07 L1 and L2 losses](07_l1_l2_losses.ipynb) >
