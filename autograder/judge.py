"""The trusted judge: grade a notebook on the code that ran, never on anything the student controls.

For one submitted notebook:
1. read the student's solution cells as text and apply the static rules (`autograder.rules`):
   plain Python, no reach outside plain computation, the exercise's function defined once with
   `def`, no loops where vectorization is the exercise, no forbidden calls under any name;
2. draw the inputs of every check from the student's secret seed, here;
3. in a fresh one-shot sandbox, run only the instructor's given code, the text of the solution
   cells (exactly the text the rules read) and the visible tests, then call each exercise's
   function on those inputs; read what it wrote, as plain data, after the sandbox and every
   process in it are gone;
4. here, recompute the expected results from the reference solutions, compare, and write each
   test cell's outcome as its output: nothing (pass) or an error whose message says what is
   wrong (fail). nbgrader's SaveAutoGrades then scores the cells as usual.

The student's whole notebook also runs, in the student's warm sandbox, only for the outputs the
feedback shows: nothing from that run is judged. `TrustedJudge` plugs this into
`nbgrader autograde` in place of its Execute preprocessor.
"""

from __future__ import annotations

import ast
import atexit
import base64
import json
import os
import re
import secrets
import shutil
import stat
import sys
import tempfile
import time
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Literal

import nbformat
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Bool, Integer, List, Unicode

from autograder import _wire, rules
from autograder._exceptions import SandboxUnavailable
from autograder._functions import FUNCTIONS, NAMES
from autograder.checks import CHECKS
from autograder.checks._core import Case, Check, Produced, Raised
from autograder.sandbox import ForkServer, Limits, Sandbox, SandboxSession, finish_once, sandbox_problem
from autograder.secret import course_secret, student_seed
from autograder.timing_log import TIMING_LOG_ENV, DisplayEnding, Ending, written_log

__all__ = [
    "KERNEL_SIDE_MODULES", "SESSIONS", "JudgeSettings", "Layout", "NotebookVerdict", "TrustedJudge", "error_output",
    "fallback_layout", "grade_notebook", "is_test_cell", "kernel_side_package", "layout_of", "seed_of",
    "static_verdict", "static_verdicts", "values_verdict",
]

# What runs in a sandbox besides the student's code; the notebooks' own helpers ship as course_tools.py.
KERNEL_SIDE_MODULES = ("__init__.py", "_wire.py", "_values.py", "_session.py", "_functions.py")
MAX_SUPPORTING_BYTES = 20 * 1024**2
OUTPUT_LIMIT = 256 * 1024
PASS_TEXT = "✔ passed: judged outside your kernel on inputs drawn for you\n"
SKIP_TAG = "demo"


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


def seed_of(student: str, secret: bytes = b"") -> int:
    """Returns the seed of a student's inputs: a keyed hash of the student and the course secret."""
    return student_seed(student, secret)


def nbgrader_meta(cell: Any) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {}) or {}


def is_test_cell(cell: Any) -> bool:
    """Returns True if the cell is an autograded test cell."""
    meta = nbgrader_meta(cell)
    return cell.get("cell_type") == "code" and bool(meta.get("grade")) and not meta.get("solution")


def is_solution_cell(cell: Any) -> bool:
    """Returns True if the cell is an autograded solution cell (the student's code)."""
    meta = nbgrader_meta(cell)
    return cell.get("cell_type") == "code" and bool(meta.get("solution")) and not meta.get("grade")


def text_of(source: Any) -> str:
    """Returns a cell source stored as a string or as a list of lines, as one string."""
    return "".join(source) if isinstance(source, list) else str(source)


HIDDEN_REGION = re.compile(r"### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS\n?", re.DOTALL)


def without_hidden_tests(source: str) -> str:
    """Returns a test cell's source without its hidden region (no sandbox ever sees hidden tests)."""
    return HIDDEN_REGION.sub("", source)


# ------------------------------------------------------------------ what the instructor's notebook says


@dataclass(frozen=True)
class Layout:
    """The instructor's notebook, as the judge needs it: each cell that runs, in order.

    kind is "given" (instructor code), "solution" (the student's cell of that grade id) or "test"
    (the visible part of a test cell); text is the instructor's, empty for solutions."""

    cells: tuple[tuple[str, str, str], ...]


@lru_cache(maxsize=64)
def layout_of(path: str, modified: float) -> Layout:
    """Returns the layout of a source notebook (cached per file version)."""
    nb = nbformat.read(path, as_version=4)
    cells = []
    for cell in nb.cells:
        if cell.cell_type != "code" or SKIP_TAG in cell.metadata.get("tags", []):
            continue
        grade_id = nbgrader_meta(cell).get("grade_id", "")
        if is_solution_cell(cell):
            cells.append(("solution", grade_id, ""))
        elif is_test_cell(cell):
            cells.append(("test", grade_id, without_hidden_tests(cell.source)))
        else:
            cells.append(("given", "", cell.source))
    return Layout(tuple(cells))


def fallback_layout(nb: Any) -> Layout:
    """Returns a layout read from the submission itself, when no source notebook is known (tests only):
    its test cells' visible parts and solution cells; no given code is trusted from it."""
    cells = []
    for cell in nb.cells:
        grade_id = nbgrader_meta(cell).get("grade_id", "")
        if is_solution_cell(cell):
            cells.append(("solution", grade_id, ""))
        elif is_test_cell(cell):
            cells.append(("test", grade_id, without_hidden_tests(text_of(cell.source))))
    return Layout(tuple(cells))


def solutions_of(nb: Any) -> dict[str, str]:
    """Returns the text of the submission's solution cells by grade id (the first of each)."""
    found: dict[str, str] = {}
    for cell in nb.cells:
        if is_solution_cell(cell):
            found.setdefault(nbgrader_meta(cell).get("grade_id", ""), text_of(cell.source))
    return found


# ------------------------------------------------------------------ static rules, on the judged text


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


# ------------------------------------------------------------------ the sandboxes


@cache
def kernel_side_package() -> Path:
    """Returns a root-owned, read-only-mounted folder holding only the modules the sandbox needs:
    no checks, no references, no seed rule."""
    folder = Path(tempfile.mkdtemp(prefix="autograder-kernel-"))
    package = folder / "autograder"
    package.mkdir()
    here = Path(__file__).resolve().parent
    for name in KERNEL_SIDE_MODULES:
        shutil.copy(here / name, package / name)
    copy_font_cache(folder)
    folder.chmod(0o755)
    package.chmod(0o755)
    for path in package.iterdir():
        path.chmod(0o644)
    return folder


def copy_font_cache(folder: Path) -> None:
    """Puts matplotlib's font list beside the package, so no sandbox spends a second rebuilding it."""
    import matplotlib
    import matplotlib.font_manager

    for cached in Path(matplotlib.get_cachedir()).glob("fontlist-*.json"):
        shutil.copy(cached, folder / cached.name)
        (folder / cached.name).chmod(0o644)


@dataclass(frozen=True)
class JudgeSettings:
    """How long and how much a notebook may take, and what it is given."""

    cell_timeout: int = 30  # CPU seconds per cell and per call in the judged run; wall seconds in the display run
    limits: Limits = field(default_factory=Limits)
    sandboxed: bool = True
    secret: bytes = b""
    supporting: tuple[tuple[str, bytes], ...] = ()  # the release's supporting files, by name
    run_notebook: bool = True  # also run the whole notebook for the outputs the feedback shows


def session_limits(limits: Limits) -> Limits:
    """Returns a session's limits: CPU time is counted for all the student's notebooks together."""
    return replace(limits, cpu_seconds=limits.cpu_seconds * 8)


class SandboxPool:
    """Keeps, per grading process, the student's warm display session, a spare for the next student,
    and a spare one-shot sandbox for the next judged run. Ended when the process exits."""

    def __init__(self) -> None:
        self.student: str | None = None
        self.current: SandboxSession | None = None
        self.spare: SandboxSession | None = None
        self.values_spare: Sandbox | None = None
        self.server_student: str | None = None
        self.server: ForkServer | None = None
        self.server_spare: ForkServer | None = None
        atexit.register(self.close)

    def start(self, settings: JudgeSettings) -> SandboxSession:
        """Starts a new display session with the settings' limits."""
        return SandboxSession(session_limits(settings.limits), str(kernel_side_package()), settings.sandboxed)

    def values_sandbox(self, settings: JudgeSettings) -> Sandbox:
        """Returns a fresh one-shot sandbox for a judged run (the spare), and starts the next spare."""
        spare = self.values_spare
        usable = spare is not None and spare.alive() and spare.sandboxed == settings.sandboxed
        if spare is not None and not usable:
            spare.close()
        box = spare if usable else self.new_values_sandbox(settings)
        self.values_spare = self.new_values_sandbox(settings)
        return box

    @staticmethod
    def new_values_sandbox(settings: JudgeSettings) -> Sandbox:
        return Sandbox([sys.executable, "-m", "autograder._values"], settings.limits, str(kernel_side_package()),
                       settings.sandboxed)

    def fork_server_for(self, student: str, settings: JudgeSettings) -> ForkServer:
        """Returns the student's clean template for judged runs, taking the spare (and starting a new
        spare) for a new student: no judged run of one student ever shares a sandbox with another's."""
        if self.server_student == student and self.server is not None and self.server.alive():
            return self.server
        if self.server is not None:
            self.server.close()
        spare = self.server_spare
        usable = spare is not None and spare.alive() and spare.limits == settings.limits
        if spare is not None and not usable:
            spare.close()
        self.server = spare if usable else self.new_fork_server(settings)
        self.server_spare = self.new_fork_server(settings)
        self.server_student = student
        return self.server

    @staticmethod
    def new_fork_server(settings: JudgeSettings) -> ForkServer:
        return ForkServer(settings.limits, str(kernel_side_package()))

    def discard_fork_server(self) -> None:
        """Ends the student's template (after a run that did not answer), so the next run gets a fresh one."""
        if self.server is not None:
            self.server.close()
        self.server = None

    def session_for(self, student: str, settings: JudgeSettings) -> SandboxSession:
        """Returns the student's warm session, taking the spare (and starting a new spare) for a new student."""
        if self.student == student and self.current is not None and self.current.alive():
            return self.current
        if self.current is not None:
            self.current.close()
        spare = self.spare
        usable = spare is not None and spare.alive() and spare.sandboxed == settings.sandboxed
        self.current = spare if usable else self.start(settings)
        if spare is not None and not usable:
            spare.close()
        self.spare = self.start(settings)
        self.student = student
        return self.current

    def discard(self) -> None:
        """Ends the current session (after a crash or a timeout), so the next notebook gets a fresh one."""
        if self.current is not None:
            self.current.close()
        self.current = None

    def close(self) -> None:
        """Ends every sandbox."""
        for box in (self.current, self.spare, self.values_spare, self.server, self.server_spare):
            if box is not None:
                box.close()
        self.current = self.spare = self.values_spare = self.server = self.server_spare = None
        self.student = self.server_student = None


SESSIONS = SandboxPool()


def encode_case(case: Case) -> dict:
    """Returns a case's arguments as plain data."""
    return {
        "args": [_wire.encode(a, NAMES) for a in case.args],
        "kwargs": {k: _wire.encode(v, NAMES) for k, v in case.kwargs.items()},
    }


def needed_given_code(layout: Layout, texts: tuple[str, ...]) -> dict[int, str]:
    """Returns, per given cell (by position), the part of it the judged code needs: the top-level
    statements that bind a name the solutions or visible tests read, directly or through other such
    statements, in their order. The rest (plots, prints, try-it calls) teaches but grades nothing,
    and would cost every judged run its time (importing matplotlib alone takes half a second)."""
    given = given_statements(layout)
    bindings, references = given_names(layout)
    todo = set()
    for text in texts:
        try:
            tree = ast.parse(text)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue  # refused by the rules, or not run at all
        for statement in tree.body:
            todo |= rules.global_references(statement)
    kept, seen = set(), set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for key in bindings.get(name, []):
            if key not in kept:
                kept.add(key)
                todo |= references[key] - seen
    parts: dict[int, list[str]] = {}
    for cell, number in sorted(kept):
        parts.setdefault(cell, []).append(ast.unparse(given[(cell, number)]))
    return {cell: "\n".join(texts_) + "\n" for cell, texts_ in parts.items()}


@lru_cache(maxsize=64)
def given_names(layout: Layout) -> tuple[dict[str, list[tuple[int, int]]], dict[tuple[int, int], set[str]]]:
    """Returns, for the layout's given statements, who binds each name and what each reads (once per
    source notebook, not once per graded notebook)."""
    bindings: dict[str, list[tuple[int, int]]] = {}
    references = {}
    for key, statement in given_statements(layout).items():
        for node in ast.walk(statement):
            for name in rules.bound_by(node):
                bindings.setdefault(name, []).append(key)
        references[key] = rules.global_references(statement)
    return bindings, references


@lru_cache(maxsize=64)
def given_statements(layout: Layout) -> dict[tuple[int, int], ast.stmt]:
    """Returns the top-level statements of the layout's given cells, by (cell position, statement number)."""
    found = {}
    for index, (kind, _, text) in enumerate(layout.cells):
        if kind != "given":
            continue
        try:
            tree = ast.parse(text)
        except (SyntaxError, ValueError):
            continue  # a magic in an instructor's cell: it defines nothing the judged code needs
        for number, statement in enumerate(tree.body):
            found[(index, number)] = statement
    return found


def values_job(layout: Layout, solutions: dict[str, str], refused: set[int], tests: list[Check],
               cases: dict[str, list[Case]], settings: JudgeSettings, nonce: str) -> tuple[dict, dict[str, int]]:
    """Returns the judged run's job, and the position of each test's visible part among its cells."""
    cells, positions, solution_number = [], {}, 0
    wanted = {check.grade_id for check in tests}
    runs = [solutions.get(g, "") for kind, g, _ in layout.cells if kind == "solution"]
    runs += [text for kind, g, text in layout.cells if kind == "test" and g in wanted]
    given = needed_given_code(layout, tuple(runs))
    for index, (kind, grade_id, text) in enumerate(layout.cells):
        if kind == "given":
            cells.append({"name": "given", "source": given.get(index, "")})
        elif kind == "solution":
            allowed = solution_number not in refused
            cells.append({"name": grade_id, "source": solutions.get(grade_id, "") if allowed else ""})
            solution_number += 1
        elif grade_id in wanted:
            positions[grade_id] = len(cells)
            cells.append({"name": grade_id, "source": text})
    checks = [{"grade_id": c.grade_id, "function": c.function, "cases": [encode_case(x) for x in cases[c.grade_id]]}
              for c in tests]
    files = {name: base64.b64encode(data).decode() for name, data in settings.supporting}
    job = {"nonce": nonce, "cells": cells, "checks": checks, "cpu_seconds": settings.cell_timeout, "files": files}
    return job, positions


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
            result = SESSIONS.fork_server_for(student, settings).run(data, wall)
            if result.timed_out or result.returncode is None:
                SESSIONS.discard_fork_server()
        else:
            result = finish_once(SESSIONS.values_sandbox(settings), data, wall)
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


def supporting_files(folder: Path, names: list[str]) -> tuple[tuple[str, bytes], ...]:
    """Returns the release's supporting files by name: regular files only, no links followed, size-capped."""
    found, budget = [], MAX_SUPPORTING_BYTES
    for name in names:
        path = folder / Path(name).name
        try:
            descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError:
            continue
        with os.fdopen(descriptor, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size > budget:
                continue
            data = handle.read(budget + 1)[:budget]
        budget -= len(data)
        found.append((path.name, data))
    return tuple(found)


def display_job(nb: Any, tests: dict[int, Check], settings: JudgeSettings) -> tuple[dict, Any]:
    """Returns the display run's job (the notebook, its test cells without hidden tests or values)
    and the notebook as sent."""
    run = nbformat.from_dict(json.loads(json.dumps(nb)))
    for index in tests:
        run.cells[index].source = without_hidden_tests(text_of(nb.cells[index].source))
    for cell in run.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    files = {name: base64.b64encode(data).decode() for name, data in settings.supporting}
    job = {"notebook": run, "files": files, "cell_timeout": settings.cell_timeout, "output_limit": OUTPUT_LIMIT}
    return job, run


# ------------------------------------------------------------------ reading what came back


def produced_of(record: Any) -> Produced | None:
    """Returns what one call produced, from its record, or None if the record is malformed."""
    if not isinstance(record, dict):
        return None
    after = record.get("args_after")
    args_after = tuple(_wire.decode(a, FUNCTIONS) for a in after[:50]) if isinstance(after, list) else ()
    if "raised" in record:
        kinds = record.get("raised")
        names = tuple(str(k)[:100] for k in kinds[:20]) if isinstance(kinds, list) else ("Exception",)
        return Produced(Raised(names, str(record.get("message", ""))[:500]), args_after)
    if "returned" in record:
        return Produced(_wire.decode(record["returned"], FUNCTIONS), args_after)
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
        if isinstance(produced.value, _wire.Opaque) and produced.value.type_name.startswith("array of shape"):
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


def error_output(message: str) -> Any:
    """Returns the error output nbgrader reads as a failed test, carrying only our message."""
    return nbformat.from_dict(  # our own shape: no schema check per output (nbformat's costs ~1 ms each)
        {"output_type": "error", "ename": "CheckFailed", "evalue": message, "traceback": [f"CheckFailed: {message}"]}
    )


def pass_output() -> Any:
    """Returns the output of a passed test cell."""
    return nbformat.from_dict({"output_type": "stream", "name": "stdout", "text": PASS_TEXT})


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


# ------------------------------------------------------------------ one notebook, end to end


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


def run_for_display(nb: Any, student: str, tests: dict[int, Check], settings: JudgeSettings,
                    verdict: NotebookVerdict) -> None:
    """Runs the whole notebook in the student's warm sandbox and keeps its outputs (never graded)."""
    session = SESSIONS.session_for(student, settings)
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
        SESSIONS.discard()  # a dead or stuck session is replaced for the student's next notebook


def reported_cell_seconds(cells: Any) -> float:
    """Returns the total time the sandbox says the cells took (for timing reports only, never for grades)."""
    total = 0.0
    for cell in cells[:10000] if isinstance(cells, list) else []:
        try:
            total += float(cell.get("seconds", 0.0))
        except (ValueError, TypeError, AttributeError):
            continue
    return total


def record_timing(student: str, notebook: str, verdict: NotebookVerdict, autograded: Path | None) -> None:
    """Appends the notebook's timings to autograded/.timing.jsonl (the report's slowest submissions),
    or to the file named by $AUTOGRADER_TIMING_LOG (benchmarks); see autograder/timing_log.py."""
    if autograded is None and not os.environ.get(TIMING_LOG_ENV):
        return
    path = written_log(autograded or Path("."))
    line = {"student": student, "notebook": notebook, "cells": verdict.cell_seconds, "run": verdict.seconds,
            "judge": verdict.judge_seconds, "ending": verdict.ending, "display": verdict.display_ending}
    with open(path, "a") as log:
        log.write(json.dumps(line) + "\n")


class TrustedJudge(NbGraderPreprocessor):
    """nbgrader preprocessor that replaces Execute: judges the solution cells in a clean sandbox."""

    cell_timeout = Integer(30, help="CPU seconds one cell or one call of the judged code may use "
                                    "(and wall seconds per cell of the display run).").tag(config=True)
    timeout = Integer(180, help="Seconds a whole notebook may run in its sandbox.").tag(config=True)
    memory_limit = Integer(4 * 1024**3, help="Bytes of address space each sandboxed process may use.").tag(
        config=True
    )
    cpu_limit = Integer(180, help="CPU seconds each sandboxed process may use.").tag(config=True)
    supporting_files = List(Unicode(), default_value=[], help="Names of the files beside the release notebooks "
                                                              "that a notebook reads when it runs.").tag(config=True)
    run_notebook = Bool(True, help="Also run the whole notebook for the outputs the feedback shows "
                                   "(never graded).").tag(config=True)
    allow_unsandboxed = Bool(
        False,
        help="Grade without the sandbox when bubblewrap cannot run. Student code then runs with your rights: "
        "it can read the hidden tests and the gradebook, write your files and reach the network. "
        "Never for real grading.",
    ).tag(config=True)

    def coursedir(self) -> Any:
        app = getattr(self.parent, "parent", None)
        return getattr(app, "coursedir", None)

    def autograded_folder(self) -> Path | None:
        """Returns the course's autograded/ folder, from the nbgrader app running this preprocessor."""
        coursedir = self.coursedir()
        if coursedir is None:
            return None
        return Path(coursedir.format_path(coursedir.autograded_directory, ".", ".")).resolve()

    def course_folder(self, folder: str, assignment: str) -> Path | None:
        """Returns one of the course's folders (source, release) for the assignment."""
        coursedir = self.coursedir()
        if coursedir is None:
            return None
        return Path(coursedir.format_path(folder, ".", assignment))

    def layout(self, nb: Any, assignment: str, notebook: str) -> Layout:
        """Returns the layout of the instructor's source notebook (the given code is read there, never
        from the submission); the submission's own test cells only when no source is known."""
        coursedir = self.coursedir()
        source = self.course_folder(coursedir.source_directory, assignment) if coursedir else None
        path = source / f"{notebook}.ipynb" if source else None
        if path is not None and path.is_file():
            return layout_of(str(path), path.stat().st_mtime)
        return fallback_layout(nb)

    def secret(self) -> bytes:
        """Returns the course's secret for the seeds (kept out of the repository and of every sandbox)."""
        coursedir = self.coursedir()
        return course_secret(Path(coursedir.root) if coursedir else Path.cwd())

    def sandbox_decision(self) -> bool:
        """Returns True to grade sandboxed; refuses (raises) without a sandbox unless explicitly allowed."""
        problem = sandbox_problem()
        if problem is None:
            return True
        if not self.allow_unsandboxed:
            raise SandboxUnavailable(
                f"{problem} Refusing to run student code unsandboxed. To grade anyway, at your own risk, "
                "set c.TrustedJudge.allow_unsandboxed = True."
            )
        self.log.warning("!" * 78)
        self.log.warning("GRADING WITHOUT A SANDBOX: student code runs with your rights. %s", problem)
        self.log.warning("!" * 78)
        return False

    def preprocess(self, nb: Any, resources: dict) -> tuple[Any, dict]:
        info = resources["nbgrader"]
        student, assignment, notebook = info["student"], info["assignment"], info["notebook"]
        coursedir = self.coursedir()
        release = self.course_folder(coursedir.release_directory, assignment) if coursedir else None
        settings = JudgeSettings(
            cell_timeout=self.cell_timeout,
            limits=Limits(wall_seconds=self.timeout, memory_bytes=self.memory_limit, cpu_seconds=self.cpu_limit),
            sandboxed=self.sandbox_decision(),
            secret=self.secret(),
            supporting=supporting_files(release, list(self.supporting_files)) if release else (),
            run_notebook=self.run_notebook,
        )
        verdict = grade_notebook(nb, student, settings, self.layout(nb, assignment, notebook))
        self.log.info(
            "%s/%s: %d passed, %d failed (%s, %.1f s)", student, notebook,
            len(verdict.passed), len(verdict.failures), verdict.ending, verdict.seconds,
        )
        record_timing(student, notebook, verdict, self.autograded_folder())
        return nb, resources
