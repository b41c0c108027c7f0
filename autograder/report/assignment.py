"""One assignment's report: `report/index.html` and its PNG figures."""

from __future__ import annotations

import html
from collections import Counter
from pathlib import Path

from autograder._exceptions import CourseError
from autograder.export import ClassGrades, read_grades
from autograder.report.evidence import crashes, failure_messages, timings
from autograder.report.page import PAGE_HEAD, embedded, pyplot, table

__all__ = ["late_rows", "main", "write_report"]


def figure_scores(grades: ClassGrades, path: Path) -> None:
    """Saves the distribution of scores per notebook, as a fraction of the most one can earn."""
    plt = pyplot()
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
    plt = pyplot()
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


def late_rows(grades: ClassGrades) -> list[tuple[str, str]]:
    """Returns (student, lateness and points taken) for every late submission, latest first."""
    from autograder.late import describe_lateness

    late = sorted(((s, t) for s, t in grades.seconds_late.items() if t > 0), key=lambda item: -item[1])
    return [(s, f"{describe_lateness(t)} late, {grades.penalties.get(s, 0.0):g} point(s) taken by the late policy")
            for s, t in late]


def anonymise_counts(table: dict, names: dict[str, str]):
    """Returns a Counter or dict keyed by pseudonyms."""
    renamed = type(table)()
    for key, value in table.items():
        renamed[names.get(key, key)] = value
    return renamed


def write_report(course: Path, assignment: str, folder: Path, *, anonymise: bool = False,
                 similarity: bool = False) -> Path:
    """Writes report/index.html and its PNG figures; returns the HTML's path.

    anonymise: stable pseudonyms instead of student ids; similarity: add the similarity leads.
    """
    grades = read_grades(course, assignment)
    if not grades.scores:
        raise CourseError("the gradebook has no graded submission yet: run autograder grade first.")
    crashed, times = crashes(course, assignment), timings(course)
    names = {}
    if anonymise:
        from autograder.anonymise import anonymise_grades, pseudonyms

        names = pseudonyms(course, grades.scores)
        grades = anonymise_grades(grades, names)
        crashed, times = anonymise_counts(crashed, names), anonymise_counts(times, names)
    folder.mkdir(parents=True, exist_ok=True)
    figure_scores(grades, folder / "scores.png")
    figure_pass_rates(grades, folder / "pass_rates.png")
    messages = failure_messages(course, assignment)
    slow = sorted(times.items(), key=lambda item: item[1], reverse=True)[:5]
    parts = [
        PAGE_HEAD,
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
    parts.append("</table>")
    slowest = [(s, f"{count} notebook(s) crashed, hung or unreadable") for s, count in crashed.most_common()]
    slowest += [(s, f"{seconds:.1f} s in the sandbox") for s, seconds in slow]
    parts += table("Crashing and slowest submissions", ("student", "what"), slowest)
    parts += table("Late submissions", ("student", "late"), late_rows(grades) or [("nobody", "no late submission")])
    parts += table("Students who need attention", ("student", "why"), attention(grades, crashed))
    if similarity:
        parts.append(similarity_section(course, assignment, names))
    parts.append("</body></html>")
    page = folder / "index.html"
    page.write_text("\n".join(parts))
    return page


def similarity_section(course: Path, assignment: str, names: dict[str, str]) -> str:
    """Returns the report's section of similarity leads (pseudonyms if names are given)."""
    from autograder import similarity

    code = similarity.read_class(course, assignment)
    if names:
        from autograder.anonymise import pseudonyms

        code = similarity.anonymised(code, pseudonyms(course, code.code))
    return similarity.html_section(similarity.compare_class(code), code, top=10)


def main(course: Path, assignment: str, folder: Path, force: bool = False, *, anonymise: bool = False,
         similarity: bool = False) -> Path:
    """Writes the report into `folder`; refuses to overwrite an existing one without force."""
    if (folder / "index.html").exists() and not force:
        raise CourseError(f"{folder / 'index.html'} exists; pass --force to overwrite it.")
    return write_report(course.resolve(), assignment, folder, anonymise=anonymise, similarity=similarity)
