"""Student answers for 01_why_numpy."""

from autograder.synthetic.answers import Answer

ANSWERS = [
    # basic_sigmoid: one number with math.exp
    Answer("basic_sigmoid", "reference formula", True, '''
def basic_sigmoid(x):
    s = 1 / (1 + math.exp(-x))
    return s
'''),
    Answer("basic_sigmoid", "exp(x) / (1 + exp(x)), an equivalent form", True, '''
def basic_sigmoid(x):
    return math.exp(x) / (math.exp(x) + 1)
'''),
    Answer("basic_sigmoid", "math.e ** -x with a float() cast", True, '''
def basic_sigmoid(x):
    denominator = 1.0 + math.e ** (-x)
    return float(1.0 / denominator)
'''),
    Answer("basic_sigmoid", "sign of the exponent flipped", False, '''
def basic_sigmoid(x):
    s = 1 / (1 + math.exp(x))
    return s
''', says="sign of the exponent"),
    Answer("basic_sigmoid", "forgot the 1 + in the denominator", False, '''
def basic_sigmoid(x):
    return 1 / math.exp(-x)
''', says="`1 +`"),
    Answer("basic_sigmoid", "hard-coded the example", False, '''
def basic_sigmoid(x):
    return 0.9525741268224334
'''),
    Answer("basic_sigmoid", "integer division by rounding", False, '''
def basic_sigmoid(x):
    return round(1 / (1 + math.exp(-x)), 1)
'''),
    Answer("basic_sigmoid", "returns a one-element list", False, '''
def basic_sigmoid(x):
    return [1 / (1 + math.exp(-x))]
''', says="expected a number"),
    Answer("basic_sigmoid", "np.exp instead of math.exp", False, '''
def basic_sigmoid(x):
    s = 1 / (1 + np.exp(-x))
    return s
''', says="calls `np`"),
    Answer("basic_sigmoid", "np.exp with a float() cast", False, '''
def basic_sigmoid(x):
    return float(1 / (1 + np.exp(-x)))
''', says="calls `np`"),
    Answer("basic_sigmoid", "exp imported from numpy", False, '''
def basic_sigmoid(x):
    from numpy import exp
    return 1 / (1 + exp(-x))
''', says="calls `numpy`"),
    # sigmoid: NumPy, any shape
    Answer("sigmoid", "reference formula", True, '''
def sigmoid(x):
    s = 1 / (1 + np.exp(-x))
    return s
'''),
    Answer("sigmoid", "np.reciprocal and np.add", True, '''
def sigmoid(x):
    return np.reciprocal(np.add(1.0, np.exp(np.negative(x))))
'''),
    Answer("sigmoid", "tanh identity", True, '''
def sigmoid(x):
    return 0.5 * (1 + np.tanh(x / 2))
'''),
    Answer("sigmoid", "math.exp as in basic_sigmoid", False, '''
def sigmoid(x):
    s = 1 / (1 + math.exp(-x))
    return s
''', says="np."),
    Answer("sigmoid", "sign of the exponent flipped", False, '''
def sigmoid(x):
    return 1 / (1 + np.exp(x))
''', says="sign of the exponent"),
    Answer("sigmoid", "exp(x)/(1+exp(x)) overflows to NaN", False, '''
def sigmoid(x):
    e = np.exp(x)
    return e / (1 + e)
''', says="NaN"),
    Answer("sigmoid", "a list comprehension that returns a list", False, '''
def sigmoid(x):
    return [1 / (1 + math.exp(-v)) for v in x]
'''),
    Answer("sigmoid", "hard-coded the visible example", False, '''
def sigmoid(x):
    return np.array([0.73105858, 0.88079708, 0.95257413])
''', says="shape"),
    # stable_basic_sigmoid: math.exp only, no overflow for any x
    Answer("stable_basic_sigmoid", "reference: branch on the sign", True, '''
def stable_basic_sigmoid(x):
    if x >= 0:
        s = 1 / (1 + math.exp(-x))
    else:
        e = math.exp(x)
        s = e / (1 + e)
    return s
'''),
    Answer("stable_basic_sigmoid", "1 - sigma(-x) for negative x", True, '''
def stable_basic_sigmoid(x):
    if x < 0:
        return math.exp(x) / (math.exp(x) + 1.0)
    return 1.0 / (1.0 + math.exp(-x))
'''),
    Answer("stable_basic_sigmoid", "exp of minus the absolute value, then choose", True, '''
def stable_basic_sigmoid(x):
    z = math.exp(-abs(x))
    return 1 / (1 + z) if x >= 0 else z / (1 + z)
'''),
    Answer("stable_basic_sigmoid", "clamps the exponent to 700", True, '''
def stable_basic_sigmoid(x):
    t = min(-x, 700.0)
    return 1.0 / (1.0 + math.exp(t))
'''),
    Answer("stable_basic_sigmoid", "naive formula: overflows for large negative x", False, '''
def stable_basic_sigmoid(x):
    return 1 / (1 + math.exp(-x))
''', says="Branch on the sign"),
    Answer("stable_basic_sigmoid", "branches swapped: overflows for large positive x", False, '''
def stable_basic_sigmoid(x):
    if x < 0:
        return 1 / (1 + math.exp(-x))
    e = math.exp(x)
    return e / (1 + e)
''', says="overflows once t > 709"),
    Answer("stable_basic_sigmoid", "1 / (1 + e^x) for negative x", False, '''
def stable_basic_sigmoid(x):
    if x >= 0:
        return 1 / (1 + math.exp(-x))
    return 1 / (1 + math.exp(x))
''', says="is σ(-x) = 1 - σ(x)"),
    Answer("stable_basic_sigmoid", "exp(-|x|) in one formula", False, '''
def stable_basic_sigmoid(x):
    return 1 / (1 + math.exp(-abs(x)))
''', says="above 1/2"),
    Answer("stable_basic_sigmoid", "np.exp instead of math.exp", False, '''
def stable_basic_sigmoid(x):
    return float(1 / (1 + np.exp(-x)))
''', says="not NumPy"),
    Answer("stable_basic_sigmoid", "cuts off to 0 below -10", False, '''
def stable_basic_sigmoid(x):
    if x < -10:
        return 0.0
    return 1 / (1 + math.exp(-x))
''', says="values are wrong"),
]

