"""Checks of 03_reshape: unroll an image to a column, roll it back, stack images as columns and unstack them.

The shared judge compares values as float arrays, which is exact for uint8 pixels. Two things
are added here, inside this module: a shape-only comparison for the `*_shape` tests (so a
student with the right shape but the wrong order keeps that point and is told why), and a
hint appended when the student's own `reshape` raises, which nearly always means a size was
hard-coded (the 3 of RGB, or the sizes of the visible example).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from autograder.checks._core import Case, Mistake, exercise_checks
from autograder.checks._values import as_float, describe

# ---------------------------------------------------------------- inputs

DEPTH_NAMES = {1: "a grayscale image, 1 channel", 3: "an RGB image, 3 channels", 4: "an RGBA image, 4 channels"}


def random_image(rng: np.random.Generator, shape: tuple[int, ...], dtype: Any) -> np.ndarray:
    """Returns an image of the given shape: uint8 pixels in 0..255, or floats in [0, 1)."""
    if np.dtype(dtype) == np.uint8:
        return rng.integers(0, 256, size=shape, dtype=np.uint8)
    return rng.random(shape).astype(dtype)


def image_label(image: np.ndarray) -> str:
    """Returns a description of an image: its shape, dtype and kind, never its values."""
    return f"{describe(image)} ({DEPTH_NAMES.get(image.shape[2], str(image.shape[2]) + ' channels')})"


def random_sizes(rng: np.random.Generator) -> tuple[int, int]:
    """Returns (height, width), different from each other, so swapped axes show."""
    length = int(rng.integers(3, 9))
    height = length + int(rng.integers(1, 5))
    return (length, height) if rng.random() < 0.5 else (height, length)


def image_cases(rng: np.random.Generator) -> list[Case]:
    """Images of depth 1, 3 and 4, uint8, float32 and float64, and a single pixel."""
    images = [
        random_image(rng, (*random_sizes(rng), 3), np.uint8),
        random_image(rng, (*random_sizes(rng), 3), np.float64),
        random_image(rng, (*random_sizes(rng), 1), np.float32),
        random_image(rng, (*random_sizes(rng), 4), np.uint8),
        random_image(rng, (1, 1, 3), np.float64),
    ]
    return [Case((image,), image_label(image)) for image in images]


def vector_cases(rng: np.random.Generator) -> list[Case]:
    """Columns to roll back into images of depth 1, 3 and 4, and one whose size does not fit."""
    cases = []
    for depth, dtype in ((3, np.uint8), (3, np.float64), (4, np.float32), (1, np.float64)):
        shape = (*random_sizes(rng), depth)
        v = random_image(rng, (int(np.prod(shape)), 1), dtype)
        cases.append(Case((v, shape), f"{describe(v)} and shape={shape}"))
    shape = (*random_sizes(rng), 3)
    v = random_image(rng, (int(np.prod(shape)) + 3, 1), np.float64)
    cases.append(Case((v, shape), f"{describe(v)} and shape={shape}, which has a different number of elements"))
    return cases


def stacks(rng: np.random.Generator):
    """Yields (m, shape of one image, dtype) for the stacking tests: m from 1 to 5 images, uint8, float32, float64."""
    for m, depth, dtype in ((4, 3, np.uint8), (3, 3, np.float64), (5, 4, np.float32), (2, 1, np.float64),
                            (1, 3, np.uint8)):
        yield m, (*random_sizes(rng), depth), dtype


def images_cases(rng: np.random.Generator) -> list[Case]:
    """Lists of m images of one shape."""
    cases = []
    for m, shape, dtype in stacks(rng):
        images = [random_image(rng, shape, dtype) for _ in range(m)]
        cases.append(Case((images,), f"a list of {m} images, each {image_label(images[0])}"))
    return cases


def matrix_cases(rng: np.random.Generator) -> list[Case]:
    """Matrices X of shape (n, m), one unrolled image per column, with the shape of one image."""
    matrices = [(random_image(rng, (int(np.prod(shape)), m), dtype), shape) for m, shape, dtype in stacks(rng)]
    return [Case((X, shape), f"X = {describe(X)} and image_shape={shape}") for X, shape in matrices]


def roundtrip_cases(rng: np.random.Generator) -> list[Case]:
    """X built from images by the reference images_to_matrix: unstacking must give the images back."""
    cases = []
    for m, depth in ((3, 3), (6, 1), (1, 4)):
        shape = (*random_sizes(rng), depth)
        images = [random_image(rng, shape, np.uint8) for _ in range(m)]
        X = np.stack([image.reshape(-1) for image in images], axis=1)
        cases.append(Case((X, shape), f"X = images_to_matrix of {m} images, each {image_label(images[0])}"))
    side = int(rng.integers(2, 4))
    X = random_image(rng, (side * side, side * side), np.float64)  # n = m: X.T has the shape of X
    cases.append(Case((X, (side, side, 1)), f"X = {describe(X)} (square: n = m) and image_shape={(side, side, 1)}"))
    return cases


# ---------------------------------------------------------------- references


def reference_image2vector(image):
    """The image unrolled in C order (last axis fastest) into a column."""
    return np.asarray(image, dtype=float).reshape(-1, 1)


def reference_vector2image(v, shape):
    """The column rolled back, in C order, into an array of the given shape."""
    return np.asarray(v, dtype=float).reshape(shape)


def reference_images_to_matrix(images):
    """The (n, m) matrix whose column j is image j unrolled in C order."""
    return np.stack([np.asarray(image, dtype=float).reshape(-1) for image in images], axis=1)


def reference_matrix_to_images(X, image_shape):
    """The (m, height, width, channels) array whose entry j is column j of X rolled back in C order."""
    X = np.asarray(X, dtype=float)
    return np.stack([X[:, j].reshape(image_shape) for j in range(X.shape[1])])


# ---------------------------------------------------------------- shape-only comparisons


def shape_only(function: str, explain: Callable[[Case, tuple, tuple], str]) -> Callable[[Case, Any, Any], str | None]:
    """Returns a compare function that judges the type and shape only, naming the mistake."""

    def compare(case: Case, got: Any, expected: Any) -> str | None:
        if isinstance(got, list):
            return (
                f"`{function}` returned a Python list for {case.label}; return a NumPy array "
                "(np.stack, np.hstack or np.array(...) turn a list of arrays into one array)."
            )
        if not isinstance(got, np.ndarray):
            return f"`{function}` must return a NumPy array for {case.label}, got a {type(got).__name__}."
        want = np.shape(expected)
        if got.shape != want:
            why = explain(case, got.shape, want)
            return f"`{function}`: expected shape {want} for {case.label}, got {got.shape}. {why}"
        return None

    return compare


def explain_column_shape(case: Case, got: tuple, want: tuple) -> str:
    """Names the usual reason a column vector of shape (n, 1) came out with another shape."""
    n = want[0]
    if got == (n,):
        return "That is a 1-D array: the column dimension is missing. Use reshape(-1, 1) or reshape(n, 1)."
    if got == (1, n):
        return "That is a row vector (1, n); the exercise asks for a column (n, 1): reshape(n, 1), not reshape(1, n)."
    return (
        "The number of rows must be height*width*channels = image.size: "
        "do not hard-code the 3 of RGB or the sizes of the example (images may have 1 or 4 channels)."
    )


def explain_matrix_shape(case: Case, got: tuple, want: tuple) -> str:
    """Names the usual reason the (n, m) matrix of images came out with another shape."""
    n, m = want
    if got == (m, n) and m != n:
        return "The images are rows (m, n): each image must be a column, so the shape is (n, m). Transpose."
    if got in ((n * m,), (n * m, 1)):
        return "All images were put end to end in one vector; put image j in column j of an (n, m) matrix."
    if len(got) == 3 and got[0] == m:
        return "np.array(images) has one axis per image dimension; unroll each image to length n first."
    return "The matrix has one row per value of an image (n = height*width*channels) and one column per image (m)."


# ---------------------------------------------------------------- known mistakes


ROW_VECTOR = Mistake(
    lambda image: as_float(image).reshape(1, -1),
    "you returned a row (1, n); the exercise asks for a column vector (n, 1): reshape(-1, 1).",
)
FLAT_VECTOR = Mistake(
    lambda image: as_float(image).reshape(-1),
    "you returned a 1-D array of shape (n,); add the column dimension: reshape(-1, 1).",
)
FORTRAN_ORDER = Mistake(
    lambda image: as_float(image).reshape(-1, 1, order="F"),
    "the values are unrolled in the wrong order: first axis fastest (order='F', or a transpose before "
    "reshaping). Use NumPy's default C order, where the last axis (the colour channel) varies fastest, "
    "so the vector starts with R, G, B of pixel [0, 0].",
)
CHANNELS_FIRST = Mistake(
    lambda image: np.moveaxis(as_float(image), -1, 0).reshape(-1, 1),
    "you put all red values first, then all green, then all blue (the channel axis moved to the front). "
    "Reshape the image as it is: the R, G, B of each pixel must stay next to each other.",
)
AXES_SWAPPED = Mistake(
    lambda image: np.swapaxes(as_float(image), 0, 1).reshape(-1, 1),
    "you swapped the first two axes (height and width) before unrolling, so the pixels are read "
    "column by column. Reshape the image as it is, without transposing.",
)
SCALED = Mistake(
    lambda image: as_float(image).reshape(-1, 1) / 255,
    "you divided the pixel values by 255. Unrolling keeps the values: only the shape changes.",
)

VECTOR_FORTRAN = Mistake(
    lambda v, shape: as_float(v).reshape(shape, order="F"),
    "the values are rolled back in the wrong order, first axis fastest (order='F', or a reshape to the reversed "
    "shape followed by .T). Use the default C order, the same as image2vector, so that reshape undoes reshape.",
)
VECTOR_UNCHANGED = Mistake(
    lambda v, shape: as_float(v),
    "you returned v as it is, ignoring `shape`: reshape the column to `shape`.",
)
VECTOR_SWAPPED = Mistake(
    lambda v, shape: np.swapaxes(as_float(v).reshape(shape[1], shape[0], *shape[2:]), 0, 1),
    "you swapped height and width: reshape to (shape[1], shape[0], channels) and swapaxes reads the values in the "
    "wrong order. Reshape straight to `shape`.",
)

CLASSIC_BUG = Mistake(
    lambda images: np.array(images, dtype=float).reshape(len(images), -1).reshape(-1, len(images)),
    "you reshaped np.array(images) straight to (n, m). The shape is right but the values are scrambled: "
    "each column mixes several images. Reshape to (m, n) first, so that row j is image j, then transpose: "
    "np.array(images).reshape(m, -1).T.",
)
IMAGES_FORTRAN = Mistake(
    lambda images: np.stack([as_float(image).reshape(-1, order="F") for image in images], axis=1),
    "each column is an image unrolled in the wrong order, first axis fastest (order='F', or np.array(images).T, "
    "which reverses every axis). Unroll each image in C order, the same as image2vector: "
    "reshape np.array(images) to (m, n) first, then transpose only those two axes: .reshape(m, -1).T.",
)
IMAGES_AS_ROWS = Mistake(
    lambda images: np.array(images, dtype=float).reshape(len(images), -1),
    "the images are rows of an (m, n) matrix; each image must be a column, so transpose to (n, m).",
)

UNSTACK_NO_TRANSPOSE = Mistake(
    lambda X, image_shape: as_float(X).reshape(np.shape(X)[1], *image_shape),
    "you reshaped X straight to (m, height, width, channels). The shape is right but the values are scrambled: "
    "C order reads X row by row, and a row of X holds one position of every image. Turn the columns into rows "
    "first, X.T, so that row j is image j, then reshape.",
)
UNSTACK_FORTRAN = Mistake(
    lambda X, image_shape: as_float(X).T.reshape(np.shape(X)[1], *image_shape, order="F"),
    "each image is rolled back in the wrong order, first axis fastest (order='F', in one reshape of X.T or "
    "image by image). Use the default C order, the order images_to_matrix unrolled them in.",
)
HINT_UNSTACK = (
    "X has n = height*width*channels rows, one per position, and m columns, one per image: the result has "
    "shape (m, height, width, channels). Use image_shape and X.shape[1]; do not hard-code sizes."
)

HINT_IMAGE = (
    "the vector has image.size = height*width*channels rows. Do not hard-code the 3 of RGB or the sizes of "
    "the example: use image.shape, image.size or -1."
)
HINT_VECTOR = "reshape to the `shape` you are given; do not hard-code the 3 of RGB or the sizes of the example."
HINT_IMAGES = (
    "each column has n = height*width*channels values of one image and there are m = len(images) columns. "
    "Do not hard-code the 3 of RGB or the sizes of the example."
)
IMAGE_HINTS = (("cannot reshape array", HINT_IMAGE),)  # both tests of image2vector
IMAGES_HINTS = (("cannot reshape array", HINT_IMAGES),)  # both tests of images_to_matrix

CHECKS = [
    *exercise_checks("image2vector", {"image2vector_shape": image_cases}, reference=reference_image2vector,
                     compare=shape_only("image2vector", explain_column_shape), raise_hints=IMAGE_HINTS),
    *exercise_checks("image2vector", {"image2vector_values": image_cases}, reference=reference_image2vector,
                     mistakes=[FLAT_VECTOR, ROW_VECTOR, FORTRAN_ORDER, CHANNELS_FIRST, AXES_SWAPPED, SCALED],
                     raise_hints=IMAGE_HINTS),
    *exercise_checks("vector2image", {"vector2image_values": vector_cases}, reference=reference_vector2image,
                     mistakes=[VECTOR_FORTRAN, VECTOR_SWAPPED, VECTOR_UNCHANGED],
                     raise_hints=(("cannot reshape array", HINT_VECTOR),)),
    *exercise_checks("images_to_matrix", {"images_to_matrix_shape": images_cases}, reference=reference_images_to_matrix,
                     compare=shape_only("images_to_matrix", explain_matrix_shape), raise_hints=IMAGES_HINTS),
    *exercise_checks("images_to_matrix", {"images_to_matrix_values": images_cases},
                     reference=reference_images_to_matrix, mistakes=[CLASSIC_BUG, IMAGES_AS_ROWS, IMAGES_FORTRAN],
                     raise_hints=IMAGES_HINTS),
    *exercise_checks("matrix_to_images", {"matrix_to_images_values": matrix_cases,
                                          "matrix_to_images_roundtrip": roundtrip_cases},
                     reference=reference_matrix_to_images, mistakes=[UNSTACK_NO_TRANSPOSE, UNSTACK_FORTRAN],
                     raise_hints=(("cannot reshape array", HINT_UNSTACK),)),
]
