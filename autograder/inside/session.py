"""Runs inside the sandbox: one warm IPython shell that executes one student's notebooks, one by one.

Started once per student by the trusted grader, ahead of need, as
`python -m autograder.inside.session`; numpy, matplotlib and IPython are imported before the first
notebook arrives, so a notebook costs only its own cells. Each line read from stdin is one job:
the notebook and the supporting files the release ships. It writes the files into a fresh job
folder of its own (in the sandbox's memory file system), executes the notebook there in a fresh
namespace (cells tagged `demo`, the plots and timings that teach but grade nothing, are
skipped), and answers one line on the protocol pipe: the executed notebook and how each cell
ended. This run gives the outputs the student sees in the feedback; nothing of it is graded
(the judged values come from a separate, clean run: `values.py`). The student's code shares
this process and can break it; that only costs this student, whose sandbox is then replaced.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from pathlib import Path
from typing import Any

__all__ = ["OutputRecorder", "warm_font_cache"]

SKIP_TAG = "demo"


class CellTimeout(BaseException):
    """Raised in the student's code when a cell runs past its time."""


class OutputRecorder:
    """Collects a cell's outputs as nbformat dictionaries, within a byte budget."""

    def __init__(self, limit: int) -> None:
        self.outputs: list[dict] = []
        self.limit = limit
        self.size = 0
        self.dropped = 0

    def keep(self, output: dict, size: int) -> None:
        """Appends an output, or counts it as dropped when over budget."""
        if self.size + size > self.limit:
            self.dropped += size
            return
        self.size += size
        self.outputs.append(output)

    def stream(self, name: str, text: str) -> None:
        """Appends text to the cell's stream of that name."""
        last = self.outputs[-1] if self.outputs else None
        if last and last["output_type"] == "stream" and last["name"] == name and self.size + len(text) <= self.limit:
            last["text"] += text
            self.size += len(text)
            return
        self.keep({"output_type": "stream", "name": name, "text": text}, len(text))

    def finish(self) -> list[dict]:
        """Returns the outputs, with a note when some were dropped."""
        if self.dropped:
            self.outputs.append(
                {"output_type": "stream", "name": "stdout", "text": f"[output truncated: {self.dropped} bytes]\n"}
            )
        return self.outputs


class Stream:
    """A text stream (sys.stdout or sys.stderr) that records into the current cell."""

    def __init__(self, session: Session, name: str) -> None:
        self.session, self.name = session, name

    def write(self, text: str) -> int:
        self.session.recorder.stream(self.name, str(text))
        return len(text)

    def flush(self) -> None:
        return None

    def isatty(self) -> bool:
        return False


class Session:
    """The warm shell and the per-cell recording around it."""

    def __init__(self, protocol: Any) -> None:
        self.protocol = protocol
        self.recorder = OutputRecorder(0)
        self.shell = self.make_shell()

    def make_shell(self) -> Any:
        """Returns an IPython shell whose displays, results and tracebacks land in the recorder."""
        import matplotlib

        matplotlib.use("module://matplotlib_inline.backend_inline")
        import matplotlib.pyplot
        import numpy  # noqa: F401 - warm
        from IPython.core.displayhook import DisplayHook
        from IPython.core.displaypub import DisplayPublisher
        from IPython.core.interactiveshell import InteractiveShell

        session = self

        class Publisher(DisplayPublisher):
            def publish(self, data, metadata=None, *args: Any, **kwargs: Any) -> None:
                size = sum(len(str(v)) for v in data.values())
                session.recorder.keep({"output_type": "display_data", "data": data, "metadata": metadata or {}}, size)

        class Hook(DisplayHook):
            def write_output_prompt(self) -> None:
                return None

            def write_format_data(self, format_dict, md_dict=None) -> None:
                size = sum(len(str(v)) for v in format_dict.values())
                session.recorder.keep(
                    {"output_type": "execute_result", "data": format_dict, "metadata": md_dict or {},
                     "execution_count": self.prompt_count},
                    size,
                )

            def finish_displayhook(self) -> None:
                return None

        class Shell(InteractiveShell):
            def enable_gui(self, gui=None) -> None:
                return None  # inline figures need no event loop

            def _showtraceback(self, etype, evalue, stb) -> None:
                traceback = [str(line) for line in stb][-40:]
                session.recorder.keep(
                    {"output_type": "error", "ename": getattr(etype, "__name__", str(etype)),
                     "evalue": str(evalue)[:2000], "traceback": traceback},
                    sum(len(t) for t in traceback),
                )

        from traitlets.config import Config

        config = Config()
        config.HistoryManager.enabled = False  # no history file: the cells' text stays in memory only
        shell = Shell.instance(config=config, colors="nocolor")
        shell.display_pub = Publisher(shell=shell)
        shell.displayhook = Hook(shell=shell, cache_size=0)
        shell.display_trap.hook = shell.displayhook
        shell.enable_matplotlib("inline")
        return shell

    def run_notebook(self, job: dict, folder: Path) -> dict:
        """Executes the job's notebook in `folder`; returns the executed notebook and how each cell ended."""
        import base64

        folder.mkdir(parents=True)
        for name, data in job.get("files", {}).items():
            (folder / Path(name).name).write_bytes(base64.b64decode(data))
        nb = job["notebook"]
        os.chdir(folder)
        sys.path[:] = [str(folder), *[p for p in sys.path if not p.startswith(str(folder.parent) + "/job")]]
        self.shell.reset(new_session=False)
        self.shell.execution_count = 1
        ending, cells = "finished", []
        for index, cell in enumerate(nb["cells"]):
            if cell.get("cell_type") != "code" or SKIP_TAG in cell.get("metadata", {}).get("tags", []):
                continue
            started = time.perf_counter()
            status = self.run_cell(cell, "".join(cell.get("source", "")), job)
            cells.append({"cell": index, "status": status, "seconds": time.perf_counter() - started})
            if status == "timeout":
                ending = "timeout"
        return {"executed": nb, "ending": ending, "cells": cells}

    def run_cell(self, cell: dict, source: str, plan: dict) -> str:
        """Runs one cell under a timer; stores its outputs in the cell; returns ok, error or timeout."""
        self.recorder = OutputRecorder(plan["output_limit"])
        saved = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = Stream(self, "stdout"), Stream(self, "stderr")
        timed_out = False

        def on_alarm(signum: int, frame: Any) -> None:
            nonlocal timed_out
            timed_out = True
            raise CellTimeout(f"the cell ran longer than {plan['cell_timeout']} s")

        signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, plan["cell_timeout"])
        try:
            result = self.shell.run_cell(source, store_history=True)
            failed = not result.success
        except CellTimeout as error:
            self.recorder.keep({"output_type": "error", "ename": "CellTimeoutError", "evalue": str(error),
                                "traceback": [f"CellTimeoutError: {error}"]}, 100)
            failed = True
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            sys.stdout, sys.stderr = saved
        cell["outputs"] = self.recorder.finish()
        cell["execution_count"] = self.shell.execution_count - 1
        if timed_out:
            return "timeout"
        return "error" if failed else "ok"


def warm_font_cache() -> None:
    """Copies matplotlib's font list from beside this package, so no session spends a second rebuilding it."""
    import shutil

    folder = Path(os.environ.get("MPLCONFIGDIR", "/tmp/matplotlib"))
    folder.mkdir(parents=True, exist_ok=True)
    for cached in Path(__file__).resolve().parent.parent.glob("fontlist-*.json"):
        try:
            shutil.copy(cached, folder / cached.name)
        except OSError:
            continue


def main() -> int:
    """Serves jobs from stdin until it closes; answers on the protocol pipe (the original stdout)."""
    warm_font_cache()
    protocol = os.fdopen(os.dup(1), "w", buffering=1)
    jobs = os.fdopen(os.dup(0), "r")
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)  # the student's code cannot write into the protocol by accident
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)  # nor read the jobs with input()
    sys.stdin = open(os.devnull)  # noqa: SIM115 - for the whole process
    base = Path.cwd()
    Path(os.environ.get("HOME") or base / "home").mkdir(parents=True, exist_ok=True)
    session = Session(protocol)
    protocol.write(json.dumps({"ready": True}) + "\n")
    for number, line in enumerate(jobs):
        try:
            answer = session.run_notebook(json.loads(line), base / f"job{number}")
        except Exception as error:
            protocol.write(json.dumps({"failed": f"{type(error).__name__}: {error}"[:500]}) + "\n")
            continue
        protocol.write(json.dumps({"done": number, **answer}) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
