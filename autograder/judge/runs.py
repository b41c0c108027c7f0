"""The two runs of a notebook in its sandboxes, and what is read back from them: the judged run's answer,
the display run's outputs (kept only where the cells are the ones sent)."""

from __future__ import annotations

import json
from typing import Any

import nbformat

from autograder.cells import text_of
from autograder.checks._core import Check
from autograder.judge.jobs import display_job
from autograder.judge.pool import sessions
from autograder.judge.settings import JudgeSettings
from autograder.judge.verdicts import NotebookVerdict
from autograder.sandbox import finish_once
from autograder.timing_log import Ending

__all__ = ["keep_student_outputs", "reported_cell_seconds", "run_for_display", "run_values", "valid_outputs"]


def run_values(job: dict, settings: JudgeSettings, student: str = "") -> tuple[Ending, dict | None, float]:
    """Runs the judged code in a clean process; returns (ending, its answer or None, seconds).

    Sandboxed, the process is a child forked from the student's clean template (see ForkServer),
    and its answer is relayed only once it and every process it started are gone; unsandboxed, a
    fresh one-shot process whose answer is read once it has ended. A run that ran out of wall time
    (not CPU time) is tried once more, in a fresh sandbox, so a loaded machine cannot cost a grade."""
    data = json.dumps(job).encode()
    seconds = 0.0
    for attempt in range(2):
        wall = settings.limits.wall_seconds * (attempt + 1)
        if settings.sandboxed:
            result = sessions().fork_server_for(student, settings).run(data, wall)
            if result.timed_out or result.returncode is None:
                sessions().discard_fork_server()
        else:
            result = finish_once(sessions().values_sandbox(settings), data, wall)
        seconds += result.seconds
        if not result.timed_out:
            break
    if result.timed_out:
        return "timed out", None, seconds
    lines = result.output.splitlines()
    if result.overflowed:
        return "unreadable", None, seconds
    if len(lines) != 1:
        return ("kernel died" if not lines else "unreadable"), None, seconds
    try:
        answer = json.loads(lines[0])  # its size is capped by the sandbox's output_bytes
    except (ValueError, RecursionError):
        return "unreadable", None, seconds
    if not isinstance(answer, dict) or answer.get("nonce") != job["nonce"]:
        return "unreadable", None, seconds
    return "finished", answer, seconds


def run_for_display(nb: Any, student: str, tests: dict[int, Check], settings: JudgeSettings,
                    verdict: NotebookVerdict) -> None:
    """Runs the whole notebook in the student's warm sandbox and keeps its outputs (never graded)."""
    session = sessions().session_for(student, settings)
    job, sent = display_job(nb, tests, settings)
    ending, seconds, answer = session.run(job, settings.limits.wall_seconds)
    verdict.seconds += seconds
    if ending == "finished" and isinstance(answer, dict) and answer.get("ending") == "timeout":
        ending = "timeout"
    verdict.display_ending = ending
    if isinstance(answer, dict):
        keep_student_outputs(nb, answer.get("executed"), sent, tests)
        verdict.cell_seconds = reported_cell_seconds(answer.get("cells"))
    if not session.alive() or ending != "finished":
        sessions().discard()  # a dead or stuck session is replaced for the student's next notebook


def reported_cell_seconds(cells: Any) -> float:
    """Returns the total time the sandbox says the cells took (for timing reports only, never for grades)."""
    total = 0.0
    for cell in cells[:10000] if isinstance(cells, list) else []:
        try:
            total += float(cell.get("seconds", 0.0))
        except (ValueError, TypeError, AttributeError):
            continue
    return total


def keep_student_outputs(nb: Any, executed: Any, sent: Any, tests: dict[int, Check]) -> None:
    """Copies the outputs of the student's own cells from the display run, where the cells are the ones sent."""
    if not isinstance(executed, dict) or not isinstance(executed.get("cells"), list):
        return
    if len(executed["cells"]) != len(sent.cells):
        return
    kept = {}
    for index, (cell, ran, was) in enumerate(zip(nb.cells, executed["cells"], sent.cells, strict=True)):
        if index in tests or cell.cell_type != "code" or not isinstance(ran, dict):
            continue
        if text_of(ran.get("source")) != was.source or not isinstance(ran.get("outputs"), list):
            continue
        try:
            kept[index] = [nbformat.from_dict(o) for o in ran["outputs"][:100]]
        except Exception:
            continue
    if not valid_outputs(list(kept.values())):  # one check for all (the common case); else cell by cell
        kept = {index: outputs for index, outputs in kept.items() if valid_outputs([outputs])}
    for index, outputs in kept.items():
        nb.cells[index].outputs = [o for o in outputs if o.get("output_type") != "error"] + [
            o for o in outputs if o.get("output_type") == "error"
        ]


def valid_outputs(per_cell: list[list[Any]]) -> bool:
    """Returns True if every cell's outputs are valid nbformat outputs (one schema check of a notebook
    holding them all, as nbformat's fast validator checks whole notebooks only)."""
    cells = [{"cell_type": "code", "execution_count": None, "id": f"c{i}", "metadata": {}, "outputs": outputs,
              "source": ""} for i, outputs in enumerate(per_cell)]
    probe = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    try:
        nbformat.validate(nbformat.from_dict(probe))
    except Exception:
        return False
    return True
