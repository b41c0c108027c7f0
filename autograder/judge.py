"""The trusted judge: grade a notebook without trusting anything the student's code can touch.

For one submitted notebook:
1. read the student's source from the notebook file and apply the static rules (no loops where
   vectorization is the exercise, no forbidden calls, no function that ignores its input);
2. write the inputs of every check, drawn from the student's seed, as plain data;
3. run the notebook in the sandbox, where each graded test cell is replaced by a call that only
   applies the student's function to those inputs and writes what it returned;
4. here, outside the sandbox, recompute the expected results from the reference solutions,
   compare, and write each test cell's outcome as its output: nothing (pass) or an error whose
   message says what is wrong (fail). nbgrader's SaveAutoGrades then scores the cells as usual.

A test whose values never arrived (kernel died, timed out, cell deleted) fails, with the reason.
`TrustedJudge` plugs this into `nbgrader autograde` in place of its Execute preprocessor.
"""

from __future__ import annotations

import ast
import atexit
import json
import os
import re
import shutil
import tempfile
import time
import zlib
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import nbformat
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Bool, Integer

from autograder import _wire
from autograder._exceptions import SandboxUnavailable
from autograder._functions import FUNCTIONS, NAMES
from autograder.checks import CHECKS
from autograder.checks._core import Case, Check, Produced, Raised
from autograder.sandbox import Limits, SandboxSession, sandbox_problem

__all__ = ["NotebookVerdict", "TrustedJudge", "grade_notebook", "seed_of"]

KERNEL_SIDE_MODULES = (
    "__init__.py", "_wire.py", "_produce.py", "_session.py", "_functions.py", "_source.py", "plots.py", "student.py",
)
MAX_COPY_BYTES = 20 * 1024**2
OUTPUT_LIMIT = 256 * 1024
PASS_TEXT = "✔ passed: judged outside your kernel on inputs drawn for you\n"


@dataclass
class NotebookVerdict:
    """The outcome of judging one notebook: a message per failed test cell, and what happened."""

    failures: dict[str, str] = field(default_factory=dict)
    passed: list[str] = field(default_factory=list)
    ending: str = ""
    seconds: float = 0.0  # the notebook's run in its sandbox, as seen from here
    cell_seconds: float = 0.0  # the part spent running the notebook's cells (as the sandbox reports it)
    judge_seconds: float = 0.0  # everything this function did, run included


def seed_of(student: str) -> int:
    """Returns the seed of a student's inputs (the same one the in-kernel `check` uses)."""
    return zlib.crc32(student.encode())


def is_test_cell(cell: Any) -> bool:
    """Returns True if the cell is an autograded test cell."""
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return cell.get("cell_type") == "code" and bool(meta.get("grade")) and not meta.get("solution")


# ------------------------------------------------------------------ static rules, on the notebook's text


@lru_cache(maxsize=4096)
def python_of(source: str) -> ast.Module | None:
    """Returns the syntax tree of a cell after IPython's transforms (magics), or None if invalid.

    Cached: every test cell reads all the cells above it, so each cell would be parsed once per test.
    The trees are only read, never changed."""
    from IPython.core.inputtransformer2 import TransformerManager

    try:
        return ast.parse(TransformerManager().transform_cell(source))
    except (SyntaxError, ValueError, RecursionError):
        return None


def bound_names(statement: ast.stmt) -> set[str]:
    """Returns the names a top-level statement binds."""
    if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return {statement.name}
    if isinstance(statement, (ast.Import, ast.ImportFrom)):
        return {(a.asname or a.name).split(".")[0] for a in statement.names}
    targets: list[ast.expr] = []
    if isinstance(statement, ast.Assign):
        targets = statement.targets
    elif isinstance(statement, (ast.AnnAssign, ast.AugAssign)):
        targets = [statement.target]
    names = set()
    for target in targets:
        names |= {n.id for n in ast.walk(target) if isinstance(n, ast.Name)}
    return names


def definitions(cells: list[Any]) -> dict[str, ast.stmt]:
    """Returns the last top-level statement binding each name in the code cells, in order."""
    found: dict[str, ast.stmt] = {}
    for cell in cells:
        if cell.get("cell_type") != "code":
            continue
        tree = python_of(cell.get("source", ""))
        for statement in tree.body if tree else []:
            for name in bound_names(statement):
                found[name] = statement
    return found


def function_sources(name: str, defined: dict[str, ast.stmt], depth: int = 3) -> list[str] | None:
    """Returns the source of `def name` and of the notebook's functions it calls, or None if not a def."""
    statement = defined.get(name)
    if not isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return None
    sources = [ast.unparse(statement)]
    if depth > 0:
        called = {n.func.id for n in ast.walk(statement) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
        for other in sorted(called - {name}):
            more = function_sources(other, defined, depth - 1)
            sources += more or []
    return sources


def is_stub(statement: ast.stmt) -> bool:
    """Returns True if a function still raises NotImplementedError (the release's stub)."""
    return any(
        isinstance(node, ast.Raise) and node.exc is not None and "NotImplementedError" in ast.unparse(node.exc)
        for node in ast.walk(statement)
    )


def ignores_input(statement: ast.stmt) -> bool:
    """Returns True if a function never reads any of its parameters (a hard-coded answer)."""
    if not isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return False
    arguments = statement.args
    params = {a.arg for a in [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]}
    if arguments.vararg:
        params.add(arguments.vararg.arg)
    if arguments.kwarg:
        params.add(arguments.kwarg.arg)
    used = {n.id for n in ast.walk(statement) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    return bool(params) and not (params & used)


def static_verdict(check: Check, cells_before: list[Any]) -> str | None:
    """Returns why the student's function breaks the exercise's rules, read from the notebook text."""
    defined = definitions(cells_before)
    statement = defined.get(check.function)
    if statement is None:
        return f"`{check.function}` is not defined in your notebook above this test; run its cell and keep its name."
    if not isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
        if check.no_loops or check.forbidden_calls:
            return (
                f"`{check.function}` must be defined with `def {check.function}(...)` in its solution cell; "
                "here it is assigned or imported instead, so it cannot be checked."
            )
        return None
    if is_stub(statement):
        return f"`{check.function}` is not written yet: replace `raise NotImplementedError()` with your solution."
    if ignores_input(statement):
        return (
            f"`{check.function}` never uses its input: it returns the same thing whatever it is given, "
            "so it only fits the example it was written for. Compute the result from the arguments."
        )
    sources = function_sources(check.function, defined) or []
    return check.source_problem("\n\n".join(sources))


# ------------------------------------------------------------------ the sandboxed run


@cache
def kernel_side_package() -> Path:
    """Returns a folder holding only the modules the sandbox needs: no checks, no references."""
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


def produce_source(check: Check, io: str) -> str:
    """Returns the cell that replaces a test cell in the sandbox: it only produces values."""
    return (
        "__import__('autograder._produce', fromlist=['produce']).produce("
        f"{check.grade_id!r}, {check.function!r}, globals(), __import__('pathlib').Path({io!r}))"
    )


def encode_case(case: Case) -> dict:
    """Returns a case's arguments as plain data."""
    return {
        "args": [_wire.encode(a, NAMES) for a in case.args],
        "kwargs": {k: _wire.encode(v, NAMES) for k, v in case.kwargs.items()},
    }


def copy_folder(source: Path, target: Path) -> None:
    """Copies the regular files of the submission folder (no links, nothing huge) into the sandbox."""
    target.mkdir(parents=True, exist_ok=True)
    budget = MAX_COPY_BYTES
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source)
        if path.is_symlink() or not path.is_file() or any(p.startswith(".") for p in relative.parts):
            continue
        size = path.stat().st_size
        if size > budget:
            continue
        budget -= size
        (target / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target / relative)


@dataclass(frozen=True)
class JudgeSettings:
    """How long and how much a notebook may take."""

    cell_timeout: int = 30
    limits: Limits = field(default_factory=Limits)
    sandboxed: bool = True


HIDDEN_REGION = re.compile(r"### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS\n?", re.DOTALL)


def without_hidden_tests(source: str) -> str:
    """Returns a test cell's source without its hidden region (the sandbox never sees hidden tests)."""
    return HIDDEN_REGION.sub("", source)


def write_job(
    here: Path, inside: str, nb: Any, folder: Path, tests: dict[int, Check], cases: dict[str, list[Case]],
    settings: JudgeSettings,
) -> Any:
    """Writes one notebook's job into a session folder (`here`, seen as `inside` in the sandbox):
    the submission's files, the notebook with its test cells replaced, the inputs, the plan.
    Returns the notebook as sent."""
    notebook_dir, io = here / "notebook", here / "io"
    copy_folder(folder, notebook_dir)
    (io / "inputs").mkdir(parents=True)
    (io / "values").mkdir()
    run = nbformat.from_dict(json.loads(json.dumps(nb)))
    for index, check in tests.items():
        # Values first (the judge's), then the cell's visible asserts, which can only fail it.
        visible = without_hidden_tests(nb.cells[index].source)
        run.cells[index].source = produce_source(check, f"{inside}/io") + "\n" + visible
        (io / "inputs" / f"{check.grade_id}.json").write_text(
            _wire.dumps({"cases": [encode_case(c) for c in cases[check.grade_id]]})
        )
    for cell in run.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    nbformat.write(run, io / "run.ipynb")
    plan = {
        "notebook": f"{inside}/io/run.ipynb",
        "cwd": f"{inside}/notebook",
        "io": f"{inside}/io",
        "cell_timeout": settings.cell_timeout,
        "output_limit": OUTPUT_LIMIT,
    }
    (io / "plan.json").write_text(json.dumps(plan))
    return run


class SessionManager:
    """Keeps a warm sandbox for the student being graded, and a spare one starting for the next.

    One per grading process: sandboxes are a resource of the process, ended when it exits.
    """

    def __init__(self) -> None:
        self.student: str | None = None
        self.current: SandboxSession | None = None
        self.spare: SandboxSession | None = None
        atexit.register(self.close)

    def start(self, settings: JudgeSettings) -> SandboxSession:
        """Starts a new sandbox session with the settings' limits."""
        return SandboxSession(session_limits(settings.limits), str(kernel_side_package()), settings.sandboxed)

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
        """Ends every session."""
        for session in (self.current, self.spare):
            if session is not None:
                session.close()
        self.current = self.spare = None
        self.student = None


SESSIONS = SessionManager()


def session_limits(limits: Limits) -> Limits:
    """Returns a session's limits: CPU time is counted for all the student's notebooks together."""
    return replace(limits, cpu_seconds=limits.cpu_seconds * 8)


# ------------------------------------------------------------------ reading what came back


def read_json(path: Path) -> Any:
    """Returns the JSON in a file the sandbox wrote, or None if missing, huge or malformed."""
    try:
        if not path.is_file() or path.is_symlink() or path.stat().st_size > _wire.MAX_BYTES:
            return None
        return json.loads(path.read_text())
    except (OSError, ValueError, RecursionError):
        return None


def produced_of(record: Any) -> Produced | None:
    """Returns what one call produced, from its record, or None if the record is malformed."""
    if not isinstance(record, dict):
        return None
    after = record.get("args_after")
    args_after = tuple(_wire.decode(a, FUNCTIONS) for a in after) if isinstance(after, list) else ()
    if "raised" in record:
        kinds = record.get("raised")
        names = tuple(str(k)[:100] for k in kinds[:20]) if isinstance(kinds, list) else ("Exception",)
        return Produced(Raised(names, str(record.get("message", ""))[:500]), args_after)
    if "returned" in record:
        return Produced(_wire.decode(record["returned"], FUNCTIONS), args_after)
    return None


def values_verdict(check: Check, cases: list[Case], data: Any, missing_reason: str) -> str | None:
    """Returns the failure message of a test cell from the values its run wrote, or None if it passes."""
    if data is None:
        return missing_reason
    if isinstance(data, dict) and "missing" in data:
        return f"`{check.function}` is not defined when this test runs; run its cell and keep its name."
    records = data.get("records") if isinstance(data, dict) else None
    if not isinstance(records, list):
        return missing_reason
    for index, case in enumerate(cases):
        if index >= len(records):
            return (
                f"`{check.function}` did not finish for {case.label}: it was stopped "
                "(too slow, an infinite loop, or the kernel died)."
            )
        produced = produced_of(records[index])
        if produced is None:
            return f"what `{check.function}` returned for {case.label} could not be read."
        problem = check.verdict(case, produced)
        if problem:
            return problem
    return None


def missing_values_reason(ending: str, settings: JudgeSettings) -> str:
    """Returns why a test produced no values, in words a student understands."""
    if ending == "timed out":
        return (
            f"your notebook did not finish within {settings.limits.wall_seconds:.0f} s, so this test never ran. "
            "Look for an infinite loop or a cell that waits forever."
        )
    if ending == "kernel died":
        return (
            "the kernel died before this test ran (out of memory, os._exit, a crash, or it was killed). "
            "Run your notebook from the top to find the cell that ends it."
        )
    if ending == "timeout":
        return f"a cell ran longer than {settings.cell_timeout} s before this test, which then never ran."
    return "this test did not run: its cell was never reached, or it was deleted or changed in your notebook."


def error_output(message: str) -> Any:
    """Returns the error output nbgrader reads as a failed test, carrying only our message."""
    return nbformat.v4.new_output(
        "error", ename="CheckFailed", evalue=message, traceback=[f"CheckFailed: {message}"]
    )


def text_of(source: Any) -> str:
    """Returns a cell source stored as a string or as a list of lines, as one string."""
    return "".join(source) if isinstance(source, list) else str(source)


def visible_failure(executed: Any, index: int, sent: Any) -> str | None:
    """Returns the error the visible part of a test cell raised in the student's kernel, or None.

    Only ever used to fail a test, never to pass one: the student's code can hide an error
    from this record, but a test also needs the judge's verdict on its values to pass.
    """
    cells = executed.get("cells") if isinstance(executed, dict) else None
    if not isinstance(cells, list) or len(cells) != len(sent.cells) or not isinstance(cells[index], dict):
        return None
    for output in cells[index].get("outputs") or []:
        if isinstance(output, dict) and output.get("output_type") == "error":
            name, value = str(output.get("ename", "Error"))[:100], str(output.get("evalue", "")).strip()
            first = value.splitlines()[0][:500] if value else ""
            return f"the visible test in this cell failed: {name}" + (f": {first}" if first else "")
    return None


def keep_student_outputs(nb: Any, executed: Any, sent: Any, tests: dict[int, Check]) -> None:
    """Copies the outputs of the student's own cells from the run, where the cells are the ones sent."""
    if executed is None or len(executed.get("cells", [])) != len(sent.cells):
        return
    for index, (cell, ran, was) in enumerate(zip(nb.cells, executed["cells"], sent.cells, strict=True)):
        if index in tests or cell.cell_type != "code" or not isinstance(ran, dict):
            continue
        if text_of(ran.get("source")) != was.source or not isinstance(ran.get("outputs"), list):
            continue
        try:
            outputs = [nbformat.from_dict(o) for o in ran["outputs"]]
            probe = nbformat.v4.new_code_cell(outputs=outputs)
            nbformat.validate(nbformat.v4.new_notebook(cells=[probe]))
        except Exception:
            continue
        cell.outputs = [o for o in outputs if o.get("output_type") != "error"] + [
            o for o in outputs if o.get("output_type") == "error"
        ]


# ------------------------------------------------------------------ one notebook, end to end


def fail_all(nb: Any, message: str) -> NotebookVerdict:
    """Fails every test cell of a notebook with one message, without running anything."""
    verdict = NotebookVerdict(ending="not run")
    for cell in nb.cells:
        if is_test_cell(cell):
            cell.outputs = [error_output(message)]
            verdict.failures[cell.metadata["nbgrader"].get("grade_id", "")] = message
    return verdict


def reported_cell_seconds(path: Path) -> float:
    """Returns the total time the sandbox says the cells took (for timing reports only, never for grades)."""
    total = 0.0
    try:
        lines = path.read_text().splitlines()[:10000] if path.stat().st_size < 10**7 else []
    except OSError:
        return 0.0
    for line in lines:
        try:
            total += float(json.loads(line).get("seconds", 0.0))
        except (ValueError, TypeError, AttributeError):
            continue
    return total


def grade_notebook(nb: Any, folder: Path, student: str, settings: JudgeSettings | None = None) -> NotebookVerdict:
    """Judges every graded test cell of `nb` (in place: outputs set); returns the verdict."""
    started = time.perf_counter()
    verdict = judge_notebook(nb, folder, student, settings or JudgeSettings())
    verdict.judge_seconds = time.perf_counter() - started
    return verdict


def judge_notebook(nb: Any, folder: Path, student: str, settings: JudgeSettings) -> NotebookVerdict:
    """Judges every graded test cell of `nb` (in place: outputs set); returns the verdict."""
    unreadable = nb.metadata.get("autograder", {}).get("unreadable")
    if unreadable:
        return fail_all(nb, f"your notebook file could not be read ({unreadable}), so none of its tests could run.")
    seed = seed_of(student)
    tests: dict[int, Check] = {}
    verdict = NotebookVerdict()
    for index, cell in enumerate(nb.cells):
        if is_test_cell(cell):
            grade_id = cell.metadata["nbgrader"].get("grade_id", "")
            if grade_id in CHECKS:
                tests[index] = CHECKS[grade_id]
            else:
                cell.outputs = [error_output(f"no trusted check is registered for test cell {grade_id!r}.")]
                verdict.failures[grade_id] = cell.outputs[0].evalue
    cases = {check.grade_id: check.cases(__import__("numpy").random.default_rng(seed)) for check in tests.values()}
    static = {index: static_verdict(check, nb.cells[:index]) for index, check in tests.items()}
    session = SESSIONS.session_for(student, settings)
    here, inside = session.folder()
    try:
        sent = write_job(here, inside, nb, folder, tests, cases, settings)
        ending, verdict.seconds = session.run(here / "io" / "plan.json", f"{inside}/io/plan.json",
                                              settings.limits.wall_seconds)
        io = here / "io"
        reported = read_json(io / "ending.json")
        if ending == "finished" and isinstance(reported, dict) and reported.get("ending") == "timeout":
            ending = "timeout"
        verdict.ending = ending
        executed = read_json(io / "executed.ipynb")
        verdict.cell_seconds = reported_cell_seconds(io / "cells.jsonl")
        keep_student_outputs(nb, executed, sent, tests)
        reason = missing_values_reason(ending, settings)
        for index, check in tests.items():
            problem = static[index] or values_verdict(
                check, cases[check.grade_id], read_json(io / "values" / f"{check.grade_id}.json"), reason
            ) or visible_failure(executed, index, sent)
            cell = nb.cells[index]
            if problem:
                cell.outputs = [error_output(problem)]
                verdict.failures[check.grade_id] = problem
            else:
                cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=PASS_TEXT)]
                verdict.passed.append(check.grade_id)
            cell.execution_count = None
    finally:
        shutil.rmtree(here, ignore_errors=True)
        if not session.alive() or verdict.ending != "finished":
            SESSIONS.discard()  # a dead or stuck session is replaced for the student's next notebook
    return verdict


TIMING_LOG = "AUTOGRADER_TIMING_LOG"


def record_timing(student: str, notebook: str, verdict: NotebookVerdict, autograded: Path | None) -> None:
    """Appends the notebook's timings to autograded/.timing.jsonl (the report's slowest submissions),
    or to the file named by $AUTOGRADER_TIMING_LOG (benchmarks)."""
    path = os.environ.get(TIMING_LOG) or (str(autograded / ".timing.jsonl") if autograded else None)
    if not path:
        return
    line = {"student": student, "notebook": notebook, "cells": verdict.cell_seconds, "run": verdict.seconds,
            "judge": verdict.judge_seconds, "ending": verdict.ending}
    with open(path, "a") as log:
        log.write(json.dumps(line) + "\n")


class TrustedJudge(NbGraderPreprocessor):
    """nbgrader preprocessor that replaces Execute: runs the notebook sandboxed, judges outside it."""

    cell_timeout = Integer(30, help="Seconds one cell of a student's notebook may run.").tag(config=True)
    timeout = Integer(180, help="Seconds a whole notebook may run in its sandbox.").tag(config=True)
    memory_limit = Integer(4 * 1024**3, help="Bytes of address space each sandboxed process may use.").tag(
        config=True
    )
    cpu_limit = Integer(180, help="CPU seconds each sandboxed process may use.").tag(config=True)
    allow_unsandboxed = Bool(
        False,
        help="Grade without the sandbox when bubblewrap cannot run. Student code then runs with your rights: "
        "it can read the hidden tests and the gradebook, write your files and reach the network. "
        "Never for real grading.",
    ).tag(config=True)

    def autograded_folder(self) -> Path | None:
        """Returns the course's autograded/ folder, from the nbgrader app running this preprocessor."""
        app = getattr(self.parent, "parent", None)
        coursedir = getattr(app, "coursedir", None)
        if coursedir is None:
            return None
        return Path(coursedir.format_path(coursedir.autograded_directory, ".", ".")).resolve()

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
        student = resources["nbgrader"]["student"]
        folder = Path(resources["metadata"]["path"])
        settings = JudgeSettings(
            cell_timeout=self.cell_timeout,
            limits=Limits(wall_seconds=self.timeout, memory_bytes=self.memory_limit, cpu_seconds=self.cpu_limit),
            sandboxed=self.sandbox_decision(),
        )
        verdict = grade_notebook(nb, folder, student, settings)
        self.log.info(
            "%s/%s: %d passed, %d failed (%s, %.1f s)", student, resources["nbgrader"]["notebook"],
            len(verdict.passed), len(verdict.failures), verdict.ending, verdict.seconds,
        )
        record_timing(student, resources["nbgrader"]["notebook"], verdict, self.autograded_folder())
        return nb, resources
