"""Code as the comparison sees it: names and literals canonicalised, then copydetect's winnowed fingerprints."""

from __future__ import annotations

import ast
import builtins
import re

__all__ = ["SOLUTION_MARKERS", "fingerprints", "is_one_short_expression", "normalise"]

K = 25  # characters per k-gram of the normalised code
WINDOW = 4  # winnowing window
SHORT_REFERENCE = 80  # characters: a reference body of one statement shorter than this is one short expression
KEEP_NAMES = frozenset({"np", "numpy", "math", *dir(builtins)})
SOLUTION_MARKERS = re.compile(r"^\s*### (BEGIN|END) SOLUTION\s*$", re.MULTILINE)


class Canonical(ast.NodeTransformer):
    """Renames variables, arguments and defined names to `v`, and every literal to 0 or 's'; drops docstrings."""

    def visit_Name(self, node: ast.Name) -> ast.AST:
        return ast.copy_location(ast.Name("v" if node.id not in KEEP_NAMES else node.id, node.ctx), node)

    def visit_arg(self, node: ast.arg) -> ast.AST:
        return ast.copy_location(ast.arg("v"), node)

    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        value = "s" if isinstance(node.value, str | bytes) else node.value if node.value in (None, True, False) else 0
        return ast.copy_location(ast.Constant(value), node)

    def visit_FunctionDef(self, node: ast.FunctionDef) -> ast.AST:
        body = node.body
        if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant):
            body = body[1:] or [ast.Pass()]
        node.body, node.name = body, "v"
        return self.generic_visit(node)

    def visit_Expr(self, node: ast.Expr) -> ast.AST | None:
        return None if isinstance(node.value, ast.Constant) else self.generic_visit(node)


def normalise(code: str) -> str:
    """Returns the code with names and literals canonicalised, one statement per line; raw if it does not parse."""
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError, RecursionError):
        return "\n".join(line.strip() for line in code.splitlines() if line.strip() and line.strip()[0] != "#")
    tree = ast.fix_missing_locations(Canonical().visit(tree))
    try:
        return ast.unparse(tree)
    except (ValueError, RecursionError):
        return ""


def fingerprints(code: str) -> set[int]:
    """Returns the winnowed k-gram fingerprints of normalised code (copydetect's)."""
    from copydetect.utils import get_document_fingerprints

    if len(code) < K:
        return set()
    hashes, _ = get_document_fingerprints(code, K, WINDOW)
    return {int(h) for h in hashes}


def is_one_short_expression(reference: str) -> bool:
    """Returns True if a reference solution is one short expression, however many names it passes through
    (its body, without docstring and a final `return name`, is one statement under SHORT_REFERENCE characters)."""
    try:
        tree = ast.parse(SOLUTION_MARKERS.sub("", reference))
    except SyntaxError:
        return False
    functions = [node for node in tree.body if isinstance(node, ast.FunctionDef)]
    if len(functions) != 1:
        return False
    body = Canonical().visit(functions[0]).body
    if body and isinstance(body[-1], ast.Return) and isinstance(body[-1].value, ast.Name):
        body = body[:-1]
    return len(body) <= 1 and sum(len(ast.unparse(statement)) for statement in body) < SHORT_REFERENCE
