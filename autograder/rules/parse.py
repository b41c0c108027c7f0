"""Parsing the judged text: given code and solution cells into `Code`, each bad solution cell refused on its own."""

from __future__ import annotations

import ast
import re
import time
from collections.abc import Iterable

from autograder.rules.cells import cell_problem, imported_names
from autograder.rules.judged import Code
from autograder.rules.names import BUDGET_SECONDS, MAX_NODES, MAX_SOURCE_CHARS


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
