"""Similarity leads: pairs of students whose solution cells share unusual code, ranked for an instructor to review.

Leads, never verdicts: two students may share code because they worked from the same lecture
example, a tutor or a hint. For each exercise, each student's solution cell is normalised (parsed,
docstrings and comments gone, every variable, argument and helper name the same `v`, numbers `0`
and strings `'s'`; attributes such as `np.sum` kept), fingerprinted by winnowing (copydetect's
k-grams and winnow), and the release's starter code and the reference solution are subtracted as
base code. Exercises whose reference is one short expression are skipped: their answers collide
by nature.

The n² pairs are never all compared. An inverted index maps each fingerprint to the students
whose cell has it; a fingerprint more than `max_share` of the class (and more than MAX_HOLDERS
students) has is an idiom and finds no pairs, so each fingerprint proposes at most MAX_HOLDERS²/2
pairs and the candidates grow with the class, not its square. Only pairs that share such rare
fingerprints in at least MIN_EXERCISES exercises are scored (on every exercise): one coincidence is
no lead.

A pair's evidence on an exercise is the share of the smaller cell found in the other, times
log(class size / students whose cell holds all of the shared fingerprints): about -log of the
chance that an honest student writes code this alike. The rarity is the shared code's as a whole,
not the mean of its fingerprints': a rare variant of a common answer has mostly common
fingerprints, and a mean drowned the few that make it rare. Evidence adds up over the exercises,
so a pair alike on many exercises ranks above one alike on a single long one.
"""

from __future__ import annotations

import ast
import builtins
import html
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import reduce
from itertools import combinations
from operator import and_
from pathlib import Path

import nbformat

from autograder._exceptions import CourseError
from autograder.cells import is_solution_cell, nbgrader_meta

__all__ = ["ClassCode", "Exercise", "Lead", "SimilarityReport", "compare_class", "fingerprints", "main", "normalise",
           "read_base", "read_class", "write_html"]

K = 25  # characters per k-gram of the normalised code
WINDOW = 4  # winnowing window
MIN_FINGERPRINTS = 3  # a cell with fewer left after the base code is too little to compare
MAX_HOLDERS = 50  # a fingerprint more students have is an idiom at any class size: it proposes no pairs
MIN_EXERCISES = 2  # exercises in which a pair must share rare code to be scored (fewer if fewer are compared)
SHORT_REFERENCE = 80  # characters: a reference body of one statement shorter than this is one short expression
KEEP_NAMES = frozenset({"np", "numpy", "math", *dir(builtins)})
SOLUTION_MARKERS = re.compile(r"^\s*### (BEGIN|END) SOLUTION\s*$", re.MULTILINE)

Exercise = tuple[str, str]  # (notebook, solution grade id)


class Canonical(ast.NodeTransformer):
    """Renames variables, arguments and defined names to `v`, and every literal to 0 or 's'; drops docstrings."""

    def visit_Name(self, node: ast.Name) -> ast.AST:
        return ast.copy_location(ast.Name("v" if node.id not in KEEP_NAMES else node.id, node.ctx), node)

    def visit_arg(self, node: ast.arg) -> ast.AST:
        return ast.copy_location(ast.arg("v"), node)

    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        value = "s" if isinstance(node.value, str | bytes) else node.value if node.value in (None, True, False) else 0
        return ast.copy_location(ast.Constant(value), node)

    def visit_FunctionDef(self, node: ast.FunctionDef) -> ast.AST:
        body = node.body
        if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant):
            body = body[1:] or [ast.Pass()]
        node.body, node.name = body, "v"
        return self.generic_visit(node)

    def visit_Expr(self, node: ast.Expr) -> ast.AST | None:
        return None if isinstance(node.value, ast.Constant) else self.generic_visit(node)


def normalise(code: str) -> str:
    """Returns the code with names and literals canonicalised, one statement per line; raw if it does not parse."""
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError, RecursionError):
        return "\n".join(line.strip() for line in code.splitlines() if line.strip() and line.strip()[0] != "#")
    tree = ast.fix_missing_locations(Canonical().visit(tree))
    try:
        return ast.unparse(tree)
    except (ValueError, RecursionError):
        return ""


def fingerprints(code: str) -> set[int]:
    """Returns the winnowed k-gram fingerprints of normalised code (copydetect's)."""
    from copydetect.utils import get_document_fingerprints

    if len(code) < K:
        return set()
    hashes, _ = get_document_fingerprints(code, K, WINDOW)
    return {int(h) for h in hashes}


def is_one_short_expression(reference: str) -> bool:
    """Returns True if a reference solution is one short expression, however many names it passes through
    (its body, without docstring and a final `return name`, is one statement under SHORT_REFERENCE characters)."""
    try:
        tree = ast.parse(SOLUTION_MARKERS.sub("", reference))
    except SyntaxError:
        return False
    functions = [node for node in tree.body if isinstance(node, ast.FunctionDef)]
    if len(functions) != 1:
        return False
    body = Canonical().visit(functions[0]).body
    if body and isinstance(body[-1], ast.Return) and isinstance(body[-1].value, ast.Name):
        body = body[:-1]
    return len(body) <= 1 and sum(len(ast.unparse(statement)) for statement in body) < SHORT_REFERENCE


def solution_cells(path: Path) -> dict[str, str]:
    """Returns {solution grade id: source} of a notebook's autograded solution cells; {} if it cannot be read."""
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception:
        return {}
    return {nbgrader_meta(cell)["grade_id"]: cell.source for cell in nb.cells
            if is_solution_cell(cell) and nbgrader_meta(cell).get("grade_id")}


@dataclass
class ClassCode:
    """Every student's solution cells, and each exercise's base code (starter and reference)."""

    code: dict[str, dict[Exercise, str]]  # student -> exercise -> source
    base: dict[Exercise, str]  # exercise -> starter and reference solution
    skipped: list[Exercise] = field(default_factory=list)  # one short expression


def read_base(course: Path, assignment: str) -> tuple[dict[Exercise, str], list[Exercise]]:
    """Returns each compared exercise's base code (reference solution and starter) and the exercises skipped."""
    sources = sorted((course / "source" / assignment).glob("*.ipynb"))
    if not sources:
        raise CourseError(f"unknown assignment {assignment!r}: no notebooks in {course / 'source' / assignment}.")
    base, skipped = {}, []
    for source in sources:
        starter = solution_cells(course / "release" / assignment / source.name)
        for grade_id, reference in solution_cells(source).items():
            if is_one_short_expression(reference):
                skipped.append((source.stem, grade_id))
            else:
                base[(source.stem, grade_id)] = SOLUTION_MARKERS.sub("", reference) + "\n" + starter.get(grade_id, "")
    return base, skipped


def read_class(course: Path, assignment: str) -> ClassCode:
    """Returns the submitted solution cells of the class and the base code, from submitted/, source/ and release/."""
    base, skipped = read_base(course, assignment)
    notebooks = sorted({notebook for notebook, _ in base})
    code: dict[str, dict[Exercise, str]] = {}
    for folder in sorted((course / "submitted").glob(f"*/{assignment}")):
        cells = {}
        for notebook in notebooks:
            for grade_id, text in solution_cells(folder / f"{notebook}.ipynb").items():
                if (notebook, grade_id) in base:
                    cells[(notebook, grade_id)] = text
        code[folder.parent.name] = cells
    if not code:
        raise CourseError(f"no submission of {assignment!r} in {course / 'submitted'}.")
    return ClassCode(code, base, skipped)


@dataclass
class Lead:
    """A pair of students whose code shares unusual fingerprints: what to look at, not a finding."""

    students: tuple[str, str]
    evidence: float
    exercises: dict[Exercise, float]  # exercise -> share of the smaller cell's fingerprints in common


@dataclass
class SimilarityReport:
    """The ranked leads, clusters of students linked by strong leads, and what was compared."""

    leads: list[Lead]
    clusters: list[list[str]]
    students: int
    exercises: list[Exercise]
    skipped: list[Exercise]
    pairs_scored: int

    def summary(self, top: int = 10) -> str:
        """Returns the top leads in a few lines, worded as leads."""
        total = self.students * (self.students - 1) // 2
        lines = [f"{self.students} students, {len(self.exercises)} exercises compared "
                 f"({len(self.skipped)} one-expression exercises skipped); {self.pairs_scored} of {total} pairs "
                 f"shared rare code in {MIN_EXERCISES} or more exercises and were scored.",
                 "Leads to review, not verdicts: shared code can have innocent causes."]
        for lead in self.leads[:top]:
            similar = sum(share >= 0.5 for share in lead.exercises.values())
            lines.append(f"  {lead.evidence:7.1f}  {lead.students[0]} ~ {lead.students[1]}: "
                         f"{similar} exercise(s) mostly alike")
        return "\n".join(lines)


def exercise_fingerprints(code: ClassCode) -> dict[Exercise, dict[str, set[int]]]:
    """Returns, per exercise, each student's fingerprints with the base code's taken out."""
    found: dict[Exercise, dict[str, set[int]]] = {}
    for exercise, base in code.base.items():
        base_prints = fingerprints(normalise(base))
        per_student, seen = {}, {}  # cells written alike are parsed once (normalising is most of the time)
        for student, cells in code.code.items():
            text = cells.get(exercise, "")
            if text not in seen:
                seen[text] = fingerprints(normalise(text)) - base_prints
            if len(seen[text]) >= MIN_FINGERPRINTS:
                per_student[student] = seen[text]
        found[exercise] = per_student
    return found


def holders_of(prints: dict[str, set[int]]) -> dict[int, list[str]]:
    """Returns the inverted index: {fingerprint: the students whose cell has it}."""
    holders: dict[int, list[str]] = defaultdict(list)
    for student, hashes in prints.items():
        for value in hashes:
            holders[value].append(student)
    return holders


def candidate_pairs(indexes: list[dict[int, list[str]]], limit: int, min_exercises: int) -> set[tuple[str, str]]:
    """Returns the pairs sharing a rare fingerprint (one at most `limit` students have) in at least
    `min_exercises` exercises: the only pairs scored."""
    exercises_shared: Counter[tuple[str, str]] = Counter()
    for holders in indexes:
        pairs: set[tuple[str, str]] = set()
        for students in holders.values():
            if 2 <= len(students) <= limit:
                pairs.update(combinations(sorted(students), 2))
        exercises_shared.update(pairs)
    return {pair for pair, count in exercises_shared.items() if count >= min_exercises}


def student_masks(holders: dict[int, list[str]], bit: dict[str, int]) -> dict[int, int]:
    """Returns {fingerprint: the students who have it, as a bit set}: intersecting them counts who has shared code."""
    return {value: reduce(int.__or__, (bit[student] for student in students)) for value, students in holders.items()}


def pair_evidence(a: set[int], b: set[int], masks: dict[int, int], class_size: int,
                  alike: dict[frozenset[int], int]) -> tuple[float, float]:
    """Returns (evidence, share) for two cells: the share of the smaller cell found in the other, times
    log(class size / students holding all of the shared fingerprints); `alike` caches those counts."""
    shared = a & b
    if not shared:
        return 0.0, 0.0
    key = frozenset(shared)
    if key not in alike:
        alike[key] = reduce(and_, (masks[value] for value in shared)).bit_count()
    share = len(shared) / min(len(a), len(b))
    return share * math.log(class_size / alike[key]), share


def compare_class(code: ClassCode, max_share: float = 0.05, strong: float = 0.0) -> SimilarityReport:
    """Returns the leads of the class, best evidence first, adding each exercise's evidence; pairs with evidence
    over `strong` form clusters (default: the top 1 % of scored pairs, at least twice the median)."""
    class_size = max(len(code.code), 2)
    limit = max(2, min(int(max_share * class_size), MAX_HOLDERS))
    bit = {student: 1 << i for i, student in enumerate(sorted(code.code))}
    evidence: dict[tuple[str, str], float] = defaultdict(float)
    shares: dict[tuple[str, str], dict[Exercise, float]] = defaultdict(dict)
    per_exercise = exercise_fingerprints(code)
    indexes = {exercise: holders_of(prints) for exercise, prints in per_exercise.items()}
    pairs = candidate_pairs(list(indexes.values()), limit, max(1, min(MIN_EXERCISES, len(indexes))))
    for exercise, prints in per_exercise.items():  # a pair sharing rare code twice is scored everywhere
        masks, alike = student_masks(indexes[exercise], bit), {}
        for pair in pairs:
            if pair[0] in prints and pair[1] in prints:
                value, share = pair_evidence(prints[pair[0]], prints[pair[1]], masks, class_size, alike)
                if value:
                    evidence[pair] += value
                    shares[pair][exercise] = share
    leads = sorted((Lead(pair, value, shares[pair]) for pair, value in evidence.items()),
                   key=lambda lead: (-lead.evidence, lead.students))
    return SimilarityReport(leads, clusters_of(leads, strong or strong_evidence(leads)), len(code.code),
                            sorted(code.base), sorted(code.skipped), len(pairs))


def strong_evidence(leads: list[Lead]) -> float:
    """Returns the evidence above which a lead links a cluster: the top 1 % of leads, at least twice the median."""
    if not leads:
        return math.inf
    values = sorted(lead.evidence for lead in leads)
    return max(values[int(0.99 * (len(values) - 1))], 2 * values[len(values) // 2])


def clusters_of(leads: list[Lead], strong: float) -> list[list[str]]:
    """Returns groups of students linked by leads of evidence above `strong`, largest first."""
    parent: dict[str, str] = {}

    def root(student: str) -> str:
        while parent.setdefault(student, student) != student:
            student = parent[student]
        return student

    for lead in leads:
        if lead.evidence > strong:
            parent[root(lead.students[0])] = root(lead.students[1])
    groups: dict[str, list[str]] = defaultdict(list)
    for student in parent:
        groups[root(student)].append(student)
    return sorted((sorted(g) for g in groups.values() if len(g) > 1), key=lambda g: (-len(g), g))


def side_by_side(lead: Lead, code: ClassCode, limit: int = 3) -> str:
    """Returns HTML with the lead's most alike exercises, the two students' cells side by side."""
    parts = []
    for exercise, share in sorted(lead.exercises.items(), key=lambda item: -item[1])[:limit]:
        cells = [html.escape(code.code[s].get(exercise, "")) for s in lead.students]
        parts.append(f"<p>{html.escape(exercise[0][:2] + ' ' + exercise[1])}: {share:.0%} of the smaller cell's "
                     f"fingerprints in common</p><table class='pair'><tr><th>{html.escape(lead.students[0])}</th>"
                     f"<th>{html.escape(lead.students[1])}</th></tr><tr><td><pre>{cells[0]}</pre></td>"
                     f"<td><pre>{cells[1]}</pre></td></tr></table>")
    return "\n".join(parts)


def html_section(result: SimilarityReport, code: ClassCode, top: int = 20) -> str:
    """Returns the report's similarity section: the ranked leads and their code side by side."""
    parts = ["<h2>Similarity leads</h2>",
             "<p>Pairs of students whose solutions share unusual code, after names, literals, comments and the "
             "starter and reference code are taken out. <b>These are leads to review, not verdicts</b>: shared "
             "code can come from a lecture example, a hint or working together as allowed.</p>",
             f"<p>{result.students} students; {len(result.exercises)} exercises compared; skipped (one short "
             f"expression): {html.escape(', '.join(ex for _, ex in result.skipped)) or 'none'}.</p>"]
    if result.clusters:
        parts.append("<p>Groups linked by strong leads: " + "; ".join(
            html.escape(", ".join(group)) for group in result.clusters[:10]) + "</p>")
    for rank, lead in enumerate(result.leads[:top], 1):
        parts.append(f"<h3>{rank}. {html.escape(lead.students[0])} and {html.escape(lead.students[1])} "
                     f"(evidence {lead.evidence:.1f})</h3>")
        parts.append(side_by_side(lead, code))
    return "\n".join(parts)


STYLE = ("<style>body{font-family:sans-serif;max-width:75em;margin:2em auto}table.pair{width:100%;"
         "table-layout:fixed;border-collapse:collapse}table.pair td{vertical-align:top;border:1px solid #ccc;"
         "width:50%}pre{white-space:pre-wrap;margin:.3em;font-size:85%}</style>")


def write_html(result: SimilarityReport, code: ClassCode, path: Path, title: str, top: int = 20) -> Path:
    """Writes a self-contained page of the leads, the top ones with their code; returns its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>{STYLE}"
                    f"</head><body><h1>{html.escape(title)}</h1>{html_section(result, code, top)}</body></html>")
    return path


def anonymised(code: ClassCode, names: dict[str, str]) -> ClassCode:
    """Returns the class's code keyed by pseudonyms."""
    return ClassCode({names[s]: cells for s, cells in code.code.items()}, code.base, code.skipped)


def main(course: Path, assignment: str, output: Path, force: bool = False, *, top: int = 20,
         anonymise: bool = False) -> SimilarityReport:
    """Compares the class's solution cells and writes the leads page to `output` (HTML); returns the leads.

    top: leads shown with their code; anonymise: pseudonyms instead of student ids.
    """
    if output.exists() and not force:
        raise CourseError(f"{output} exists; pass --force to overwrite it.")
    course = course.resolve()
    code = read_class(course, assignment)
    if anonymise:
        from autograder.anonymise import pseudonyms

        code = anonymised(code, pseudonyms(course, code.code))
    result = compare_class(code)
    write_html(result, code, output, f"{assignment}: similarity leads", top)
    return result
