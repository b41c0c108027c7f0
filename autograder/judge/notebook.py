"""One notebook, end to end: its checks, its seed, the static verdicts, the judged run, each test cell's output."""

from __future__ import annotations

import secrets
import time
from typing import Any

from autograder.cells import error_output, is_test_cell, nbgrader_meta
from autograder.checks import CHECKS
from autograder.checks._core import Check
from autograder.judge.jobs import values_job
from autograder.judge.layout import Layout, fallback_layout, solutions_of
from autograder.judge.runs import run_for_display, run_values
from autograder.judge.settings import JudgeSettings
from autograder.judge.static import static_verdicts
from autograder.judge.verdicts import (
    NotebookVerdict,
    missing_values_reason,
    pass_output,
    values_verdict,
    visible_failure,
)
from autograder.secret import student_seed

__all__ = ["fail_all", "grade_notebook", "judge_notebook", "registered_tests", "seed_of"]


def seed_of(student: str, secret: bytes = b"") -> int:
    """Returns the seed of a student's inputs: a keyed hash of the student and the course secret."""
    return student_seed(student, secret)


def fail_all(nb: Any, message: str) -> NotebookVerdict:
    """Fails every test cell of a notebook with one message, without running anything."""
    verdict = NotebookVerdict(ending="not run")
    for cell in nb.cells:
        if is_test_cell(cell):
            cell.outputs = [error_output(message)]
            verdict.failures[nbgrader_meta(cell).get("grade_id", "")] = message
    return verdict


def grade_notebook(nb: Any, student: str, settings: JudgeSettings | None = None,
                   layout: Layout | None = None) -> NotebookVerdict:
    """Judges every graded test cell of `nb` (in place: outputs set); returns the verdict."""
    started = time.perf_counter()
    verdict = judge_notebook(nb, student, settings or JudgeSettings(), layout or fallback_layout(nb))
    verdict.judge_seconds = time.perf_counter() - started
    return verdict


def registered_tests(nb: Any, verdict: NotebookVerdict) -> dict[int, Check]:
    """Returns the notebook's test cells that have a trusted check; fails the others."""
    tests: dict[int, Check] = {}
    for index, cell in enumerate(nb.cells):
        if is_test_cell(cell):
            grade_id = nbgrader_meta(cell).get("grade_id", "")
            if grade_id in CHECKS and grade_id not in {c.grade_id for c in tests.values()}:
                tests[index] = CHECKS[grade_id]
            else:
                cell.outputs = [error_output(f"no trusted check is registered for test cell {grade_id!r}.")]
                verdict.failures[grade_id] = cell.outputs[0].evalue
    return tests


def judge_notebook(nb: Any, student: str, settings: JudgeSettings, layout: Layout) -> NotebookVerdict:
    """Judges every graded test cell of `nb` (in place: outputs set); returns the verdict."""
    import numpy as np

    unreadable = nb.metadata.get("autograder", {}).get("unreadable")
    if unreadable:
        return fail_all(nb, f"your notebook file could not be read ({unreadable}), so none of its tests could run.")
    verdict = NotebookVerdict()
    tests = registered_tests(nb, verdict)
    checks = list(tests.values())
    rng_seed = seed_of(student, settings.secret)
    cases = {check.grade_id: check.cases(np.random.default_rng(rng_seed)) for check in checks}
    solutions = solutions_of(nb)
    static, refused = static_verdicts(layout, solutions, checks)
    job, positions = values_job(layout, solutions, refused, checks, cases, settings, secrets.token_hex(16))
    verdict.ending, answer, verdict.seconds = run_values(job, settings, student)
    values = answer.get("values") if isinstance(answer, dict) and isinstance(answer.get("values"), dict) else {}
    ended = answer.get("cells") if isinstance(answer, dict) else None
    reason = missing_values_reason(verdict.ending, settings)
    for index, check in tests.items():
        problem = static.get(check.grade_id) or values_verdict(
            check, cases[check.grade_id], values.get(check.grade_id), reason, settings.cell_timeout
        ) or visible_failure(ended, positions.get(check.grade_id))
        cell = nb.cells[index]
        if problem:
            cell.outputs = [error_output(problem)]
            verdict.failures[check.grade_id] = problem
        else:
            cell.outputs = [pass_output()]
            verdict.passed.append(check.grade_id)
        cell.execution_count = None
    if settings.run_notebook:
        run_for_display(nb, student, tests, settings, verdict)
    return verdict
