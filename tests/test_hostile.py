"""Hostile and broken submissions, graded end to end with `nbgrader autograde` and our config.

Each attack in tests/hostile.py must get the grade it deserves, with feedback that says why and
leaks no hidden test; nothing outside its sandbox may change (checksums of the course tree and
of the repository's course files); no process may be left; and the honest students graded in
the same run must get exactly the grades they get in a run without any attack.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from autograder.release import ASSIGNMENT
from tests._hostile_class import HONEST
from tests.hostile import ATTACKS, GRADE_IDS, NOTEBOOK, Attack


def feedback_text(course: Path, student: str) -> str:
    """Returns the HTML feedback of a student's notebook."""
    path = course / "feedback" / student / ASSIGNMENT / f"{NOTEBOOK}.html"
    return path.read_text() if path.exists() else ""


def printed_text(course: Path, student: str) -> str:
    """Returns everything the graded notebook's cells printed or displayed as text."""
    path = course / "autograded" / student / ASSIGNMENT / f"{NOTEBOOK}.ipynb"
    if not path.exists():
        return ""
    nb = nbformat.read(path, as_version=4)
    texts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            texts.append(str(output.get("text", "")) + str(output.get("data", {}).get("text/plain", "")))
            texts.append(str(output.get("evalue", "")))
    return "\n".join(texts)


@pytest.fixture(scope="module")
def hostile_run(hostile_class):
    """The shared hostile class (tests/_hostile_class.py), seen through this file's attacks."""
    course_of = hostile_class["course_of"]
    return {
        **hostile_class,
        "feedback": {a.name: feedback_text(course_of[a.name], a.name) for a in ATTACKS},
        "outputs": {a.name: printed_text(course_of[a.name], a.name) for a in ATTACKS},
    }


def test_there_are_at_least_20_attacks():
    assert len(ATTACKS) >= 20
    assert len({a.name for a in ATTACKS}) == len(ATTACKS)


@pytest.mark.parametrize("attack", ATTACKS, ids=lambda a: a.name)
def test_attack_gets_the_grade_it_deserves(hostile_run, attack: Attack):
    got = tuple(hostile_run["scores"].get((attack.name, NOTEBOOK, g), (None, None))[0] for g in GRADE_IDS)
    assert got == attack.expected, f"{attack.name} ({attack.what}) scored {got}, deserves {attack.expected}"


HIDDEN = ("BEGIN HIDDEN TESTS", 'check(&quot;sigmoid', 'check("sigmoid', "logaddexp")
ESCAPED = ("LEAKED", "COPIED from", "gradebook rewritten", "CONNECTED")


@pytest.mark.parametrize("attack", ATTACKS, ids=lambda a: a.name)
def test_feedback_says_why_and_leaks_nothing(hostile_run, attack: Attack):
    html = hostile_run["feedback"][attack.name]
    assert html, f"no feedback was generated for {attack.name}"
    if attack.says:
        assert attack.says in html, f"the feedback of {attack.name} does not say {attack.says!r}"
    for secret in HIDDEN:
        assert secret not in html, f"the feedback of {attack.name} shows {secret!r}"


@pytest.mark.parametrize("attack", ATTACKS, ids=lambda a: a.name)
def test_the_attack_learned_nothing(hostile_run, attack: Attack):
    """What the student's code printed shows that every read, copy or connection failed."""
    printed = hostile_run["outputs"][attack.name]
    for sign in ESCAPED:
        assert sign not in printed, f"{attack.name} printed {sign!r}: it got out"


def test_nothing_outside_the_sandboxes_changed(hostile_run):
    for changed in hostile_run["changed"]:
        assert not changed, f"grading changed files in the course directory: {sorted(changed)[:10]}"
    changed = [name for name, differs in hostile_run["repository_changed"].items() if differs]
    assert not changed, f"grading changed the repository's {changed}"


def test_no_process_is_left(hostile_run):
    assert hostile_run["leftover"] == [], f"processes left running as sandbox users: {hostile_run['leftover']}"


def test_no_connection_left_the_sandbox(hostile_run):
    assert hostile_run["connections"] == 0


@pytest.mark.parametrize("student", sorted(HONEST))
def test_honest_students_are_graded_as_without_attacks(hostile_run, student: str):
    clean = {k: v for k, v in hostile_run["clean"].items() if k[0] == student}
    assert clean, f"{student} was not graded"
    for graded in hostile_run["per_course"]:
        with_attacks = {k: v for k, v in graded.items() if k[0] == student}
        assert with_attacks == clean, f"{student}: {with_attacks} with attacks, {clean} without"
