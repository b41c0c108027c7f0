"""The static rules (`autograder.rules`) on the judged text: a verdict per exercise before anything runs."""

from __future__ import annotations

from typing import Any

from autograder import rules
from autograder.cells import text_of
from autograder.checks._core import Check
from autograder.judge.layout import Layout

__all__ = ["STATIC_CACHE_SIZE", "checked_statically", "static_verdict", "static_verdicts"]


STATIC_CACHE_SIZE = 4096  # verdicts kept per grading process: many students hand in the same text (the stub)
_static_cache: dict[tuple, tuple[dict[str, str], set[int]]] = {}


def static_verdicts(layout: Layout, solutions: dict[str, str], checks: list[Check]) -> tuple[dict[str, str], set[int]]:
    """Returns the rule violations by grade id, and the solution cells (by position) that must not run.

    The verdict is a function of the given code, the solution texts and the checks alone, so the same
    texts (a stub left as it is, an answer shared by many) are checked once per grading process."""
    solution_ids = [grade_id for kind, grade_id, _ in layout.cells if kind == "solution"]
    texts = tuple(solutions.get(grade_id, "") for grade_id in solution_ids)
    key = (layout.cells, texts, tuple((c.grade_id, c.function, c.no_loops, tuple(c.forbidden_calls)) for c in checks))
    if key in _static_cache:
        problems, refused = _static_cache[key]
        return dict(problems), set(refused)
    try:
        problems, refused = checked_statically(layout, list(texts), checks)
    except (rules.RuleBudgetExceeded, RecursionError, MemoryError):  # not kept: it may depend on the machine's load
        message = "your solution cells took too long to check; keep each solution short and direct."
        return {check.grade_id: message for check in checks}, set(range(len(texts)))
    if len(_static_cache) >= STATIC_CACHE_SIZE:
        _static_cache.clear()
    _static_cache[key] = (problems, refused)
    return dict(problems), set(refused)


def checked_statically(layout: Layout, texts: list[str], checks: list[Check]) -> tuple[dict[str, str], set[int]]:
    """Returns the rule violations by grade id, and the solution cells (by position) that must not run."""
    given = [text for kind, _, text in layout.cells if kind == "given"]
    code = rules.parse_code(given, texts)
    if isinstance(code, str):
        return {check.grade_id: code for check in checks}, set(range(len(texts)))
    problems = {}
    for check in checks:
        refused = [i for i in code.refused if check.function in rules.names_defined_in(texts[i])]
        if refused:
            problems[check.grade_id] = (f"the solution cell that defines `{check.function}` cannot be graded: "
                                        f"{code.refused[refused[0]]}")
            continue
        problem = rules.function_problem(code, check.function, check.no_loops, check.forbidden_calls)
        if problem:
            problems[check.grade_id] = problem
    return problems, set(code.refused)


def static_verdict(check: Check, cells: list[Any]) -> str | None:
    """Returns why a function breaks its exercise's rules, reading the given code cells as solution cells."""
    texts = [text_of(c.get("source", "")) for c in cells if c.get("cell_type") == "code"]
    layout = Layout(tuple(("solution", str(i), "") for i in range(len(texts))))
    problems, _ = static_verdicts(layout, {str(i): t for i, t in enumerate(texts)}, [check])
    return problems.get(check.grade_id)
