"""Similarity leads: normalisation, base code, planted copies ranked first, honest look-alikes below, bounded cost."""

from __future__ import annotations

import random
import shutil

import nbformat
import pytest

from autograder import similarity
from autograder.release import ASSIGNMENT, ROOT
from benchmarks.similarity import answer_pools, disguised, measure, synthetic_class
from tests._course import reference_solutions, submission

SOFTMAX = '''
def softmax(x):
    """Row-wise softmax."""
    # subtract the max for stability
    shifted = x - np.max(x, axis=1, keepdims=True)
    e = np.exp(shifted)
    total = np.sum(e, axis=1, keepdims=True)
    return e / total
'''
RENAMED = '''
def softmax(matrix):
    # my own work
    z = matrix - np.max(matrix, axis=1, keepdims=True)
    ez = np.exp(z)
    s = np.sum(ez, axis=1, keepdims=True)  # row sums
    return ez / s
'''


def test_names_literals_comments_and_docstrings_do_not_count():
    assert similarity.normalise(SOFTMAX) == similarity.normalise(RENAMED)
    assert similarity.normalise("y = x + 2.5  # two and a half") == similarity.normalise("z = w + 7")
    assert "np.max" in similarity.normalise(SOFTMAX), "what is called is kept"


def test_a_copy_in_disguise_keeps_most_fingerprints():
    copy = disguised(SOFTMAX, random.Random(3), "softmax")
    a, b = (similarity.fingerprints(similarity.normalise(code)) for code in (SOFTMAX, copy))
    assert copy != SOFTMAX and len(a & b) / len(a) > 0.7


def test_one_short_expression_exercises_are_skipped():
    base, skipped = similarity.read_base(ROOT, ASSIGNMENT)
    skipped_ids = {grade_id for _, grade_id in skipped}
    assert {"sigmoid", "dot_product", "L1"} <= skipped_ids
    assert {"softmax", "broadcast_shape"} <= {grade_id for _, grade_id in base}


def test_planted_copies_rank_first_honest_look_alikes_below():
    """Every planted pair (renamed variables, swapped lines, new comments) ranks above every honest pair, with room
    to spare: the weakest planted pair has well over the strongest honest pair's evidence (2.4 to 3.0 times at
    150 students; the mean rarity of the shared fingerprints gave 2.1 to 2.9)."""
    for seed in (0, 3):
        figures = measure(students=150, copies=8, seed=seed)
        assert figures["precision"] == 1 and figures["last_planted_rank"] == 8, (seed, figures)
        assert figures["margin"] > 1.5, (seed, figures)
        # Pairs sharing rare code in two exercises: about 850 of 11,175 (one exercise was enough before: 4,100).
        assert figures["pairs_scored"] < figures["pairs_total"] / 8, "only pairs sharing rare code twice are scored"


COMMON = """
def f(a, b):
    shifted = a - np.max(a, axis=1, keepdims=True)
    e = np.exp(shifted)
    total = np.sum(e, axis=1, keepdims=True)
    out = e / total
    return np.where(b > 0, out, np.zeros_like(out))
"""
UNCOMMON = """
def f(a, b):
    centred = (a - a.mean(axis=0)) / a.std(axis=0)
    weights = np.linalg.solve(centred.T @ centred, centred.T @ b)
    return weights, np.abs(centred @ weights - b).max()
"""


def one_exercise(cells: dict[str, str]) -> similarity.ClassCode:
    exercise = ("00_x", "f")
    return similarity.ClassCode({s: {exercise: text} for s, text in cells.items()}, {exercise: ""})


def test_the_rarity_is_the_shared_code_as_a_whole():
    """Two students alone in writing a variant of the class's common answer share rarer code than three who wrote
    the same uncommon answer, though most of the variant's fingerprints are common (their mean ranked it below)."""
    rare = COMMON.replace("np.sum(e, axis=1, keepdims=True)", "e.sum(axis=1, keepdims=True)")
    cells = {f"c{i:02d}": COMMON for i in range(20)} | {"r0": rare, "r1": rare} | {f"u{i}": UNCOMMON for i in range(3)}
    ranked = [lead.students for lead in similarity.compare_class(one_exercise(cells), max_share=0.25).leads]
    assert ranked.index(("r0", "r1")) < ranked.index(("u0", "u1")), ranked
    assert ("c00", "c01") not in ranked, "an answer a fifth of the class wrote proposes no pair"


def test_one_exercise_alike_is_no_lead_two_are():
    """A pair is scored only if it shares rare code in two exercises: one coincidence is common in a large class."""
    answers = [text for pool in answer_pools().values() for text in pool]
    first, second = ("00_x", "f"), ("00_x", "g")
    code = {f"o{i:02d}": {first: answers[i], second: answers[100 + i]} for i in range(20)}
    code |= {"p0": {first: answers[60], second: answers[61]}, "p1": {first: answers[60], second: answers[62]}}
    code |= {"q0": {first: answers[70], second: answers[71]}, "q1": {first: answers[70], second: answers[71]}}
    leads = similarity.compare_class(similarity.ClassCode(code, {first: "", second: ""}), max_share=0.25).leads
    ranked = [lead.students for lead in leads]
    assert ("q0", "q1") in ranked and ("p0", "p1") not in ranked, ranked


def test_honest_students_who_wrote_the_reference_are_no_lead():
    synthetic = synthetic_class(students=60, copies=0, seed=1)
    references = {}
    for source in sorted((ROOT / "source" / ASSIGNMENT).glob("*.ipynb")):
        references.update({(source.stem, g): c for g, c in reference_solutions(source).items()})
    for student in ("s0001", "s0002"):
        synthetic.code.code[student] = {ex: references[ex] for ex in synthetic.code.base}
    result = similarity.compare_class(synthetic.code)
    assert ("s0001", "s0002") not in [lead.students for lead in result.leads], "the reference is base code"


@pytest.fixture
def notebook_class(tmp_path):
    """Returns a course whose submitted/ holds 30 honest students and a copier of s0007, as notebooks."""
    course = tmp_path / "course"
    shutil.copytree(ROOT / "source", course / "source")
    shutil.copytree(ROOT / "release", course / "release")
    synthetic = synthetic_class(students=30, copies=0, seed=2)
    rng = random.Random(5)
    code = synthetic.code.code
    code["zz_copier"] = {ex: disguised(text, rng, ex[1]) for ex, text in code["s0007"].items()}
    for student, cells in code.items():
        folder = course / "submitted" / student / ASSIGNMENT
        folder.mkdir(parents=True)
        for released in sorted((course / "release" / ASSIGNMENT).glob("*.ipynb")):
            mine = {grade_id: text for (notebook, grade_id), text in cells.items() if notebook == released.stem}
            nbformat.write(submission(released, mine), folder / released.name)
    return course


def test_the_page_ranks_the_copy_first_with_code_side_by_side(notebook_class, tmp_path):
    result = similarity.main(notebook_class, ASSIGNMENT, tmp_path / "sim.html")
    assert result.leads[0].students == ("s0007", "zz_copier")
    page = (tmp_path / "sim.html").read_text()
    assert "not verdicts" in page and "<table class='pair'>" in page and "s0007" in page
    assert "softmax" in page and "skipped (one short expression)" in page


def test_anonymised_page_has_no_student_ids(notebook_class, tmp_path):
    result = similarity.main(notebook_class, ASSIGNMENT, tmp_path / "sim.html", anonymise=True)
    page = (tmp_path / "sim.html").read_text()
    assert "zz_copier" not in page and "s0007" not in page and result.leads[0].students[0].startswith("student-")


def test_the_page_is_not_overwritten_without_force(notebook_class, tmp_path):
    (tmp_path / "sim.html").write_text("keep")
    with pytest.raises(similarity.CourseError, match="--force"):
        similarity.main(notebook_class, ASSIGNMENT, tmp_path / "sim.html")
