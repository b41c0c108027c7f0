"""The term report: every assignment together (`report/term.html`)."""

from __future__ import annotations

import html
from pathlib import Path

from autograder._exceptions import CourseError
from autograder.export import ClassGrades, read_grades
from autograder.report.page import PAGE_HEAD, embedded, pyplot, table

__all__ = ["item_analysis", "main_term", "write_term_report"]


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
    plt = pyplot()
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
