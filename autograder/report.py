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
import re
from collections import Counter, defaultdict
from pathlib import Path

import nbformat

from autograder._exceptions import CourseError
from autograder.export import ClassGrades, exercise_of_cells, read_grades
from autograder.timing_log import is_crash, log_of_course, read_records

__all__ = ["failure_messages", "item_analysis", "main", "main_term", "write_report", "write_term_report"]

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


PAGE_HEAD = ("<!doctype html><html><head><meta charset='utf-8'><title>Grade report</title>"
             "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}td,th{padding:.2em .6em;"
             "text-align:left;vertical-align:top}table{border-collapse:collapse}tr:nth-child(even){background:#f4f4f4}"
             "img{max-width:100%}table.pair{width:100%;table-layout:fixed}"
             "table.pair td{width:50%;border:1px solid #ccc}"
             "pre{white-space:pre-wrap;font-size:85%}</style></head><body>")


def table(title: str, header: tuple[str, str], rows) -> list[str]:
    """Returns the HTML of a two-column table under a heading."""
    parts = [f"<h2>{title}</h2><table><tr><th>{header[0]}</th><th>{header[1]}</th></tr>"]
    parts += [f"<tr><td>{html.escape(str(a))}</td><td>{html.escape(str(b))}</td></tr>" for a, b in rows]
    return [*parts, "</table>"]


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


# The term: every assignment together.

def course_assignments(course: Path) -> list[str]:
    """Returns the assignments of the course that have graded submissions, in the gradebook's order of due date."""
    from autograder._gradebook import open_gradebook

    with open_gradebook(course) as gradebook:
        found = [(a.duedate or a.name, a.name) for a in gradebook.assignments if a.submissions]
    present = {p.name for p in (course / "source").iterdir() if p.is_dir()} if (course / "source").is_dir() else set()
    return [name for _, name in sorted(found, key=lambda item: str(item[0])) if name in present]


def correlation(xs: list[float], ys: list[float]) -> float:
    """Returns Pearson's correlation of two lists; 0 if either does not vary."""
    n = len(xs)
    if n < 2:
        return 0.0
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx, syy = sum((x - mx) ** 2 for x in xs), sum((y - my) ** 2 for y in ys)
    return sxy / (sxx * syy) ** 0.5 if sxx and syy else 0.0


def item_analysis(terms: list[ClassGrades]) -> list[tuple[str, str, float, float]]:
    """Returns (assignment, exercise, difficulty, discrimination) per exercise: difficulty is the class's mean
    share of its points, discrimination the correlation of that share with the student's share of the rest of
    the term (corrected item-total correlation)."""
    students = sorted({s for g in terms for s in g.scores})
    most = sum(g.max_total() for g in terms) or 1.0
    totals = {s: sum(g.final(s) for g in terms if s in g.scores) for s in students}
    found = []
    for grades in terms:
        for key in grades.exercises:
            top = grades.most.get(key, 0.0)
            if not top:
                continue
            shares = [grades.scores.get(s, {}).get(key, 0.0) / top for s in students]
            rest = [(totals[s] - grades.scores.get(s, {}).get(key, 0.0)) / (most - top or 1.0) for s in students]
            found.append((grades.assignment, f"{key[0][:2]} {key[1]}", sum(shares) / len(shares),
                          correlation(shares, rest)))
    return found


def trajectories(terms: list[ClassGrades]) -> dict[str, list[float | None]]:
    """Returns each student's share of the points per assignment (None: no submission)."""
    students = sorted({s for g in terms for s in g.scores})
    return {s: [g.final(s) / (g.max_total() or 1.0) if s in g.scores else None for g in terms] for s in students}


def term_attention(paths: dict[str, list[float | None]], names: list[str]) -> list[tuple[str, str]]:
    """Returns the students who need attention across the term: missing work, low average, a fall."""
    found = []
    for student, shares in paths.items():
        reasons = []
        missing = [n for n, share in zip(names, shares, strict=True) if share is None]
        done = [share for share in shares if share is not None]
        if missing:
            reasons.append("no submission of " + ", ".join(missing))
        if done and sum(done) / len(done) < 0.5:
            reasons.append(f"{sum(done) / len(done):.0%} of the points on average")
        if len(done) >= 2 and done[-1] < done[0] - 0.25:
            reasons.append(f"fell from {done[0]:.0%} to {done[-1]:.0%}")
        if reasons:
            found.append((student, "; ".join(reasons)))
    return found


def figure_trajectories(paths: dict[str, list[float | None]], names: list[str], path: Path) -> None:
    """Saves every student's share of the points per assignment, one faint line each, and the class median."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 4))
    for shares in paths.values():
        ax.plot(range(len(names)), [100 * v if v is not None else float("nan") for v in shares], color="tab:blue",
                alpha=0.15)
    medians = []
    for i in range(len(names)):
        done = sorted(v[i] for v in paths.values() if v[i] is not None)
        medians.append(100 * done[len(done) // 2] if done else float("nan"))
    ax.plot(range(len(names)), medians, color="black", linewidth=2, label="class median")
    ax.set(xticks=range(len(names)), xticklabels=names, xlabel="assignment",
           ylabel="score (% of the assignment's points)", title="Each student's trajectory over the term",
           ylim=(-5, 105))
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def write_term_report(course: Path, folder: Path, *, assignments: list[str] | None = None,
                      anonymise: bool = False) -> Path:
    """Writes report/term.html: trajectories, item analysis and students to watch across the assignments."""
    names = assignments or course_assignments(course)
    if not names:
        raise CourseError("the gradebook has no graded assignment yet: run autograder grade first.")
    terms = [read_grades(course, name) for name in names]
    if anonymise:
        from autograder.anonymise import anonymise_grades, pseudonyms

        people = pseudonyms(course, {s for g in terms for s in g.scores})
        terms = [anonymise_grades(g, people) for g in terms]
    folder.mkdir(parents=True, exist_ok=True)
    paths = trajectories(terms)
    figure_trajectories(paths, names, folder / "trajectories.png")
    parts = [PAGE_HEAD, "<h1>The term: every assignment together</h1>",
             f"<p>{len(paths)} students, {len(names)} assignments: {html.escape(', '.join(names))}.</p>",
             "<h2>Trajectories</h2>", embedded(folder / "trajectories.png"),
             "<h2>Item analysis</h2><p>Difficulty: the class's mean share of the exercise's points (low: hard). "
             "Discrimination: how much the exercise's score goes with the rest of the term (near 0 or negative: "
             "it does not tell strong from weak students; check its tests).</p>",
             "<table><tr><th>assignment</th><th>exercise</th><th>difficulty</th><th>discrimination</th></tr>"]
    for assignment, exercise, difficulty, discrimination in item_analysis(terms):
        parts.append(f"<tr><td>{html.escape(assignment)}</td><td>{html.escape(exercise)}</td>"
                     f"<td>{difficulty:.2f}</td><td>{discrimination:+.2f}</td></tr>")
    parts.append("</table>")
    parts += table("Students who need attention across the term", ("student", "why"), term_attention(paths, names))
    parts += table("Scores per student", ("student", " / ".join(names)),
                   [(s, " / ".join("—" if v is None else f"{v:.0%}" for v in shares)) for s, shares in paths.items()])
    parts.append("</body></html>")
    page = folder / "term.html"
    page.write_text("\n".join(parts))
    return page


def main_term(course: Path, folder: Path, force: bool = False, *, assignments: list[str] | None = None,
              anonymise: bool = False) -> Path:
    """Writes the term report into `folder`; refuses to overwrite an existing one without force."""
    if (folder / "term.html").exists() and not force:
        raise CourseError(f"{folder / 'term.html'} exists; pass --force to overwrite it.")
    return write_term_report(course.resolve(), folder, assignments=assignments, anonymise=anonymise)
