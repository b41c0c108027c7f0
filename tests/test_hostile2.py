"""A second round of hostile submissions (tests/hostile2.py), graded in the shared hostile class.

The class (tests/_hostile_class.py) holds both rounds' attacks in two course copies, beside honest
students who must get the grades of a clean course graded at the same time. Checked here: each
attack's score per test cell, feedback that leaks no hidden test or secret, no active script in
feedback or autograded outputs, bounded time. The course tree, leftover processes and the honest
students are checked once for both rounds in tests/test_hostile.py.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import nbformat
import pytest

from autograder.release import ASSIGNMENT
from tests.hostile2 import ATTACKS, GRADE_IDS, NESTED_HTML, Attack

NOTEBOOKS = tuple(GRADE_IDS)
CLASS_SECONDS = 600  # both rounds of attacks (~60 notebooks, each a judged and a display run), two courses at once


def feedback_of(course: Path, student: str, notebook: str) -> str:
    path = course / "feedback" / student / ASSIGNMENT / f"{notebook}.html"
    return path.read_text() if path.exists() else ""


def autograded_of(course: Path, student: str, notebook: str) -> Any:
    path = course / "autograded" / student / ASSIGNMENT / f"{notebook}.ipynb"
    return nbformat.read(path, as_version=4) if path.exists() else None


def printed(nb: Any) -> str:
    texts = []
    for cell in nb.cells if nb is not None else []:
        for output in cell.get("outputs", []):
            texts += [str(output.get("text", "")), str(output.get("data", {})), str(output.get("evalue", ""))]
    return "\n".join(texts)


@pytest.fixture(scope="module")
def class_run(hostile_class):
    """The shared hostile class (tests/_hostile_class.py), seen through this file's attacks."""
    return hostile_class


def test_autograde_finished_for_the_whole_class(class_run):
    for returncode, output in [*class_run["graded"], *class_run["feedback_status"]]:
        assert returncode == 0, output[-3000:]


@pytest.mark.parametrize("attack", ATTACKS, ids=lambda a: a.name)
def test_attack_gets_the_grade_it_deserves(class_run, attack: Attack):
    got = tuple(class_run["scores"].get((attack.name, attack.notebook, g), (None, None))[0]
                for g in GRADE_IDS[attack.notebook])
    why = f" (still wins: {attack.wins_today})" if attack.wins_today else ""
    assert got == attack.expected, f"{attack.name} ({attack.what}) scored {got}, deserves {attack.expected}{why}"


HIDDEN = ("BEGIN HIDDEN TESTS", 'check(&quot;', 'check("', "logaddexp", "reference_")


@pytest.mark.parametrize("attack", ATTACKS, ids=lambda a: a.name)
def test_feedback_leaks_nothing(class_run, attack: Attack):
    course = class_run["course_of"][attack.name]
    html = feedback_of(course, attack.name, attack.notebook)
    assert html, f"no feedback for {attack.name}"
    for needle in HIDDEN:
        assert needle not in html, f"the feedback of {attack.name} shows {needle!r}"
    secret = class_run["secrets"][class_run["courses"].index(course)].strip()
    if len(secret) >= 8:
        assert secret.hex() not in html and secret.decode(errors="ignore") not in html, "the course secret leaked"


@pytest.mark.parametrize("attack", ATTACKS, ids=lambda a: a.name)
def test_the_attack_learned_nothing(class_run, attack: Attack):
    text = printed(autograded_of(class_run["course_of"][attack.name], attack.name, attack.notebook))
    for sign in ("LEAKED", "OVER_LIMIT"):
        assert sign not in text, f"{attack.name} printed {sign!r}: {text[text.find(sign):][:300]}"


def test_no_script_reaches_feedback_or_autograded(class_run):
    course = class_run["course_of"]["xss"]
    html = feedback_of(course, "xss", "01_why_numpy")
    assert '<script>alert("XSSMARK")' not in html and "<img src=x onerror" not in html
    nb = autograded_of(course, "xss", "01_why_numpy")
    outputs = json.dumps([c.get("outputs", []) for c in nb.cells])
    assert "<script" not in outputs and "onerror" not in outputs


def test_nested_markup_is_sanitized_in_linear_time():
    from autograder.sanitize import SanitizeOutputs

    started = time.perf_counter()
    SanitizeOutputs().sanitize_markdown(NESTED_HTML * 3)
    assert time.perf_counter() - started < 2.0, "9,000 nested <div> took more than 2 s to sanitize"


def test_class_run_time_is_bounded(class_run):
    assert class_run["seconds"] < CLASS_SECONDS


# The course tree, leftover processes and the honest students of the shared class are checked in
# tests/test_hostile.py: once for both rounds.


def test_reference_solutions_get_full_marks(class_run):
    """Guards the attacks' meaning: the notebooks they attack are graded at all."""
    honest = {k: v for k, v in class_run["clean"].items() if k[0] == "aaa_honest" and k[1] in NOTEBOOKS}
    assert honest and all(score == top for score, top in honest.values()), honest
