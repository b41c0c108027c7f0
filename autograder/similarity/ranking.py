"""Ranking pairs by evidence: candidate pairs from an inverted index of rare fingerprints, then scored."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import reduce
from itertools import combinations
from operator import and_

from autograder.similarity.normalise import fingerprints, normalise
from autograder.similarity.reading import ClassCode, Exercise

__all__ = ["MIN_EXERCISES", "Lead", "SimilarityReport", "compare_class"]

MIN_FINGERPRINTS = 3  # a cell with fewer left after the base code is too little to compare
MAX_HOLDERS = 50  # a fingerprint more students have is an idiom at any class size: it proposes no pairs
MIN_EXERCISES = 2  # exercises in which a pair must share rare code to be scored (fewer if fewer are compared)


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
