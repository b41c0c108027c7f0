"""Student answers for 03_reshape."""

from autograder.synthetic.answers import Answer

ANSWERS = [
    # image2vector: (height, width, channels) -> (height * width * channels, 1)
    Answer("image2vector", "reshape with the product of the three sizes", True, '''
def image2vector(image):
    v = image.reshape(image.shape[0] * image.shape[1] * image.shape[2], 1)
    return v
'''),
    Answer("image2vector", "reshape(-1, 1)", True, '''
def image2vector(image):
    return image.reshape(-1, 1)
'''),
    Answer("image2vector", "np.reshape with image.size", True, '''
def image2vector(image):
    return np.reshape(image, (image.size, 1))
'''),
    Answer("image2vector", "flatten then add an axis with [:, None]", True, '''
def image2vector(image):
    return image.flatten()[:, None]
'''),
    Answer("image2vector", "ravel then expand_dims, cast to float", True, '''
def image2vector(image):
    return np.expand_dims(np.ravel(image), axis=1).astype(float)
'''),
    Answer("image2vector", "1-D result, column dimension missing", False, '''
def image2vector(image):
    return image.reshape(-1)
''', says="reshape(-1, 1)"),
    Answer("image2vector", "row vector instead of a column", False, '''
def image2vector(image):
    v = image.reshape(1, image.shape[0] * image.shape[1] * image.shape[2])
    return v
''', says="row"),
    Answer("image2vector", "Fortran order", False, '''
def image2vector(image):
    return image.reshape((-1, 1), order="F")
''', says="order='F'"),
    Answer("image2vector", "transposed before reshaping", False, '''
def image2vector(image):
    return image.T.reshape(-1, 1)
''', says="transpose"),
    Answer("image2vector", "channels first: all red, then all green, then all blue", False, '''
def image2vector(image):
    red, green, blue = image[:, :, 0], image[:, :, 1], image[:, :, 2]
    return np.concatenate([red.reshape(-1, 1), green.reshape(-1, 1), blue.reshape(-1, 1)])
'''),
    Answer("image2vector", "channels moved to the front with transpose(2, 0, 1)", False, '''
def image2vector(image):
    return image.transpose(2, 0, 1).reshape(-1, 1)
''', says="all red values first"),
    Answer("image2vector", "hard-coded the 3 of RGB", False, '''
def image2vector(image):
    return image.reshape(image.shape[0] * image.shape[1] * 3, 1)
''', says="hard-code the 3"),
    Answer("image2vector", "hard-coded the size of the visible crop", False, '''
def image2vector(image):
    return image.reshape(9000, 1)
''', says="hard-code"),
    Answer("image2vector", "normalized the pixels while unrolling", False, '''
def image2vector(image):
    return image.reshape(-1, 1) / 255
''', says="255"),
    Answer("image2vector", "changed the shape of the input in place", False, '''
def image2vector(image):
    image.shape = (-1, 1)
    return image
''', says="in place"),
    # vector2image: (n, 1) -> shape
    Answer("vector2image", "v.reshape(shape)", True, '''
def vector2image(v, shape):
    image = v.reshape(shape)
    return image
'''),
    Answer("vector2image", "np.reshape with unpacked sizes", True, '''
def vector2image(v, shape):
    length, height, depth = shape
    return np.reshape(v, (length, height, depth))
'''),
    Answer("vector2image", "ravel first, then reshape with -1", True, '''
def vector2image(v, shape):
    return v.ravel().reshape(-1, shape[1], shape[2])
'''),
    Answer("vector2image", "Fortran order", False, '''
def vector2image(v, shape):
    return v.reshape(shape, order="F")
''', says="order='F'"),
    Answer("vector2image", "reshape to the reversed shape and transpose", False, '''
def vector2image(v, shape):
    return v.reshape(shape[::-1]).T
''', says="wrong order"),
    Answer("vector2image", "hard-coded the 3 of RGB", False, '''
def vector2image(v, shape):
    return v.reshape(shape[0], shape[1], 3)
''', says="hard-code"),
    Answer("vector2image", "ignores shape: returns v unchanged", False, '''
def vector2image(v, shape):
    return v
''', says="ignoring `shape`"),
    Answer("vector2image", "height and width swapped", False, '''
def vector2image(v, shape):
    return np.swapaxes(v.reshape(shape[1], shape[0], shape[2]), 0, 1)
''', says="swapped height and width"),
    Answer("vector2image", "np.resize pads silently when the sizes differ", False, '''
def vector2image(v, shape):
    return np.resize(v, shape)
''', says="must raise ValueError"),
    Answer("vector2image", "hard-coded the shape of the visible crop", False, '''
def vector2image(v, shape):
    return v.reshape(60, 50, 3)
''', says="hard-code"),
    # images_to_matrix: m images -> (n, m)
    Answer("images_to_matrix", "np.array, reshape to (m, n), transpose", True, '''
def images_to_matrix(images):
    m = len(images)
    X = np.array(images).reshape(m, -1).T
    return X
'''),
    Answer("images_to_matrix", "np.stack of unrolled images along axis 1", True, '''
def images_to_matrix(images):
    return np.stack([image.reshape(-1) for image in images], axis=1)
'''),
    Answer("images_to_matrix", "np.hstack of column vectors", True, '''
def images_to_matrix(images):
    columns = [image.reshape(image.size, 1) for image in images]
    return np.hstack(columns)
'''),
    Answer("images_to_matrix", "filled column by column in a loop", True, '''
def images_to_matrix(images):
    n = images[0].size
    X = np.zeros((n, len(images)))
    for j, image in enumerate(images):
        X[:, j] = image.ravel()
    return X
'''),
    Answer("images_to_matrix", "np.column_stack of flattened images", True, '''
def images_to_matrix(images):
    return np.column_stack([im.flatten() for im in images])
'''),
    Answer("images_to_matrix", "the classic bug: reshape straight to (n, m)", False, '''
def images_to_matrix(images):
    m = len(images)
    n = images[0].shape[0] * images[0].shape[1] * images[0].shape[2]
    return np.array(images).reshape(n, m)
''', says="scrambled"),
    Answer("images_to_matrix", "the classic bug with -1", False, '''
def images_to_matrix(images):
    return np.array(images).reshape(-1, len(images))
''', says="Reshape to (m, n) first"),
    Answer("images_to_matrix", "images as rows (m, n)", False, '''
def images_to_matrix(images):
    return np.array(images).reshape(len(images), -1)
''', says="rows"),
    Answer("images_to_matrix", "returns a list of columns", False, '''
def images_to_matrix(images):
    return [image.reshape(-1, 1) for image in images]
''', says="list"),
    Answer("images_to_matrix", "transposes every axis of np.array(images)", False, '''
def images_to_matrix(images):
    X = np.array(images).T
    return X.reshape(-1, len(images))
''', says="reverses every axis"),
    Answer("images_to_matrix", "all images end to end in one long column", False, '''
def images_to_matrix(images):
    return np.concatenate([image.reshape(-1, 1) for image in images])
''', says="end to end"),
    Answer("images_to_matrix", "each image unrolled in Fortran order", False, '''
def images_to_matrix(images):
    return np.stack([image.reshape(-1, order="F") for image in images], axis=1)
''', says="wrong order"),
    Answer("images_to_matrix", "hard-coded the 3 of RGB", False, '''
def images_to_matrix(images):
    length, height = images[0].shape[:2]
    return np.array(images).reshape(len(images), length * height * 3).T
''', says="hard-code"),
    # matrix_to_images: undo images_to_matrix
    Answer("matrix_to_images", "reference: transpose, then reshape", True, '''
def matrix_to_images(X_matrix, image_shape):
    m = X_matrix.shape[1]
    return X_matrix.T.reshape(m, *image_shape)
'''),
    Answer("matrix_to_images", "reshape with the image axis last, then move it first", True, '''
def matrix_to_images(X_matrix, image_shape):
    stacked = X_matrix.reshape(*image_shape, -1)
    return np.moveaxis(stacked, -1, 0)
'''),
    Answer("matrix_to_images", "np.stack of the columns rolled back", True, '''
def matrix_to_images(X_matrix, image_shape):
    return np.stack([np.reshape(column, image_shape) for column in X_matrix.T])
'''),
    Answer("matrix_to_images", "np.transpose then reshape with -1", True, '''
def matrix_to_images(X_matrix, image_shape):
    h, w, c = image_shape
    return np.transpose(X_matrix).reshape(-1, h, w, c)
'''),
    Answer("matrix_to_images", "reshaped straight to (m, H, W, C)", False, '''
def matrix_to_images(X_matrix, image_shape):
    m = X_matrix.shape[1]
    return X_matrix.reshape(m, *image_shape)
''', says="Turn the columns into rows"),
    Answer("matrix_to_images", "image axis left last", False, '''
def matrix_to_images(X_matrix, image_shape):
    return X_matrix.reshape(*image_shape, X_matrix.shape[1])
''', says="expected shape"),
    Answer("matrix_to_images", "order F after the transpose", False, '''
def matrix_to_images(X_matrix, image_shape):
    m = X_matrix.shape[1]
    return X_matrix.T.reshape((m, *image_shape), order="F")
''', says="order='F'"),
    Answer("matrix_to_images", "each image rolled back in Fortran order", False, '''
def matrix_to_images(X_matrix, image_shape):
    return np.array([X_matrix[:, j].reshape(image_shape, order="F") for j in range(X_matrix.shape[1])])
''', says="first axis fastest"),
    Answer("matrix_to_images", "hard-coded 3 channels", False, '''
def matrix_to_images(X_matrix, image_shape):
    h, w = image_shape[0], image_shape[1]
    return X_matrix.T.reshape(-1, h, w, 3)
'''),
    Answer("matrix_to_images", "returned a list of images", False, '''
def matrix_to_images(X_matrix, image_shape):
    return [X_matrix[:, j].reshape(image_shape) for j in range(X_matrix.shape[1])]
'''),
]
