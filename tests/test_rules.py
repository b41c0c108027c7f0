"""The static rules on the judged text: every way around them that a hostile class tried, and the
realistic right answers that must still pass.

Each attack is a solution cell (or two) for an exercise where vectorization is the point, or
where a NumPy call is forbidden; each must be refused with a message that says why.
"""

from __future__ import annotations

import time

import pytest

from autograder.checks import CHECKS
from autograder.judge import Layout, layout_of, static_verdicts
from autograder.release import source_dir
from autograder.synthetic.answers import NOTEBOOKS, answers_of
from tests._course import all_exercises

LOOP_DOT = (
    "def loop_dot(x1, x2):\n    total = 0.0\n    for a, b in zip(x1, x2):\n        total += a * b\n    return total\n"
)

# (label, solution text of dot_product's cell, phrase the message must contain)
DOT_ATTACKS = [
    ("alias after the def", "def dot_product(x1, x2):\n    return np.dot(x1, x2)\n" + LOOP_DOT
     + "dot_product = loop_dot", "defined once"),
    ("default argument", LOOP_DOT + "def dot_product(x1, x2, f=loop_dot):\n    return f(x1, x2)", "for loop"),
    ("second def inside if True", "def dot_product(x1, x2):\n    return np.dot(x1, x2)\nif True:\n"
     "    def dot_product(x1, x2):\n        return sum(a * b for a, b in zip(x1, x2))", "defined once"),
    ("def inside a class body", "def dot_product(x1, x2):\n    return np.dot(x1, x2)\nclass C:\n"
     "    global dot_product\n    dot_product = None", "defined once"),
    ("rebinding through global in a helper", "def dot_product(x1, x2):\n    return np.dot(x1, x2)\n"
     "def swap():\n    global dot_product\n    dot_product = lambda a, b: 0\nswap()", "defined once"),
    ("decorator", LOOP_DOT + "def use_loop(f):\n    return loop_dot\n@use_loop\ndef dot_product(x1, x2):\n"
     "    return np.dot(x1, x2)", "decorator"),
    ("cell magic", "%%capture\ndef dot_product(x1, x2):\n    return np.dot(x1, x2)", "not valid Python"),
    ("line magic", "def dot_product(x1, x2):\n    return np.dot(x1, x2)\n%time dot_product(1, 2)", "not valid Python"),
    ("shell escape", "!cat /etc/passwd\ndef dot_product(x1, x2):\n    return np.dot(x1, x2)", "not valid Python"),
    ("six calls deep", "".join(f"def h{i}(a, b):\n    return h{i + 1}(a, b)\n" for i in range(6))
     + "def h6(a, b):\n    return loop_dot(a, b)\n" + LOOP_DOT + "def dot_product(x1, x2):\n    return h0(x1, x2)",
     "for loop"),
    ("helper through a list", LOOP_DOT + "HELPERS = [loop_dot]\ndef dot_product(x1, x2):\n"
     "    return HELPERS[0](x1, x2)", "for loop"),
    ("helper through a dict and a lambda", LOOP_DOT + "TABLE = {'f': lambda a, b: loop_dot(a, b)}\n"
     "def dot_product(x1, x2):\n    return TABLE['f'](x1, x2)", "for loop"),
    ("itertools.starmap", "import itertools\ndef dot_product(x1, x2):\n"
     "    return np.sum(list(itertools.starmap(lambda a, b: a * b, zip(x1, x2))))", "starmap"),
    ("from itertools import starmap", "from itertools import starmap\ndef dot_product(x1, x2):\n"
     "    return float(np.sum(np.array(list(starmap(np.multiply, np.stack([x1, x2], 1))))))", "starmap"),
    ("functools.reduce", "import functools\ndef dot_product(x1, x2):\n"
     "    return functools.reduce(lambda t, p: t + p[0] * p[1], np.stack([x1, x2], 1), 0.0)", "functools.reduce"),
    ("functools imported as ft", "import functools as ft\ndef dot_product(x1, x2):\n"
     "    return ft.reduce(np.add, np.multiply(x1, x2))", "ft.reduce"),
    ("np.frompyfunc", "def dot_product(x1, x2):\n    f = np.frompyfunc(lambda a, b: a * b, 2, 1)\n"
     "    return float(np.sum(f(x1, x2)))", "frompyfunc"),
    ("np.vectorize under another name", "from numpy import vectorize as v\ndef dot_product(x1, x2):\n"
     "    return float(np.sum(v(lambda a, b: a * b)(x1, x2)))", "vectorize"),
    ("builtins.map", "import builtins\ndef dot_product(x1, x2):\n"
     "    return float(np.sum(list(builtins.map(lambda a, b: a * b, x1, x2))))", "builtins"),
    ("plain map", "def dot_product(x1, x2):\n    return float(np.sum(list(map(lambda a, b: a * b, x1, x2))))", "map"),
    ("exec of a string", "exec('def dot_product(x1, x2):\\n    return sum(a * b for a, b in zip(x1, x2))')\n"
     "def dot_product(x1, x2):\n    return np.dot(x1, x2)", "exec"),
    ("eval in the body", "def dot_product(x1, x2):\n    return eval('sum(a * b for a, b in zip(x1, x2))')", "eval"),
    ("recursion", "def dot_product(x1, x2):\n    if len(x1) == 0:\n        return 0.0\n"
     "    return x1[0] * x2[0] + dot_product(x1[1:], x2[1:])", "recursion"),
    ("mutual recursion", "def half(a, b):\n    return 0.0 if len(a) == 0 else a[0] * b[0] + dot_product(a[1:], b[1:])\n"
     "def dot_product(x1, x2):\n    return half(x1, x2)", "recursion"),
    ("while loop", "def dot_product(x1, x2):\n    i, t = 0, 0.0\n    while i < len(x1):\n"
     "        t += x1[i] * x2[i]\n        i += 1\n    return t", "while loop"),
    ("builtin sum over a generator", "def dot_product(x1, x2):\n    return sum(a * b for a, b in zip(x1, x2))",
     "generator"),
    ("python sum of an array", "def dot_product(x1, x2):\n    return sum(x1 * x2)", "`sum`"),
    ("monkeypatch numpy", LOOP_DOT + "np.dot = loop_dot\ndef dot_product(x1, x2):\n    return np.dot(x1, x2)",
     "changing the module"),
    ("import os", "import os\ndef dot_product(x1, x2):\n    return np.dot(x1, x2)", "`os` is not allowed"),
    ("__import__", "def dot_product(x1, x2):\n    return __import__('numpy').dot(x1, x2)", "__import__"),
    ("getattr with a string", "def dot_product(x1, x2):\n    return getattr(np, 'dot')(x1, x2)", "getattr"),
    ("dunder attribute", "def dot_product(x1, x2):\n    g = dot_product.__globals__\n    return np.dot(x1, x2)",
     "__globals__"),
    ("frame of a generator", "def dot_product(x1, x2):\n    g = (i for i in [])\n    f = g.gi_frame\n"
     "    return np.dot(x1, x2)", "gi_frame"),
    ("ctypes through numpy", "def dot_product(x1, x2):\n    c = np.ctypeslib\n    return np.dot(x1, x2)", "ctypeslib"),
    ("open a file", "def dot_product(x1, x2):\n    open('/grading/x', 'w')\n    return np.dot(x1, x2)", "open"),
    ("as_strided", "from numpy.lib.stride_tricks import as_strided\ndef dot_product(x1, x2):\n"
     "    return np.dot(x1, x2)", "not allowed"),
    ("match binds a helper", LOOP_DOT + "match loop_dot:\n    case helper:\n        pass\n"
     "def dot_product(x1, x2):\n    return helper(x1, x2)", "for loop"),
    ("match star binds a helper", LOOP_DOT + "match [loop_dot]:\n    case [*rest]:\n        pass\n"
     "def dot_product(x1, x2):\n    return rest[0](x1, x2)", "for loop"),
    ("except binds nothing useful but is followed", LOOP_DOT + "try:\n    raise ValueError\nexcept ValueError as e:\n"
     "    e = loop_dot\ndef dot_product(x1, x2):\n    return e(x1, x2)", "for loop"),
    ("too deep for scopes", LOOP_DOT + "def dot_product(x1, x2):\n" + "    if False:\n        return x1" + " + 1" * 900
     + "\n    return loop_dot(x1, x2)", "for loop"),
    ("max with a key callback", "def dot_product(x1, x2):\n    acc = [0.0]\n"
     "    max(range(len(x1)), key=lambda i: acc.append(acc.pop() + x1[i] * x2[i]) or 0)\n    return acc[0]", "lambda"),
    ("sort with a key callback", "def dot_product(x1, x2):\n    acc = [0.0]\n    order = list(range(len(x1)))\n"
     "    order.sort(key=lambda i: acc.append(acc.pop() + x1[i] * x2[i]) or 0)\n    return acc[0]", "lambda"),
    ("self-application", "def half(g, a, b):\n    if len(a) == 1:\n        return a[0] * b[0]\n    m = len(a) // 2\n"
     "    return g(g, a[:m], b[:m]) + g(g, a[m:], b[m:])\ndef dot_product(x1, x2):\n    return half(half, x1, x2)",
     "used as a value"),
    ("a loop inside an imported helper",
     "def dot_product(x1, x2):\n    return best_time(np.dot, x1, x2, repeat=len(x1))", "from course_tools"),
    ("format string into internals", "def dot_product(x1, x2):\n    s = '{0.__class__}'.format(x1)\n"
     "    return np.dot(x1, x2)", "`__`"),
]


def verdict(grade_id: str, solution_id: str, text: str,
            given: str = "import numpy as np\nfrom course_tools import best_time\n") -> str | None:
    layout = Layout((("given", "", given), ("solution", solution_id, "")))
    problems, _ = static_verdicts(layout, {solution_id: text}, [CHECKS[grade_id]])
    return problems.get(grade_id)


@pytest.mark.parametrize(("label", "text", "says"), DOT_ATTACKS, ids=[a[0] for a in DOT_ATTACKS])
def test_a_way_around_the_vectorization_rule_is_refused(label: str, text: str, says: str):
    problem = verdict("dot_product_values", "dot_product", text)
    assert problem, f"{label}: passed the static rules"
    assert says in problem, f"{label}: {problem}"


@pytest.mark.parametrize("text", [
    "from numpy import broadcast_shapes as bs\ndef broadcast_shape(a, b):\n    return tuple(bs(a, b))",
    "def broadcast_shape(a, b):\n    f = np.broadcast_shapes\n    return tuple(f(a, b))",
    "import numpy\nnp2 = numpy\ndef broadcast_shape(a, b):\n    return tuple(np2.broadcast_shapes(a, b))",
    "def broadcast_shape(a, b):\n    return np.broadcast(np.empty(a), np.empty(b)).shape",
    "import numpy as n\ndef broadcast_shape(a, b):\n    return n.broadcast_to(np.empty(a), b).shape",
], ids=["import alias", "attribute alias", "module alias", "np.broadcast", "np.broadcast_to"])
def test_a_forbidden_call_is_refused_under_any_name(text: str):
    problem = verdict("broadcast_shape_values", "broadcast_shape", text)
    assert problem and "does the exercise for you" in problem, problem


def test_a_loop_in_the_given_code_counts_when_the_answer_calls_it():
    given = "import numpy as np\n" + LOOP_DOT.replace("loop_dot", "given_loop")
    problem = verdict("dot_product_values", "dot_product", "def dot_product(x1, x2):\n    return given_loop(x1, x2)",
                      given)
    assert problem and "for loop" in problem


def test_names_local_to_the_function_do_not_reach_the_notebook():
    # `loss` and `y` are the function's own: a given cell binding the same names is not read.
    given = "import numpy as np\ny = np.zeros(3)\nloss = L1(y, y)\n"
    text = "def L1(yhat, y):\n    loss = np.sum(np.abs(y - yhat))\n    return loss"
    assert verdict("L1_values", "L1", text, given) is None


def test_many_helpers_naming_each_other_are_checked_in_bounded_time():
    helpers = [f"def h{i}(a, b):\n    return " + " + ".join(f"h{j}(a, b)" for j in range(i + 1, min(i + 8, 160)))
               + (" + 0" if i < 159 else "np.dot(a, b)") for i in range(160)]
    text = "\n".join(helpers) + "\ndef dot_product(x1, x2):\n    return h0(x1, x2)\n"
    assert len(text) > 15_000
    started = time.monotonic()
    verdict("dot_product_values", "dot_product", text)
    assert time.monotonic() - started < 5


def test_a_huge_solution_is_refused_with_a_sentence():
    text = "def dot_product(x1, x2):\n    return np.dot(x1, x2)\n" + "x = 1\n" * 60_000
    assert "too much to check" in verdict("dot_product_values", "dot_product", text)


def test_a_bad_cell_costs_only_its_own_exercise():
    layout = Layout((("given", "", "import numpy as np"), ("solution", "dot_product", ""),
                     ("solution", "outer_product", "")))
    solutions = {"dot_product": "import os\ndef dot_product(x1, x2):\n    return np.dot(x1, x2)",
                 "outer_product": "def outer_product(x1, x2):\n    return np.outer(x1, x2)"}
    problems, refused = static_verdicts(layout, solutions, [CHECKS["dot_product_values"],
                                                            CHECKS["outer_product_values"]])
    assert "dot_product_values" in problems and "outer_product_values" not in problems
    assert refused == {0}


EXERCISES = {e.solution_id: e for e in all_exercises()}
RIGHT = [(nb, a) for nb in NOTEBOOKS for a in answers_of(nb) if a.right]


@pytest.mark.parametrize(("notebook", "answer"), RIGHT, ids=[f"{nb}:{a.exercise}:{a.label}" for nb, a in RIGHT])
def test_a_right_answer_passes_the_rules(notebook: str, answer):
    path = source_dir() / f"{notebook}.ipynb"
    layout = layout_of(str(path), path.stat().st_mtime)
    checks = [CHECKS[grade_id] for grade_id in EXERCISES[answer.exercise].tests]
    problems, _ = static_verdicts(layout, {answer.exercise: answer.source}, checks)
    assert not problems, problems


# Every module a chain of attributes the rules allow may reach from an allowed module: plain computation only.
HARMLESS_MODULES = {"numpy", "math", "cmath", "itertools", "functools", "collections", "numbers", "fractions",
                    "decimal", "statistics", "random", "copy"}
HARMLESS_NUMPY = ("numpy._core.", "numpy.core", "numpy.char", "numpy.dtypes", "numpy.exceptions", "numpy.fft",
                  "numpy.lib.scimath", "numpy.linalg", "numpy.ma", "numpy.polynomial", "numpy.random", "numpy.rec",
                  "numpy.strings", "numpy.typing")

# Run in a fresh interpreter: every numpy module is imported first (a sandbox may hold any of them, and an
# imported submodule becomes an attribute of its package), with matplotlib as the notebooks import it.
REACHABLE_MODULES = r"""
import importlib, json, pkgutil, sys, types, warnings
warnings.simplefilter("ignore")
import matplotlib.pyplot, numpy
from autograder.rules import ALLOWED_MODULES, FORBIDDEN_ATTRIBUTES, FORBIDDEN_NAMES

def preload(package):
    for info in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
        if info.name.rsplit(".", 1)[-1] in ("tests", "__main__", "conftest", "setup"):
            continue  # tests are never imported, __main__ runs a program
        try:
            module = importlib.import_module(info.name)
        except BaseException:
            continue
        if info.ispkg:
            preload(module)

preload(numpy)
refused = FORBIDDEN_ATTRIBUTES | FORBIDDEN_NAMES
reached, todo = {}, [(importlib.import_module(m), m) for m in sorted(ALLOWED_MODULES)]
while todo:
    module, path = todo.pop()
    if module.__name__ in reached:
        continue
    reached[module.__name__] = path
    for name in dir(module):
        if name.startswith("_") or name in refused:
            continue
        try:
            value = getattr(module, name)
        except BaseException:
            continue
        if isinstance(value, types.ModuleType):
            todo.append((value, f"{path}.{name}"))
print(json.dumps(reached))
"""


def test_every_module_an_allowed_attribute_chain_reaches_is_harmless():
    # Allowed modules hold other modules as attributes (numpy.ma.core.builtins, ...). Follow every public
    # attribute the rules do not refuse, through any module: each module reached must be on the allowlist.
    import json
    import subprocess
    import sys

    run = subprocess.run([sys.executable, "-c", REACHABLE_MODULES], capture_output=True, text=True, timeout=120,
                         check=True)
    reached = json.loads(run.stdout.splitlines()[-1])
    assert "numpy.ma.core" in reached and "numpy.polynomial.legendre" in reached  # the walk went deep
    unknown = {name: path for name, path in reached.items()
               if name not in HARMLESS_MODULES and not name.startswith(HARMLESS_NUMPY)}
    assert not unknown, unknown


def test_the_copy_module_is_a_dead_end():
    # `.copy` is allowed (ndarray.copy, np.copy). Were the copy module reached, what the rules leave of it only
    # duplicates what the code holds: no module, no shared table (dispatch_table is copyreg's, which pickle uses).
    import copy
    import types

    from autograder.rules import FORBIDDEN_ATTRIBUTES, FORBIDDEN_NAMES

    left = {n: getattr(copy, n) for n in dir(copy) if not n.startswith("_") and n not in FORBIDDEN_ATTRIBUTES
            | FORBIDDEN_NAMES}
    assert set(left) == {"Error", "copy", "deepcopy", "error"}, sorted(left)
    assert all(isinstance(v, types.FunctionType) or issubclass(v, Exception) for v in left.values())


@pytest.mark.parametrize("text", [
    "def dot_product(x1, x2):\n    b = np.ma.extras.ma.builtins\n    return np.dot(x1, x2)",
    "def dot_product(x1, x2):\n    f = np.ma.core.builtins.exec\n    return np.dot(x1, x2)",
    "def dot_product(x1, x2):\n    g = (i for i in [])\n    s = '{0.gi_frame.f_back}'.format(g)\n"
    "    return np.dot(x1, x2)",
    "def dot_product(x1, x2):\n    w = np.random.mtrand.warnings\n    return np.dot(x1, x2)",
    "def dot_product(x1, x2):\n    s = '{0[0]}'.format(x1)\n    return np.dot(x1, x2)",
    "def dot_product(x1, x2):\n    t = np.ma.core.copy.dispatch_table\n    return np.dot(x1, x2)",
    "from numpy.ma.core import copy\ndef dot_product(x1, x2):\n    t = copy.dispatch_table\n    return np.dot(x1, x2)",
    "def dot_product(x1, x2):\n    r = np.f2py.cfuncs.copy.deepcopy\n    return np.dot(x1, x2)",
    "def dot_product(x1, x2):\n    r = np.distutils.misc_util.copy\n    return np.dot(x1, x2)",
    "import numpy.f2py.crackfortran\ndef dot_product(x1, x2):\n    return np.dot(x1, x2)",
    "import copy\ndef dot_product(x1, x2):\n    return np.dot(x1, x2)",
    "from copy import deepcopy\ndef dot_product(x1, x2):\n    return np.dot(x1, x2)",
    "def dot_product(x1, x2):\n    r = x1.copy().copyreg\n    return np.dot(x1, x2)",
], ids=["numpy to builtins", "numpy to exec", "frame through a format string", "numpy to warnings", "format index",
        "copy's dispatch table", "copy's dispatch table by import", "f2py's copy module", "distutils' copy module",
        "import f2py's modules", "import copy", "from copy import", "copyreg"])
def test_a_way_out_through_attributes_or_format_strings_is_refused(text: str):
    # sigmoid allows loops, so only the way out itself can be refused
    text = text.replace("dot_product(x1, x2)", "sigmoid(x1, x2=0)").replace("np.dot(x1, x2)", "1 / (1 + np.exp(-x1))")
    assert verdict("sigmoid_values", "sigmoid", text), "passed the static rules"


@pytest.mark.parametrize("text", [
    f"{imports}def sigmoid(x):\n    {body}\n    return 1 / (1 + np.exp(-y))" for imports, body in [
        ("", "y = x.copy()"), ("", "y = np.copy(x)"), ("", "y = np.ma.copy(x)"), ("", "y = np.array(x, copy=True)"),
        ("", "copy = x.copy()\n    y = copy"), ("from numpy import copy\n", "y = copy(x)")]
], ids=["x.copy()", "np.copy", "np.ma.copy", "copy=True", "a name copy", "from numpy import copy"])
def test_copying_an_array_passes(text: str):
    assert verdict("sigmoid_values", "sigmoid", text) is None


def test_ordinary_format_strings_pass():
    text = "def sigmoid(x):\n    label = '{:.3f} and {0}'.format(1.0, 2)\n    return 1 / (1 + np.exp(-x))"
    assert verdict("sigmoid_values", "sigmoid", text) is None


def test_code_that_swallows_the_cpu_timeout_ends_its_run_in_bounded_time():
    from autograder.judge import JudgeSettings, fallback_layout, grade_notebook
    from autograder.sandbox import Limits
    from tests._course import reference_solutions, submission

    source = source_dir() / "01_why_numpy.ipynb"
    solutions = reference_solutions(source)
    solutions["sigmoid"] = ("def sigmoid(x):\n    while True:\n        try:\n            while True:\n"
                            "                pass\n        except BaseException:\n            pass\n")
    released = source_dir().parent.parent / "release" / "python_basics" / "01_why_numpy.ipynb"
    nb = submission(released, solutions)
    settings = JudgeSettings(cell_timeout=2, limits=Limits(wall_seconds=60, cpu_seconds=60), run_notebook=False)
    from autograder.judge import sessions

    started = time.monotonic()
    try:
        verdict = grade_notebook(nb, "swallower", settings, layout_of(str(source), source.stat().st_mtime))
    finally:
        sessions().close()  # the spare sandbox it started must not outlive the test (others count sandbox processes)
    assert time.monotonic() - started < 20
    assert "sigmoid_values" in verdict.failures and "basic_sigmoid_values" in verdict.failures
    assert fallback_layout(nb).cells, "the submission has its test cells"


@pytest.mark.parametrize("text", [
    "from numpy import exp\ndef basic_sigmoid(x):\n    return float(1 / (1 + exp(-x)))",
    "import numpy.linalg as la\ndef basic_sigmoid(x):\n    return float(1 / (1 + math.exp(-x)) + 0 * la.norm([x]))",
    "def basic_sigmoid(x):\n    return float(1 / (1 + np.exp(-x)))",
], ids=["from numpy import", "import numpy.linalg", "np attribute"])
def test_numpy_inside_basic_sigmoid_is_refused_under_any_name(text: str):
    problem = verdict("basic_sigmoid_values", "basic_sigmoid", text, "import math\nimport numpy as np\n")
    assert problem and "does the exercise for you" in problem, problem
