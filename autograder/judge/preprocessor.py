"""`TrustedJudge`, nbgrader's preprocessor in place of Execute, and the timing log it writes."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Bool, Integer, List, Unicode

from autograder._exceptions import SandboxUnavailable
from autograder.judge.jobs import supporting_files
from autograder.judge.layout import Layout, fallback_layout, layout_of
from autograder.judge.notebook import grade_notebook
from autograder.judge.settings import JudgeSettings
from autograder.judge.verdicts import NotebookVerdict
from autograder.sandbox import Limits, sandbox_problem
from autograder.secret import course_secret
from autograder.timing_log import TIMING_LOG_ENV, written_log

__all__ = ["TrustedJudge", "record_timing"]


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
