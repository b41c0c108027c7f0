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
# < [07 L1 and L2 losses](07_l1_l2_losses.ipynb) | [Contents](CONTENTS.md) | next >

# %% [markdown]
# # 08 Logistic regression: the course's tools, put together, learn to tell two shapes apart
#
# **Learning goals**
#
# - You can read a set of images as the data matrix $X$ of shape $(n, m)$, one unrolled image per column, every pixel centred and scaled.
# - You can compute the logistic loss of $\sigma(WX + b)$ without overflow, and its gradient with respect to $W$ and $b$, with no Python loop.
# - You can check a gradient against your `numerical_derivative` of `02_sigmoid_gradient` along a random direction before you trust it.
# - You can train the model, read its loss curves and show, as an image, what its weights learned.
#
# Expected time: about 30 minutes (core path).
# The folded "Going deeper" section, which runs your own `images_to_matrix` and `standardize` on these images, is optional.

# %% [markdown]
# ## The idea
#
# **Logistic regression** scores an example $x$ with one row of weights, $z = Wx + b$, and reads $\sigma(z)$ as the probability that its label is 1.
# For all $m$ examples at once, one matrix product gives the row of scores $Z = WX + b$ of shape $(1, m)$, with $X$ of shape $(n, m)$, one example per column (the course's notation, `01_why_numpy`).
# Training makes the **logistic loss** $J$ small: the mean over the examples of $-\log$ of the probability the model gives the true label.
# Its gradient is short, because $\sigma' = \sigma(1 - \sigma)$ (`02_sigmoid_gradient`) cancels against the derivative of the log:
# every example pulls $W$ by its error $a_i - y_i$ times its own features.
#
# $$A = \sigma(WX + b), \qquad J(W, b) = -\frac{1}{m} \sum_{i=1}^{m} \Big[ y_i \log a_i + (1 - y_i) \log(1 - a_i) \Big], \qquad
# \frac{\partial J}{\partial W} = \frac{1}{m} (A - Y) X^\top, \quad \frac{\partial J}{\partial b} = \frac{1}{m} \sum_{i=1}^{m} (a_i - y_i)$$
#
# The cell below gives `sigmoid` of `01_why_numpy` (as `02` does) and shows the shapes of one matrix product for 5 examples of 3 features.

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


def sigmoid(x):
    """Returns the sigmoid of x, elementwise (01_why_numpy)."""
    return 1 / (1 + np.exp(-x))


demo_W = np.array([[0.5, -1.0, 2.0]])  # shape (1, 3): one row of weights, one per feature
demo_X = np.arange(15.0).reshape(3, 5) / 10  # shape (3, 5): n = 3 features, m = 5 examples
print("W @ X + b:", (demo_W @ demo_X + 0.1).shape, "= (1, m): one score per example")

# %% [markdown]
# ## The images: pluses and crosses
#
# No package of the course's pinned environment ships a labelled set of small images (matplotlib ships single sample pictures,
# such as the portrait of `03_reshape`, and scikit-learn's digits are not installed), and nothing here is downloaded.
# So the cell below **draws** the set, the same on every computer: 8×8 grey images of a plus (label 1) or a cross (label 0),
# each shifted by up to one pixel in each direction and covered in strong noise, 160 to train on and 80 to test on.
# The generator hands over what this notebook needs directly, $X$ of shape $(64, m)$ with image $j$ unrolled row by row as column $j$ and every pixel centred and scaled to mean 0 and standard deviation 1, which is what `images_to_matrix` of `03_reshape` and then `standardize` of `04_normalization` would do to a list of (8, 8, 1) images.
# It scales each pixel with its exact mean and standard deviation over every image it can draw, the same for the training and the test images; with real data you compute them on the training images only and reuse them on the test images.

# %%
SIZE = 8  # pixels per side
PLUS = np.zeros((SIZE, SIZE))  # shape (8, 8)
PLUS[3:5, 1:7] = 1.0
PLUS[1:7, 3:5] = 1.0
DIAGONALS = np.eye(SIZE) + np.eye(SIZE, k=1)  # shape (8, 8): a thick diagonal
CROSS = np.minimum(1.0, DIAGONALS + np.fliplr(DIAGONALS))  # shape (8, 8)
SHAPES = np.stack([CROSS, PLUS])  # shape (2, 8, 8): SHAPES[label], 0 = cross, 1 = plus
NOISE = 0.8  # standard deviation of the noise added to every pixel
PIXEL_ROW, PIXEL_COL = np.divmod(np.arange(SIZE * SIZE), SIZE)  # shape (64,) each: pixel p sits at row p // 8, column p % 8


def shifted_shapes(labels, shifts):
    """Returns the shapes SHAPES[labels] rolled by shifts (rows, columns), as columns: shape (64, len(labels))."""
    rows = (PIXEL_ROW[:, None] - shifts[:, 0]) % SIZE  # shape (64, m): the row of the shape that lands on pixel p
    cols = (PIXEL_COL[:, None] - shifts[:, 1]) % SIZE  # shape (64, m)
    return SHAPES[labels, rows, cols]


# Each pixel's mean and standard deviation over every image the generator can draw: both shapes, all 9 shifts, the noise.
EVERY_SHIFT = np.stack(np.divmod(np.arange(9), 3), axis=1) - 1  # shape (9, 2): (-1, -1), (-1, 0), ..., (1, 1)
BRIGHT = shifted_shapes(np.repeat([0, 1], 9), np.tile(EVERY_SHIFT, (2, 1))).mean(axis=1, keepdims=True)  # shape (64, 1)
PIXEL_MEAN = BRIGHT  # shape (64, 1): how often pixel p lies on a bar; the noise has mean 0
PIXEL_STD = np.sqrt(BRIGHT * (1 - BRIGHT) + NOISE**2)  # shape (64, 1): the bars' spread and the noise's


def draw_images(m, rng, scaled=True):
    """Returns X, shape (64, m): column j is image j, a noisy plus or cross shifted by up to one pixel, unrolled row by row
    and (if scaled) with every pixel centred and scaled; and the labels, shape (1, m), 1 = plus, 0 = cross."""
    labels = rng.integers(0, 2, size=m)  # shape (m,): 1 = plus, 0 = cross
    shifts = rng.integers(-1, 2, size=(m, 2))  # shape (m, 2): rows and columns to shift by
    noise = rng.normal(0, NOISE, size=(m, SIZE * SIZE)).T  # shape (64, m): the 64 values of each image drawn together
    pixels = shifted_shapes(labels, shifts) + noise  # shape (64, m)
    X = (pixels - PIXEL_MEAN) / PIXEL_STD if scaled else pixels
    return X, labels.reshape(1, m).astype(float)


# %% [markdown]
# ### Predict, then run
#
# The next cell draws the 160 training images as `X_train`. Before you run it, write the shape you expect for `X_train` (what are $n$ and $m$?):

# %%
# my prediction of X_train.shape:

# %%
rng = np.random.default_rng(0)
X_train, Y_train = draw_images(160, rng)  # shape (64, 160): n = 8 * 8 pixels, m = 160 examples; Y_train: shape (1, 160)
X_test, Y_test = draw_images(80, rng)  # shape (64, 80): 80 more, never trained on; Y_test: shape (1, 80)
n, m = X_train.shape
print("X_train:", X_train.shape, " Y_train:", Y_train.shape, " X_test:", X_test.shape, " Y_test:", Y_test.shape)
print("share of pluses in the training set:", Y_train.mean())
print(f"over the training images, pixel 0 has mean {X_train[0].mean():.2f} and standard deviation {X_train[0].std():.2f}")

# %% tags=["demo"]
fig, axes = plt.subplots(2, 8, figsize=(11, 3), layout="constrained")
limit = np.abs(X_train[:, :16]).max()  # one grey scale for all 16 images, so that equal greys are equal values
for ax, column, label in zip(axes.ravel(), X_train.T, Y_train[0], strict=False):
    shown = ax.imshow(column.reshape(SIZE, SIZE), cmap="gray", vmin=-limit, vmax=limit)  # column j of X_train: image j, row by row
    ax.set(xticks=[], yticks=[], title="plus (1)" if label else "cross (0)")
fig.colorbar(shown, ax=axes, shrink=0.9, label="scaled pixel value (no unit)")
fig.suptitle("The first 16 training images: the noise hides the shape from a single pixel");

# %% [markdown]
# <details><summary>Going deeper: your own images_to_matrix and standardize on these images</summary>
#
# If you solved `03_reshape` and `04_normalization`, paste your `images_to_matrix` and `standardize` into the next cell and run it and the one after it.
# They should unroll the two shapes exactly as the generator does, and standardize the training images' pixels (one example per **row**, so $X^\top$)
# to almost the generator's `X_train`: the training set's statistics are close to the exact ones, not equal.
# </details>

# %% tags=["demo"]
# Going deeper (optional): paste your images_to_matrix from 03 and your standardize from 04 here.

# %% tags=["demo"]
# Going deeper: your images_to_matrix and standardize against the generator
if "images_to_matrix" not in globals() or "standardize" not in globals():
    print("optional: paste your images_to_matrix from 03 and standardize from 04 into the cell above to try them here")
else:
    two_shapes = images_to_matrix([CROSS[:, :, None], PLUS[:, :, None]])  # two images of shape (8, 8, 1), not shifted
    unshifted = shifted_shapes(np.array([0, 1]), np.zeros((2, 2), dtype=int))  # shape (64, 2): the generator's columns
    print("images_to_matrix unrolls as the generator does:", np.array_equal(two_shapes, unshifted))
    pixels_train, _ = draw_images(160, np.random.default_rng(0), scaled=False)  # the same training images, not yet scaled
    gap = np.abs(standardize(pixels_train.T).T - X_train).max()
    print(f"standardize, training set's statistics, against the exact ones: largest difference {gap:.2f}")

# %% [markdown]
# ### Predict, then run
#
# The loss of the idea takes the log of $a = \sigma(z)$. A model that gives the score $z = 1000$ to an image whose label is $0$ is confidently wrong:
# what should that example cost, and what do you expect $-\log(1 - \sigma(1000))$ to give in float64? Write your guess, then run the cell after it.

# %%
# my prediction of -log(1 - sigmoid(1000)):

# %%
with np.errstate(all="ignore"):  # the warnings are silenced: the values are the lesson
    a_far = sigmoid(np.array([1000.0]))  # shape (1,)
    print("sigmoid(1000) =", a_far, "  1 - sigmoid(1000) =", 1 - a_far, "  -log(1 - sigmoid(1000)) =", -np.log(1 - a_far))
print("log(1 + e^1000) - 0 * 1000 = np.logaddexp(0, 1000) =", np.logaddexp(0, 1000.0))

# %% [markdown]
# ---
# ## Exercise 1: logistic_loss (2 points) ★★☆
#
# Write `logistic_loss(W, b, X, Y)` that returns the logistic loss $J(W, b)$ above as **one number**: the **mean** over the $m$ examples,
# for `W` of shape $(1, n)$, a number `b`, `X` of shape $(n, m)$ and labels `Y` of shape $(1, m)$ holding 0 and 1 (float64 or float32).
# It must stay exact when the model is **confidently wrong**: for a score $z = 1000$ and the label $0$ the loss of that example is $1000$, not `inf`.
# So do not take the log of $\sigma(z)$; with $\log \sigma(z) = -\log(1 + e^{-z})$ the loss of one example becomes
#
# $$-\big[y \log \sigma(z) + (1 - y) \log(1 - \sigma(z))\big] = \log(1 + e^{z}) - y\, z ,$$
#
# and `np.logaddexp(0, z)` computes $\log(e^0 + e^z)$ without overflow (the log-sum-exp trick of `05_softmax_broadcasting`).
# No Python loop; do not modify the inputs. About 2 lines of code.
#
# <details><summary>Hint 1</summary>
#
# First the row of scores $Z$, one matrix product and the bias; then the loss of every example at once; then one number out of the row.
# </details>
#
# <details><summary>Hint 2</summary>
#
# `Z = W @ X + b`, then `np.mean(np.logaddexp(0, Z) - Y * Z)`.
# </details>

# %% nbgrader={"grade": false, "grade_id": "logistic_loss", "locked": false, "schema_version": 3, "solution": true, "task": false}
def logistic_loss(W, b, X, Y):
    """Returns the mean logistic loss of the model sigmoid(W @ X + b) on the labels Y.

    Arguments:
    W -- weights, shape (1, n)
    b -- bias, a number
    X -- data, shape (n, m), one example per column
    Y -- labels 0 or 1, shape (1, m)

    Returns:
    loss -- a number: the mean over the examples of log(1 + exp(z)) - y z, with Z = W @ X + b
    """
    ### BEGIN SOLUTION
    Z = W @ X + b
    loss = np.mean(np.logaddexp(0, Z) - Y * Z)
    ### END SOLUTION
    return loss


# %% [markdown]
# For the weights `[[1, -1]]`, the bias `0.5` and three examples of two features below, the scores are `[1.5, -0.5, 1.5]`
# and your function should return `0.2923` (up to rounding). Check that it does:

# %%
W_small = np.array([[1.0, -1.0]])  # shape (1, 2)
X_small = np.array([[1.0, 0.0, 2.0], [0.0, 1.0, 1.0]])  # shape (2, 3): n = 2 features, m = 3 examples
Y_small = np.array([[1.0, 0.0, 1.0]])  # shape (1, 3)
print("logistic_loss =", logistic_loss(W_small, 0.5, X_small, Y_small))

# %% nbgrader={"grade": true, "grade_id": "logistic_loss_values", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that logistic_loss returns one number, the mean loss of the example."""
W_small = np.array([[1.0, -1.0]])  # shape (1, 2)
X_small = np.array([[1.0, 0.0, 2.0], [0.0, 1.0, 1.0]])  # shape (2, 3)
Y_small = np.array([[1.0, 0.0, 1.0]])  # shape (1, 3)
with np.errstate(all="ignore"):
    loss = logistic_loss(W_small, 0.5, X_small, Y_small)
assert np.ndim(loss) == 0 or np.size(loss) == 1, (
    f"logistic_loss must return one number, got an object of shape {np.shape(loss)}: "
    "these are the losses of the examples; take their mean with np.mean(...)."
)
loss = float(np.squeeze(loss))
assert not np.isclose(loss, 0.8769, atol=1e-4), "logistic_loss returned the sum of the examples' losses; J is their mean (np.mean)."
assert not np.isclose(loss, -0.2923, atol=1e-4), "logistic_loss is negative: J has a minus sign in front, -[y log a + (1 - y) log(1 - a)]."
assert not np.isclose(loss, 0.3133, atol=1e-4), "logistic_loss ignores the bias b: the scores are Z = W @ X + b."
np.testing.assert_allclose(
    loss, 0.29230118, rtol=1e-6,
    err_msg="logistic_loss of the example should be 0.2923: the mean over the examples of log(1 + e^z) - y z, with Z = W @ X + b.",
)
assert np.array_equal(W_small, [[1.0, -1.0]]) and np.array_equal(Y_small, [[1.0, 0.0, 1.0]]), (
    "logistic_loss modified its inputs in place: compute new arrays instead of writing into W, X or Y."
)
from course_tools import loop_problem

assert loop_problem(logistic_loss, "logistic_loss") is None, loop_problem(logistic_loss, "logistic_loss")
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("logistic_loss_values", logistic_loss)
### END HIDDEN TESTS

# %% nbgrader={"grade": true, "grade_id": "logistic_loss_stable", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that a confidently wrong model costs its margin, 1000, not inf, and a confidently right one almost nothing."""
W_far = np.array([[1000.0]])  # shape (1, 1): scores of ±1000
X_far = np.array([[1.0, -1.0]])  # shape (1, 2): scores 1000 and -1000
with np.errstate(all="ignore"):
    wrong = logistic_loss(W_far, 0.0, X_far, np.array([[0.0, 1.0]]))  # both labels the opposite of the score
    right = logistic_loss(W_far, 0.0, X_far, np.array([[1.0, 0.0]]))
wrong, right = float(np.squeeze(wrong)), float(np.squeeze(right))
assert np.isfinite(wrong), (
    f"logistic_loss of a score 1000 with the label 0 should be 1000, got {wrong}: log(1 - sigmoid(1000)) is log(0). "
    "Do not take the log of sigmoid(z): use log(1 + e^z) - y z, with np.logaddexp(0, Z)."
)
assert wrong > 100, (
    f"logistic_loss of two examples wrong by a score of 1000 should be 1000, got {wrong:.4g}: "
    "clipping sigmoid(z) away from 0 and 1 caps the loss of a confident mistake. Use np.logaddexp(0, Z) - Y * Z."
)
np.testing.assert_allclose(wrong, 1000.0, rtol=1e-9, err_msg="two examples wrong by a margin of 1000 should cost 1000 on average.")
np.testing.assert_allclose(right, 0.0, atol=1e-12, err_msg="two examples right by a margin of 1000 should cost about 0.")
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("logistic_loss_stable", logistic_loss)
### END HIDDEN TESTS

# %% [markdown]
# ---
# ## Exercise 2: logistic_gradient (2 points) ★★☆
#
# Write `logistic_gradient(W, b, X, Y)` that returns the pair `(dW, db)`: the gradient of `logistic_loss` with respect to `W`,
# an array of the **shape of `W`**, $(1, n)$, and its derivative with respect to `b`, one number (the formulas are under "The idea").
# Use the given `sigmoid` for $A$. Before you code it, check the shapes: $(A - Y)$ is $(1, m)$ and $X^\top$ is $(m, n)$.
# No Python loop; do not modify the inputs. About 3 lines of code.
#
# <details><summary>Hint 1</summary>
#
# Compute $A$ once, then the row of errors $A - Y$. The gradient is a mean over the examples too: one factor $\frac{1}{m}$ in each part.
# </details>
#
# <details><summary>Hint 2</summary>
#
# `dZ = sigmoid(W @ X + b) - Y`, then `dZ @ X.T / m` and `np.mean(dZ)`, with `m = X.shape[1]`.
# </details>

# %% nbgrader={"grade": false, "grade_id": "logistic_gradient", "locked": false, "schema_version": 3, "solution": true, "task": false}
def logistic_gradient(W, b, X, Y):
    """Returns the gradient of logistic_loss(W, b, X, Y) with respect to W and b.

    Arguments:
    W -- weights, shape (1, n)
    b -- bias, a number
    X -- data, shape (n, m), one example per column
    Y -- labels 0 or 1, shape (1, m)

    Returns:
    dW -- array of shape (1, n): (A - Y) @ X.T / m, with A = sigmoid(W @ X + b)
    db -- a number: the mean of A - Y
    """
    ### BEGIN SOLUTION
    m = X.shape[1]
    dZ = sigmoid(W @ X + b) - Y
    dW = dZ @ X.T / m
    db = np.mean(dZ)
    ### END SOLUTION
    return dW, db


# %% [markdown]
# For the small example above your function should return `dW = [[-0.1824, 0.0650]]` and `db = 0.0042` (up to rounding). Check that it does:

# %%
logistic_gradient(W_small, 0.5, X_small, Y_small)

# %% nbgrader={"grade": true, "grade_id": "logistic_gradient_values", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that logistic_gradient returns (dW, db) of the right shapes and values on the example."""
W_small = np.array([[1.0, -1.0]])  # shape (1, 2)
X_small = np.array([[1.0, 0.0, 2.0], [0.0, 1.0, 1.0]])  # shape (2, 3)
Y_small = np.array([[1.0, 0.0, 1.0]])  # shape (1, 3)
result = logistic_gradient(W_small, 0.5, X_small, Y_small)
assert isinstance(result, tuple) and len(result) == 2, (
    f"logistic_gradient must return the pair (dW, db), got a {type(result).__name__}. End with `return dW, db`."
)
dW, db = result
assert np.shape(dW) == (1, 2), (
    f"dW must have the shape of W, (1, 2), got {np.shape(dW)}. "
    "(2, 1) is X @ (A - Y).T, the transpose: use (A - Y) @ X.T, a (1, m) row times an (m, n) matrix."
)
assert np.size(db) == 1, f"db must be one number, got shape {np.shape(db)}: take the mean of A - Y over the examples."
assert not np.allclose(dW, [[-0.5473, 0.1951]], atol=1e-4), "dW is m = 3 times too large: the loss is a mean, so divide by m."
assert not np.allclose(dW, [[0.1824, -0.0650]], atol=1e-4), "dW has the wrong sign: the error is A - Y, not Y - A."
np.testing.assert_allclose(
    dW, [[-0.18242552, 0.06503838]], rtol=1e-6,
    err_msg="dW should be (A - Y) @ X.T / m with A = sigmoid(W @ X + b). "
    "Did you use Z instead of A = sigmoid(Z), or forget the bias b?",
)
np.testing.assert_allclose(
    float(np.squeeze(db)), 0.00422987, rtol=1e-5,
    err_msg="db should be the mean of A - Y; 0.0127 is their sum (divide by m).",
)
from course_tools import loop_problem

assert loop_problem(logistic_gradient, "logistic_gradient") is None, loop_problem(logistic_gradient, "logistic_gradient")
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("logistic_gradient_values", logistic_gradient)
### END HIDDEN TESTS

# %% [markdown]
# ## Check the gradient before you trust it
#
# A wrong gradient still trains, slowly or towards the wrong place, and never says so. Check it numerically first, with your own
# `numerical_derivative` of `02_sigmoid_gradient` (this notebook does not give it: it is an exercise of `02`): paste it into the first cell below.
# It takes a function of one number, so walk along one random direction $D$ in the space of the weights:
# $g(t) = J(W + tD, b)$ is a function of the number $t$, and calculus says $g'(0) = \sum_j \frac{\partial J}{\partial W_j} D_j$,
# the sum of your `dW` times $D$. The two numbers below should agree to about 8 digits. (Solve Exercises 1 and 2 first.)

# %% tags=["demo"]
# Paste your numerical_derivative from 02 here (02_sigmoid_gradient, Exercise 3), then run this cell and the next one.

# %% tags=["demo"]
if "numerical_derivative" not in globals():
    print("numerical_derivative is not defined: paste your numerical_derivative from 02 into the cell above and run both cells")
else:
    check_rng = np.random.default_rng(1)
    W_check = check_rng.normal(0, 0.1, size=(1, n))  # shape (1, 64): some weights, not all 0
    D = check_rng.normal(size=(1, n))  # shape (1, 64): a random direction
    dW_check, db_check = logistic_gradient(W_check, 0.3, X_train, Y_train)
    along_D = numerical_derivative(lambda t: logistic_loss(W_check + t * D, 0.3, X_train, Y_train), 0.0)
    along_b = numerical_derivative(lambda t: logistic_loss(W_check, 0.3 + t, X_train, Y_train), 0.0)
    print(f"numerical g'(0) = {along_D:.10f}    sum(dW * D) = {np.sum(dW_check * D):.10f}")
    print(f"numerical dJ/db = {along_b:.10f}    db          = {float(db_check):.10f}")

# %% nbgrader={"grade": true, "grade_id": "logistic_gradient_numerical", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check logistic_gradient against central differences of the loss on random data, in every direction of one basis."""
rng_test = np.random.default_rng(11)
W_t = rng_test.normal(size=(1, 4))  # shape (1, 4)
X_t = rng_test.normal(size=(4, 7))  # shape (4, 7): n = 4, m = 7
Y_t = (rng_test.random((1, 7)) < 0.5).astype(float)  # shape (1, 7)
dW, db = logistic_gradient(W_t, -0.2, X_t, Y_t)


def J_t(weights, bias):
    """The reference loss of this test, so that only the gradient is checked here."""
    Z = weights @ X_t + bias
    return np.mean(np.logaddexp(0, Z) - Y_t * Z)


step = 1e-5
basis = np.eye(4)  # row j: a step along weight j only
numeric = np.array([[(J_t(W_t + step * e, -0.2) - J_t(W_t - step * e, -0.2)) / (2 * step) for e in basis]])  # shape (1, 4)
np.testing.assert_allclose(
    np.reshape(dW, (1, -1)), numeric, rtol=1e-5, atol=1e-8,
    err_msg="dW differs from the finite differences of the loss: dW_j must be dJ/dW_j = mean over examples of (a_i - y_i) x_ji.",
)
np.testing.assert_allclose(
    float(np.squeeze(db)), (J_t(W_t, -0.2 + step) - J_t(W_t, -0.2 - step)) / (2 * step), rtol=1e-5, atol=1e-8,
    err_msg="db differs from the finite difference of the loss in b: it is the mean of a_i - y_i.",
)
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("logistic_gradient_numerical", logistic_gradient)
### END HIDDEN TESTS

# %% [markdown]
# ## Training: gradient descent on the standardized images
#
# Start from $W = 0$, $b = 0$ (every image gets the probability $\frac12$, a loss of $\log 2 \approx 0.693$) and take 300 steps
# $W \leftarrow W - \eta\, \partial J / \partial W$, $b \leftarrow b - \eta\, \partial J / \partial b$ with the step $\eta = 0.1$.
# The loop runs over the **steps**, which depend on each other; everything inside a step is one matrix product.
# The loss on the test images, never trained on, is recorded beside the training loss. (Solve Exercises 1 and 2 first.)

# %% tags=["demo"]
W_fit, b_fit = np.zeros((1, n)), 0.0  # shape (1, 64) and a number: the model being trained
learning_rate = 0.1
train_losses, test_losses = [], []
for _ in range(300):  # the steps depend on each other: this loop cannot be vectorized
    train_losses.append(logistic_loss(W_fit, b_fit, X_train, Y_train))
    test_losses.append(logistic_loss(W_fit, b_fit, X_test, Y_test))
    dW_fit, db_fit = logistic_gradient(W_fit, b_fit, X_train, Y_train)
    W_fit, b_fit = W_fit - learning_rate * dW_fit, b_fit - learning_rate * db_fit
print(f"loss after 300 steps: training {train_losses[-1]:.3f}, test {test_losses[-1]:.3f}")

# %% [markdown]
# Both losses fall fast in the first 50 steps and then slowly; the test loss stays **above** the training loss, and the gap widens.
# The gap is what the 64 weights fit of these 160 particular images, their noise, that does not carry over to new ones.
# A loss measured on images the model never saw is the honest one: more images, stopping earlier or a penalty on large weights would narrow the gap.

# %% tags=["demo"]
fig, ax = new_axes("gradient descent step", "logistic loss J (no unit)", "Both losses fall; the test loss stays above the training loss")
ax.plot(train_losses, label="J(W, b) on the 160 training images")
ax.plot(test_losses, label="J(W, b) on the 80 test images")
ax.axhline(np.log(2), color="gray", linestyle=":", label="log 2: W = 0, b = 0")
ax.grid(True, alpha=0.3)
ax.legend();

# %% [markdown]
# ---
# ## Exercise 3: predict (1 point) ★☆☆
#
# Write `predict(W, b, X)` that returns the labels the model predicts: an array of shape $(1, m)$ holding `1.0` where the probability
# $\sigma(WX + b)$ is above $\frac12$ and `0.0` elsewhere. Return numbers (float or int), not booleans. No Python loop. About 1 line of code.
#
# <details><summary>Hint 1</summary>
#
# Compare the whole row of probabilities with $\frac12$ at once; which scores $z$ give $\sigma(z) > \frac12$?
# </details>
#
# <details><summary>Hint 2</summary>
#
# `(sigmoid(W @ X + b) > 0.5).astype(float)`
# </details>

# %% nbgrader={"grade": false, "grade_id": "predict", "locked": false, "schema_version": 3, "solution": true, "task": false}
def predict(W, b, X):
    """Returns the predicted labels, 1.0 where sigmoid(W @ X + b) > 0.5, else 0.0.

    Arguments:
    W -- weights, shape (1, n)
    b -- bias, a number
    X -- data, shape (n, m)

    Returns:
    Y_pred -- array of shape (1, m) of 0.0 and 1.0
    """
    ### BEGIN SOLUTION
    Y_pred = (sigmoid(W @ X + b) > 0.5).astype(float)
    ### END SOLUTION
    return Y_pred


# %% [markdown]
# For the small example with a fourth example of score $0.2$ (probability $0.55$), your function should return `[[1. 0. 1. 1.]]`. Check that it does:

# %%
X_four = np.array([[1.0, 0.0, 2.0, 0.2], [0.0, 1.0, 1.0, 0.5]])  # shape (2, 4): scores 1.5, -0.5, 1.5, 0.2
predict(W_small, 0.5, X_four)

# %% nbgrader={"grade": true, "grade_id": "predict_values", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that predict returns a (1, m) row of 0 and 1, thresholding the probability at 1/2."""
W_small = np.array([[1.0, -1.0]])  # shape (1, 2)
X_four = np.array([[1.0, 0.0, 2.0, 0.2], [0.0, 1.0, 1.0, 0.5]])  # shape (2, 4): scores 1.5, -0.5, 1.5, 0.2
with np.errstate(all="ignore"):
    Y_pred = predict(W_small, 0.5, X_four)
assert isinstance(Y_pred, np.ndarray), f"predict must return a NumPy array, got {type(Y_pred).__name__}."
assert Y_pred.dtype != bool, "predict returned booleans: convert them to numbers with .astype(float) (or int)."
assert Y_pred.shape == (1, 4), f"predict must return one label per example in a row of shape (1, 4), got {Y_pred.shape}."
assert not np.allclose(Y_pred, [[1.0, 0.0, 1.0, 0.0]]), (
    "the example of score 0.2 has the probability 0.55 and must be predicted 1: "
    "threshold the probability sigmoid(z) at 0.5 (or the score z at 0), not the score at 0.5."
)
assert set(np.unique(Y_pred)) <= {0, 1}, "predict must return labels 0 and 1, not probabilities: compare them with 0.5."
np.testing.assert_array_equal(Y_pred, [[1.0, 0.0, 1.0, 1.0]], err_msg="predict should give [[1, 0, 1, 1]]: 1 where sigmoid(W @ X + b) > 0.5.")
from course_tools import loop_problem

assert loop_problem(predict, "predict") is None, loop_problem(predict, "predict")
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("predict_values", predict)
### END HIDDEN TESTS

# %% [markdown]
# ---
# ## Exercise 4: accuracy (1 point) ★☆☆
#
# Write `accuracy(Y_pred, Y)` that returns the **fraction** of examples whose predicted label equals the true one, a number between 0 and 1,
# for two rows `Y_pred` and `Y` of shape $(1, m)$. Mind that for a row, `len(Y)` and `Y.shape[0]` are 1, not $m$. No Python loop. About 1 line of code.
#
# <details><summary>Hint 1</summary>
#
# Compare the two rows entry by entry; the comparison gives booleans, and the mean of booleans counts `True` as 1.
# </details>
#
# <details><summary>Hint 2</summary>
#
# `np.mean(Y_pred == Y)`
# </details>

# %% nbgrader={"grade": false, "grade_id": "accuracy", "locked": false, "schema_version": 3, "solution": true, "task": false}
def accuracy(Y_pred, Y):
    """Returns the fraction of the examples whose predicted label equals the true label.

    Arguments:
    Y_pred -- predicted labels, shape (1, m)
    Y -- true labels, shape (1, m)

    Returns:
    acc -- a number between 0 and 1
    """
    ### BEGIN SOLUTION
    acc = np.mean(Y_pred == Y)
    ### END SOLUTION
    return acc


# %% [markdown]
# Three of these four predictions are right, so your function should return `0.75`. Check that it does:

# %%
accuracy(np.array([[1.0, 0.0, 1.0, 1.0]]), np.array([[1.0, 0.0, 0.0, 1.0]]))

# %% nbgrader={"grade": true, "grade_id": "accuracy_values", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that accuracy is the fraction of right predictions, between 0 and 1."""
acc = accuracy(np.array([[1.0, 0.0, 1.0, 1.0]]), np.array([[1.0, 0.0, 0.0, 1.0]]))
assert np.size(acc) == 1, f"accuracy must return one number, got shape {np.shape(acc)}: take the mean of the comparison."
acc = float(np.squeeze(acc))
assert not np.isclose(acc, 3.0), (
    "accuracy returned 3, the number of right predictions: divide by m = Y.size (len(Y) and Y.shape[0] are 1 for a row), "
    "or take np.mean."
)
assert not np.isclose(acc, 75.0), "accuracy returned a percentage, 75; return the fraction, 0.75."
assert not np.isclose(acc, 0.25), "accuracy returned the error rate, the fraction of wrong predictions; count the equal labels."
np.testing.assert_allclose(acc, 0.75, rtol=1e-12, err_msg="3 right predictions out of 4 give the accuracy 0.75.")
from course_tools import loop_problem

assert loop_problem(accuracy, "accuracy") is None, loop_problem(accuracy, "accuracy")
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("accuracy_values", accuracy)
### END HIDDEN TESTS

# %% [markdown]
# ## What the model learned
#
# The accuracy of the trained model on both sets (solve Exercises 1 to 4 first):

# %% tags=["demo"]
print(f"accuracy on the training images: {accuracy(predict(W_fit, b_fit, X_train), Y_train):.3f}")
print(f"accuracy on the test images:     {accuracy(predict(W_fit, b_fit, X_test), Y_test):.3f}")

# %% [markdown]
# The 64 weights are one per pixel, so they can be shown as an 8×8 image: a positive weight votes "plus", a negative one "cross".
# Next to them, the mean of the training images of each class. The weights are a **template** of the difference between the two shapes:
# most negative in the corners, which only the cross reaches, positive along the bars of the plus, and weak in the very middle, where both shapes are bright.
# The shifts of one pixel blur the template, and its speckle is the noise of single training images that the weights fit too.

# %% tags=["demo"]
limit = np.abs(W_fit).max()
fig, axes = plt.subplots(1, 3, figsize=(11, 3.6), layout="constrained")
panels = [
    (X_train[:, Y_train[0] == 1].mean(axis=1), "mean training plus", "gray", None),
    (X_train[:, Y_train[0] == 0].mean(axis=1), "mean training cross", "gray", None),
    (W_fit[0], "learned weights W (red: plus, blue: cross)", "RdBu_r", (-limit, limit)),
]
for ax, (values, title, cmap, limits) in zip(axes, panels, strict=True):
    shown = ax.imshow(values.reshape(SIZE, SIZE), cmap=cmap, vmin=None if limits is None else limits[0],
                      vmax=None if limits is None else limits[1])
    ax.set(xticks=[], yticks=[], title=title)
    fig.colorbar(shown, ax=ax, shrink=0.8, label="weight (no unit)" if limits else "scaled pixel value (no unit)")
fig.suptitle("The weights are a template: plus minus cross");

# %% [markdown]
# ## Summary
#
# - A set of images becomes the data matrix $X$ of shape $(n, m)$, one unrolled image per column (`images_to_matrix`, `03`); standardize each pixel with the **training** set's mean and standard deviation (`standardize`, `04`), and use those on the test set too.
# - The scores of all examples are one matrix product, $Z = WX + b$ of shape $(1, m)$, and the probabilities $A = \sigma(Z)$.
# - The logistic loss of one example is $\log(1 + e^z) - yz$: `np.mean(np.logaddexp(0, Z) - Y * Z)` stays exact for a confident mistake, where $\log(1 - \sigma(z))$ gives `inf`.
# - Its gradient is $\frac1m (A - Y) X^\top$ and $\frac1m \sum_i (a_i - y_i)$; check it with your `numerical_derivative` along a random direction before you train.
# - The loss on test images, never trained on, says how well the model does on new images; it stays above the training loss, whose extra fall is the fit of the training images' noise.

# %% [markdown]
# <!--NAVIGATION-->
# < [07 L1 and L2 losses](07_l1_l2_losses.ipynb) | [Contents](CONTENTS.md) | next >
