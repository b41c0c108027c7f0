"""Hostile and broken submissions of 01_why_numpy, each with the grade it deserves.

Every attack starts from the reference solutions and changes one thing: a cheat (a wrong
sigmoid plus a trick that makes in-kernel tests pass), an escape (reading or writing what it
must not), or a crash (bombs, loops, dead kernels, broken files). Scores are for the cells
(basic_sigmoid_values, sigmoid_values, sigmoid_shapes), each worth 1 point.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

GRADE_IDS = ("basic_sigmoid_values", "sigmoid_values", "sigmoid_shapes")
NOTEBOOK = "01_why_numpy"

# Wrong, but fits the visible tests: what a cheat wants to get full marks with.
WRONG_SIGMOID = '''
def sigmoid(x):
    x = np.asarray(x, dtype=float)
    if x.shape == (3,) and np.allclose(x, [1, 2, 3]):
        return np.array([0.73105858, 0.88079708, 0.95257413])
    return np.full(x.shape, 0.5)
'''

HALF_SIGMOID = '''
def sigmoid(x):
    return np.full(np.shape(x), 0.5)
'''

EXFILTRATE_SOURCE = '''
import json, pathlib
def sigmoid(x):
    return np.full(np.shape(x), 0.5)
for path in ["../../../source/python_basics/01_why_numpy.ipynb", "/grading/../source/python_basics/01_why_numpy.ipynb"]:
    try:
        cells = json.loads(pathlib.Path(path).read_text())["cells"]
        code = next("".join(c["source"]) for c in cells
                    if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == "sigmoid")
        exec(code, globals())
        print("LEAKED", code)
    except Exception as error:
        print("no source:", type(error).__name__)
'''

READ_GRADEBOOK = '''
import sqlite3
def sigmoid(x):
    return np.full(np.shape(x), 0.5)
try:
    db = sqlite3.connect("file:../../../gradebook.db?mode=ro", uri=True)
    hidden = [row[0] for row in db.execute("select source from source_cell") if "HIDDEN" in row[0]]
    print("LEAKED", len(hidden), "hidden tests")
except Exception as error:
    print("no gradebook:", type(error).__name__)
'''

IMPORT_REFERENCE = '''
def sigmoid(x):
    return np.full(np.shape(x), 0.5)
try:
    from autograder.checks.why_numpy import reference_sigmoid as sigmoid
    print("LEAKED reference")
except Exception as error:
    print("no reference:", type(error).__name__)
'''

WRITE_COURSE = WRONG_SIGMOID + '''
import pathlib, sqlite3
for target in ["../../../pwned.txt", "../../../source/python_basics/pwned.txt", "../../../release/pwned.txt"]:
    try:
        pathlib.Path(target).write_text("pwned")
    except Exception as error:
        print("no write:", type(error).__name__)
try:
    db = sqlite3.connect("../../../gradebook.db")
    db.execute("update grade set auto_score = 0")
    db.execute("update grade set manual_score = 1")
    db.commit()
    print("gradebook rewritten")
except Exception as error:
    print("no gradebook:", type(error).__name__)
'''

COPY_OTHER_STUDENT = '''
import json, pathlib
def sigmoid(x):
    return np.full(np.shape(x), 0.5)
for folder in ["../../aaa_honest/python_basics", "../../../submitted/aaa_honest/python_basics"]:
    try:
        cells = json.loads(pathlib.Path(folder, "01_why_numpy.ipynb").read_text())["cells"]
        code = next("".join(c["source"]) for c in cells
                    if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == "sigmoid")
        exec(code, globals())
        print("COPIED from", folder)
        break
    except Exception as error:
        print("nothing at", folder, type(error).__name__)
'''

FORK_BOMB = '''
import os
while True:
    os.fork()
'''

MEMORY_BOMB = '''
hoard = []
while True:
    hoard.append(np.ones(10**8))
'''

PATCH_NUMPY = WRONG_SIGMOID + '''
np.allclose = lambda *args, **kwargs: True
np.testing.assert_allclose = lambda *args, **kwargs: None
np.isfinite = lambda x: np.ones(np.shape(x), dtype=bool)
np.array_equal = lambda *args, **kwargs: True
'''

SILENCE_ERRORS = WRONG_SIGMOID + '''
ip = get_ipython()
ip.showtraceback = lambda *args, **kwargs: None
ip.showsyntaxerror = lambda *args, **kwargs: None
'''

ALWAYS_EQUAL = '''
class Anything(np.ndarray):
    def __eq__(self, other):
        return True
    def __ne__(self, other):
        return False
class Yes(float):
    def __eq__(self, other):
        return True
    def __sub__(self, other):
        return Yes(0.0)
    def __abs__(self):
        return Yes(0.0)
    def __lt__(self, other):
        return True
def sigmoid(x):
    return np.zeros(np.shape(x)).view(Anything)
def basic_sigmoid(x):
    return Yes(0.0)
'''

LYING_SUBCLASS = '''
class Liar(np.ndarray):
    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        return np.zeros(self.shape, dtype=bool) if ufunc in (np.isnan, np.isinf) else np.ones(self.shape, dtype=bool)
    def __array_function__(self, func, types, args, kwargs):
        return True
def sigmoid(x):
    return np.full(np.shape(x), 0.5).view(Liar)
'''

INPUT_TRANSFORMER = WRONG_SIGMOID + '''
def neuter(lines):
    text = "".join(lines)
    if "check(" in text or "assert" in text or "produce" in text:
        return ["pass\\n"]
    return lines
get_ipython().input_transformers_post.append(neuter)
'''

SETTRACE = WRONG_SIGMOID + '''
import sys
def tracer(frame, event, arg):
    if event == "call":
        frame.f_globals["check"] = lambda *args, **kwargs: None
        np.testing.assert_allclose = lambda *args, **kwargs: None
    return None
sys.settrace(tracer)
import threading
threading.settrace(tracer)
'''

SLEEP_FOREVER = '''
def sigmoid(x):
    s = 1 / (1 + np.exp(-x))
    return s
import time
time.sleep(10**6)
'''

INFINITE_LOOP = '''
while True:
    pass
def sigmoid(x):
    return 1 / (1 + np.exp(-x))
'''

OS_EXIT = '''
def sigmoid(x):
    return 1 / (1 + np.exp(-x))
import os
os._exit(0)
'''

KILL_KERNEL = '''
def sigmoid(x):
    return 1 / (1 + np.exp(-x))
import os, signal
os.kill(os.getpid(), signal.SIGKILL)
'''

KILL_PARENT = '''
def sigmoid(x):
    return 1 / (1 + np.exp(-x))
import os, signal
os.kill(os.getppid(), signal.SIGKILL)
'''

HUGE_OUTPUT = '''
def sigmoid(x):
    return 1 / (1 + np.exp(-x))
for _ in range(300):
    print("x" * 1_000_000)
'''

NETWORK = '''
import socket
def sigmoid(x):
    return 1 / (1 + np.exp(-x))
try:
    socket.create_connection(("127.0.0.1", PORT), timeout=3).sendall(b"leak")
    print("CONNECTED")
except OSError as error:
    print("no network:", type(error).__name__)
'''

SHADOW_CHECKS = {
    "autograder/__init__.py": "",
    "autograder/checks.py": "def check(*args, **kwargs):\n    return None\n",
    "autograder/_produce.py": (
        "import json, pathlib\n"
        "def produce(grade_id, name, namespace, io=pathlib.Path('/grading/io')):\n"
        "    (io / 'values').mkdir(exist_ok=True)\n"
        "    (io / 'values' / f'{grade_id}.json').write_text(json.dumps({'records': []}))\n"
    ),
}


def delete_cell(grade_id: str) -> Callable[[Any], None]:
    """Returns an edit that removes the cell with this grade id."""
    def edit(nb: Any) -> None:
        nb.cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") != grade_id]
    return edit


def change_cell(target: str, source: str | None = None, **meta: Any) -> Callable[[Any], None]:
    """Returns an edit that rewrites the source and/or nbgrader metadata of the cell with grade id `target`."""
    def edit(nb: Any) -> None:
        for cell in nb.cells:
            if cell.metadata.get("nbgrader", {}).get("grade_id") == target:
                if source is not None:
                    cell.source = source
                cell.metadata["nbgrader"].update(meta)
    return edit


@dataclass(frozen=True)
class Attack:
    """A hostile or broken submission of 01_why_numpy and what it deserves."""

    name: str
    what: str
    expected: tuple[float, float, float]
    says: str = ""  # a phrase the feedback of a failed cell must contain
    solutions: dict[str, str] = field(default_factory=dict)  # solution grade id -> cell source
    after: dict[str, str] = field(default_factory=dict)  # grade id (or "END") -> a code cell added after it
    edit: Callable[[Any], None] | None = None
    raw: bytes | None = None
    files: dict[str, str] = field(default_factory=dict)
    unsafe_unsandboxed: bool = False


ATTACKS = [
    Attack("read_hidden_source", "read the solution from ../../../source and use it", (1, 0, 0),
           "`json` is not allowed", solutions={"sigmoid": EXFILTRATE_SOURCE}),
    Attack("read_hidden_source_beside", "the same, from a cell beside a wrong sigmoid", (1, 0, 0),
           "values are wrong", solutions={"sigmoid": HALF_SIGMOID}, after={"sigmoid": EXFILTRATE_SOURCE}),
    Attack("read_gradebook", "read the hidden tests from gradebook.db", (1, 0, 0),
           "`sqlite3` is not allowed", solutions={"sigmoid": READ_GRADEBOOK}),
    Attack("read_gradebook_beside", "the same, from a cell beside a wrong sigmoid", (1, 0, 0),
           "values are wrong", solutions={"sigmoid": HALF_SIGMOID}, after={"sigmoid": READ_GRADEBOOK}),
    Attack("import_reference", "import the checks' reference solution", (1, 0, 0),
           "is not allowed", solutions={"sigmoid": IMPORT_REFERENCE}),
    Attack("import_reference_beside", "the same, from a cell beside a wrong sigmoid", (1, 0, 0),
           "values are wrong", solutions={"sigmoid": HALF_SIGMOID}, after={"sigmoid": IMPORT_REFERENCE}),
    Attack("write_course_files", "write into source/, release/ and rewrite gradebook.db", (1, 0, 0),
           "`pathlib` is not allowed", solutions={"sigmoid": WRITE_COURSE}),
    Attack("write_course_files_beside", "the same, from a cell beside a wrong sigmoid", (1, 0, 0),
           "values are wrong", solutions={"sigmoid": WRONG_SIGMOID}, after={"sigmoid": WRITE_COURSE}),
    Attack("copy_other_student", "read another student's submission", (1, 0, 0),
           "`json` is not allowed", solutions={"sigmoid": COPY_OTHER_STUDENT}),
    Attack("copy_other_student_beside", "the same, from a cell beside a wrong sigmoid", (1, 0, 0),
           "values are wrong", solutions={"sigmoid": HALF_SIGMOID}, after={"sigmoid": COPY_OTHER_STUDENT}),
    Attack("fork_bomb", "fork bomb after the tests", (1, 1, 1), after={"END": FORK_BOMB}, unsafe_unsandboxed=True),
    Attack("memory_bomb", "a cell that allocates without bound, between two exercises", (1, 1, 1),
           after={"basic_sigmoid_values": MEMORY_BOMB}, unsafe_unsandboxed=True),
    Attack("infinite_loop", "while True before sigmoid is defined", (1, 0, 0),
           "not defined", solutions={"sigmoid": INFINITE_LOOP}),
    Attack("sleep_forever", "sleep forever in a cell after a correct sigmoid", (1, 1, 1),
           after={"sigmoid": SLEEP_FOREVER}),
    Attack("sleep_in_solution", "sleep forever in the sigmoid cell", (1, 0, 0), "`time` is not allowed",
           solutions={"sigmoid": SLEEP_FOREVER}),
    Attack("os_exit", "os._exit(0) in the sigmoid cell", (1, 0, 0), "`os` is not allowed",
           solutions={"sigmoid": OS_EXIT}),
    Attack("os_exit_beside", "os._exit(0) in a cell after sigmoid", (1, 1, 1), after={"sigmoid": OS_EXIT}),
    Attack("kill_kernel", "SIGKILL its own kernel", (1, 0, 0), "`os` is not allowed",
           solutions={"sigmoid": KILL_KERNEL}),
    Attack("kill_kernel_beside", "SIGKILL its own kernel in a cell after sigmoid", (1, 1, 1),
           after={"sigmoid": KILL_KERNEL}),
    Attack("kill_parent", "SIGKILL the process above its own (nbgrader itself, when unsandboxed)", (1, 1, 1),
           after={"sigmoid": KILL_PARENT}),
    Attack("patch_numpy", "np.allclose, assert_allclose, isfinite always true", (1, 0, 0), "changing the module `np`",
           solutions={"sigmoid": PATCH_NUMPY}),
    Attack("silence_errors", "IPython shows no traceback, so failed asserts leave no error", (1, 0, 0),
           "values are wrong", solutions={"sigmoid": SILENCE_ERRORS}),
    Attack("always_equal", "return objects whose == is always True (basic_sigmoid too)", (0, 0, 0), "internals",
           solutions={"sigmoid": ALWAYS_EQUAL}),
    Attack("lying_subclass", "an ndarray subclass that lies to every NumPy function", (1, 0, 0), "internals",
           solutions={"sigmoid": LYING_SUBCLASS}),
    Attack("input_transformer", "an input transformer that empties the test cells", (1, 0, 0), "",
           solutions={"sigmoid": INPUT_TRANSFORMER}),
    Attack("settrace", "sys.settrace replaces check() and assert_allclose in every frame", (1, 0, 0),
           "`sys` is not allowed", solutions={"sigmoid": SETTRACE}),
    Attack("settrace_beside", "the same, from a cell beside a wrong sigmoid", (1, 0, 0),
           "values are wrong", solutions={"sigmoid": WRONG_SIGMOID}, after={"sigmoid": SETTRACE}),
    Attack("delete_test_cell", "delete the sigmoid_shapes test cell", (1, 0, 0), "values are wrong",
           solutions={"sigmoid": WRONG_SIGMOID}, edit=delete_cell("sigmoid_shapes")),
    Attack("edit_test_cell", "replace the sigmoid_values test by `pass`", (1, 0, 0), "values are wrong",
           solutions={"sigmoid": WRONG_SIGMOID}, edit=change_cell("sigmoid_values", "pass")),
    Attack("change_metadata", "turn the test cells into ungraded cells", (1, 0, 0), "values are wrong",
           solutions={"sigmoid": WRONG_SIGMOID},
           edit=lambda nb: [change_cell(g, grade=False)(nb) for g in ("sigmoid_values", "sigmoid_shapes")]),
    Attack("rename_grade_id", "rename sigmoid_values and give it 100 points", (1, 0, 0), "values are wrong",
           solutions={"sigmoid": WRONG_SIGMOID}, edit=change_cell("sigmoid_values", grade_id="free", points=100)),
    Attack("shadow_helpers", "ship an autograder/ package whose check() passes everything", (1, 0, 0), "",
           solutions={"sigmoid": WRONG_SIGMOID}, files=SHADOW_CHECKS),
    Attack("huge_output", "print 300 MB", (1, 1, 1), solutions={"sigmoid": HUGE_OUTPUT}),
    Attack("network", "connect to a server on the grading machine, from a cell after sigmoid", (1, 1, 1),
           after={"sigmoid": NETWORK}),
    Attack("invalid_json", "a notebook file that is not JSON", (0, 0, 0), "could not be read", raw=b"{not json"),
    Attack("empty_file", "an empty notebook file", (0, 0, 0), "could not be read", raw=b""),
]
