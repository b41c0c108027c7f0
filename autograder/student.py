"""The loop check of the visible tests, worded as the grader words it; notebooks use course_tools."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from autograder._source import loop_message

__all__ = ["loop_problem"]


def loop_problem(function: Callable[..., Any], name: str) -> str | None:
    """Returns why the function is not vectorized (a loop, np.vectorize or map), or None."""
    try:
        source = inspect.getsource(function)
    except (OSError, TypeError):
        return f"the source of `{name}` could not be read; define it with `def` in the notebook."
    return loop_message(source, name)
