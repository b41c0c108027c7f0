"""Student answers for 08_logistic_regression."""

from autograder.synthetic.answers import Answer

ANSWERS = [
    # logistic_loss: the mean of log(1 + e^z) - y z, exact for confident mistakes, no loop
    Answer("logistic_loss", "reference: np.logaddexp", True, '''
def logistic_loss(W, b, X, Y):
    Z = W @ X + b
    loss = np.mean(np.logaddexp(0, Z) - Y * Z)
    return loss
'''),
    Answer("logistic_loss", "max(z, 0) + log1p(exp(-|z|)), divided by m", True, '''
def logistic_loss(W, b, X, Y):
    m = X.shape[1]
    Z = np.dot(W, X) + b
    softplus = np.maximum(Z, 0) + np.log1p(np.exp(-np.abs(Z)))
    return np.sum(softplus - Y * Z) / m
'''),
    Answer("logistic_loss", "both labels written out with logaddexp", True, '''
def logistic_loss(W, b, X, Y):
    Z = W @ X + b
    # -log(sigmoid(z)) = log(1 + e^-z) and -log(1 - sigmoid(z)) = log(1 + e^z)
    losses = Y * np.logaddexp(0, -Z) + (1 - Y) * np.logaddexp(0, Z)
    return float(losses.mean())
'''),
    Answer("logistic_loss", "the textbook formula with log(sigmoid)", False, '''
def logistic_loss(W, b, X, Y):
    m = X.shape[1]
    A = sigmoid(W @ X + b)
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    return cost
''', says="log(0)"),
    Answer("logistic_loss", "clipped the probabilities", False, '''
def logistic_loss(W, b, X, Y):
    A = np.clip(sigmoid(W @ X + b), 1e-15, 1 - 1e-15)
    return -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))
''', says="clipping"),
    Answer("logistic_loss", "sum instead of mean", False, '''
def logistic_loss(W, b, X, Y):
    Z = W @ X + b
    return np.sum(np.logaddexp(0, Z) - Y * Z)
''', says="mean"),
    Answer("logistic_loss", "forgot the bias", False, '''
def logistic_loss(W, b, X, Y):
    Z = W @ X
    return np.mean(np.logaddexp(0, Z) - Y * Z)
''', says="bias b is missing"),
    Answer("logistic_loss", "plus y z", False, '''
def logistic_loss(W, b, X, Y):
    Z = W @ X + b
    return np.mean(np.logaddexp(0, Z) + Y * Z)
''', says="sign of y z"),
    Answer("logistic_loss", "returns the losses of the examples", False, '''
def logistic_loss(W, b, X, Y):
    Z = W @ X + b
    return np.logaddexp(0, Z) - Y * Z
''', says="take their mean"),
    Answer("logistic_loss", "a loop over the examples", False, '''
def logistic_loss(W, b, X, Y):
    m = X.shape[1]
    total = 0.0
    for i in range(m):
        z = float(W @ X[:, i] + b)
        total += np.logaddexp(0, z) - Y[0, i] * z
    return total / m
''', says="loop"),
    # logistic_gradient: ((A - Y) X^T / m, mean(A - Y)), no loop
    Answer("logistic_gradient", "reference", True, '''
def logistic_gradient(W, b, X, Y):
    m = X.shape[1]
    dZ = sigmoid(W @ X + b) - Y
    dW = dZ @ X.T / m
    db = np.mean(dZ)
    return dW, db
'''),
    Answer("logistic_gradient", "np.dot and the transpose of X dZ^T", True, '''
def logistic_gradient(W, b, X, Y):
    m = X.shape[1]
    A = sigmoid(np.dot(W, X) + b)
    dw = (1 / m) * np.dot(X, (A - Y).T)
    db = (1 / m) * np.sum(A - Y)
    return dw.T, db
'''),
    Answer("logistic_gradient", "broadcast product and mean over axis 1", True, '''
def logistic_gradient(W, b, X, Y):
    error = 1 / (1 + np.exp(-(W @ X + b))) - Y
    dW = np.mean(error * X, axis=1, keepdims=True).T
    db = float(np.mean(error))
    return dW, db
'''),
    Answer("logistic_gradient", "forgot 1/m", False, '''
def logistic_gradient(W, b, X, Y):
    dZ = sigmoid(W @ X + b) - Y
    return dZ @ X.T, np.sum(dZ)
''', says="divided by m"),
    Answer("logistic_gradient", "Y - A", False, '''
def logistic_gradient(W, b, X, Y):
    m = X.shape[1]
    dZ = Y - sigmoid(W @ X + b)
    return dZ @ X.T / m, np.mean(dZ)
''', says="sign is wrong"),
    Answer("logistic_gradient", "dW as X (A - Y)^T, not transposed back", False, '''
def logistic_gradient(W, b, X, Y):
    m = X.shape[1]
    A = sigmoid(np.dot(W, X) + b)
    dw = np.dot(X, (A - Y).T) / m
    db = np.sum(A - Y) / m
    return dw, db
''', says="transpose"),
    Answer("logistic_gradient", "the scores instead of the probabilities", False, '''
def logistic_gradient(W, b, X, Y):
    m = X.shape[1]
    Z = W @ X + b
    return (Z - Y) @ X.T / m, np.mean(Z - Y)
''', says="probabilities A = sigmoid(Z)"),
    Answer("logistic_gradient", "chain rule of a squared error", False, '''
def logistic_gradient(W, b, X, Y):
    m = X.shape[1]
    A = sigmoid(W @ X + b)
    dZ = (A - Y) * A * (1 - A)
    return dZ @ X.T / m, np.mean(dZ)
''', says="A (1 - A)"),
    Answer("logistic_gradient", "db summed, dW averaged", False, '''
def logistic_gradient(W, b, X, Y):
    m = X.shape[1]
    dZ = sigmoid(W @ X + b) - Y
    return dZ @ X.T / m, np.sum(dZ)
''', says="db = np.mean(A - Y)"),
    Answer("logistic_gradient", "a loop over the features", False, '''
def logistic_gradient(W, b, X, Y):
    m = X.shape[1]
    dZ = sigmoid(W @ X + b) - Y
    dW = np.zeros_like(W)
    for j in range(X.shape[0]):
        dW[0, j] = np.sum(dZ * X[j]) / m
    return dW, np.mean(dZ)
''', says="loop"),
    # predict: 1.0 where sigmoid(W X + b) > 0.5, shape (1, m)
    Answer("predict", "reference", True, '''
def predict(W, b, X):
    Y_pred = (sigmoid(W @ X + b) > 0.5).astype(float)
    return Y_pred
'''),
    Answer("predict", "the score above 0", True, '''
def predict(W, b, X):
    return (np.dot(W, X) + b > 0).astype(int)
'''),
    Answer("predict", "np.where on the probabilities", True, '''
def predict(W, b, X):
    A = sigmoid(W @ X + b)
    return np.where(A > 0.5, 1.0, 0.0)
'''),
    Answer("predict", "returns booleans", False, '''
def predict(W, b, X):
    return sigmoid(W @ X + b) > 0.5
''', says="booleans"),
    Answer("predict", "threshold 0.5 on the score", False, '''
def predict(W, b, X):
    Z = W @ X + b
    return (Z > 0.5).astype(float)
''', says="compared the score"),
    Answer("predict", "returns the probabilities", False, '''
def predict(W, b, X):
    A = sigmoid(W @ X + b)
    return A
''', says="returned the probabilities"),
    Answer("predict", "forgot the bias", False, '''
def predict(W, b, X):
    return (sigmoid(W @ X) > 0.5).astype(float)
''', says="bias b is missing"),
    Answer("predict", "flattened to a vector", False, '''
def predict(W, b, X):
    return (sigmoid(W @ X + b) > 0.5).astype(float).ravel()
''', says="keep the row shape"),
    Answer("predict", "labels swapped", False, '''
def predict(W, b, X):
    return (sigmoid(W @ X + b) < 0.5).astype(float)
''', says="swapped"),
    Answer("predict", "a loop with if/else", False, '''
def predict(W, b, X):
    A = sigmoid(W @ X + b)
    Y_pred = np.zeros(A.shape)
    for i in range(A.shape[1]):
        if A[0, i] > 0.5:
            Y_pred[0, i] = 1
    return Y_pred
''', says="loop"),
    # accuracy: the fraction of equal labels
    Answer("accuracy", "reference", True, '''
def accuracy(Y_pred, Y):
    acc = np.mean(Y_pred == Y)
    return acc
'''),
    Answer("accuracy", "count divided by Y.size", True, '''
def accuracy(Y_pred, Y):
    return np.sum(Y_pred == Y) / Y.size
'''),
    Answer("accuracy", "1 minus the mean absolute difference", True, '''
def accuracy(Y_pred, Y):
    return 1 - np.mean(np.abs(Y_pred - Y))
'''),
    Answer("accuracy", "divided by len(Y)", False, '''
def accuracy(Y_pred, Y):
    return np.sum(Y_pred == Y) / len(Y)
''', says="len(Y)"),
    Answer("accuracy", "divided by Y.shape[0]", False, '''
def accuracy(Y_pred, Y):
    correct = np.sum(Y_pred == Y)
    return correct / Y.shape[0]
''', says="Y.shape[0]"),
    Answer("accuracy", "a percentage", False, '''
def accuracy(Y_pred, Y):
    return 100 * np.mean(Y_pred == Y)
''', says="percentage"),
    Answer("accuracy", "the error rate", False, '''
def accuracy(Y_pred, Y):
    return np.mean(Y_pred != Y)
''', says="error rate"),
    Answer("accuracy", "the DLAI print formula, as a percentage", False, '''
def accuracy(Y_pred, Y):
    return 100 - np.mean(np.abs(Y_pred - Y)) * 100
''', says="percentage"),
    Answer("accuracy", "a sum of a generator", False, '''
def accuracy(Y_pred, Y):
    return sum(p == y for p, y in zip(Y_pred[0], Y[0])) / Y.shape[1]
''', says="generator"),
]
