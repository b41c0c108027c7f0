"""What the class got wrong: a self-contained HTML report with PNG figures.

Reads the gradebook (scores), the autograded notebooks (the judge's failure messages) and the
judge's timing log, and writes `report/index.html` (figures embedded, readable without a
server) plus `report/*.png`: the score distribution per notebook, the pass rate per exercise,
the most common failure messages per exercise, the slowest and crashing submissions, and the
students who need attention.
"""

from __future__ import annotations

import base64
import html
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import nbformat

from autograder._exceptions import CourseError
from autograder.export import ClassGrades, exercise_of_cells, read_grades

__all__ = ["failure_messages", "main", "write_report"]

CRASH_SIGNS = ("kernel died", "did not finish", "did not run", "could not be read", "ran longer than")
TIMING_FILE = ".timing.jsonl"


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
    """Returns how many notebooks of each student crashed, hung or could not be read."""
    found: Counter = Counter()
    for path in sorted((course / "autograded").glob(f"*/{assignment}/*.ipynb")):
        text = path.read_text(errors="replace")
        if any(sign in text for sign in CRASH_SIGNS):
            found[path.parent.parent.name] += 1
    return found


def timings(course: Path) -> dict[str, float]:
    """Returns each student's total time in the sandbox, from the judge's timing log."""
    totals: dict[str, float] = defaultdict(float)
    log = course / "autograded" / TIMING_FILE
    if log.exists():
        for line in log.read_text().splitlines():
            try:
                record = json.loads(line)
                totals[record["student"]] += float(record["run"])
            except (ValueError, KeyError, TypeError):
                continue
    return dict(totals)


def figure_scores(grades: ClassGrades, path: Path) -> None:
    """Saves the distribution of scores per notebook, as a fraction of the most one can earn."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 4))
    data = [[grades.notebook_score(s, nb) / max(grades.notebook_most(nb), 1e-9) * 100 for s in grades.scores]
            for nb in grades.notebooks]
    ax.boxplot(data, tick_labels=[nb[:2] for nb in grades.notebooks])
    ax.set(xlabel="notebook", ylabel="score (% of the notebook's points)",
           title="Score distribution per notebook", ylim=(-5, 105))
    ax.grid(True, axis="y", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def figure_pass_rates(grades: ClassGrades, path: Path) -> None:
    """Saves the share of students with full marks on each exercise."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = [f"{nb[:2]} {ex}" for nb, ex in grades.exercises]
    rates = [sum(grades.scores[s].get(key, 0.0) >= grades.most[key] > 0 for s in grades.scores)
             / max(len(grades.scores), 1) * 100 for key in grades.exercises]
    fig, ax = plt.subplots(figsize=(8, 0.32 * len(labels) + 1.2))
    ax.barh(labels[::-1], rates[::-1], color=["tab:red" if r < 50 else "tab:blue" for r in rates[::-1]])
    ax.set(xlabel="students with full marks (%)", title="Pass rate per exercise (red: under half the class)",
           xlim=(0, 100))
    ax.grid(True, axis="x", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def embedded(path: Path) -> str:
    """Returns an <img> tag carrying the PNG itself, so the page needs no server."""
    data = base64.b64encode(path.read_bytes()).decode()
    return f'<img alt="{html.escape(path.stem)}" src="data:image/png;base64,{data}">'


def attention(grades: ClassGrades, crashed: Counter) -> list[tuple[str, str]]:
    """Returns the students who need attention and why: low totals, crashes, missing notebooks."""
    most = sum(grades.most.values()) or 1.0
    found = []
    for student in sorted(grades.scores):
        reasons = []
        share = grades.total(student) / most
        if share < 0.5:
            reasons.append(f"{share:.0%} of the points")
        if crashed.get(student):
            reasons.append(f"{crashed[student]} notebook(s) crashed, hung or could not be read")
        if reasons:
            found.append((student, "; ".join(reasons)))
    return found


def write_report(course: Path, assignment: str, folder: Path) -> Path:
    """Writes report/index.html and its PNG figures; returns the HTML's path."""
    grades = read_grades(course, assignment)
    if not grades.scores:
        raise CourseError("the gradebook has no graded submission yet: run autograder grade first.")
    folder.mkdir(parents=True, exist_ok=True)
    figure_scores(grades, folder / "scores.png")
    figure_pass_rates(grades, folder / "pass_rates.png")
    messages = failure_messages(course, assignment)
    crashed = crashes(course, assignment)
    slow = sorted(timings(course).items(), key=lambda item: item[1], reverse=True)[:5]
    parts = [
        "<!doctype html><html><head><meta charset='utf-8'><title>Grade report</title>",
        "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}td,th{padding:.2em .6em;"
        "text-align:left;vertical-align:top}table{border-collapse:collapse}tr:nth-child(even){background:#f4f4f4}"
        "img{max-width:100%}</style></head><body>",
        f"<h1>{html.escape(assignment)}: what the class got wrong</h1>",
        f"<p>{len(grades.scores)} students, {len(grades.notebooks)} notebooks, "
        f"{len(grades.exercises)} exercises.</p>",
        "<h2>Scores per notebook</h2>", embedded(folder / "scores.png"),
        "<h2>Pass rate per exercise</h2>", embedded(folder / "pass_rates.png"),
        "<h2>Most common failures per exercise</h2><table><tr><th>exercise</th><th>students</th><th>message</th></tr>",
    ]
    for key in grades.exercises:
        for text, count in messages.get(key, Counter()).most_common(3):
            parts.append(f"<tr><td>{html.escape(key[0][:2] + ' ' + key[1])}</td><td>{count}</td>"
                         f"<td>{html.escape(text)}</td></tr>")
    parts.append("</table><h2>Crashing and slowest submissions</h2><table><tr><th>student</th><th>what</th></tr>")
    for student, count in crashed.most_common():
        what = f"{count} notebook(s) crashed, hung or unreadable"
        parts.append(f"<tr><td>{html.escape(student)}</td><td>{what}</td></tr>")
    for student, seconds in slow:
        parts.append(f"<tr><td>{html.escape(student)}</td><td>{seconds:.1f} s in the sandbox</td></tr>")
    parts.append("</table><h2>Students who need attention</h2><table><tr><th>student</th><th>why</th></tr>")
    for student, why in attention(grades, crashed):
        parts.append(f"<tr><td>{html.escape(student)}</td><td>{html.escape(why)}</td></tr>")
    parts.append("</table></body></html>")
    page = folder / "index.html"
    page.write_text("\n".join(parts))
    return page


def main(course: Path, assignment: str, folder: Path, force: bool = False) -> Path:
    """Writes the report into `folder`; refuses to overwrite an existing one without force."""
    if (folder / "index.html").exists() and not force:
        raise CourseError(f"{folder / 'index.html'} exists; pass --force to overwrite it.")
    return write_report(course.resolve(), assignment, folder)
