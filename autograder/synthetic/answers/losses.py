"""Student answers for 07_l1_l2_losses."""

from autograder.synthetic.answers import Answer

ANSWERS = [
    # L1: the sum of absolute differences, one number, no loop
    Answer("L1", "reference formula", True, '''
def L1(yhat, y):
    loss = np.sum(np.abs(y - yhat))
    return loss
'''),
    Answer("L1", "abs(yhat - y) with the sum method and a float cast", True, '''
def L1(yhat, y):
    return float(abs(yhat - y).sum())
'''),
    Answer("L1", "np.linalg.norm with ord=1", True, '''
def L1(yhat, y):
    return np.linalg.norm(y - yhat, ord=1)
'''),
    Answer("L1", "np.dot with the signs", True, '''
def L1(yhat, y):
    d = y - yhat
    return np.dot(np.sign(d), d)
'''),
    Answer("L1", "mean instead of sum", False, '''
def L1(yhat, y):
    loss = np.mean(np.abs(y - yhat))
    return loss
''', says="the sum, not the mean"),
    Answer("L1", "forgot the absolute value", False, '''
def L1(yhat, y):
    loss = np.sum(y - yhat)
    return loss
''', says="absolute value of each difference is missing"),
    Answer("L1", "absolute value of the sum", False, '''
def L1(yhat, y):
    return np.abs(np.sum(y - yhat))
''', says="np.abs(y - yhat) before summing"),
    Answer("L1", "squared instead of absolute value", False, '''
def L1(yhat, y):
    return np.sum((y - yhat) ** 2)
''', says="that is the L2 loss"),
    Answer("L1", "forgot to sum: returns the array of terms", False, '''
def L1(yhat, y):
    loss = np.abs(y - yhat)
    return loss
''', says="np.sum"),
    Answer("L1", "a Python loop over the examples", False, '''
def L1(yhat, y):
    loss = 0
    for i in range(len(y)):
        loss += abs(y[i] - yhat[i])
    return loss
''', says="vectorization"),
    Answer("L1", "sum of a list comprehension", False, '''
def L1(yhat, y):
    return sum([abs(a - b) for a, b in zip(yhat, y)])
''', says="list comprehension"),
    Answer("L1", "hard-coded the visible example", False, '''
def L1(yhat, y):
    return 1.1
''', says="values are wrong"),
    # L2: the sum of squared differences, one number, no loop
    Answer("L2", "reference formula", True, '''
def L2(yhat, y):
    loss = np.sum((y - yhat) ** 2)
    return loss
'''),
    Answer("L2", "np.dot of the difference with itself", True, '''
def L2(yhat, y):
    d = y - yhat
    return np.dot(d, d)
'''),
    Answer("L2", "squared np.linalg.norm", True, '''
def L2(yhat, y):
    return np.linalg.norm(yhat - y) ** 2
'''),
    Answer("L2", "np.square and the sum method", True, '''
def L2(yhat, y):
    return np.square(np.subtract(yhat, y)).sum()
'''),
    Answer("L2", "mean instead of sum (the MSE)", False, '''
def L2(yhat, y):
    return np.mean((y - yhat) ** 2)
''', says="the sum, not the mean"),
    Answer("L2", "the norm instead of the squared norm", False, '''
def L2(yhat, y):
    return np.sqrt(np.sum((y - yhat) ** 2))
''', says="not the squared norm"),
    Answer("L2", "np.linalg.norm without squaring", False, '''
def L2(yhat, y):
    return np.linalg.norm(y - yhat)
''', says="not the squared norm"),
    Answer("L2", "abs instead of square", False, '''
def L2(yhat, y):
    return np.sum(np.abs(y - yhat))
''', says="that is the L1 loss"),
    Answer("L2", "squared the sum", False, '''
def L2(yhat, y):
    return np.sum(y - yhat) ** 2
''', says="squared the sum"),
    Answer("L2", "np.dot of (1, n) views: returns a matrix", False, '''
def L2(yhat, y):
    d = (y - yhat).reshape(1, -1)
    return np.dot(d, d.T) * np.ones((1, 2))
''', says="np.sum"),
    Answer("L2", "a for loop", False, '''
def L2(yhat, y):
    total = 0.0
    for a, b in zip(yhat, y):
        total += (a - b) ** 2
    return total
''', says="for loop"),
    Answer("L2", "multiplied by 2, confused with the gradient", False, '''
def L2(yhat, y):
    return 2 * np.sum((y - yhat) ** 2)
''', says="no factor 2"),
    # L1_gradient: sign(yhat - y)
    Answer("L1_gradient", "reference formula", True, '''
def L1_gradient(yhat, y):
    grad = np.sign(yhat - y)
    return grad
'''),
    Answer("L1_gradient", "minus the sign of y - yhat", True, '''
def L1_gradient(yhat, y):
    return -np.sign(y - yhat)
'''),
    Answer("L1_gradient", "np.where with three cases", True, '''
def L1_gradient(yhat, y):
    d = yhat - y
    return np.where(d > 0, 1.0, np.where(d < 0, -1.0, 0.0))
'''),
    Answer("L1_gradient", "boolean arithmetic", True, '''
def L1_gradient(yhat, y):
    return (yhat > y).astype(float) - (yhat < y).astype(float)
'''),
    Answer("L1_gradient", "wrong sign: sign(y - yhat)", False, '''
def L1_gradient(yhat, y):
    return np.sign(y - yhat)
''', says="the sign is wrong"),
    Answer("L1_gradient", "divides by |d|, NaN at ties", False, '''
def L1_gradient(yhat, y):
    d = yhat - y
    return d / np.abs(d)
''', says="divides 0 by 0"),
    Answer("L1_gradient", "ties get +1", False, '''
def L1_gradient(yhat, y):
    return np.where(yhat >= y, 1.0, -1.0)
''', says="must be 0"),
    Answer("L1_gradient", "gradient of the mean", False, '''
def L1_gradient(yhat, y):
    return np.sign(yhat - y) / len(y)
''', says="gradient of the mean"),
    Answer("L1_gradient", "returned the loss terms", False, '''
def L1_gradient(yhat, y):
    return np.abs(yhat - y)
''', says="terms of the loss"),
    Answer("L1_gradient", "returned the L1 loss itself", False, '''
def L1_gradient(yhat, y):
    return np.sum(np.abs(yhat - y))
''', says="Do not sum it"),
    Answer("L1_gradient", "list comprehension", False, '''
def L1_gradient(yhat, y):
    return np.array([np.sign(a - b) for a, b in zip(yhat, y)])
''', says="list comprehension"),
    # L2_gradient: 2 (yhat - y)
    Answer("L2_gradient", "reference formula", True, '''
def L2_gradient(yhat, y):
    grad = 2 * (yhat - y)
    return grad
'''),
    Answer("L2_gradient", "-2 (y - yhat)", True, '''
def L2_gradient(yhat, y):
    return -2 * (y - yhat)
'''),
    Answer("L2_gradient", "2 yhat - 2 y with np.multiply", True, '''
def L2_gradient(yhat, y):
    return np.multiply(2.0, yhat) - np.multiply(2.0, y)
'''),
    Answer("L2_gradient", "no factor 2", False, '''
def L2_gradient(yhat, y):
    return yhat - y
''', says="factor 2 is missing"),
    Answer("L2_gradient", "wrong sign", False, '''
def L2_gradient(yhat, y):
    return 2 * (y - yhat)
''', says="the sign is wrong"),
    Answer("L2_gradient", "gradient of the MSE", False, '''
def L2_gradient(yhat, y):
    return 2 * (yhat - y) / y.shape[0]
''', says="gradient of the mean"),
    Answer("L2_gradient", "returned the squared errors", False, '''
def L2_gradient(yhat, y):
    return (yhat - y) ** 2
''', says="terms of the loss"),
    Answer("L2_gradient", "summed the gradient into one number", False, '''
def L2_gradient(yhat, y):
    return np.sum(2 * (yhat - y))
''', says="Do not sum it"),
    Answer("L2_gradient", "writes into yhat", False, '''
def L2_gradient(yhat, y):
    yhat -= y
    yhat *= 2
    return yhat
''', says="modified its input"),
    # elastic_net: l1_ratio * L1 + (1 - l1_ratio) * L2
    Answer("elastic_net", "reference formula, written out", True, '''
def elastic_net(yhat, y, l1_ratio=0.5):
    d = y - yhat
    return l1_ratio * np.sum(np.abs(d)) + (1 - l1_ratio) * np.sum(d ** 2)
'''),
    Answer("elastic_net", "one vectorized sum over the mixed terms", True, '''
def elastic_net(yhat, y, l1_ratio=0.5):
    d = np.abs(yhat - y)
    return np.sum(l1_ratio * d + (1 - l1_ratio) * d * d)
'''),
    Answer("elastic_net", "np.linalg.norm for both parts", True, '''
def elastic_net(yhat, y, l1_ratio=0.5):
    l1 = np.linalg.norm(y - yhat, 1)
    l2 = np.linalg.norm(y - yhat) ** 2
    return l1_ratio * l1 + (1.0 - l1_ratio) * l2
'''),
    Answer("elastic_net", "weights swapped", False, '''
def elastic_net(yhat, y, l1_ratio=0.5):
    d = y - yhat
    return (1 - l1_ratio) * np.sum(np.abs(d)) + l1_ratio * np.sum(d ** 2)
''', says="weights are swapped"),
    Answer("elastic_net", "ignores l1_ratio", False, '''
def elastic_net(yhat, y, l1_ratio=0.5):
    d = y - yhat
    return 0.5 * np.sum(np.abs(d)) + 0.5 * np.sum(d ** 2)
''', says="ignores l1_ratio"),
    Answer("elastic_net", "forgot the (1 - l1_ratio) weight", False, '''
def elastic_net(yhat, y, l1_ratio=0.5):
    d = y - yhat
    return l1_ratio * np.sum(np.abs(d)) + np.sum(d ** 2)
''', says="weight of L2 is missing"),
    Answer("elastic_net", "means instead of sums", False, '''
def elastic_net(yhat, y, l1_ratio=0.5):
    d = y - yhat
    return l1_ratio * np.mean(np.abs(d)) + (1 - l1_ratio) * np.mean(d ** 2)
''', says="sums, not means"),
    Answer("elastic_net", "the norm instead of the squared norm for L2", False, '''
def elastic_net(yhat, y, l1_ratio=0.5):
    return l1_ratio * np.linalg.norm(y - yhat, 1) + (1 - l1_ratio) * np.linalg.norm(y - yhat)
''', says="squared norm"),
    Answer("elastic_net", "returns the array of mixed terms", False, '''
def elastic_net(yhat, y, l1_ratio=0.5):
    d = y - yhat
    return l1_ratio * np.abs(d) + (1 - l1_ratio) * d ** 2
''', says="np.sum"),
    # huber: the Huber loss, summed, no loop
    Answer("huber", "reference: np.where on |e| <= delta", True, '''
def huber(yhat, y, delta=1.0):
    e = yhat - y
    terms = np.where(np.abs(e) <= delta, 0.5 * e**2, delta * (np.abs(e) - 0.5 * delta))
    return np.sum(terms)
'''),
    Answer("huber", "the quadratic part min(|e|, delta) plus the linear rest", True, '''
def huber(yhat, y, delta=1.0):
    a = np.abs(yhat - y)
    q = np.minimum(a, delta)
    return float(np.sum(0.5 * q ** 2 + delta * (a - q)))
'''),
    Answer("huber", "boolean masks as weights", True, '''
def huber(yhat, y, delta=1.0):
    a = np.abs(y - yhat)
    small = a <= delta
    return (small * 0.5 * a ** 2).sum() + (~small * delta * (a - delta / 2)).sum()
'''),
    Answer("huber", "np.clip of the error", True, '''
def huber(yhat, y, delta=1.0):
    e = yhat - y
    c = np.clip(e, -delta, delta)
    return np.sum(c * (e - 0.5 * c))
'''),
    Answer("huber", "mean instead of sum", False, '''
def huber(yhat, y, delta=1.0):
    e = yhat - y
    return np.mean(np.where(np.abs(e) <= delta, 0.5 * e**2, delta * (np.abs(e) - 0.5 * delta)))
''', says="the sum, not the mean"),
    Answer("huber", "forgot the 1/2 of the square", False, '''
def huber(yhat, y, delta=1.0):
    e = yhat - y
    return np.sum(np.where(np.abs(e) <= delta, e**2, delta * (np.abs(e) - 0.5 * delta)))
''', says="not e²"),
    Answer("huber", "linear part without the - delta / 2", False, '''
def huber(yhat, y, delta=1.0):
    e = yhat - y
    return np.sum(np.where(np.abs(e) <= delta, 0.5 * e**2, delta * np.abs(e)))
''', says="do not meet"),
    Answer("huber", "e <= delta without the absolute value", False, '''
def huber(yhat, y, delta=1.0):
    e = yhat - y
    return np.sum(np.where(e <= delta, 0.5 * e**2, delta * (np.abs(e) - 0.5 * delta)))
''', says="np.abs(e)"),
    Answer("huber", "pieces swapped", False, '''
def huber(yhat, y, delta=1.0):
    e = yhat - y
    return np.sum(np.where(np.abs(e) > delta, 0.5 * e**2, delta * (np.abs(e) - 0.5 * delta)))
''', says="swapped"),
    Answer("huber", "delta fixed at 1", False, '''
def huber(yhat, y, delta=1.0):
    e = yhat - y
    return np.sum(np.where(np.abs(e) <= 1, 0.5 * e**2, np.abs(e) - 0.5))
''', says="ignores delta"),
    Answer("huber", "a for loop with if/else", False, '''
def huber(yhat, y, delta=1.0):
    total = 0.0
    for e in yhat - y:
        if abs(e) <= delta:
            total += 0.5 * e ** 2
        else:
            total += delta * (abs(e) - 0.5 * delta)
    return total
''', says="for loop"),
    # huber_gradient: the error clipped to [-delta, delta]
    Answer("huber_gradient", "reference: np.clip", True, '''
def huber_gradient(yhat, y, delta=1.0):
    return np.clip(yhat - y, -delta, delta)
'''),
    Answer("huber_gradient", "np.where with delta * sign", True, '''
def huber_gradient(yhat, y, delta=1.0):
    e = yhat - y
    grad = np.where(np.abs(e) <= delta, e, delta * np.sign(e))
    return grad
'''),
    Answer("huber_gradient", "np.maximum of np.minimum", True, '''
def huber_gradient(yhat, y, delta=1.0):
    return np.maximum(np.minimum(yhat - y, delta), -delta)
'''),
    Answer("huber_gradient", "sign wrong", False, '''
def huber_gradient(yhat, y, delta=1.0):
    return np.clip(y - yhat, -delta, delta)
''', says="the sign is wrong"),
    Answer("huber_gradient", "not clipped: the L2-like gradient", False, '''
def huber_gradient(yhat, y, delta=1.0):
    return yhat - y
''', says="stays at ±δ"),
    Answer("huber_gradient", "delta * sign everywhere", False, '''
def huber_gradient(yhat, y, delta=1.0):
    return delta * np.sign(yhat - y)
''', says="gradient of δ|e|"),
    Answer("huber_gradient", "clipped at 1, ignoring delta", False, '''
def huber_gradient(yhat, y, delta=1.0):
    return np.clip(yhat - y, -1, 1)
''', says="ignores delta"),
    Answer("huber_gradient", "only capped above", False, '''
def huber_gradient(yhat, y, delta=1.0):
    return np.minimum(yhat - y, delta)
''', says="both sides"),
    Answer("huber_gradient", "divided by n", False, '''
def huber_gradient(yhat, y, delta=1.0):
    return np.clip(yhat - y, -delta, delta) / len(y)
''', says="gradient of the mean"),
    Answer("huber_gradient", "a list comprehension", False, '''
def huber_gradient(yhat, y, delta=1.0):
    return np.array([max(-delta, min(delta, e)) for e in yhat - y])
''', says="list comprehension"),
]

