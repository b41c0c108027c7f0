"""What the report reads besides the gradebook: the judge's failure messages and the timing log's endings."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

import nbformat

from autograder.export import exercise_of_cells
from autograder.timing_log import is_crash, log_of_course, read_records

__all__ = ["crashes", "failure_messages", "logged_endings", "message_kind", "timings"]

# A notebook the log has no line for (graded before the log held endings) is judged by the judge's messages.
CRASH_SIGNS = ("kernel died", "did not finish", "did not run", "could not be read", "ran longer than")


def message_kind(message: str) -> str:
    """Returns a failure message with its specifics (shapes, numbers, dtypes) blanked, to count alike ones."""
    text = re.sub(r"\(\d+(, \d+)*,?\)", "(…)", message)
    text = re.sub(r"dtype \w+", "dtype …", text)
    text = re.sub(r"(largest error|got|values up to) -?[\d.e+-]+", r"\1 …", text)
    return text[:240]


def failure_messages(course: Path, assignment: str) -> dict[tuple[str, str], Counter]:
    """Returns, per (notebook, exercise), how often each kind of failure message was given."""
    counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    exercise_of = {p.stem: exercise_of_cells(p) for p in (course / "source" / assignment).glob("*.ipynb")}
    for path in sorted((course / "autograded").glob(f"*/{assignment}/*.ipynb")):
        try:
            nb = nbformat.read(path, as_version=4)
        except Exception:
            continue
        for cell in nb.cells:
            grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error" and grade_id in exercise_of.get(path.stem, {}):
                    key = (path.stem, exercise_of[path.stem][grade_id])
                    counts[key][message_kind(str(output.get("evalue", "")))] += 1
    return counts


def crashes(course: Path, assignment: str) -> Counter:
    """Returns how many notebooks of each student crashed, hung or could not be read.

    Read from the endings in the judge's timing log (its last line for a notebook: a regrade appends);
    only a notebook the log does not know is searched for the judge's messages.
    """
    endings = logged_endings(course)
    found: Counter = Counter()
    for path in sorted((course / "autograded").glob(f"*/{assignment}/*.ipynb")):
        student = path.parent.parent.name
        record = endings.get((student, path.stem))
        if record is not None:
            crashed = is_crash(record)
        else:
            crashed = any(sign in path.read_text(errors="replace") for sign in CRASH_SIGNS)
        if crashed:
            found[student] += 1
    return found


def timing_records(course: Path) -> list[dict]:
    """Returns the judge's timing log of the course, one record a judged notebook, oldest first."""
    return read_records(log_of_course(course))


def logged_endings(course: Path) -> dict[tuple[str, str], dict]:
    """Returns {(student, notebook stem): its last timing record} for the records that carry an ending."""
    return {(str(r.get("student")), str(r.get("notebook"))): r for r in timing_records(course)
            if isinstance(r.get("ending"), str)}


def timings(course: Path) -> dict[str, float]:
    """Returns each student's total time in the sandbox, from the judge's timing log."""
    totals: dict[str, float] = defaultdict(float)
    for record in timing_records(course):
        try:
            totals[record["student"]] += float(record["run"])
        except (ValueError, KeyError, TypeError):
            continue
    return dict(totals)
