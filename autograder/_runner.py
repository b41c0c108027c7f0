"""Runs inside the sandbox: execute one notebook with nbclient, bounded, and write what happened.

Started by the trusted grader as `python -m autograder._runner /grading/io/plan.json`. It writes
the executed notebook (outputs capped) and a line per executed cell, as it goes, so that a
crash, a dead kernel or a wall-clock kill still leaves a record. Everything it writes is
untrusted: the grader reads it as data.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError

__all__ = ["main"]


class BoundedClient(NotebookClient):
    """A NotebookClient that keeps at most `output_limit` bytes of output per cell."""

    def __init__(self, nb: Any, output_limit: int, **kwargs: Any) -> None:
        super().__init__(nb, **kwargs)
        self.output_limit = output_limit
        self.kept: dict[int, int] = {}
        self.dropped: dict[int, int] = {}

    def output(self, outs: list, msg: dict, display_id: str | None, cell_index: int) -> Any:
        size = len(json.dumps(msg.get("content", {}), default=str))
        if self.kept.get(cell_index, 0) + size > self.output_limit:
            self.dropped[cell_index] = self.dropped.get(cell_index, 0) + size
            return None
        self.kept[cell_index] = self.kept.get(cell_index, 0) + size
        return super().output(outs, msg, display_id, cell_index)


def note_dropped(nb: Any, dropped: dict[int, int]) -> None:
    """Appends a note to each cell whose output was cut."""
    for index, size in dropped.items():
        nb.cells[index].outputs.append(
            nbformat.v4.new_output("stream", name="stdout", text=f"[output truncated: {size} more bytes not kept]\n")
        )


def warm_font_cache(files: list[str]) -> None:
    """Copies matplotlib's font list into this sandbox's config folder (saves a rebuild per kernel)."""
    import os
    import shutil

    folder = Path(os.environ.get("MPLCONFIGDIR", "/tmp/matplotlib"))
    folder.mkdir(parents=True, exist_ok=True)
    for name in files:
        try:
            shutil.copy(name, folder / Path(name).name)
        except OSError:
            continue


def main(plan_path: str) -> int:
    """Executes the notebook of the plan; returns 0 even when the student's code fails."""
    plan = json.loads(Path(plan_path).read_text())
    io = Path(plan["io"])
    log = (io / "cells.jsonl").open("a")

    def on_cell_executed(cell: Any, cell_index: int, execute_reply: dict) -> None:
        status = execute_reply.get("content", {}).get("status", "?")
        log.write(json.dumps({"cell": cell_index, "status": status}) + "\n")
        log.flush()

    warm_font_cache(plan.get("font_cache", []))
    nb = nbformat.read(plan["notebook"], as_version=4)
    client = BoundedClient(
        nb,
        output_limit=plan["output_limit"],
        timeout=plan["cell_timeout"],
        kernel_name="python3",
        allow_errors=True,
        interrupt_on_timeout=True,
        record_timing=False,
        startup_timeout=60,
        resources={"metadata": {"path": plan["cwd"]}},
        on_cell_executed=on_cell_executed,
    )
    ending = "finished"
    try:
        client.execute()
    except DeadKernelError:
        ending = "kernel died"
    except CellTimeoutError:
        ending = "timeout"
    except Exception as error:
        ending = f"runner error: {type(error).__name__}: {error}"[:500]
    note_dropped(nb, client.dropped)
    nbformat.write(nb, io / "executed.ipynb")
    (io / "ending.json").write_text(json.dumps({"ending": ending}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
