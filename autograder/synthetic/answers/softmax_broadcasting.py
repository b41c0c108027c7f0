"""Student answers for 05_softmax_broadcasting."""

from autograder.synthetic.answers import Answer

ANSWERS = [
    # broadcast_shape: the rules by hand
    Answer("broadcast_shape", "reference: pad with 1s on the left, then compare pairs", True, '''
def broadcast_shape(shape_a, shape_b):
    n = max(len(shape_a), len(shape_b))
    a = (1,) * (n - len(shape_a)) + tuple(shape_a)
    b = (1,) * (n - len(shape_b)) + tuple(shape_b)
    result = []
    for x, y in zip(a, b):
        if x == y or y == 1:
            result.append(x)
        elif x == 1:
            result.append(y)
        else:
            raise ValueError(f"cannot broadcast {shape_a} with {shape_b}")
    return tuple(result)
'''),
    Answer("broadcast_shape", "walk from the right with negative indices, reverse at the end", True, '''
def broadcast_shape(shape_a, shape_b):
    out = []
    for i in range(1, max(len(shape_a), len(shape_b)) + 1):
        a = shape_a[-i] if i <= len(shape_a) else 1
        b = shape_b[-i] if i <= len(shape_b) else 1
        if a != b and a != 1 and b != 1:
            raise ValueError("incompatible shapes")
        out.append(b if a == 1 else a)
    out.reverse()
    return tuple(out)
'''),
    Answer("broadcast_shape", "conditional expression on padded tuples", True, '''
def broadcast_shape(shape_a, shape_b):
    n = max(len(shape_a), len(shape_b))
    a = (1,) * (n - len(shape_a)) + tuple(shape_a)
    b = (1,) * (n - len(shape_b)) + tuple(shape_b)
    for x, y in zip(a, b):
        if 1 not in (x, y) and x != y:
            raise ValueError(f"{shape_a} and {shape_b} do not broadcast")
    return tuple(x if y == 1 else y for x, y in zip(a, b))
'''),
    Answer("broadcast_shape", "max of the two sizes, wrong where 0 meets 1", False, '''
def broadcast_shape(shape_a, shape_b):
    out = []
    for i in range(1, max(len(shape_a), len(shape_b)) + 1):
        a = shape_a[-i] if i <= len(shape_a) else 1
        b = shape_b[-i] if i <= len(shape_b) else 1
        if a != b and a != 1 and b != 1:
            raise ValueError("incompatible shapes")
        out.append(max(a, b))
    out.reverse()
    return tuple(out)
''', says="size 0 meets a size 1"),
    Answer("broadcast_shape", "adds two empty arrays and reads the shape", False, '''
def broadcast_shape(shape_a, shape_b):
    return (np.empty(shape_a) + np.empty(shape_b)).shape
''', says="calls `np`"),
    Answer("broadcast_shape", "imports broadcast_shapes from numpy", False, '''
def broadcast_shape(shape_a, shape_b):
    from numpy import broadcast_shapes
    return broadcast_shapes(shape_a, shape_b)
''', says="does the exercise for you"),
    Answer("broadcast_shape", "np.broadcast object's shape", False, '''
def broadcast_shape(shape_a, shape_b):
    return np.broadcast(np.empty(shape_a), np.empty(shape_b)).shape
''', says="does the exercise for you"),
    Answer("broadcast_shape", "NumPy arrays of sizes, np.maximum, np.int64 entries", False, '''
def broadcast_shape(shape_a, shape_b):
    n = max(len(shape_a), len(shape_b))
    a = np.array([1] * (n - len(shape_a)) + list(shape_a), dtype=int)
    b = np.array([1] * (n - len(shape_b)) + list(shape_b), dtype=int)
    if np.any((a != b) & (a != 1) & (b != 1)):
        raise ValueError("shapes do not broadcast")
    return tuple(np.maximum(a, b))
''', says="calls `np`"),
    Answer("broadcast_shape", "zip_longest on the reversed shapes", True, '''
def broadcast_shape(shape_a, shape_b):
    from itertools import zip_longest
    result = []
    for a, b in zip_longest(reversed(shape_a), reversed(shape_b), fillvalue=1):
        if a == 1:
            result.insert(0, b)
        elif b == 1 or a == b:
            result.insert(0, a)
        else:
            raise ValueError("not broadcastable")
    return tuple(result)
'''),
    Answer("broadcast_shape", "aligned on the left (pads the shorter shape on the right)", False, '''
def broadcast_shape(shape_a, shape_b):
    n = max(len(shape_a), len(shape_b))
    a = list(shape_a) + [1] * (n - len(shape_a))
    b = list(shape_b) + [1] * (n - len(shape_b))
    result = []
    for x, y in zip(a, b):
        if x != y and x != 1 and y != 1:
            raise ValueError("incompatible")
        result.append(max(x, y))
    return tuple(result)
''', says="aligned the shapes on the left"),
    Answer("broadcast_shape", "accepts any mismatch: takes the larger size always", False, '''
def broadcast_shape(shape_a, shape_b):
    n = max(len(shape_a), len(shape_b))
    a = (1,) * (n - len(shape_a)) + tuple(shape_a)
    b = (1,) * (n - len(shape_b)) + tuple(shape_b)
    return tuple(max(x, y) for x, y in zip(a, b))
''', says="must raise ValueError"),
    Answer("broadcast_shape", "returns a list", False, '''
def broadcast_shape(shape_a, shape_b):
    n = max(len(shape_a), len(shape_b))
    a = [1] * (n - len(shape_a)) + list(shape_a)
    b = [1] * (n - len(shape_b)) + list(shape_b)
    result = []
    for x, y in zip(a, b):
        if x != y and 1 not in (x, y):
            raise ValueError("incompatible")
        result.append(max(x, y))
    return result
''', says="returned a list"),
    Answer("broadcast_shape", "returns None instead of raising", False, '''
def broadcast_shape(shape_a, shape_b):
    n = max(len(shape_a), len(shape_b))
    a = (1,) * (n - len(shape_a)) + tuple(shape_a)
    b = (1,) * (n - len(shape_b)) + tuple(shape_b)
    result = []
    for x, y in zip(a, b):
        if x != y and x != 1 and y != 1:
            print("shapes are not compatible")
            return None
        result.append(max(x, y))
    return tuple(result)
''', says="must raise ValueError"),
    Answer("broadcast_shape", "built from the right and forgot to reverse", False, '''
def broadcast_shape(shape_a, shape_b):
    result = []
    for i in range(1, max(len(shape_a), len(shape_b)) + 1):
        a = shape_a[-i] if i <= len(shape_a) else 1
        b = shape_b[-i] if i <= len(shape_b) else 1
        if a != b and a != 1 and b != 1:
            raise ValueError("incompatible")
        result.append(max(a, b))
    return tuple(result)
''', says="reverse order"),
    Answer("broadcast_shape", "zip without padding drops the missing dimensions", False, '''
def broadcast_shape(shape_a, shape_b):
    result = []
    for a, b in zip(reversed(shape_a), reversed(shape_b)):
        if a != b and a != 1 and b != 1:
            raise ValueError("incompatible")
        result.append(max(a, b))
    return tuple(reversed(result))
''', says="missing dimensions"),
    Answer("broadcast_shape", "lets NumPy do it", False, '''
def broadcast_shape(shape_a, shape_b):
    return np.broadcast_shapes(shape_a, shape_b)
''', says="does the exercise for you"),
    Answer("broadcast_shape", "raises AssertionError instead of ValueError", False, '''
def broadcast_shape(shape_a, shape_b):
    n = max(len(shape_a), len(shape_b))
    a = (1,) * (n - len(shape_a)) + tuple(shape_a)
    b = (1,) * (n - len(shape_b)) + tuple(shape_b)
    result = []
    for x, y in zip(a, b):
        assert x == y or x == 1 or y == 1, "incompatible shapes"
        result.append(max(x, y))
    return tuple(result)
''', says="AssertionError"),
    # softmax: row-wise, stable
    Answer("softmax", "reference: subtract the row max with keepdims", True, '''
def softmax(x):
    x_exp = np.exp(x - np.max(x, axis=1, keepdims=True))
    x_sum = np.sum(x_exp, axis=1, keepdims=True)
    s = x_exp / x_sum
    return s
'''),
    Answer("softmax", "[:, None] instead of keepdims", True, '''
def softmax(x):
    e = np.exp(x - x.max(1)[:, None])
    return e / e.sum(1)[:, None]
'''),
    Answer("softmax", "log-sum-exp by hand", True, '''
def softmax(x):
    m = np.max(x, axis=1, keepdims=True)
    log_sum = m + np.log(np.sum(np.exp(x - m), axis=1, keepdims=True))
    return np.exp(x - log_sum)
'''),
    Answer("softmax", "subtracts the global max: rows far below it underflow to 0 / 0", False, '''
def softmax(x):
    e = np.exp(x - np.max(x))
    return e / e.sum(axis=1, keepdims=True)
''', says="Subtract the row maximum"),
    Answer("softmax", "works on the transpose, column-wise", True, '''
def softmax(x):
    t = x.T
    e = np.exp(t - t.max(axis=0))
    return (e / e.sum(axis=0)).T
'''),
    Answer("softmax", "divides by the sum over the whole matrix", False, '''
def softmax(x):
    x_exp = np.exp(x - np.max(x, axis=1, keepdims=True))
    return x_exp / np.sum(x_exp)
''', says="whole matrix"),
    Answer("softmax", "sums over axis=0 (columns)", False, '''
def softmax(x):
    x_exp = np.exp(x - np.max(x, axis=0))
    return x_exp / np.sum(x_exp, axis=0)
''', says="axis=0"),
    Answer("softmax", "forgot keepdims in the row sum", False, '''
def softmax(x):
    x_exp = np.exp(x - np.max(x, axis=1, keepdims=True))
    return x_exp / np.sum(x_exp, axis=1)
''', says="keepdims"),
    Answer("softmax", "forgot keepdims in the row max", False, '''
def softmax(x):
    x_exp = np.exp(x - np.max(x, axis=1))
    return x_exp / np.sum(x_exp, axis=1, keepdims=True)
''', says="keepdims when subtracting the maximum"),
    Answer("softmax", "not stable: NaN for inputs near 1000", False, '''
def softmax(x):
    x_exp = np.exp(x)
    x_sum = np.sum(x_exp, axis=1, keepdims=True)
    return x_exp / x_sum
''', says="Subtract the row maximum first"),
    Answer("softmax", "subtracts the row mean, not stable", False, '''
def softmax(x):
    e = np.exp(x - x.mean(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)
''', says="Subtract the row maximum first"),
    Answer("softmax", "returns the exponentials without normalizing", False, '''
def softmax(x):
    return np.exp(x - np.max(x, axis=1, keepdims=True))
''', says="without normalizing"),
    Answer("softmax", "modifies x in place", False, '''
def softmax(x):
    x -= np.max(x, axis=1, keepdims=True)
    np.exp(x, out=x)
    x /= np.sum(x, axis=1, keepdims=True)
    return x
''', says="in place"),
    Answer("softmax", "divides the scores by their sum, no exponential", False, '''
def softmax(x):
    return x / np.sum(x, axis=1, keepdims=True)
''', says="Exponentiate first"),
    Answer("softmax", "hard-coded the visible example", False, '''
def softmax(x):
    return np.array([[0.0320586, 0.08714432, 0.23688282, 0.64391426]])
''', says="shape"),
    # log_softmax: log-sum-exp per row, no loop
    Answer("log_softmax", "reference: shifted minus the log of its row sums", True, '''
def log_softmax(x):
    shifted = x - np.max(x, axis=1, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
'''),
    Answer("log_softmax", "x minus log-sum-exp with the max added back", True, '''
def log_softmax(x):
    c = x.max(axis=1)[:, None]
    lse = c + np.log(np.exp(x - c).sum(axis=1)[:, None])
    return x - lse
'''),
    Answer("log_softmax", "np.logaddexp.reduce over each row", True, '''
def log_softmax(x):
    return x - np.logaddexp.reduce(x, axis=1, keepdims=True)
'''),
    Answer("log_softmax", "float64 throughout, then np.log1p of the other terms", True, '''
def log_softmax(x):
    x = np.asarray(x, dtype=np.float64)
    shifted = x - x.max(axis=1, keepdims=True)
    rest = np.exp(shifted).sum(axis=1, keepdims=True) - 1.0
    return shifted - np.log1p(rest)
'''),
    Answer("log_softmax", "np.log of a stable softmax", False, '''
def log_softmax(x):
    e = np.exp(x - np.max(x, axis=1, keepdims=True))
    return np.log(e / np.sum(e, axis=1, keepdims=True))
''', says="underflowed to 0"),
    Answer("log_softmax", "naive log-sum-exp without the shift", False, '''
def log_softmax(x):
    return x - np.log(np.sum(np.exp(x), axis=1, keepdims=True))
''', says="overflowed"),
    Answer("log_softmax", "shift not subtracted from x", False, '''
def log_softmax(x):
    shifted = x - np.max(x, axis=1, keepdims=True)
    return x - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
''', says="off by its maximum"),
    Answer("log_softmax", "forgot the log-sum term", False, '''
def log_softmax(x):
    return x - np.max(x, axis=1, keepdims=True)
''', says="is missing"),
    Answer("log_softmax", "row sums without keepdims", False, '''
def log_softmax(x):
    shifted = x - np.max(x, axis=1, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=1))
''', says="keepdims=True"),
    Answer("log_softmax", "summed over axis 0", False, '''
def log_softmax(x):
    shifted = x - np.max(x, axis=0, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=0, keepdims=True))
''', says="axis=0"),
    Answer("log_softmax", "a loop over the rows", False, '''
def log_softmax(x):
    out = np.empty_like(x)
    for i in range(x.shape[0]):
        row = x[i] - x[i].max()
        out[i] = row - np.log(np.exp(row).sum())
    return out
''', says="for loop"),
    # cross_entropy: mean of -log p of the true class, log-sum-exp, one entry per row
    Answer("cross_entropy", "reference: log-softmax, then one entry per row", True, '''
def cross_entropy(scores, labels):
    shifted = scores - np.max(scores, axis=1, keepdims=True)
    ls = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
    return -np.mean(ls[np.arange(len(labels)), labels])
'''),
    Answer("cross_entropy", "log-sum-exp minus the true score, with take_along_axis", True, '''
def cross_entropy(scores, labels):
    top = scores.max(axis=1)
    lse = top + np.log(np.exp(scores - top[:, None]).sum(axis=1))
    true = np.take_along_axis(scores, labels[:, None], axis=1)[:, 0]
    return float(np.mean(lse - true))
'''),
    Answer("cross_entropy", "a one-hot mask", True, '''
def cross_entropy(scores, labels):
    m, n = scores.shape
    onehot = np.arange(n)[None, :] == labels[:, None]
    ls = scores - np.logaddexp.reduce(scores, axis=1, keepdims=True)
    return -np.sum(ls * onehot) / m
'''),
    Answer("cross_entropy", "log of a stable softmax", False, '''
def cross_entropy(scores, labels):
    e = np.exp(scores - scores.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    return -np.mean(np.log(p[np.arange(len(labels)), labels]))
''', says="underflowed to 0"),
    Answer("cross_entropy", "sum instead of mean", False, '''
def cross_entropy(scores, labels):
    shifted = scores - np.max(scores, axis=1, keepdims=True)
    ls = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
    return -np.sum(ls[np.arange(len(labels)), labels])
''', says="their mean"),
    Answer("cross_entropy", "forgot the minus sign", False, '''
def cross_entropy(scores, labels):
    shifted = scores - np.max(scores, axis=1, keepdims=True)
    ls = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
    return np.mean(ls[np.arange(len(labels)), labels])
''', says="the sign is wrong"),
    Answer("cross_entropy", "ls[:, labels] instead of one entry per row", False, '''
def cross_entropy(scores, labels):
    shifted = scores - np.max(scores, axis=1, keepdims=True)
    ls = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
    return -np.mean(ls[:, labels])
''', says="np.arange(m), labels"),
    Answer("cross_entropy", "mean over every class", False, '''
def cross_entropy(scores, labels):
    shifted = scores - np.max(scores, axis=1, keepdims=True)
    ls = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
    return -ls.mean()
''', says="true class"),
    Answer("cross_entropy", "the raw scores of the true class", False, '''
def cross_entropy(scores, labels):
    return -np.mean(scores[np.arange(len(labels)), labels])
''', says="raw scores"),
    Answer("cross_entropy", "a loop over the examples", False, '''
def cross_entropy(scores, labels):
    total = 0.0
    for i in range(len(labels)):
        row = scores[i] - scores[i].max()
        total += np.log(np.exp(row).sum()) - row[labels[i]]
    return total / len(labels)
''', says="for loop"),
    # fixed_softmax: the forum's softmax with keepdims on both reductions
    Answer("fixed_softmax", "reference: keepdims on the max and on the sum", True, '''
def fixed_softmax(x):
    x_exp = np.exp(x - np.max(x, axis=1, keepdims=True))
    return x_exp / np.sum(x_exp, axis=1, keepdims=True)
'''),
    Answer("fixed_softmax", "[:, None] on both", True, '''
def fixed_softmax(x):
    x_exp = np.exp(x - np.max(x, axis=1)[:, None])
    return x_exp / np.sum(x_exp, axis=1)[:, None]
'''),
    Answer("fixed_softmax", "transpose so that (m,) lines up with the rows", True, '''
def fixed_softmax(x):
    x_exp = np.exp((x.T - np.max(x, axis=1)).T)
    return (x_exp.T / np.sum(x_exp, axis=1)).T
'''),
    Answer("fixed_softmax", "reshape(-1, 1) and x.max method", True, '''
def fixed_softmax(x):
    shifted = x - x.max(axis=1).reshape(-1, 1)
    e = np.exp(shifted)
    return e / e.sum(axis=1).reshape(-1, 1)
'''),
    Answer("fixed_softmax", "fixed the sum only", False, '''
def fixed_softmax(x):
    x_exp = np.exp(x - np.max(x, axis=1))
    return x_exp / np.sum(x_exp, axis=1, keepdims=True)
''', says="subtracting the maximum"),
    Answer("fixed_softmax", "fixed the max only", False, '''
def fixed_softmax(x):
    x_exp = np.exp(x - np.max(x, axis=1, keepdims=True))
    return x_exp / np.sum(x_exp, axis=1)
''', says="forgot keepdims"),
    Answer("fixed_softmax", "left the bug as it is", False, '''
def fixed_softmax(x):
    x_exp = np.exp(x - np.max(x, axis=1))
    return x_exp / np.sum(x_exp, axis=1)
'''),
    Answer("fixed_softmax", "switched to axis=0", False, '''
def fixed_softmax(x):
    x_exp = np.exp(x - np.max(x, axis=0))
    return x_exp / np.sum(x_exp, axis=0)
''', says="axis=0"),
    Answer("fixed_softmax", "dropped the max to get rid of the error", False, '''
def fixed_softmax(x):
    x_exp = np.exp(x)
    return x_exp / np.sum(x_exp, axis=1, keepdims=True)
''', says="NaN"),
    Answer("fixed_softmax", "global max and global sum", False, '''
def fixed_softmax(x):
    x_exp = np.exp(x - np.max(x))
    return x_exp / np.sum(x_exp)
''', says="whole matrix"),
    Answer("fixed_softmax", "a loop over the rows", False, '''
def fixed_softmax(x):
    out = np.empty_like(x)
    for i in range(len(x)):
        e = np.exp(x[i] - np.max(x[i]))
        out[i] = e / np.sum(e)
    return out
''', says="for loop"),
    # softmax_jvp: s * (v - (s . v)) per row, without the Jacobian
    Answer("softmax_jvp", "reference: stable softmax, row dot products with keepdims", True, '''
def softmax_jvp(z, v):
    z_exp = np.exp(z - np.max(z, axis=1, keepdims=True))
    s = z_exp / np.sum(z_exp, axis=1, keepdims=True)
    return s * (v - np.sum(s * v, axis=1, keepdims=True))
'''),
    Answer("softmax_jvp", "s * v minus s times its row sum", True, '''
def softmax_jvp(z, v):
    e = np.exp(z - z.max(axis=1)[:, None])
    s = e / e.sum(axis=1)[:, None]
    sv = s * v
    return sv - s * sv.sum(axis=1, keepdims=True)
'''),
    Answer("softmax_jvp", "einsum for the row dot products", True, '''
def softmax_jvp(z, v):
    shifted = z - np.max(z, axis=1, keepdims=True)
    s = np.exp(shifted) / np.exp(shifted).sum(axis=1, keepdims=True)
    dots = np.einsum("ij,ij->i", s, v)
    return s * (v - dots[:, np.newaxis])
'''),
    Answer("softmax_jvp", "exp of log-softmax", True, '''
def softmax_jvp(z, v):
    top = np.max(z, axis=1, keepdims=True)
    s = np.exp(z - top - np.log(np.sum(np.exp(z - top), axis=1, keepdims=True)))
    return s * v - s * (s * v).sum(axis=1, keepdims=True)
'''),
    Answer("softmax_jvp", "only the diagonal, s * v", False, '''
def softmax_jvp(z, v):
    e = np.exp(z - np.max(z, axis=1, keepdims=True))
    s = e / np.sum(e, axis=1, keepdims=True)
    return s * v
''', says="diagonal of J"),
    Answer("softmax_jvp", "s (1 - s) v like the sigmoid", False, '''
def softmax_jvp(z, v):
    e = np.exp(z - np.max(z, axis=1, keepdims=True))
    s = e / np.sum(e, axis=1, keepdims=True)
    return s * (1 - s) * v
''', says="as if each output were a sigmoid"),
    Answer("softmax_jvp", "dot products without keepdims", False, '''
def softmax_jvp(z, v):
    e = np.exp(z - np.max(z, axis=1, keepdims=True))
    s = e / np.sum(e, axis=1, keepdims=True)
    return s * (v - np.sum(s * v, axis=1))
''', says="forgot keepdims"),
    Answer("softmax_jvp", "one dot product for the whole batch", False, '''
def softmax_jvp(z, v):
    e = np.exp(z - np.max(z, axis=1, keepdims=True))
    s = e / np.sum(e, axis=1, keepdims=True)
    return s * (v - np.sum(s * v))
''', says="whole matrix"),
    Answer("softmax_jvp", "forgot the factor s", False, '''
def softmax_jvp(z, v):
    e = np.exp(z - np.max(z, axis=1, keepdims=True))
    s = e / np.sum(e, axis=1, keepdims=True)
    return v - np.sum(s * v, axis=1, keepdims=True)
''', says="forgot the factor s"),
    Answer("softmax_jvp", "unstable softmax", False, '''
def softmax_jvp(z, v):
    s = np.exp(z) / np.sum(np.exp(z), axis=1, keepdims=True)
    return s * (v - np.sum(s * v, axis=1, keepdims=True))
''', says="NaN or inf"),
    Answer("softmax_jvp", "builds the Jacobian with np.eye", False, '''
def softmax_jvp(z, v):
    e = np.exp(z - np.max(z, axis=1, keepdims=True))
    s = e / np.sum(e, axis=1, keepdims=True)
    J = s[:, :, None] * (np.eye(z.shape[1]) - s[:, None, :])
    return np.matmul(J, v[:, :, None])[:, :, 0]
''', says="builds the n x n Jacobian"),
    Answer("softmax_jvp", "a loop over the examples with np.diag", False, '''
def softmax_jvp(z, v):
    out = np.zeros_like(v)
    for i in range(z.shape[0]):
        e = np.exp(z[i] - z[i].max())
        s = e / e.sum()
        out[i] = (np.diag(s) - np.outer(s, s)) @ v[i]
    return out
''', says="for loop"),
    Answer("softmax_jvp", "builds the Jacobian by broadcasting, without eye", False, '''
def softmax_jvp(z, v):
    e = np.exp(z - np.max(z, axis=1, keepdims=True))
    s = e / np.sum(e, axis=1, keepdims=True)
    outer = s[:, :, None] * s[:, None, :]
    return s * v - np.sum(outer * v[:, None, :], axis=2)
''', says="does not fit in memory"),
]
