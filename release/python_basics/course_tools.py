"""Helpers the notebooks of Python Basics with NumPy import: plots, timings, the visible loop check.

This file ships beside the notebooks; keep it in the same folder as them (in Colab: upload it in
the Files panel next to the notebook). It only needs numpy and matplotlib, and it holds nothing
of the grading: no solutions, no hidden tests.
"""

from __future__ import annotations

import ast
import inspect
import textwrap
import time
from collections.abc import Callable
from typing import Any

__all__ = ["best_time", "loop_problem", "new_axes"]

LOOP_NAMES = {
    ast.For: "a for loop",
    ast.While: "a while loop",
    ast.ListComp: "a list comprehension",
    ast.SetComp: "a set comprehension",
    ast.DictComp: "a dict comprehension",
    ast.GeneratorExp: "a generator expression",
}


def new_axes(xlabel: str, ylabel: str, title: str, figsize: tuple[float, float] = (6, 4)):
    """Returns (fig, ax) with the axes labelled and titled, in the course's style."""
    import matplotlib.pyplot as plt  # here, not at the top: grading imports this file and draws nothing

    fig, ax = plt.subplots(figsize=figsize)
    ax.set(xlabel=xlabel, ylabel=ylabel, title=title)
    ax.grid(True, alpha=0.3)
    return fig, ax


def best_time(function: Callable[..., Any], *args: Any, repeat: int = 5, budget: float = 0.2) -> float:
    """Returns the best time in seconds of one call, over `repeat` runs or about `budget` seconds.

    The best of several runs is the honest figure: slower runs measure the machine's noise.
    """
    best = float("inf")
    spent = 0.0
    for _ in range(repeat):
        start = time.perf_counter()
        function(*args)
        elapsed = time.perf_counter() - start
        best = min(best, elapsed)
        spent += elapsed
        if spent > budget:
            break
    return best


def loops_in(tree: ast.AST) -> list[str]:
    """Returns a description of each Python loop or comprehension in the syntax tree."""
    return [f"{LOOP_NAMES[type(node)]} (line {node.lineno})" for node in ast.walk(tree) if type(node) in LOOP_NAMES]


def names_used(tree: ast.AST) -> set[str]:
    """Returns the dotted names the syntax tree calls or looks up (`np.vectorize`, `map`)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            found.add(ast.unparse(node.func))
        elif isinstance(node, ast.Attribute):
            found.add(ast.unparse(node))
    return found


def loop_message(source: str, name: str) -> str | None:
    """Returns why a function's source is not vectorized (a loop, np.vectorize, map), or None."""
    tree = ast.parse(textwrap.dedent(source))
    loops = loops_in(tree)
    if loops:
        return (
            f"`{name}` uses {', '.join(loops)}; this exercise is about vectorization. "
            "Replace the loop with one NumPy expression on whole arrays."
        )
    if any(call.endswith("vectorize") or call == "map" for call in names_used(tree)):
        return (
            f"`{name}` uses np.vectorize or map, which is a Python loop in disguise. "
            "Use a NumPy operation on whole arrays."
        )
    return None


def loop_problem(function: Callable[..., Any], name: str) -> str | None:
    """Returns why the function is not vectorized (a loop, np.vectorize or map), or None."""
    try:
        source = inspect.getsource(function)
    except (OSError, TypeError):
        return f"the source of `{name}` could not be read; define it with `def` in the notebook."
    return loop_message(source, name)
