"""Rules on every solution cell: plain computation only (no dunders, frames, files, or changes to a module)."""

from __future__ import annotations

import ast
from collections.abc import Iterable

from autograder.rules.judged import Code
from autograder.rules.names import ALLOWED_MODULES, FORBIDDEN_ATTRIBUTES, FORBIDDEN_NAMES, FORMAT_FIELD_LOOKUP


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
