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
# < [02 Sigmoid gradient](02_sigmoid_gradient.ipynb) | [Contents](CONTENTS.md) | [04 Normalizing data](04_normalization.ipynb) >

# %% [markdown]
# # 03 Unrolling images with reshape: same numbers, new shape
#
# **Learning goals**
#
# - You can unroll an image of shape (height, width, channels) into a column vector with `np.reshape`, and roll it back.
# - You can say at which position of the vector a pixel's red, green or blue value lands (C order).
# - You can stack $m$ images as the columns of one $(n, m)$ matrix, the $X$ of deep learning, and split it back into images, without scrambling them.
# - Going deeper (optional): you can tell from an array's strides when `reshape` copies data and when it only returns a new view of the same numbers.
#
# Expected time: about 30 minutes (core path).
# The folded "Going deeper" section, on memory layout, strides, and views versus copies, is optional.

# %% [markdown]
# ## The idea
#
# A colour image is a 3-D array: `image[i, j, k]` is the intensity of colour channel $k$ (0 = red, 1 = green, 2 = blue)
# of the pixel in row $i$ and column $j$, so its shape is (rows, columns, channels) = (height, width, channels),
# with 3 channels for RGB: the order NumPy, Matplotlib and PIL use (an image 60 pixels tall and 50 wide has shape (60, 50, 3)).
# The assignment this course grew from calls the axes (length, height, depth); we use height, width and channels,
# because there "height" would be the number of columns.
# A logistic regression or a neural network takes each example as one column vector of numbers, so we **unroll** the image
# into a vector of shape $(n, 1)$ with $n = \text{height} \cdot \text{width} \cdot \text{channels}$.
# `np.reshape` does this without changing a single value: it only changes the shape, the way the same numbers are indexed.
# NumPy reads the numbers in **C order**: the last axis varies fastest, so the vector starts with the R, G, B of pixel $[0, 0]$,
# then the R, G, B of pixel $[0, 1]$, and so on.
#
# For an image of height $H$ (rows), width $W$ (columns) and $C$ channels, the value `image[i, j, k]` lands at position
#
# $$p(i, j, k) = (i \cdot W + j) \cdot C + k, \qquad 0 \le p < n = H \cdot W \cdot C .$$
#
# A tiny image of $2 \times 2$ pixels whose values are $0, 1, \dots, 11$ shows it: the vector reads them in order,
# and pixel $[1, 0]$ (the third pixel) starts at position $(1 \cdot 2 + 0) \cdot 3 = 6$.

# %%
import matplotlib.pyplot as plt
import numpy as np
from matplotlib import cbook

try:
    from course_tools import new_axes  # course_tools.py ships beside this notebook
except ModuleNotFoundError as missing:
    if missing.name != "course_tools":
        raise
    raise ModuleNotFoundError("course_tools.py is not beside this notebook: put the course_tools.py of your course "
                              "folder next to it (in Colab: Files panel on the left, Upload) and run this cell again.") from None

tiny = np.arange(12).reshape(2, 2, 3)  # shape (2, 2, 3): 2 x 2 pixels, 3 channels
print("tiny image, shape", tiny.shape)
print("pixel [1, 0] (R, G, B):", tiny[1, 0])
column = tiny.reshape(12, 1)  # shape (12, 1)
print("unrolled, shape", column.shape, "->", column[:, 0])
print("positions 6, 7, 8:", column[6:9, 0], "= pixel [1, 0]")

# %% [markdown]
# ## A real picture
#
# Matplotlib ships a few sample pictures with its install (nothing is downloaded).
# We read the portrait of Grace Hopper, a pioneer of programming languages, with `plt.imread`:
# it is a `uint8` array, one byte per channel, values from 0 to 255.
# To keep the numbers small we crop her face and keep every 6th pixel in each direction.

# %%
hopper_full = plt.imread(cbook.get_sample_data("grace_hopper.jpg"))  # shape (height, width, 3), uint8
hopper = hopper_full[20:380:6, 110:410:6]  # crop the face, every 6th row and column: shape (60, 50, 3)
print("full picture:", hopper_full.shape, hopper_full.dtype)
print("our crop:    ", hopper.shape, hopper.dtype, "->", hopper.size, "numbers")
print("pixel [0, 0] (R, G, B):", hopper[0, 0])

# %% tags=["demo"]
fig, ax = plt.subplots(figsize=(4, 4.5))
ax.imshow(hopper)
ax.set(
    xlabel="column j (pixels)",
    ylabel="row i (pixels)",
    title=f"An RGB image is a 3-D array\nshape {hopper.shape} = (height, width, channels)",
);

# %% [markdown]
# ---
# ## Exercise 1: image2vector (2 points) ★☆☆
#
# Write `image2vector(image)` that takes an image of shape (height, width, channels) and returns a column vector of
# shape (height·width·channels, 1) with the same values in C order.
# It must work for any number of channels (1 for grayscale, 3 for RGB, 4 for RGBA) and any dtype (keep `uint8` pixels as they are),
# and it must not modify `image`.
#
# About 1 line of code.
#
# <details><summary>Hint 1</summary>
#
# The values and their order stay; only the shape changes, to one column. Which array method changes a shape, and how many rows has that column?
# </details>
#
# <details><summary>Hint 2</summary>
#
# `image.reshape(-1, 1)` (or use `image.shape[0] * image.shape[1] * image.shape[2]`)
# </details>

# %% nbgrader={"grade": false, "grade_id": "image2vector", "locked": false, "schema_version": 3, "solution": true, "task": false}
def image2vector(image):
    """Unrolls an image into a column vector.

    Arguments:
    image -- a numpy array of shape (height, width, channels)

    Returns:
    v -- a numpy array of shape (height * width * channels, 1), the values of image in C order
    """
    ### BEGIN SOLUTION
    v = image.reshape(image.shape[0] * image.shape[1] * image.shape[2], 1)
    ### END SOLUTION
    return v


# %% [markdown]
# Your function should return a column of shape `(12, 1)` holding `0, 1, ..., 11` for the tiny image, and a column of
# shape `(9000, 1)` that starts with the R, G, B of pixel `[0, 0]` for the crop. Check that it does:

# %%
print(image2vector(tiny).ravel())
hopper_vector = image2vector(hopper)
print(hopper_vector.shape, hopper_vector[:3, 0], "=", hopper[0, 0])

# %% nbgrader={"grade": true, "grade_id": "image2vector_shape", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that image2vector returns a column vector of shape (height * width * channels, 1)."""
v = image2vector(hopper)
assert isinstance(v, np.ndarray), f"image2vector must return a NumPy array, got {type(v).__name__}."
assert v.shape != (hopper.size,), (
    f"image2vector(hopper) has shape {v.shape}: a 1-D array, the column dimension is missing. "
    "Use reshape(-1, 1)."
)
assert v.shape != (1, hopper.size), (
    f"image2vector(hopper) has shape {v.shape}: a row vector. The exercise asks for a column (n, 1)."
)
assert v.shape == (9000, 1), f"image2vector(hopper) should have shape (60 * 50 * 3, 1) = (9000, 1), got {v.shape}."
rgba = np.zeros((4, 5, 4))
try:
    rgba_shape = image2vector(rgba).shape
except ValueError as error:
    raise AssertionError(
        f"image2vector of an RGBA image of shape (4, 5, 4) raised ValueError: {error}. "
        "Did you hard-code the 3 of RGB or the sizes of the example? Use image.shape, image.size or -1."
    ) from None
assert rgba_shape == (80, 1), (
    f"an RGBA image of shape (4, 5, 4) should give shape (80, 1), got {rgba_shape}. "
    "Did you hard-code the 3 of RGB or the sizes of the example? Use image.shape, image.size or -1."
)
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("image2vector_shape", image2vector)
### END HIDDEN TESTS

# %% nbgrader={"grade": true, "grade_id": "image2vector_values", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that image2vector keeps the values and their C order: image[i, j, k] lands at (i * W + j) * C + k."""
np.testing.assert_allclose(
    image2vector(tiny)[:, 0], np.arange(12),
    err_msg="the tiny image holds 0, 1, ..., 11 in C order, so its vector must read 0, 1, ..., 11. "
    "Did you use order='F', move or transpose axes before reshaping, or change the values (dividing by 255)?",
)
v = image2vector(hopper)
H, W, C = hopper.shape  # rows, columns, channels
for i, j, k in [(0, 0, 0), (0, 0, 2), (0, 1, 0), (1, 0, 0), (17, 31, 1), (H - 1, W - 1, C - 1)]:
    p = (i * W + j) * C + k
    assert v[p, 0] == hopper[i, j, k], (
        f"image2vector(hopper)[{p}, 0] should be hopper[{i}, {j}, {k}] = {hopper[i, j, k]}, got {v[p, 0]}. "
        "In C order the channel varies fastest: R, G, B of pixel [0, 0], then pixel [0, 1], ..."
    )
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("image2vector_values", image2vector)
### END HIDDEN TESTS

# %% [markdown]
# ## A plot that teaches: the colours are interleaved
#
# Plot the first 60 numbers of the vector against their position, coloured by the channel they came from.
# Every third number is red, the next green, the next blue: 20 pixels of the top row, each as a triple $(R, G, B)$.
# Where the top row crosses the dark blue of the flag (the first pixels), the blue of each triple stands above its red and
# green; where it crosses the white badge of the cap (the last pixels), all three are high.

# %% tags=["demo"]
if "hopper_vector" not in globals():  # made by the check cell of Exercise 1
    raise NotImplementedError("solve Exercise 1 (image2vector) above and run its check cell first, to see this plot")
first = 60
positions = np.arange(first)
fig, ax = new_axes(
    "position in the vector p (index)", "pixel value (0–255)",
    "The unrolled vector holds R, G, B of pixel [0, 0], then of pixel [0, 1], ...",
    figsize=(9, 4),
)
for k, (name, colour) in enumerate([("red", "tab:red"), ("green", "tab:green"), ("blue", "tab:blue")]):
    p = positions[k::3]
    ax.vlines(p, 0, hopper_vector[p, 0], color=colour, alpha=0.6)
    ax.plot(p, hopper_vector[p, 0], "o", color=colour, label=f"p = 3j + {k}: {name} of pixel [0, j]")
ax.set_ylim(0, 310)
ax.legend(loc="upper left", ncol=3, fontsize="small");

# %% [markdown]
# ## Going deeper (optional): a view, not a copy
#
# <details><summary>Going deeper: memory layout, strides, and when reshape copies</summary>
#
# `reshape` does not move any number when it can avoid it: it returns a **view**, a new array object that reads the same
# memory as the image with a different shape.
# It can when the array is **contiguous** in C order (its numbers lie in memory in the order C order reads them),
# as `plt.imread` returns a picture and as `.copy()` makes one: then unrolling millions of pixels costs almost nothing.
# Our crop `hopper` is not: `hopper_full[20:380:6, 110:410:6]` is a strided view that skips pixels, so its numbers are
# scattered through the full picture's memory, and reshaping it must **copy** them into a new array.
# Writing into a view writes into the image, so copy first (`.copy()`) if you need to change one without the other.
#
# NumPy finds every number through the array's **strides**: how many bytes to step in memory for one step along each axis.
# `hopper_full` has strides `(1536, 3, 1)`: 1 byte to the next channel, 3 to the next pixel, $512 \cdot 3 = 1536$ to the next row.
# The crop `hopper` has strides `(9216, 18, 1)`: one step along an axis skips 6 rows or 6 pixels of the full picture,
# so its numbers have gaps between them, and no single stride can step through them for a column vector.
# A contiguous copy of the crop has strides `(150, 3, 1)`: its numbers lie side by side, so a column vector steps 1 byte at a time through the same memory.
# The cell below prints them, and shows that writing into a view changes the image.
#
# **Predict, then run.** Two other slices of the full picture `hopper_full`, which `plt.imread` returned C-contiguous:
# `hopper_full[20:380]`, a block of whole rows, and `hopper_full[::2]`, every second row.
# Does `.reshape(-1, 1)` of each give a view or a copy?
# Write your guesses in the second cell below (not graded; `...` means no guess yet), then run the one after it; the answer is folded after it.
# </details>

# %% tags=["demo"]
# Going deeper: strides, and a view that writes into the image
print("strides (bytes per step along each axis) of hopper_full:", hopper_full.strides, " of hopper:", hopper.strides)
print("hopper is C-contiguous:", hopper.flags["C_CONTIGUOUS"])  # False: every 6th pixel of a crop
print("hopper.reshape(-1, 1) shares memory with hopper:", np.shares_memory(hopper.reshape(-1, 1), hopper))  # a copy
scratch = hopper.copy()  # a contiguous copy, shape (60, 50, 3)
print("scratch is C-contiguous:", scratch.flags["C_CONTIGUOUS"], " strides:", scratch.strides)
view = scratch.reshape(-1, 1)  # shape (9000, 1), as image2vector returns it
print("scratch.reshape(-1, 1) shares memory with scratch:", np.shares_memory(view, scratch))  # a view
view[0, 0] = 0  # write into the vector ...
print("scratch[0, 0, 0] is now", scratch[0, 0, 0], "(it was", hopper[0, 0, 0], ")")  # ... and the image changed

# %% tags=["demo"]
# Going deeper: your guesses
my_prediction = {"hopper_full[20:380]": ..., "hopper_full[::2]": ...}  # "view" or "copy" for each

# %% tags=["demo"]
# Going deeper: a view or a copy?
for label, part in [("hopper_full[20:380]", hopper_full[20:380]), ("hopper_full[::2]", hopper_full[::2])]:
    kind = "a view" if np.shares_memory(part.reshape(-1, 1), part) else "a copy"
    print(f"{label:20s} shape {part.shape}, C-contiguous: {part.flags['C_CONTIGUOUS']!s:5s} -> reshape(-1, 1) is {kind}")

# %% [markdown]
# <details><summary>Going deeper: why one slice is a view and the other a copy</summary>
#
# A block of whole rows is one unbroken stretch of the picture's memory, already in C order, so reshaping it is a view.
# Every second row leaves gaps: the numbers reshape must read in order are no longer next to each other, so it copies them.
# </details>

# %% [markdown]
# ---
# ## Exercise 2: vector2image (1 point) ★☆☆
#
# Write `vector2image(v, shape)` that is the inverse of `image2vector`: it takes a column `v` of shape (n, 1) and a tuple
# `shape = (height, width, channels)` with height·width·channels = n, and returns the image of that shape.
# If the sizes do not match, let NumPy raise its `ValueError` (do not pad or cut the data).
#
# About 1 line of code.
#
# <details><summary>Hint 1</summary>
#
# This undoes Exercise 1: the same operation, with the shape you are given as the target.
# </details>
#
# <details><summary>Hint 2</summary>
#
# `np.reshape(v, shape)`
# </details>

# %% nbgrader={"grade": false, "grade_id": "vector2image", "locked": false, "schema_version": 3, "solution": true, "task": false}
def vector2image(v, shape):
    """Rolls a column vector back into an image.

    Arguments:
    v -- a numpy array of shape (n, 1)
    shape -- a tuple (height, width, channels) with height * width * channels == n

    Returns:
    image -- a numpy array of the given shape, the values of v in C order
    """
    ### BEGIN SOLUTION
    image = v.reshape(shape)
    ### END SOLUTION
    return image


# %% [markdown]
# Your function should give back exactly the picture we unrolled: `np.array_equal(rebuilt, hopper)` is `True`.
# Check that it does:

# %%
if "hopper_vector" not in globals():  # made by the check cell of Exercise 1
    raise NotImplementedError("solve Exercise 1 (image2vector) above and run its check cell first: this cell needs hopper_vector")
rebuilt = vector2image(hopper_vector, hopper.shape)
print(rebuilt.shape, rebuilt.dtype, np.array_equal(rebuilt, hopper))

# %% nbgrader={"grade": true, "grade_id": "vector2image_values", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that vector2image undoes image2vector: same shape, same values in the same places."""
column = np.arange(24).reshape(24, 1)
try:
    image = vector2image(column, (2, 3, 4))
except ValueError as error:
    raise AssertionError(
        f"vector2image(v, (2, 3, 4)) raised ValueError: {error}. Reshape to the `shape` you are given: "
        "do not hard-code the 3 of RGB or the sizes of the example."
    ) from None
assert isinstance(image, np.ndarray), f"vector2image must return a NumPy array, got {type(image).__name__}."
assert image.shape == (2, 3, 4), f"vector2image(v, (2, 3, 4)) must have shape (2, 3, 4), got {image.shape}. Use `shape`."
assert image[0, 0, 3] == 3 and image[0, 1, 0] == 4 and image[1, 0, 0] == 12, (
    f"image[0, 0, 3], image[0, 1, 0], image[1, 0, 0] should be 3, 4, 12, got "
    f"{image[0, 0, 3]}, {image[0, 1, 0]}, {image[1, 0, 0]}. "
    "Roll back in the default C order, the same order that image2vector used."
)
back = vector2image(hopper.reshape(-1, 1), hopper.shape)
assert back.shape == hopper.shape, f"vector2image must return shape {hopper.shape}, got {back.shape}."
np.testing.assert_allclose(back, hopper, err_msg="vector2image(hopper unrolled, hopper.shape) must give back hopper.")
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("vector2image_values", vector2image)
### END HIDDEN TESTS

# %% [markdown]
# ## A plot that teaches: only the right order rebuilds the picture
#
# The vector knows nothing of rows and columns: it is the order that does.
# Rolled back in the same C order, the vector gives back the picture, bit for bit.
# Rolled back in another order (here Fortran order, first axis fastest), the very same 9000 numbers make a scrambled image.

# %% tags=["demo"]
if "rebuilt" not in globals():  # made by the check cells of Exercises 1 and 2
    raise NotImplementedError("solve Exercises 1 and 2 (image2vector, vector2image) above and run their check cells first, to see this plot")
scrambled = hopper_vector.reshape(hopper.shape, order="F")
fig, axes = plt.subplots(1, 3, figsize=(10, 4.2))
panels = [
    (hopper, "original\nhopper"),
    (rebuilt, "vector2image(v, shape)\nC order: identical"),
    (scrambled, "v.reshape(shape, order='F')\nwrong order: scrambled"),
]
for ax, (picture, title) in zip(axes, panels, strict=True):
    ax.imshow(picture)
    ax.set(title=title, xlabel="column j (pixels)")
axes[0].set_ylabel("row i (pixels)")
fig.suptitle("Same 9000 numbers, three readings: only the order used to unroll gives the picture back")
fig.tight_layout(rect=(0, 0, 1, 0.95));

# %% [markdown]
# ---
# ## Stacking images as columns: the matrix $X$
#
# A network learns from many examples at once.
# With $m$ images, each unrolled to a column $x^{(j)}$ of $n$ numbers, the whole training set is one matrix
#
# $$X = \begin{bmatrix} | & | & & | \\ x^{(1)} & x^{(2)} & \cdots & x^{(m)} \\ | & | & & | \end{bmatrix}
# \in \mathbb{R}^{n \times m}, \qquad X_{p, j} = \text{value at position } p \text{ of image } j .$$
#
# `np.array(images)` already holds the numbers, with shape $(m, H, W, C)$, image $j$ first.
# Reshaping it to $(m, n)$ makes row $j$ image $j$, and a transpose makes it column $j$.
# Reshaping it straight to $(n, m)$ gives the right shape but **scrambles** the images: C order fills row 0 with the first
# $m$ numbers of image 0, so column 0 mixes pieces of several images.

# %% [markdown]
# **Predict, then run.** Take $m = 5$ images of shape $(4, 3, 3)$ in a list `five`.
# What are the shapes of `np.array(five)`, of `np.array(five)[2]` and of `np.array(five).reshape(5, -1)`?
# Write your guesses in the cell below (not graded), then run the one after it.

# %% tags=["demo"]
my_prediction = [..., ..., ...]  # your three guesses, each a shape such as (7, 8)

# %% tags=["demo"]
five = [np.zeros((4, 3, 3))] * 5  # m = 5 images of shape (4, 3, 3)
print("np.array(five)               ", np.array(five).shape)
print("np.array(five)[2]            ", np.array(five)[2].shape)
print("np.array(five).reshape(5, -1)", np.array(five).reshape(5, -1).shape)

# %% [markdown]
# `np.array` puts the list's axis first, so image $j$ is `np.array(five)[j]`; `reshape(5, -1)` keeps 5 rows and lets NumPy
# work out the other size, $4 \cdot 3 \cdot 3 = 36$: one unrolled image per row.

# %% [markdown]
# ## Exercise 3: images_to_matrix (2 points) ★★☆
#
# Write `images_to_matrix(images)` that takes a list of $m$ images, all of the same shape (height, width, channels), and
# returns the matrix $X$ of shape (height·width·channels, $m$) whose column $j$ is image $j$ unrolled in C order.
# Return a NumPy array (not a list), and do not modify the images.
#
# About 2 lines of code.
#
# <details><summary>Hint 1</summary>
#
# Put the $m$ images in one array of shape $(m, \text{height}, \text{width}, \text{channels})$ first; then make each image one row, and turn the rows into columns.
# </details>
#
# <details><summary>Hint 2</summary>
#
# `np.array(images).reshape(m, -1).T`, or `np.stack([...], axis=1)`
# </details>

# %% nbgrader={"grade": false, "grade_id": "images_to_matrix", "locked": false, "schema_version": 3, "solution": true, "task": false}
def images_to_matrix(images):
    """Stacks images as the columns of one matrix.

    Arguments:
    images -- a list of m numpy arrays, all of shape (height, width, channels)

    Returns:
    X -- a numpy array of shape (height * width * channels, m); column j is images[j] unrolled in C order
    """
    ### BEGIN SOLUTION
    m = len(images)
    X = np.array(images).reshape(m, -1).T
    ### END SOLUTION
    return X


# %% [markdown]
# Your function should return a matrix of shape `(12, 2)` for two tiny images, whose column 0 reads `0, 1, ..., 11`
# and column 1 reads `100, 101, ..., 111`. Check that it does:

# %%
images_to_matrix([tiny, tiny + 100])

# %% nbgrader={"grade": true, "grade_id": "images_to_matrix_shape", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that images_to_matrix returns an array of shape (height * width * channels, m)."""
crops = [hopper[:20, :25], hopper[20:40, :25], hopper[40:, 25:]]  # three images of shape (20, 25, 3)
X = images_to_matrix(crops)
assert isinstance(X, np.ndarray), (
    f"images_to_matrix must return a NumPy array, got {type(X).__name__}. "
    "np.array or np.stack turn a list of arrays into one array."
)
assert X.shape != (3, 1500), "images_to_matrix has shape (m, n) = (3, 1500): the images are rows. Each must be a column."
assert X.shape == (1500, 3), f"3 images of shape (20, 25, 3) must give shape (20 * 25 * 3, 3) = (1500, 3), got {X.shape}."
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("images_to_matrix_shape", images_to_matrix)
### END HIDDEN TESTS

# %% nbgrader={"grade": true, "grade_id": "images_to_matrix_values", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that column j of images_to_matrix is image j unrolled in C order."""
m, n = 3, 24
numbered = list(np.arange(m * n).reshape(m, 2, 3, 4))  # image j holds j * 24, ..., j * 24 + 23 in C order
X = images_to_matrix(numbered)
assert X.shape == (n, m), f"3 images of shape (2, 3, 4) must give shape (24, 3), got {X.shape}."
for j in range(m):
    np.testing.assert_allclose(
        X[:, j], np.arange(j * n, (j + 1) * n),
        err_msg=f"column {j} must be image {j} unrolled: {j * n}, {j * n + 1}, ..., {(j + 1) * n - 1}. "
        "If the values are mixed, you may have reshaped np.array(images) straight to (n, m) or transposed "
        "all its axes: reshape to (m, n) first, then transpose.",
    )
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("images_to_matrix_values", images_to_matrix)
### END HIDDEN TESTS

# %% [markdown]
# ## A plot that teaches: one image per column
#
# We cut the face into 8 patches of $15 \times 12$ pixels (top), stack them with `images_to_matrix` and show the
# $(540, 8)$ matrix as an image, one colour value per cell, black = 0 and white = 255 as the colour bars show (bottom left): each column is one patch, and the stripes of
# period 3 down a column are the interleaved R, G, B.
# The classic bug, `np.array(patches).reshape(n, m)`, has the same shape, but each column now holds pieces of all 8
# patches (bottom right).

# %% tags=["demo"]
try:
    images_to_matrix([tiny])  # the stub raises NotImplementedError until you solve it
except NotImplementedError:
    raise NotImplementedError("solve Exercise 3 (images_to_matrix) above first to see this plot") from None
patches = [hopper[r : r + 15, c : c + 12] for r in (15, 30) for c in (0, 12, 24, 36)]
X = images_to_matrix(patches)
n, m = X.shape
wrong = np.array(patches).reshape(n, m)

gap = 2  # white pixels between patches in the strip on top
strip = np.full((15, m * (12 + gap) - gap, 3), 255, dtype=np.uint8)
for j, patch in enumerate(patches):
    strip[:, j * (12 + gap) : j * (12 + gap) + 12] = patch

fig = plt.figure(figsize=(10, 7.5))
grid = fig.add_gridspec(2, 2, height_ratios=[1, 4])
top = fig.add_subplot(grid[0, :])
top.imshow(strip)
top.set(title="the m = 8 images (patches of 15 x 12 pixels)", yticks=[], xlabel="image j")
top.set_xticks([j * (12 + gap) + 5.5 for j in range(m)], [str(j) for j in range(m)])
for col, (matrix, title) in enumerate([
    (X, "images_to_matrix(patches)\ncolumn j = image j"),
    (wrong, "np.array(patches).reshape(n, m)\nsame shape, images mixed"),
]):
    ax = fig.add_subplot(grid[1, col])
    shown = ax.imshow(matrix, aspect="auto", cmap="gray", vmin=0, vmax=255, interpolation="nearest")
    ax.set(title=title, xlabel="column j (image index)", ylabel=f"position p in the unrolled image (0 to {n - 1})")
    fig.colorbar(shown, ax=ax, label="pixel value (0 = black, 255 = white)")
    ax.set_xticks(range(m))
fig.suptitle(f"The training matrix X of shape (n, m) = ({n}, {m}): one unrolled image per column")
fig.tight_layout();

# %% [markdown]
# ---
# ## Exercise 4: matrix_to_images (2 points) ★★☆
#
# A network's output for $m$ images often comes back in the same layout, one column per image: a matrix of shape $(n, m)$.
# To look at it you must undo `images_to_matrix`: column $j$ becomes image $j$ again.
# Write `matrix_to_images(X_matrix, image_shape)` that takes `X_matrix` of shape $(n, m)$, $n = H \cdot W \cdot C$, and the shape $(H, W, C)$ of one image,
# and returns one array of shape $(m, H, W, C)$ whose entry $j$ is column $j$ rolled back in C order. Do not modify `X_matrix`.
# Before you write it, predict: what goes wrong if you reshape `X_matrix` straight to $(m, H, W, C)$? About 2 lines of code.
#
# <details><summary>Hint 1</summary>
#
# Reshape reads its input in C order, row by row. A row of `X_matrix` holds **one position of every image**.
# Which array has one image per row, in the order reshape reads?
# </details>
#
# <details><summary>Hint 2</summary>
#
# `X_matrix.T` has shape $(m, n)$, row $j$ image $j$: `X_matrix.T.reshape(m, *image_shape)` with `m = X_matrix.shape[1]`.
# </details>

# %% nbgrader={"grade": false, "grade_id": "matrix_to_images", "locked": false, "schema_version": 3, "solution": true, "task": false}
def matrix_to_images(X_matrix, image_shape):
    """Splits a matrix of unrolled images, one per column, back into images.

    Arguments:
    X_matrix -- a numpy array of shape (n, m): column j is image j unrolled in C order
    image_shape -- the shape (height, width, channels) of one image, with height * width * channels = n

    Returns:
    images -- a numpy array of shape (m, height, width, channels); images[j] is column j rolled back
    """
    ### BEGIN SOLUTION
    m = X_matrix.shape[1]
    images = X_matrix.T.reshape(m, *image_shape)
    ### END SOLUTION
    return images


# %% [markdown]
# For a matrix of shape `(12, 2)` whose column $j$ holds $12j, \dots, 12j + 11$, and images of shape `(2, 2, 3)`,
# your function should return shape `(2, 2, 2, 3)`: image 0 reads `0, 1, ..., 11` in C order and image 1 reads `12, ..., 23`. Check that it does:

# %%
matrix_to_images(np.arange(24).reshape(2, 12).T, (2, 2, 3))  # column j holds 12 j, ..., 12 j + 11

# %% nbgrader={"grade": true, "grade_id": "matrix_to_images_values", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that matrix_to_images rolls column j back into image j, in C order."""
m, shape = 3, (2, 3, 4)
X_cols = np.arange(24 * m).reshape(m, 24).T  # shape (24, 3): column j holds 24 j, ..., 24 j + 23
before = X_cols.copy()
images = matrix_to_images(X_cols, shape)
assert isinstance(images, np.ndarray), f"matrix_to_images must return a NumPy array, got {type(images).__name__}."
assert images.shape == (3, 2, 3, 4), (
    f"3 columns of images of shape (2, 3, 4) must give shape (3, 2, 3, 4), got {images.shape}. "
    "Shape (2, 3, 4, 3) means the image index is last: it must come first."
)
assert np.array_equal(X_cols, before), "matrix_to_images modified its input."
assert not np.array_equal(images, X_cols.reshape(3, 2, 3, 4)), (
    "you reshaped X straight to (m, H, W, C): each image now mixes values of all 3 columns, because a row of X "
    "holds one position of every image. Transpose first: X.T has one image per row."
)
for j in range(m):
    np.testing.assert_array_equal(
        images[j], np.arange(24 * j, 24 * (j + 1)).reshape(shape),
        err_msg=f"image {j} must be column {j} rolled back in C order: {24 * j}, ..., {24 * j + 23}. "
        "Mixed values mean a transpose is missing; a wrong order within the image means order='F' or a reversed shape.",
    )
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("matrix_to_images_values", matrix_to_images)
### END HIDDEN TESTS

# %% nbgrader={"grade": true, "grade_id": "matrix_to_images_roundtrip", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
"""Check that matrix_to_images undoes the stacking of real image patches, also for a square X."""
crops = np.array([hopper[:20, :25], hopper[20:40, :25], hopper[40:60, 25:50]])  # shape (3, 20, 25, 3)
X_cols = crops.reshape(3, -1).T  # shape (1500, 3): what images_to_matrix returns
back = matrix_to_images(X_cols, (20, 25, 3))
assert np.shape(back) == (3, 20, 25, 3), f"expected shape (3, 20, 25, 3), got {np.shape(back)}."
assert np.array_equal(back, crops), "matrix_to_images(images_to_matrix(crops)) must give the crops back, pixel for pixel."
square = np.arange(16.0).reshape(4, 4)  # n = m = 4: images of shape (2, 2, 1), so X.T has the shape of X
np.testing.assert_array_equal(
    matrix_to_images(square, (2, 2, 1))[1, :, :, 0], [[1.0, 5.0], [9.0, 13.0]],
    err_msg="for a square X, image 1 is column 1, [1, 5, 9, 13], rolled back: [[1, 5], [9, 13]].",
)
### BEGIN HIDDEN TESTS
from autograder.checks import check

check("matrix_to_images_roundtrip", matrix_to_images)
### END HIDDEN TESTS

# %% [markdown]
# ## Summary
#
# - An image is a 3-D array (height, width, channels); `image.reshape(-1, 1)` unrolls it to a column of $n = H \cdot W \cdot C$ numbers.
# - `reshape` keeps every value and their C order (last axis fastest): `image[i, j, k]` lands at position $(iW + j)C + k$.
# - Going deeper: `reshape` returns a view of a contiguous array (no copy, so writing into it writes into the image); a strided slice such as a crop with a step is copied.
# - `v.reshape(shape)` in the same order rolls the vector back into the image exactly; another order scrambles it.
# - $m$ images become the columns of $X \in \mathbb{R}^{n \times m}$ with `np.array(images).reshape(m, -1).T`, never `.reshape(n, m)`; `X.T.reshape(m, H, W, C)` splits them back.

# %% [markdown]
# <!--NAVIGATION-->
# < [02 Sigmoid gradient](02_sigmoid_gradient.ipynb) | [Contents](CONTENTS.md) | [04 Normalizing data](04_normalization.ipynb) >
