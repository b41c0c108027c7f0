"""Names and their bindings: the exercise's one definition, where the notebook binds each name, and the statements
a function reaches (each visited once, so the walk is linear in the size of the text)."""

from __future__ import annotations

import ast
import symtable

from autograder.rules.judged import Code


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
