"""Student answers for 06_vectorization."""

from autograder.synthetic.answers import Answer

# The given code of the notebook: the four products written as explicit Python loops.

ANSWERS = [
    # dot_product: one number
    Answer("dot_product", "np.dot", True, '''
def dot_product(x1, x2):
    dot = np.dot(x1, x2)
    return dot
'''),
    Answer("dot_product", "the @ operator", True, '''
def dot_product(x1, x2):
    return x1 @ x2
'''),
    Answer("dot_product", "np.sum of the elementwise product", True, '''
def dot_product(x1, x2):
    return np.sum(x1 * x2)
'''),
    Answer("dot_product", "np.einsum with a float() cast", True, '''
def dot_product(x1, x2):
    return float(np.einsum("i,i->", x1, x2))
'''),
    Answer("dot_product", "row times column, a (1, 1) matrix", True, '''
def dot_product(x1, x2):
    return x1.reshape(1, -1) @ x2.reshape(-1, 1)
'''),
    Answer("dot_product", "np.outer instead of np.dot", False, '''
def dot_product(x1, x2):
    return np.outer(x1, x2)
''', says="outer product"),
    Answer("dot_product", "elementwise product, forgot to sum", False, '''
def dot_product(x1, x2):
    return np.multiply(x1, x2)
''', says="without adding them up"),
    Answer("dot_product", "sum of x1 times sum of x2", False, '''
def dot_product(x1, x2):
    return np.sum(x1) * np.sum(x2)
''', says="multiplied the sum of x1"),
    Answer("dot_product", "the loop of the given code", False, '''
def dot_product(x1, x2):
    dot = 0
    for i in range(len(x1)):
        dot += x1[i] * x2[i]
    return dot
''', says="for loop"),
    Answer("dot_product", "sum of a generator expression", False, '''
def dot_product(x1, x2):
    return sum(a * b for a, b in zip(x1, x2))
''', says="generator expression"),
    Answer("dot_product", "hard-coded the visible example", False, '''
def dot_product(x1, x2):
    return 35.0
'''),
    Answer("dot_product", "np.vectorize over a multiply then sum", False, '''
def dot_product(x1, x2):
    mult = np.vectorize(lambda a, b: a * b)
    return np.sum(mult(x1, x2))
''', says="np.vectorize"),
    # outer_product: an (n, m) matrix
    Answer("outer_product", "np.outer", True, '''
def outer_product(x1, x2):
    outer = np.outer(x1, x2)
    return outer
'''),
    Answer("outer_product", "broadcasting a column against a row", True, '''
def outer_product(x1, x2):
    return x1[:, None] * x2[None, :]
'''),
    Answer("outer_product", "column @ row with reshape", True, '''
def outer_product(x1, x2):
    return np.dot(x1.reshape(-1, 1), x2.reshape(1, -1))
'''),
    Answer("outer_product", "np.einsum", True, '''
def outer_product(x1, x2):
    return np.einsum("i,j->ij", x1, x2)
'''),
    Answer("outer_product", "np.multiply.outer", True, '''
def outer_product(x1, x2):
    return np.multiply.outer(x1, x2)
'''),
    Answer("outer_product", "arguments swapped", False, '''
def outer_product(x1, x2):
    return np.outer(x2, x1)
''', says="swapped"),
    Answer("outer_product", "np.dot instead of np.outer", False, '''
def outer_product(x1, x2):
    return np.dot(x1, x2)
''', says="dot product"),
    Answer("outer_product", "x1.T * x2: transposing a 1-D vector does nothing", False, '''
def outer_product(x1, x2):
    return x1.T * x2
''', says="elementwise product"),
    Answer("outer_product", "right numbers, flattened with np.kron", False, '''
def outer_product(x1, x2):
    return np.kron(x1, x2)
''', says="flattened"),
    Answer("outer_product", "the nested loops of the given code", False, '''
def outer_product(x1, x2):
    outer = np.zeros((len(x1), len(x2)))
    for i in range(len(x1)):
        for j in range(len(x2)):
            outer[i, j] = x1[i] * x2[j]
    return outer
''', says="for loop"),
    Answer("outer_product", "a nested list comprehension in np.array", False, '''
def outer_product(x1, x2):
    return np.array([[a * b for b in x2] for a in x1])
''', says="comprehension"),
    Answer("outer_product", "hard-coded the visible example", False, '''
def outer_product(x1, x2):
    return np.array([[3.0, -3.0, 6.0], [1.0, -1.0, 2.0], [4.0, -4.0, 8.0], [1.0, -1.0, 2.0], [5.0, -5.0, 10.0]])
''', says="shape"),
    # elementwise_product: same shape as the inputs
    Answer("elementwise_product", "the * operator", True, '''
def elementwise_product(x1, x2):
    return x1 * x2
'''),
    Answer("elementwise_product", "np.multiply", True, '''
def elementwise_product(x1, x2):
    mul = np.multiply(x1, x2)
    return mul
'''),
    Answer("elementwise_product", "np.einsum on any shape", True, '''
def elementwise_product(x1, x2):
    return np.einsum("...,...->...", x1, x2)
'''),
    Answer("elementwise_product", "np.dot instead of the elementwise product", False, '''
def elementwise_product(x1, x2):
    return np.dot(x1, x2)
''', says="np.dot"),
    Answer("elementwise_product", "the @ operator", False, '''
def elementwise_product(x1, x2):
    return x1 @ x2
''', says="np.dot (or @)"),
    Answer("elementwise_product", "np.outer", False, '''
def elementwise_product(x1, x2):
    return np.outer(x1, x2)
''', says="outer product"),
    Answer("elementwise_product", "added instead of multiplied", False, '''
def elementwise_product(x1, x2):
    return x1 + x2
''', says="added"),
    Answer("elementwise_product", "multiplies in place into x1", False, '''
def elementwise_product(x1, x2):
    x1 *= x2
    return x1
''', says="in place"),
    Answer("elementwise_product", "the loop of the given code", False, '''
def elementwise_product(x1, x2):
    mul = np.zeros(len(x1))
    for i in range(len(x1)):
        mul[i] = x1[i] * x2[i]
    return mul
''', says="for loop"),
    Answer("elementwise_product", "np.array of map", False, '''
def elementwise_product(x1, x2):
    return np.array(list(map(lambda a, b: a * b, x1, x2)))
''', says="map"),
    Answer("elementwise_product", "hard-coded the visible example", False, '''
def elementwise_product(x1, x2):
    return np.array([6.0, 7.0, 4.0, 8.0, 10.0])
'''),
    # matrix_vector_product: W (m, n), x (n,) -> (m,)
    Answer("matrix_vector_product", "the @ operator", True, '''
def matrix_vector_product(W, x):
    return W @ x
'''),
    Answer("matrix_vector_product", "np.dot", True, '''
def matrix_vector_product(W, x):
    y = np.dot(W, x)
    return y
'''),
    Answer("matrix_vector_product", "the W.dot method", True, '''
def matrix_vector_product(W, x):
    return W.dot(x)
'''),
    Answer("matrix_vector_product", "broadcast then sum each row", True, '''
def matrix_vector_product(W, x):
    return np.sum(W * x, axis=1)
'''),
    Answer("matrix_vector_product", "x @ W.T, the same product transposed", True, '''
def matrix_vector_product(W, x):
    return x @ W.T
'''),
    Answer("matrix_vector_product", "np.einsum", True, '''
def matrix_vector_product(W, x):
    return np.einsum("ij,j->i", W, x)
'''),
    Answer("matrix_vector_product", "x @ W, the wrong orientation", False, '''
def matrix_vector_product(W, x):
    return x @ W
''', says="not x @ W"),
    Answer("matrix_vector_product", "np.dot(x, W), the wrong orientation", False, '''
def matrix_vector_product(W, x):
    return np.dot(x, W)
''', says="W @ x"),
    Answer("matrix_vector_product", "a column vector of shape (m, 1)", False, '''
def matrix_vector_product(W, x):
    return W @ x.reshape(-1, 1)
''', says="column of shape (m, 1)"),
    Answer("matrix_vector_product", "W * x without the sum", False, '''
def matrix_vector_product(W, x):
    return W * x
''', says="did not add up each row"),
    Answer("matrix_vector_product", "summed along axis 0", False, '''
def matrix_vector_product(W, x):
    return np.sum(W * x, axis=0)
''', says="axis 0"),
    Answer("matrix_vector_product", "the double loop of the given code", False, '''
def matrix_vector_product(W, x):
    out = np.zeros(W.shape[0])
    for i in range(W.shape[0]):
        for j in range(len(x)):
            out[i] += W[i, j] * x[j]
    return out
''', says="for loop"),
    Answer("matrix_vector_product", "one np.dot per row in a comprehension", False, '''
def matrix_vector_product(W, x):
    return np.array([np.dot(row, x) for row in W])
''', says="comprehension"),
    Answer("matrix_vector_product", "hard-coded the visible example", False, '''
def matrix_vector_product(W, x):
    return np.array([8.0, 26.0])
'''),
    # pairwise_sq_distances: every squared distance, no loop
    Answer("pairwise_sq_distances", "reference: broadcast the differences", True, '''
def pairwise_sq_distances(A, B):
    diff = A[:, None, :] - B[None, :, :]
    return np.sum(diff ** 2, axis=-1)
'''),
    Answer("pairwise_sq_distances", "the expansion with one matrix product", True, '''
def pairwise_sq_distances(A, B):
    a2 = np.sum(A ** 2, axis=1)[:, None]
    b2 = np.sum(B ** 2, axis=1)[None, :]
    return a2 + b2 - 2 * A @ B.T
'''),
    Answer("pairwise_sq_distances", "np.einsum of the differences", True, '''
def pairwise_sq_distances(A, B):
    d = np.expand_dims(A, 1) - np.expand_dims(B, 0)
    return np.einsum('ijk,ijk->ij', d, d)
'''),
    Answer("pairwise_sq_distances", "expansion clipped at 0", True, '''
def pairwise_sq_distances(A, B):
    D = (A * A).sum(1).reshape(-1, 1) + (B * B).sum(1) - 2 * np.dot(A, B.T)
    return np.maximum(D, 0)
'''),
    Answer("pairwise_sq_distances", "took the square root", False, '''
def pairwise_sq_distances(A, B):
    return np.sqrt(np.sum((A[:, None, :] - B[None, :, :]) ** 2, axis=-1))
''', says="no square root"),
    Answer("pairwise_sq_distances", "transposed: B against A", False, '''
def pairwise_sq_distances(A, B):
    return np.sum((B[:, None, :] - A[None, :, :]) ** 2, axis=-1)
'''),
    Answer("pairwise_sq_distances", "plus sign on the cross term", False, '''
def pairwise_sq_distances(A, B):
    return np.sum(A ** 2, axis=1)[:, None] + np.sum(B ** 2, axis=1)[None, :] + 2 * A @ B.T
''', says="with a minus"),
    Answer("pairwise_sq_distances", "cross term without its factor 2", False, '''
def pairwise_sq_distances(A, B):
    return np.sum(A ** 2, axis=1)[:, None] + np.sum(B ** 2, axis=1)[None, :] - A @ B.T
''', says="factor 2"),
    Answer("pairwise_sq_distances", "forgot the norms of B", False, '''
def pairwise_sq_distances(A, B):
    return np.sum(A ** 2, axis=1)[:, None] - 2 * A @ B.T
''', says="points of B are missing"),
    Answer("pairwise_sq_distances", "no new axes: rows paired with rows", False, '''
def pairwise_sq_distances(A, B):
    return np.sum((A - B) ** 2, axis=1)
'''),
    Answer("pairwise_sq_distances", "a list comprehension over pairs", False, '''
def pairwise_sq_distances(A, B):
    return np.array([[np.sum((a - b) ** 2) for b in B] for a in A])
''', says="list comprehension"),
]
