"""Verdicts: what the values that came back say of each test cell, in words a student understands."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

import nbformat

from autograder.checks._core import Case, Check, Produced, Raised
from autograder.inside import wire
from autograder.inside.functions import FUNCTIONS
from autograder.judge.settings import JudgeSettings
from autograder.timing_log import DisplayEnding, Ending

__all__ = ["ONLY_SOLUTIONS_HINT", "PASS_TEXT", "NotebookVerdict", "missing_values_reason", "pass_output",
           "produced_of", "values_verdict", "visible_failure"]


PASS_TEXT = "✔ passed: judged outside your kernel on inputs drawn for you\n"


@dataclass
class NotebookVerdict:
    """The outcome of judging one notebook: a message per failed test cell, and what happened."""

    failures: dict[str, str] = field(default_factory=dict)
    passed: list[str] = field(default_factory=list)
    ending: Ending | Literal[""] = ""  # how the clean run of the judged code ended
    seconds: float = 0.0  # the notebook's runs in their sandboxes, as seen from here
    cell_seconds: float = 0.0  # the part spent running the student's notebook (as the sandbox reports it)
    judge_seconds: float = 0.0  # everything this function did, runs included
    display_ending: DisplayEnding = ""  # how the run of the whole notebook (for its outputs) ended


def produced_of(record: Any) -> Produced | None:
    """Returns what one call produced, from its record, or None if the record is malformed."""
    if not isinstance(record, dict):
        return None
    after = record.get("args_after")
    args_after = tuple(wire.decode(a, FUNCTIONS) for a in after[:50]) if isinstance(after, list) else ()
    if "raised" in record:
        kinds = record.get("raised")
        names = tuple(str(k)[:100] for k in kinds[:20]) if isinstance(kinds, list) else ("Exception",)
        return Produced(Raised(names, str(record.get("message", ""))[:500]), args_after)
    if "returned" in record:
        return Produced(wire.decode(record["returned"], FUNCTIONS), args_after)
    return None


ONLY_SOLUTIONS_HINT = (
    " Only the solution cells of your notebook (and the code the notebook gives you) run when it is graded: "
    "define everything your function needs, helpers and imports included, in its solution cell."
)


def values_verdict(check: Check, cases: list[Case], data: Any, missing_reason: str,
                   cpu_seconds: float = 30) -> str | None:
    """Returns the failure message of a test cell from the values its run wrote, or None if it passes."""
    if data is None:
        return missing_reason
    if isinstance(data, dict) and "missing" in data:
        return f"`{check.function}` is not defined when this test runs; run its cell and keep its name."
    records = data.get("records") if isinstance(data, dict) else None
    if not isinstance(records, list):
        return missing_reason
    for index, case in enumerate(cases):
        record = records[index] if index < len(records) else None
        if isinstance(record, dict) and record.get("out_of_time"):
            return (f"`{check.function}` used more than {cpu_seconds:.0f} s of CPU time for {case.label}: "
                    "an infinite loop, or far too slow.")
        if record is None:
            return (f"`{check.function}` did not finish for {case.label}: it was stopped "
                    "(too slow, an infinite loop, or it ran out of memory).")
        produced = produced_of(record)
        if produced is None:
            return f"what `{check.function}` returned for {case.label} could not be read."
        if isinstance(produced.value, wire.Opaque) and produced.value.type_name.startswith("array of shape"):
            return (f"`{check.function}` returned an {produced.value.type_name}, for {case.label}: "
                    "far larger than the result should be. Check the shape of what you return.")
        problem = check.verdict(case, produced)
        if problem:
            if isinstance(produced.value, Raised) and produced.value.is_a(NameError):
                problem += ONLY_SOLUTIONS_HINT
            return problem
    return None


def missing_values_reason(ending: str, settings: JudgeSettings) -> str:
    """Returns why a test produced no values, in words a student understands."""
    if ending == "timed out":
        return (
            f"your solution cells did not finish within {settings.limits.wall_seconds:.0f} s, so this test never "
            "ran. Look for an infinite loop or code that waits forever."
        )
    if ending == "kernel died":
        return (
            "the run of your solution cells ended before this test ran (out of memory, a crash, or it was killed). "
            "Run your notebook from the top to find the cell that ends it."
        )
    if ending == "unreadable":
        return "what your solution cells produced could not be read, so this test could not be judged."
    return "this test did not run: its cell was never reached, or it was deleted or changed in your notebook."


def visible_failure(ended: Any, position: int | None) -> str | None:
    """Returns the error the visible part of a test cell raised in the judged run, or None."""
    if position is None or not isinstance(ended, list) or position >= len(ended):
        return None
    cell = ended[position]
    if not isinstance(cell, dict) or cell.get("status") != "error":
        return None
    name, value = str(cell.get("ename", "Error"))[:100], str(cell.get("evalue", "")).strip()[:500]
    if name == "OutOfTime":
        return "the visible test in this cell used up its CPU time: is your function very slow, or stuck in a loop?"
    return f"the visible test in this cell failed: {name}" + (f": {value}" if value else "")


def pass_output() -> Any:
    """Returns the output of a passed test cell."""
    return nbformat.from_dict({"output_type": "stream", "name": "stdout", "text": PASS_TEXT})
