"""The judged text of a notebook, parsed, and the time budget for reading it."""

from __future__ import annotations

import ast
import time
from dataclasses import dataclass, field


class RuleBudgetExceeded(Exception):
    """The text is too large or too slow to read within the budget."""


@dataclass
class Code:
    """The judged text of a notebook: its given code (trusted) and its solution cells (the student's).

    `refused` maps the index of each solution cell that breaks a rule to why; such a cell is not
    run, and the exercises whose function it defines fail with that reason.
    """

    given: list[ast.Module] = field(default_factory=list)
    solutions: list[ast.Module] = field(default_factory=list)
    refused: dict[int, str] = field(default_factory=dict)
    deadline: float = 0.0

    def tick(self) -> None:
        """Raises RuleBudgetExceeded once the time budget is spent."""
        if self.deadline and time.monotonic() > self.deadline:
            raise RuleBudgetExceeded("reading your solution took too long")
