"""Loops, in plain sight or in disguise (functional loops, callbacks, unread helpers), where vectorization is the
exercise."""

from __future__ import annotations

import ast
from collections.abc import Sequence

from autograder.rules.judged import Code
from autograder.rules.names import LOOP_BUILTINS, LOOP_HELPERS, LOOP_MODULES, LOOP_NODES, READABLE_MODULES


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


def unread_imports(statements: Sequence[ast.stmt], used: set[str]) -> list[str]:
    """Returns the functions the code uses from modules the rules cannot read (course_tools.best_time
    runs a Python loop), where vectorization is the exercise."""
    found = []
    for statement in statements:
        if isinstance(statement, ast.ImportFrom) and (statement.module or "").split(".")[0] not in READABLE_MODULES:
            found += [f"`{a.asname or a.name}` from {statement.module}" for a in statement.names
                      if (a.asname or a.name) in used]
    return found
