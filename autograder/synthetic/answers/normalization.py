"""Student answers for 04_normalization."""

from autograder.synthetic.answers import Answer

ANSWERS = [
    # normalize_rows: each row divided by its own L2 norm
    Answer("normalize_rows", "reference: np.linalg.norm with keepdims", True, '''
def normalize_rows(x):
    x_norm = np.linalg.norm(x, axis=1, keepdims=True)
    x_normalized = x / x_norm
    return x_normalized
'''),
    Answer("normalize_rows", "norm[:, None]", True, '''
def normalize_rows(x):
    norm = np.linalg.norm(x, axis=1)
    return x / norm[:, None]
'''),
    Answer("normalize_rows", "sqrt of the sum of squares with keepdims", True, '''
def normalize_rows(x):
    return x / np.sqrt(np.sum(x**2, axis=1, keepdims=True))
'''),
    Answer("normalize_rows", "reshape(-1, 1) and ord=2", True, '''
def normalize_rows(x):
    x_norm = np.linalg.norm(x, ord=2, axis=1)
    x = x / x_norm.reshape(-1, 1)
    return x
'''),
    Answer("normalize_rows", "einsum and np.newaxis", True, '''
def normalize_rows(x):
    lengths = np.sqrt(np.einsum("ij,ij->i", x, x))
    return np.divide(x, lengths[:, np.newaxis])
'''),
    Answer("normalize_rows", "a loop over rows into a new array", True, '''
def normalize_rows(x):
    out = np.zeros_like(x)
    for i in range(x.shape[0]):
        out[i] = x[i] / np.linalg.norm(x[i])
    return out
'''),
    Answer("normalize_rows", "forgot keepdims", False, '''
def normalize_rows(x):
    x_norm = np.linalg.norm(x, axis=1)
    return x / x_norm
''', says="keepdims"),
    Answer("normalize_rows", "norm of the whole matrix", False, '''
def normalize_rows(x):
    return x / np.linalg.norm(x)
''', says="whole matrix"),
    Answer("normalize_rows", "column norms, axis=0", False, '''
def normalize_rows(x):
    x_norm = np.linalg.norm(x, axis=0, keepdims=True)
    return x / x_norm
''', says="columns (axis=0)"),
    Answer("normalize_rows", "divided by the row sum", False, '''
def normalize_rows(x):
    return x / np.sum(x, axis=1, keepdims=True)
''', says="sum of each row"),
    Answer("normalize_rows", "L1 norm of the rows", False, '''
def normalize_rows(x):
    return x / np.linalg.norm(x, ord=1, axis=1, keepdims=True)
''', says="L1 norm"),
    Answer("normalize_rows", "in place x /= norm", False, '''
def normalize_rows(x):
    x_norm = np.linalg.norm(x, axis=1, keepdims=True)
    x /= x_norm
    return x
''', says="modified its input"),
    Answer("normalize_rows", "forgot the square root", False, '''
def normalize_rows(x):
    return x / np.sum(x * x, axis=1, keepdims=True)
''', says="squared norm"),
    Answer("normalize_rows", "returns the norms", False, '''
def normalize_rows(x):
    return np.linalg.norm(x, axis=1, keepdims=True)
''', says="shape"),
    Answer("normalize_rows", "hard-coded the visible example", False, '''
def normalize_rows(x):
    return np.array([[0.0, 0.6, 0.8], [0.13736056, 0.82416338, 0.54944226]])
'''),
    # standardize: (x - mean) / std of each column
    Answer("standardize", "reference: mean and std over axis=0", True, '''
def standardize(x):
    mu = x.mean(axis=0)
    sigma = x.std(axis=0)
    z = (x - mu) / sigma
    return z
'''),
    Answer("standardize", "np.mean and np.std with keepdims", True, '''
def standardize(x):
    mean = np.mean(x, axis=0, keepdims=True)
    std = np.std(x, axis=0, keepdims=True)
    return (x - mean) / std
'''),
    Answer("standardize", "by hand: sum / m and sqrt of the mean squared deviation", True, '''
def standardize(x):
    m = x.shape[0]
    mu = np.sum(x, axis=0) / m
    centered = x - mu
    sigma = np.sqrt(np.sum(centered**2, axis=0) / m)
    return centered / sigma
'''),
    Answer("standardize", "sqrt of np.var, ddof=0 written out", True, '''
def standardize(x):
    return (x - np.mean(x, axis=0)) / np.sqrt(np.var(x, axis=0, ddof=0))
'''),
    Answer("standardize", "rows instead of columns, axis=1", False, '''
def standardize(x):
    mu = x.mean(axis=1, keepdims=True)
    sigma = x.std(axis=1, keepdims=True)
    return (x - mu) / sigma
''', says="rows (axis=1)"),
    Answer("standardize", "axis=1 without keepdims", False, '''
def standardize(x):
    return (x - np.mean(x, axis=1)) / np.std(x, axis=1)
''', says="axis=1"),
    Answer("standardize", "sample std, ddof=1", False, '''
def standardize(x):
    return (x - x.mean(axis=0)) / x.std(axis=0, ddof=1)
''', says="ddof=1"),
    Answer("standardize", "mean and std of the whole matrix", False, '''
def standardize(x):
    return (x - np.mean(x)) / np.std(x)
''', says="whole matrix"),
    Answer("standardize", "only centered", False, '''
def standardize(x):
    return x - x.mean(axis=0)
''', says="only subtracted the mean"),
    Answer("standardize", "divided by the range", False, '''
def standardize(x):
    return (x - x.mean(axis=0)) / (x.max(axis=0) - x.min(axis=0))
''', says="range"),
    Answer("standardize", "min-max scaling", False, '''
def standardize(x):
    lo = x.min(axis=0)
    return (x - lo) / (x.max(axis=0) - lo)
''', says="min-max"),
    Answer("standardize", "divided by the variance", False, '''
def standardize(x):
    return (x - x.mean(axis=0)) / x.var(axis=0)
''', says="variance"),
    Answer("standardize", "in place x -= mean", False, '''
def standardize(x):
    x -= x.mean(axis=0)
    x /= x.std(axis=0)
    return x
''', says="modified its input"),
    # gradient_descent: w <- w - lr (A w - b) until ||A w - b|| <= tol ||A w0 - b||, at most max_steps updates
    Answer("gradient_descent", "reference: while loop testing before each update", True, '''
def gradient_descent(A, b, w0, lr, tol=1e-6, max_steps=10_000):
    w = np.array(w0, dtype=float)
    limit = tol * np.linalg.norm(A @ w - b)
    steps = 0
    while np.linalg.norm(A @ w - b) > limit and steps < max_steps:
        w = w - lr * (A @ w - b)
        steps += 1
    return w, steps
'''),
    Answer("gradient_descent", "for loop over range(max_steps) with an early return", True, '''
def gradient_descent(A, b, w0, lr, tol=1e-6, max_steps=10_000):
    w = w0.astype(float)
    g0 = np.linalg.norm(A.dot(w0) - b)
    for step in range(max_steps):
        g = A.dot(w) - b
        if np.linalg.norm(g) <= tol * g0:
            return w, step
        w = w - lr * g
    return w, max_steps
'''),
    Answer("gradient_descent", "while True with break, squared lengths", True, '''
def gradient_descent(A, b, w0, lr, tol=1e-6, max_steps=10_000):
    w = np.array(w0, dtype=float)
    g = A @ w - b
    threshold = tol**2 * (g @ g)
    steps = 0
    while True:
        if g @ g <= threshold or steps == max_steps:
            break
        w -= lr * g
        g = A @ w - b
        steps = steps + 1
    return w, steps
'''),
    Answer("gradient_descent", "np.matmul and np.sqrt of the sum of squares", True, '''
def gradient_descent(A, b, w0, lr, tol=1e-6, max_steps=10_000):
    grad = lambda v: np.matmul(A, v) - b
    start = np.sqrt(np.sum(grad(w0) ** 2))
    w, steps = w0 + 0.0, 0
    while steps < max_steps and np.sqrt(np.sum(grad(w) ** 2)) > tol * start:
        w = w - lr * grad(w)
        steps += 1
    return w, int(steps)
'''),
    Answer("gradient_descent", "w0.copy(), then w -= in place", True, '''
def gradient_descent(A, b, w0, lr, tol=1e-6, max_steps=10_000):
    w = w0.copy()
    limit = tol * np.linalg.norm(A @ w0 - b)
    steps = 0
    while steps < max_steps and np.linalg.norm(A @ w - b) > limit:
        w -= lr * (A @ w - b)
        steps += 1
    return w, steps
'''),
    Answer("gradient_descent", "np.copy(w0), for loop with break", True, '''
def gradient_descent(A, b, w0, lr, tol=1e-6, max_steps=10_000):
    w = np.copy(w0)
    target = tol * np.linalg.norm(np.dot(A, w) - b)
    steps = 0
    for _ in range(max_steps):
        residual = np.dot(A, w) - b
        if np.linalg.norm(residual) <= target:
            break
        w = w - lr * residual
        steps += 1
    return w, steps
'''),
    Answer("gradient_descent", "counts from 1", False, '''
def gradient_descent(A, b, w0, lr, tol=1e-6, max_steps=10_000):
    w = np.array(w0, dtype=float)
    limit = tol * np.linalg.norm(A @ w - b)
    steps = 1
    while np.linalg.norm(A @ w - b) > limit and steps <= max_steps:
        w = w - lr * (A @ w - b)
        steps += 1
    return w, steps
''', says="one too many"),
    Answer("gradient_descent", "steps first, tests after (do-while)", False, '''
def gradient_descent(A, b, w0, lr, tol=1e-6, max_steps=10_000):
    w = np.array(w0, dtype=float)
    g0 = np.linalg.norm(A @ w0 - b)
    steps = 0
    while True:
        w = w - lr * (A @ w - b)
        steps += 1
        if np.linalg.norm(A @ w - b) <= tol * g0 or steps >= max_steps:
            return w, steps
''', says="before testing"),
    Answer("gradient_descent", "absolute tolerance", False, '''
def gradient_descent(A, b, w0, lr, tol=1e-6, max_steps=10_000):
    w = np.array(w0, dtype=float)
    steps = 0
    while np.linalg.norm(A @ w - b) > tol and steps < max_steps:
        w = w - lr * (A @ w - b)
        steps += 1
    return w, steps
''', says="absolute tolerance"),
    Answer("gradient_descent", "returns the loop variable after range runs out", False, '''
def gradient_descent(A, b, w0, lr, tol=1e-6, max_steps=10_000):
    w = np.array(w0, dtype=float)
    g0 = np.linalg.norm(A @ w0 - b)
    for steps in range(max_steps):
        if np.linalg.norm(A @ w - b) <= tol * g0:
            break
        w = w - lr * (A @ w - b)
    return w, steps
''', says="max_steps - 1"),
    Answer("gradient_descent", "w = w0, then w -= in place", False, '''
def gradient_descent(A, b, w0, lr, tol=1e-6, max_steps=10_000):
    w = w0
    limit = tol * np.linalg.norm(A @ w - b)
    steps = 0
    while np.linalg.norm(A @ w - b) > limit and steps < max_steps:
        w -= lr * (A @ w - b)
        steps += 1
    return w, steps
''', says="modified its input"),
    Answer("gradient_descent", "adds the gradient", False, '''
def gradient_descent(A, b, w0, lr, tol=1e-6, max_steps=10_000):
    w = np.array(w0, dtype=float)
    limit = tol * np.linalg.norm(A @ w - b)
    steps = 0
    while np.linalg.norm(A @ w - b) > limit and steps < max_steps:
        w = w + lr * (A @ w - b)
        steps += 1
    return w, steps
''', says="uphill"),
    Answer("gradient_descent", "divides by the starting gradient", False, '''
def gradient_descent(A, b, w0, lr, tol=1e-6, max_steps=10_000):
    w = np.array(w0, dtype=float)
    g0 = np.linalg.norm(A @ w0 - b)
    steps = 0
    while not np.linalg.norm(A @ w - b) / g0 <= tol and steps < max_steps:
        w = w - lr * (A @ w - b)
        steps += 1
    return w, steps
''', says="0 / 0 is NaN"),
    Answer("gradient_descent", "returns (steps, w)", False, '''
def gradient_descent(A, b, w0, lr, tol=1e-6, max_steps=10_000):
    w = np.array(w0, dtype=float)
    limit = tol * np.linalg.norm(A @ w - b)
    steps = 0
    while np.linalg.norm(A @ w - b) > limit and steps < max_steps:
        w = w - lr * (A @ w - b)
        steps += 1
    return steps, w
''', says="wrong way round"),
    Answer("gradient_descent", "returns the exact minimum from np.linalg.solve", False, '''
def gradient_descent(A, b, w0, lr, tol=1e-6, max_steps=10_000):
    return np.linalg.solve(A, b), 1
'''),
    # condition_number: lambda_max / lambda_min of x.T @ x / m
    Answer("condition_number", "reference: np.linalg.eigvalsh of x.T @ x / m", True, '''
def condition_number(x):
    curvatures = np.linalg.eigvalsh(x.T @ x / len(x))
    return curvatures[-1] / curvatures[0]
'''),
    Answer("condition_number", "np.linalg.cond(x) squared", True, '''
def condition_number(x):
    return np.linalg.cond(x) ** 2
'''),
    Answer("condition_number", "eigvals of x.T @ x without the 1/m, max over min", True, '''
def condition_number(x):
    lam = np.linalg.eigvals(np.dot(x.T, x)).real
    return float(lam.max() / lam.min())
'''),
    Answer("condition_number", "singular values of x, squared ratio", True, '''
def condition_number(x):
    s = np.linalg.svd(x, compute_uv=False)
    return (s.max() / s.min()) ** 2
'''),
    Answer("condition_number", "np.linalg.cond(x), not squared", False, '''
def condition_number(x):
    return np.linalg.cond(x)
''', says="square root of κ"),
    Answer("condition_number", "smallest over largest", False, '''
def condition_number(x):
    curvatures = np.linalg.eigvalsh(x.T @ x / len(x))
    return curvatures[0] / curvatures[-1]
''', says="at least 1"),
    Answer("condition_number", "x @ x.T, one row per example", False, '''
def condition_number(x):
    curvatures = np.linalg.eigvalsh(x @ x.T / len(x))
    return curvatures[-1] / curvatures[0]
'''),
    Answer("condition_number", "ratio of the diagonal entries", False, '''
def condition_number(x):
    h = x.T @ x / len(x)
    d = np.diag(h)
    return d.max() / d.min()
''', says="ignores correlated features"),
    Answer("condition_number", "ratio of the largest to the smallest feature variance", False, '''
def condition_number(x):
    v = x.var(axis=0)
    return v.max() / v.min()
'''),
    Answer("condition_number", "standardizes x first", False, '''
def condition_number(x):
    z = (x - x.mean(axis=0)) / x.std(axis=0)
    curvatures = np.linalg.eigvalsh(z.T @ z / len(z))
    return curvatures[-1] / curvatures[0]
''', says="standardized x first"),
]
