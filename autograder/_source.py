"""Reading a student's source without running it: loops, calls, hard-coded answers."""

from __future__ import annotations

import ast
import textwrap

__all__ = ["calls_in", "loop_message", "loops_in"]

LOOP_NAMES = {
    ast.For: "a for loop",
    ast.While: "a while loop",
    ast.ListComp: "a list comprehension",
    ast.SetComp: "a set comprehension",
    ast.DictComp: "a dict comprehension",
    ast.GeneratorExp: "a generator expression",
}


def parse(source: str) -> ast.AST:
    """Returns the syntax tree of a function's or a cell's source, indentation removed."""
    return ast.parse(textwrap.dedent(source))


def loops_in(source: str) -> list[str]:
    """Returns a description of each Python loop or comprehension in the source."""
    return [
        f"{LOOP_NAMES[type(node)]} (line {node.lineno})"
        for node in ast.walk(parse(source))
        if type(node) in LOOP_NAMES
    ]


def calls_in(source: str) -> set[str]:
    """Returns the dotted names used in the source: called (`np.vectorize`, `map`) or looked up."""
    found = set()
    for node in ast.walk(parse(source)):
        if isinstance(node, ast.Call):
            found.add(ast.unparse(node.func))
        elif isinstance(node, ast.Attribute):
            found.add(ast.unparse(node))
    return found


def loop_message(source: str, name: str) -> str | None:
    """Returns why a function's source is not vectorized (a loop, np.vectorize, map), or None."""
    loops = loops_in(source)
    if loops:
        return (
            f"`{name}` uses {', '.join(loops)}; this exercise is about vectorization. "
            "Replace the loop with one NumPy expression on whole arrays."
        )
    if any(call.endswith("vectorize") or call == "map" for call in calls_in(source)):
        return (
            f"`{name}` uses np.vectorize or map, which is a Python loop in disguise. "
            "Use a NumPy operation on whole arrays."
        )
    return None
