"""The judge's timing log: where it is, what a line holds, and how a notebook's two runs can end.

One JSON object a line, one line a judged notebook, appended (a regrade adds a line): the judge
writes them (judge.record_timing), a cluster's recorder appends the lines its workers sent, and
the report reads them for the slowest and the crashed submissions. A line holds the student, the
notebook (its stem), the seconds of the cells, of the sandboxed runs ("run") and of the judge, and
the two endings: "ending", of the clean run whose values are graded, and "display", of the run of
the whole notebook whose outputs the feedback shows.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Literal, get_args

__all__ = ["DISPLAY_ENDINGS", "ENDINGS", "TIMING_FILE", "TIMING_LOG_ENV", "DisplayEnding", "Ending", "is_crash",
           "log_of_course", "read_records", "written_log"]

TIMING_FILE = ".timing.jsonl"  # in the course's autograded/ folder
TIMING_LOG_ENV = "AUTOGRADER_TIMING_LOG"  # names another file for the judge to write to (the benchmarks)

# The clean run: finished, out of wall time, its process gone, its answer unreadable, or never run (the notebook
# file could not be read). The display run: finished, a cell out of time ("timeout"), out of wall time, its
# process gone, or "" when there was none.
Ending = Literal["finished", "timed out", "kernel died", "unreadable", "not run"]
DisplayEnding = Literal["finished", "timeout", "timed out", "kernel died", ""]
ENDINGS: tuple[str, ...] = get_args(Ending)
DISPLAY_ENDINGS: tuple[str, ...] = get_args(DisplayEnding)


def written_log(autograded: Path) -> Path:
    """Returns the file the judge appends to: $AUTOGRADER_TIMING_LOG, else autograded/.timing.jsonl."""
    return Path(os.environ.get(TIMING_LOG_ENV) or autograded / TIMING_FILE)


def log_of_course(course: Path) -> Path:
    """Returns the course's own timing log, the one its report reads."""
    return course / "autograded" / TIMING_FILE


def read_records(path: Path) -> list[dict]:
    """Returns the log's records, oldest first; a line that is not a JSON object is skipped."""
    records = []
    for line in path.read_text().splitlines() if path.exists() else []:
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if isinstance(record, dict):
            records.append(record)
    return records


def is_crash(record: dict) -> bool:
    """Returns True if either run of the notebook crashed, hung or could not be read (or ended unknown)."""
    return record.get("ending") != "finished" or record.get("display", "") not in ("finished", "")
