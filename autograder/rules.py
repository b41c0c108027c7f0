"""Static rules on the code that is judged, read as text before anything runs.

The judged values come from a fresh sandbox that runs only the instructor's given code and the
text of the student's solution cells (see `judge/`). These rules hold on exactly that text:

- every solution cell is plain Python (no magics, no shell escapes);
- no way out of plain computation: no exec/eval/compile/__import__/getattr/open..., no dunder
  names, no frame or file access, only a few harmless modules, no changes to a module;
- the exercise's function is bound exactly once, by a top-level `def` without decorators, so the
  function the rules read is the function that is called;
- where vectorization is the exercise, neither the function nor anything it refers to (helpers,
  default arguments, aliases, given code) loops: no loop statement, comprehension, recursion or
  functional loop (map, np.vectorize, functools.reduce, itertools.starmap, ...);
- an exercise's forbidden calls are refused under any name (attribute, import alias).

The walk over what a function refers to visits each statement once, so its cost is linear in the
size of the text; a size cap and a time budget bound it whatever the student writes.
"""

from __future__ import annotations

import ast
import re
import symtable
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

__all__ = ["Code", "RuleBudgetExceeded", "function_problem", "names_defined_in", "parse_code"]

MAX_SOURCE_CHARS = 200_000
MAX_NODES = 60_000
BUDGET_SECONDS = 2.0

ALLOWED_MODULES = {"numpy", "math", "cmath", "itertools", "functools", "collections", "numbers", "fractions",
                   "decimal", "statistics"}
FORBIDDEN_NAMES = {
    "exec", "eval", "compile", "__import__", "globals", "locals", "vars", "getattr", "setattr", "delattr",
    "open", "breakpoint", "input", "exit", "quit", "help", "memoryview", "super", "type", "object",
    "classmethod", "staticmethod", "property",
}
# Attributes that reach files, raw memory, frames or the interpreter, whatever object they are read from.
FORBIDDEN_ATTRIBUTES = {
    "ctypeslib", "ctypes", "lib", "stride_tricks", "as_strided", "f2py", "distutils", "testing", "load", "save",
    "savez", "savez_compressed", "savetxt", "loadtxt", "genfromtxt", "fromfile", "tofile", "memmap", "open_memmap",
    "DataSource", "fromregex", "dump", "dumps", "gi_frame", "gi_code", "cr_frame", "ag_frame", "f_back",
    "f_globals", "f_locals", "f_builtins", "f_code", "tb_frame", "tb_next", "with_traceback", "format_map",
    "show_config", "info", "source", "lookfor", "who", "get_include",
    # Modules that allowed modules hold as attributes (numpy.ma.core.builtins, ...): a way to os and sys.
    "abc", "builtins", "inspect", "operator", "re", "sys", "textwrap", "warnings", "os", "subprocess", "pathlib",
    "shutil", "io", "importlib", "types", "codecs", "platform", "sysconfig", "tempfile", "argparse", "fileinput",
    "pprint", "string", "time", "threading", "signal", "socket", "pickle", "gc", "mmap",
    # Not "copy": it is ndarray.copy and np.copy. The copy module (reachable from no allowed module) is a dead end
    # without these: its copy and deepcopy duplicate what the code already holds; dispatch_table is copyreg's,
    # shared with pickle.
    "copyreg", "dispatch_table",
}
LOOP_NODES = {
    ast.For: "a for loop", ast.AsyncFor: "a for loop", ast.While: "a while loop",
    ast.ListComp: "a list comprehension", ast.SetComp: "a set comprehension", ast.DictComp: "a dict comprehension",
    ast.GeneratorExp: "a generator expression",
}
# Loops in disguise: each applies Python code element by element.
LOOP_BUILTINS = {"map", "filter", "iter", "next", "zip", "enumerate", "reversed", "sum", "sorted"}
LOOP_HELPERS = {"vectorize", "frompyfunc", "apply_along_axis", "apply_over_axes", "fromiter", "fromfunction",
                "starmap"}
LOOP_MODULES = {"functools", "itertools"}  # their reduce and accumulate loop in Python (np.add.reduce does not)


FORMAT_FIELD_LOOKUP = re.compile(r"\{[^{}:!]*[.\[]")  # str.format reads attributes: "{0.gi_frame}"


class RuleBudgetExceeded(Exception):
    """The text is too large or too slow to read within the budget."""


@dataclass
class Code:
    """The judged text of a notebook: its given code (trusted) and its solution cells (the student's).

    `refused` maps the index of each solution cell that breaks a rule to why; such a cell is not
    run, and the exercises whose function it defines fail with that reason.
    """

    given: list[ast.Module] = field(default_factory=list)
    solutions: list[ast.Module] = field(default_factory=list)
    refused: dict[int, str] = field(default_factory=dict)
    deadline: float = 0.0

    def tick(self) -> None:
        """Raises RuleBudgetExceeded once the time budget is spent."""
        if self.deadline and time.monotonic() > self.deadline:
            raise RuleBudgetExceeded("reading your solution took too long")


def parse_code(given: Iterable[str], solutions: Iterable[str], budget: float = BUDGET_SECONDS) -> Code | str:
    """Returns the parsed code, or why none of the solution text can be graded (one sentence).

    Each solution cell that is not plain Python, or steps outside plain computation, is refused
    on its own (see `Code.refused`), so one bad cell costs only its own exercise."""
    given, solutions = list(given), list(solutions)
    if sum(len(s) for s in solutions) > MAX_SOURCE_CHARS:
        return f"your solution cells hold more than {MAX_SOURCE_CHARS:,} characters, too much to check."
    code = Code(deadline=time.monotonic() + budget)
    for text in given:
        try:
            code.given.append(ast.parse(text))
        except (SyntaxError, ValueError, RecursionError):
            continue  # given code is the instructor's: a cell that is not Python (a magic) only defines nothing
    nodes = 0
    for index, text in enumerate(solutions):
        try:
            tree = ast.parse(text)
        except (SyntaxError, ValueError, RecursionError, MemoryError) as error:
            line = getattr(error, "lineno", None)
            where = f" (line {line})" if line else ""
            code.refused[index] = (
                f"its solution cell is not valid Python{where}: magics (`%...`), shell commands (`!...`) and "
                "syntax errors cannot be graded. Keep only Python code in solution cells.")
            code.solutions.append(ast.Module(body=[], type_ignores=[]))
            continue
        nodes += sum(1 for _ in ast.walk(tree))
        if nodes > MAX_NODES:
            return "your solution cells are too large to check; keep each solution short."
        code.solutions.append(tree)
    imported = imported_names(code)
    for index, tree in enumerate(code.solutions):
        problem = None if index in code.refused else cell_problem(code, tree, imported)
        if problem:
            code.refused[index] = problem
            code.solutions[index] = ast.Module(body=[], type_ignores=[])
    return code


def names_defined_in(text: str) -> set[str]:
    """Returns the names a cell's text defines with `def`, read even when it is not valid Python."""
    return set(re.findall(r"^\s*def\s+([A-Za-z_]\w*)", text, re.MULTILINE))


# ------------------------------------------------------------------ rules on the whole solution text


def is_dunder(name: str) -> bool:
    return name.startswith("__") and name.endswith("__") and len(name) > 4


def identifiers(node: ast.AST) -> Iterable[tuple[str, ast.AST]]:
    """Yields every identifier a node spells, with the node spelling it."""
    if isinstance(node, ast.Name):
        yield node.id, node
    elif isinstance(node, ast.Attribute):
        yield node.attr, node
    elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        yield node.name, node
    elif isinstance(node, ast.arg) or (isinstance(node, ast.keyword) and node.arg):
        yield node.arg, node
    elif isinstance(node, ast.alias):
        for part in node.name.split("."):
            yield part, node
        if node.asname:
            yield node.asname, node
    elif isinstance(node, ast.ImportFrom) and node.module:
        for part in node.module.split("."):
            yield part, node
    elif isinstance(node, (ast.Global, ast.Nonlocal)):
        for name in node.names:
            yield name, node


def import_problem(node: ast.AST) -> str | None:
    """Returns why an import statement is refused, or None."""
    if isinstance(node, ast.Import):
        modules = [alias.name for alias in node.names]
    elif isinstance(node, ast.ImportFrom):
        if node.level:
            return "relative imports are not allowed in solution cells."
        if any(alias.name == "*" for alias in node.names):
            return "`from ... import *` is not allowed in solution cells: import the names you use."
        modules = [node.module or ""]
    else:
        return None
    if isinstance(node, ast.ImportFrom):
        for alias in node.names:
            if alias.name in FORBIDDEN_ATTRIBUTES | FORBIDDEN_NAMES or alias.name.startswith("_"):
                return f"importing `{alias.name}` is not allowed in solution cells."
    for module in modules:
        parts = module.split(".")
        if any(part in FORBIDDEN_ATTRIBUTES or part.startswith("_") for part in parts[1:]):
            return f"importing `{module}` is not allowed in solution cells."
        if parts[0] not in ALLOWED_MODULES:
            allowed = ", ".join(sorted(ALLOWED_MODULES))
            return f"solution cells may import only {allowed}; `{module}` is not allowed."
    return None


def cell_problem(code: Code, tree: ast.Module, module_names: set[str]) -> str | None:
    """Returns why one solution cell steps outside plain computation, or None."""
    for node in ast.walk(tree):
        code.tick()
        problem = import_problem(node) or node_problem(node, module_names)
        if problem:
            line = getattr(node, "lineno", None)
            return f"{problem}{f' (line {line} of its cell)' if line else ''}"
    return None


def node_problem(node: ast.AST, module_names: set[str]) -> str | None:
    """Returns why one syntax node is refused in a solution cell, or None."""
    for name, _ in identifiers(node):
        if is_dunder(name):
            return f"`{name}` reaches into Python's internals, which solution cells may not do."
        if name.startswith("_") and isinstance(node, ast.Attribute):
            return f"`.{name}` is a private attribute, which solution cells may not use."
        if isinstance(node, ast.Name) and name in FORBIDDEN_NAMES:
            return f"`{name}` is not allowed in solution cells."
        if isinstance(node, ast.Attribute) and name in FORBIDDEN_ATTRIBUTES | FORBIDDEN_NAMES:
            return f"`.{name}` is not allowed in solution cells."
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        if "__" in node.value:
            return "a string with `__` in it is not allowed in solution cells."
        if FORMAT_FIELD_LOOKUP.search(node.value):
            return "a format string that looks up attributes (`{0.name}`, `{0[key]}`) is not allowed in solution cells."
    if isinstance(node, (ast.Attribute, ast.Subscript)) and isinstance(node.ctx, (ast.Store, ast.Del)):
        root = node
        while isinstance(root, (ast.Attribute, ast.Subscript)):
            root = root.value
        if isinstance(root, ast.Name) and root.id in module_names:
            return f"changing the module `{root.id}` is not allowed in solution cells."
    return None


def imported_names(code: Code) -> set[str]:
    """Returns the names that import statements bind, in given code and solutions."""
    names = set()
    for tree in [*code.given, *code.solutions]:
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names |= {(a.asname or a.name).split(".")[0] for a in node.names}
    return names


# ------------------------------------------------------------------ rules on one exercise's function


def binds(node: ast.AST, name: str) -> bool:
    """Returns True if a syntax node binds `name` (anywhere a student could rebind a function)."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return node.name == name
    if isinstance(node, ast.Name):
        return node.id == name and isinstance(node.ctx, (ast.Store, ast.Del))
    if isinstance(node, ast.alias):
        return (node.asname or node.name).split(".")[0] == name
    if isinstance(node, (ast.Global, ast.Nonlocal)):
        return name in node.names
    if isinstance(node, ast.ExceptHandler):
        return node.name == name
    if isinstance(node, (ast.MatchAs, ast.MatchStar)):
        return node.name == name
    if isinstance(node, ast.MatchMapping):
        return node.rest == name
    return False


def the_definition(code: Code, name: str) -> ast.FunctionDef | str:
    """Returns the one top-level `def name` of the solutions, or why there is not exactly one."""
    found: list[ast.AST] = []
    for tree in code.solutions:
        for node in ast.walk(tree):
            code.tick()
            if binds(node, name):
                found.append(node)
    tops = [s for tree in code.solutions for s in tree.body if isinstance(s, ast.FunctionDef) and s.name == name]
    if not found:
        return (f"`{name}` is not defined in your solution cells; define it there with `def {name}(...)` "
                "and keep its name.")
    if len(found) > 1 or len(tops) != 1:
        return (f"`{name}` must be defined once, with `def {name}(...)` in its solution cell; here it is "
                "defined or assigned more than once (or inside another statement), so it cannot be checked.")
    if tops[0].decorator_list:
        return f"`{name}` must be a plain `def` without a decorator, so that it can be checked."
    return tops[0]


def top_level_bindings(code: Code) -> dict[str, list[ast.stmt]]:
    """Returns, for each name, every top-level statement of given code and solutions that binds it."""
    found: dict[str, list[ast.stmt]] = {}
    for tree in [*code.given, *code.solutions]:
        for statement in tree.body:
            for node in ast.walk(statement):
                code.tick()
                for name in bound_by(node):
                    found.setdefault(name, []).append(statement)
    return found


def bound_by(node: ast.AST) -> set[str]:
    """Returns the names a syntax node binds (def, class, assignment, import, except, match patterns)."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return {node.name}
    if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
        return {node.id}
    if isinstance(node, ast.alias):
        return {(node.asname or node.name).split(".")[0]}
    if isinstance(node, (ast.ExceptHandler, ast.MatchAs, ast.MatchStar)) and node.name:
        return {node.name}
    if isinstance(node, ast.MatchMapping) and node.rest:
        return {node.rest}
    return set()


def global_references(statement: ast.stmt) -> set[str]:
    """Returns the names a top-level statement reads from the notebook's namespace (not its locals),
    with Python's own scoping rules (symtable), however deeply nested the reading."""
    try:
        table = symtable.symtable(ast.unparse(statement), "<cell>", "exec")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        # Too deep to read with scopes: every name it spells counts, so nothing it calls goes unread.
        return {n.id for n in ast.walk(statement) if isinstance(n, ast.Name)}
    names = {s.get_name() for s in table.get_symbols() if s.is_referenced()}
    todo = list(table.get_children())
    while todo:
        scope = todo.pop()
        names |= {s.get_name() for s in scope.get_symbols() if s.is_referenced() and s.is_global()}
        todo += scope.get_children()
    return names


def reachable(code: Code, start: ast.stmt) -> tuple[list[ast.stmt], bool]:
    """Returns the statements `start` refers to, directly or not (itself included), and whether it
    reaches itself again (recursion). Each statement is visited once."""
    bindings = top_level_bindings(code)
    seen: dict[int, ast.stmt] = {id(start): start}
    todo = [start]
    recursive = False
    while todo:
        statement = todo.pop()
        code.tick()
        for name in global_references(statement):
            for target in bindings.get(name, []):
                if target is start:
                    recursive = True
                elif id(target) not in seen:
                    seen[id(target)] = target
                    todo.append(target)
    return list(seen.values()), recursive


def loop_module_names(code: Code) -> set[str]:
    """Returns the names under which functools and itertools are imported."""
    names = set(LOOP_MODULES)
    for tree in [*code.given, *code.solutions]:
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names |= {a.asname or a.name for a in node.names if a.name in LOOP_MODULES}
    return names


def disguised_loop(node: ast.AST, loop_modules: set[str]) -> str | None:
    """Returns the name of a functional loop that a node spells, or None."""
    if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id in LOOP_BUILTINS | LOOP_HELPERS:
        return node.id
    if isinstance(node, ast.Attribute):
        if node.attr in LOOP_HELPERS:
            return node.attr
        if isinstance(node.value, ast.Name) and node.value.id in loop_modules:
            return f"{node.value.id}.{node.attr}"
    if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in LOOP_MODULES | {"numpy"}:
        for alias in node.names:
            if node.module in LOOP_MODULES or alias.name in LOOP_HELPERS:
                return f"{node.module}.{alias.name}"
    return None


def loops_in(statements: Sequence[ast.stmt], loop_modules: set[str]) -> list[str]:
    """Returns a description of every loop, comprehension or loop in disguise in the statements."""
    found = []
    for statement in statements:
        for node in ast.walk(statement):
            if type(node) in LOOP_NODES:
                found.append(f"{LOOP_NODES[type(node)]} (line {node.lineno})")
            elif (name := disguised_loop(node, loop_modules)) is not None:
                found.append(f"`{name}` (line {node.lineno}), a Python loop in disguise")
    return list(dict.fromkeys(found))


def function_names(code: Code) -> set[str]:
    """Returns the names bound to functions (def, or an assigned lambda) in given code and solutions."""
    names = set()
    for tree in [*code.given, *code.solutions]:
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                names.add(node.name)
            elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Lambda):
                names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
    return names


def callbacks_in(statements: Sequence[ast.stmt], functions: set[str]) -> list[str]:
    """Returns the places where a function is handed over as a value instead of being called: a lambda
    or a function given to another call (sorted(key=...), max(key=...), f(f, ...)) runs Python code
    once per element, or recurses in disguise."""
    found = []
    for statement in statements:
        called = {id(n.func) for n in ast.walk(statement) if isinstance(n, ast.Call)}
        for node in ast.walk(statement):
            if isinstance(node, ast.Call):
                values = [*node.args, *(k.value for k in node.keywords)]
                if any(isinstance(v, ast.Lambda) for v in values):
                    found.append(f"a lambda handed to a call (line {node.lineno}), a Python loop in disguise")
            elif (isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id in functions
                  and id(node) not in called):
                found.append(f"the function `{node.id}` used as a value (line {node.lineno}): a callback "
                             "or a recursion in disguise")
    return list(dict.fromkeys(found))


def names_used(statements: Sequence[ast.stmt]) -> set[str]:
    return {n.id for s in statements for n in ast.walk(s) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


# Compiled or plain arithmetic: nothing in them runs a Python function per element.
READABLE_MODULES = {"numpy", "math", "cmath"}


def unread_imports(statements: Sequence[ast.stmt], used: set[str]) -> list[str]:
    """Returns the functions the code uses from modules the rules cannot read (course_tools.best_time
    runs a Python loop), where vectorization is the exercise."""
    found = []
    for statement in statements:
        if isinstance(statement, ast.ImportFrom) and (statement.module or "").split(".")[0] not in READABLE_MODULES:
            found += [f"`{a.asname or a.name}` from {statement.module}" for a in statement.names
                      if (a.asname or a.name) in used]
    return found


def uses_name(statements: Sequence[ast.stmt], wanted: str) -> bool:
    """Returns True if the statements spell `wanted` as an attribute, a name or an imported name."""
    for statement in statements:
        for node in ast.walk(statement):
            if any(name == wanted for name, _ in identifiers(node)):
                return True
    return False


def ignores_input(definition: ast.FunctionDef) -> bool:
    """Returns True if a function never reads any of its parameters (a hard-coded answer)."""
    arguments = definition.args
    params = {a.arg for a in [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]}
    params |= {a.arg for a in (arguments.vararg, arguments.kwarg) if a is not None}
    used = {n.id for n in ast.walk(definition) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    return bool(params) and not (params & used)


def is_stub(definition: ast.FunctionDef) -> bool:
    """Returns True if a function still raises NotImplementedError (the release's stub)."""
    return any(
        isinstance(node, ast.Raise) and node.exc is not None and "NotImplementedError" in ast.unparse(node.exc)
        for node in ast.walk(definition)
    )


def function_problem(code: Code, name: str, no_loops: bool, forbidden: Sequence[str]) -> str | None:
    """Returns why the exercise's function breaks its rules, or None."""
    definition = the_definition(code, name)
    if isinstance(definition, str):
        return definition
    if is_stub(definition):
        return f"`{name}` is not written yet: replace `raise NotImplementedError()` with your solution."
    if ignores_input(definition):
        return (f"`{name}` never uses its input: it returns the same thing whatever it is given, "
                "so it only fits the example it was written for. Compute the result from the arguments.")
    if not (no_loops or forbidden):
        return None
    statements, recursive = reachable(code, definition)
    if no_loops:
        loops = loops_in(statements, loop_module_names(code))
        loops += callbacks_in(statements, function_names(code))
        loops += unread_imports(statements, names_used(statements))
        if recursive:
            loops.append("recursion (it calls itself)")
        if loops:
            return (f"`{name}` uses {', '.join(loops)}; this exercise is about vectorization. "
                    "Replace the loop with one NumPy expression on whole arrays.")
    for call in forbidden:
        if uses_name(statements, call.split(".")[-1]):
            if call in ("np", "numpy"):
                return (f"`{name}` uses NumPy, which does the exercise for you here: this exercise asks for "
                        "plain Python and the math module.")
            return f"`{name}` calls `{call}`, which does the exercise for you. Write it yourself."
    return None
