"""Rules on one exercise's function: defined once, written, reading its input, no loops if vectorized, no
forbidden call under any name."""

from __future__ import annotations

import ast
from collections.abc import Sequence

from autograder.rules.cells import identifiers
from autograder.rules.judged import Code
from autograder.rules.loops import callbacks_in, function_names, loop_module_names, loops_in, names_used, unread_imports
from autograder.rules.scope import reachable, the_definition


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
