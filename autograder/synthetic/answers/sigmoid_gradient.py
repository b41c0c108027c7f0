"""Student answers for 02_sigmoid_gradient."""

from autograder.synthetic.answers import Answer

ANSWERS = [
    # sigmoid_derivative: sigma'(x) from x
    Answer("sigmoid_derivative", "reference: s * (1 - s)", True, '''
def sigmoid_derivative(x):
    s = sigmoid(x)
    ds = s * (1 - s)
    return ds
'''),
    Answer("sigmoid_derivative", "exp(-x) / (1 + exp(-x))**2", True, '''
def sigmoid_derivative(x):
    e = np.exp(-x)
    return e / (1 + e) ** 2
'''),
    Answer("sigmoid_derivative", "sigma(x) * sigma(-x)", True, '''
def sigmoid_derivative(x):
    return sigmoid(x) * sigmoid(-x)
'''),
    Answer("sigmoid_derivative", "np.multiply and np.subtract, own sigmoid inline", True, '''
def sigmoid_derivative(x):
    s = 1.0 / (1.0 + np.exp(-x))
    return np.multiply(s, np.subtract(1.0, s))
'''),
    Answer("sigmoid_derivative", "forgot to apply the sigmoid: x * (1 - x)", False, '''
def sigmoid_derivative(x):
    return x * (1 - x)
''', says="forgets to apply the sigmoid"),
    Answer("sigmoid_derivative", "plus instead of minus", False, '''
def sigmoid_derivative(x):
    s = sigmoid(x)
    return s * (1 + s)
''', says="with a minus sign"),
    Answer("sigmoid_derivative", "returned the sigmoid itself", False, '''
def sigmoid_derivative(x):
    s = sigmoid(x)
    ds = s
    return ds
''', says="returned σ(x) itself"),
    Answer("sigmoid_derivative", "forgot the square in exp(-x) / (1 + exp(-x))**2", False, '''
def sigmoid_derivative(x):
    return np.exp(-x) / (1 + np.exp(-x))
''', says="without its square"),
    Answer("sigmoid_derivative", "1 - sigma(x)", False, '''
def sigmoid_derivative(x):
    return 1 - sigmoid(x)
''', says="1 - σ(x)"),
    Answer("sigmoid_derivative", "np.dot instead of an elementwise product", False, '''
def sigmoid_derivative(x):
    s = sigmoid(x)
    return np.dot(s, 1 - s)
''', says="np.dot"),
    Answer("sigmoid_derivative", "math.exp on an array", False, '''
def sigmoid_derivative(x):
    s = 1 / (1 + math.exp(-x))
    return s * (1 - s)
''', says="np. version"),
    Answer("sigmoid_derivative", "hard-coded the maximum 1/4", False, '''
def sigmoid_derivative(x):
    return 0.25 * np.ones_like(x)
'''),
    # sigmoid_derivative_from_output: s * (1 - s) from s = sigma(z)
    Answer("sigmoid_derivative_from_output", "reference: s * (1 - s)", True, '''
def sigmoid_derivative_from_output(s):
    return s * (1 - s)
'''),
    Answer("sigmoid_derivative_from_output", "s - s**2", True, '''
def sigmoid_derivative_from_output(s):
    ds = s - s ** 2
    return ds
'''),
    Answer("sigmoid_derivative_from_output", "np.multiply with a float copy", True, '''
def sigmoid_derivative_from_output(s):
    s = np.asarray(s, dtype=float)
    return np.multiply(s, 1.0 - s)
'''),
    Answer("sigmoid_derivative_from_output", "applied the sigmoid to s again", False, '''
def sigmoid_derivative_from_output(s):
    sig = sigmoid(s)
    return sig * (1 - sig)
''', says="applied the sigmoid to s again"),
    Answer("sigmoid_derivative_from_output", "s * (1 + s)", False, '''
def sigmoid_derivative_from_output(s):
    return s * (1 + s)
''', says="with a minus sign"),
    Answer("sigmoid_derivative_from_output", "returned 1 - s", False, '''
def sigmoid_derivative_from_output(s):
    return 1 - s
''', says="1 - s"),
    Answer("sigmoid_derivative_from_output", "in-place update of s", False, '''
def sigmoid_derivative_from_output(s):
    s *= 1 - s
    return s
''', says="in place"),
    Answer("sigmoid_derivative_from_output", "s squared", False, '''
def sigmoid_derivative_from_output(s):
    return s ** 2
''', says="s ** 2"),
    Answer("sigmoid_derivative_from_output", "np.dot instead of an elementwise product", False, '''
def sigmoid_derivative_from_output(s):
    return np.dot(s, 1 - s)
''', says="np.dot"),
    # numerical_derivative: central difference
    Answer("numerical_derivative", "reference: central difference", True, '''
def numerical_derivative(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / (2 * h)
'''),
    Answer("numerical_derivative", "divides by 2 then by h", True, '''
def numerical_derivative(f, x, h=1e-5):
    forward_value = f(x + h)
    backward_value = f(x - h)
    return (forward_value - backward_value) / 2 / h
'''),
    Answer("numerical_derivative", "0.5 * ... / h after casting x to float64", True, '''
def numerical_derivative(f, x, h=1e-5):
    x = np.asarray(x, dtype=np.float64)
    return 0.5 * (f(x + h) - f(x - h)) / h
'''),
    Answer("numerical_derivative", "forward difference", False, '''
def numerical_derivative(f, x, h=1e-5):
    return (f(x + h) - f(x)) / h
''', says="forward difference"),
    Answer("numerical_derivative", "backward difference", False, '''
def numerical_derivative(f, x, h=1e-5):
    return (f(x) - f(x - h)) / h
''', says="backward difference"),
    Answer("numerical_derivative", "divided by h instead of 2h", False, '''
def numerical_derivative(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / h
''', says="Divide by (2 * h)"),
    Answer("numerical_derivative", "/ 2 * h without parentheses", False, '''
def numerical_derivative(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / 2 * h
''', says="parentheses"),
    Answer("numerical_derivative", "ignores h, uses a fixed step", False, '''
def numerical_derivative(f, x, h=1e-5):
    eps = 1e-5
    return (f(x + eps) - f(x - eps)) / (2 * eps)
''', says="use the argument h"),
    Answer("numerical_derivative", "np.gradient of the sampled values", False, '''
def numerical_derivative(f, x, h=1e-5):
    return np.gradient(f(x), h)
'''),
    Answer("numerical_derivative", "forgot to divide", False, '''
def numerical_derivative(f, x, h=1e-5):
    return f(x + h) - f(x - h)
'''),
    # richardson_derivative: (4 D(h/2) - D(h)) / 3
    Answer("richardson_derivative", "reference: two central differences", True, '''
def richardson_derivative(f, x, h=1e-3):
    d_half = (f(x + h / 2) - f(x - h / 2)) / h
    d_full = (f(x + h) - f(x - h)) / (2 * h)
    return (4 * d_half - d_full) / 3
'''),
    Answer("richardson_derivative", "a helper D(s) inside the function", True, '''
def richardson_derivative(f, x, h=1e-3):
    def D(s):
        return (f(x + s) - f(x - s)) / (2 * s)
    return D(h / 2) + (D(h / 2) - D(h)) / 3
'''),
    Answer("richardson_derivative", "the five-point stencil written out", True, '''
def richardson_derivative(f, x, h=1e-3):
    k = h / 2
    return (8 * (f(x + k) - f(x - k)) - (f(x + 2 * k) - f(x - 2 * k))) / (12 * k)
'''),
    Answer("richardson_derivative", "the central difference alone", False, '''
def richardson_derivative(f, x, h=1e-3):
    return (f(x + h) - f(x - h)) / (2 * h)
''', says="D(h) itself"),
    Answer("richardson_derivative", "forward-difference weights 2 and -1", False, '''
def richardson_derivative(f, x, h=1e-3):
    d_half = (f(x + h / 2) - f(x - h / 2)) / h
    d_full = (f(x + h) - f(x - h)) / (2 * h)
    return 2 * d_half - d_full
''', says="proportional to h²"),
    Answer("richardson_derivative", "weights swapped", False, '''
def richardson_derivative(f, x, h=1e-3):
    d_half = (f(x + h / 2) - f(x - h / 2)) / h
    d_full = (f(x + h) - f(x - h)) / (2 * h)
    return (4 * d_full - d_half) / 3
''', says="swapped"),
    Answer("richardson_derivative", "forgot to divide by 3", False, '''
def richardson_derivative(f, x, h=1e-3):
    d_half = (f(x + h / 2) - f(x - h / 2)) / h
    d_full = (f(x + h) - f(x - h)) / (2 * h)
    return 4 * d_half - d_full
''', says="divide by 3"),
    Answer("richardson_derivative", "averaged the two differences", False, '''
def richardson_derivative(f, x, h=1e-3):
    d_half = (f(x + h / 2) - f(x - h / 2)) / h
    d_full = (f(x + h) - f(x - h)) / (2 * h)
    return (d_half + d_full) / 2
''', says="averaging"),
    Answer("richardson_derivative", "extrapolated forward differences", False, '''
def richardson_derivative(f, x, h=1e-3):
    d_half = (f(x + h / 2) - f(x)) / (h / 2)
    d_full = (f(x + h) - f(x)) / h
    return (4 * d_half - d_full) / 3
''', says="forward differences"),
    Answer("richardson_derivative", "ignores h, uses a fixed step", False, '''
def richardson_derivative(f, x, h=1e-3):
    s = 1e-3
    d_half = (f(x + s / 2) - f(x - s / 2)) / s
    d_full = (f(x + s) - f(x - s)) / (2 * s)
    return (4 * d_half - d_full) / 3
''', says="use the argument h"),
]

