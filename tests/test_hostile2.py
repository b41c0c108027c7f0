"""A second round of hostile submissions (tests/hostile2.py), graded end to end in one class run.

One course with the repository's config and small limits: every attack is a student, beside two
honest students (reference solutions; partly wrong) who must get exactly the grades of a clean run
graded at the same time. Checked: each attack's score per test cell, feedback that leaks no hidden
test or secret, no active script in feedback or autograded outputs, the course tree unchanged
outside autograded/, feedback/ and the gradebook, no process left as a sandbox uid, bounded time.
"""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path
from typing import Any

import nbformat
import pytest

from autograder.release import ASSIGNMENT, ROOT
from tests._course import new_course, read_scores, reference_solutions, start_nbgrader, submission
from tests.hostile2 import ATTACKS, GRADE_IDS, NESTED_HTML, WRONG_DOT, WRONG_SIGMOID, Attack
from tests.test_hostile import TEST_LIMITS, sandbox_processes, tree_digest

NOTEBOOKS = tuple(GRADE_IDS)
HONEST = {
    "aaa_honest": {},
    "zzz_partly_wrong": {"01_why_numpy": {"sigmoid": WRONG_SIGMOID}, "06_vectorization": {"dot_product": WRONG_DOT}},
}
SECRET_FILE = Path(".autograder") / "secret"
CLASS_SECONDS = 240  # the whole class run: ~25 notebooks, each a judged and a display run


def released(course: Path, notebook: str) -> Path:
    return course / "release" / ASSIGNMENT / f"{notebook}.ipynb"


def solutions_for(course: Path, notebook: str, changes: dict[str, str]) -> nbformat.NotebookNode:
    solutions = reference_solutions(course / "source" / ASSIGNMENT / f"{notebook}.ipynb")
    solutions.update(changes)
    return submission(released(course, notebook), solutions)


def write_attack(course: Path, attack: Attack) -> None:
    """Writes the attack's notebook into submitted/<attack name>/python_basics/."""
    folder = course / "submitted" / attack.name / ASSIGNMENT
    folder.mkdir(parents=True, exist_ok=True)
    nb = solutions_for(course, attack.notebook, attack.solutions)
    for grade_id, source in attack.after.items():
        positions = [i for i, c in enumerate(nb.cells) if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id]
        nb.cells.insert(positions[0] + 1 if positions else len(nb.cells), nbformat.v4.new_code_cell(source))
    if attack.edit:
        attack.edit(nb)
    target = folder / f"{attack.notebook}.ipynb"
    if attack.raw:
        target.write_bytes(attack.raw(nb))
    else:
        nbformat.write(nb, target)


def write_honest(course: Path) -> None:
    for student, changes in HONEST.items():
        folder = course / "submitted" / student / ASSIGNMENT
        folder.mkdir(parents=True, exist_ok=True)
        for notebook in NOTEBOOKS:
            nbformat.write(solutions_for(course, notebook, changes.get(notebook, {})), folder / f"{notebook}.ipynb")


def finish(process: subprocess.Popen) -> tuple[int, str]:
    output, _ = process.communicate()
    return process.returncode, output


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
def class_run(tmp_path_factory):
    config = (ROOT / "nbgrader_config.py").read_text() + TEST_LIMITS
    course = new_course(tmp_path_factory.mktemp("hostile2"), config)
    clean = new_course(tmp_path_factory.mktemp("hostile2_clean"), config)
    for folder in (course, clean):
        write_honest(folder)
    for attack in ATTACKS:
        write_attack(course, attack)
    before = tree_digest(course)
    secret = (course / SECRET_FILE).read_bytes() if (course / SECRET_FILE).exists() else b""
    started = time.monotonic()
    processes = [start_nbgrader(folder, "autograde", ASSIGNMENT) for folder in (course, clean)]
    graded = [finish(p) for p in processes]
    seconds = time.monotonic() - started
    leftover = sandbox_processes()
    feedback_status = finish(start_nbgrader(course, "generate_feedback", ASSIGNMENT))
    secret = secret or ((course / SECRET_FILE).read_bytes() if (course / SECRET_FILE).exists() else b"")
    return {
        "course": course, "graded": graded, "feedback_status": feedback_status, "seconds": seconds,
        "scores": read_scores(course), "clean": read_scores(clean), "leftover": leftover, "secret": secret,
        "changed": sorted(set(tree_digest(course).items()) ^ set(before.items())),
    }


def test_autograde_finished_for_the_whole_class(class_run):
    for returncode, output in [*class_run["graded"], class_run["feedback_status"]]:
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
    html = feedback_of(class_run["course"], attack.name, attack.notebook)
    assert html, f"no feedback for {attack.name}"
    for needle in HIDDEN:
        assert needle not in html, f"the feedback of {attack.name} shows {needle!r}"
    secret = class_run["secret"].strip()
    if len(secret) >= 8:
        assert secret.hex() not in html and secret.decode(errors="ignore") not in html, "the course secret leaked"


@pytest.mark.parametrize("attack", ATTACKS, ids=lambda a: a.name)
def test_the_attack_learned_nothing(class_run, attack: Attack):
    text = printed(autograded_of(class_run["course"], attack.name, attack.notebook))
    for sign in ("LEAKED", "OVER_LIMIT"):
        assert sign not in text, f"{attack.name} printed {sign!r}: {text[text.find(sign):][:300]}"


def test_no_script_reaches_feedback_or_autograded(class_run):
    html = feedback_of(class_run["course"], "xss", "01_why_numpy")
    assert '<script>alert("XSSMARK")' not in html and "<img src=x onerror" not in html
    nb = autograded_of(class_run["course"], "xss", "01_why_numpy")
    outputs = json.dumps([c.get("outputs", []) for c in nb.cells])
    assert "<script" not in outputs and "onerror" not in outputs


def test_nested_markup_is_sanitized_in_linear_time():
    from autograder.sanitize import SanitizeOutputs

    started = time.perf_counter()
    SanitizeOutputs().sanitize_markdown(NESTED_HTML * 3)
    assert time.perf_counter() - started < 2.0, "9,000 nested <div> took more than 2 s to sanitize"


def test_nothing_outside_the_sandboxes_changed(class_run):
    assert not class_run["changed"], f"grading changed course files: {class_run['changed'][:10]}"


def test_no_process_is_left(class_run):
    assert class_run["leftover"] == []


def test_class_run_time_is_bounded(class_run):
    assert class_run["seconds"] < CLASS_SECONDS


@pytest.mark.parametrize("student", sorted(HONEST))
def test_honest_students_are_graded_as_without_attacks(class_run, student: str):
    clean = {k: v for k, v in class_run["clean"].items() if k[0] == student}
    assert clean, f"{student} was not graded"
    assert {k: v for k, v in class_run["scores"].items() if k[0] == student} == clean


def test_reference_solutions_get_full_marks(class_run):
    """Guards the attacks' meaning: the notebooks they attack are graded at all."""
    honest = {k: v for k, v in class_run["clean"].items() if k[0] == "aaa_honest" and k[1] in NOTEBOOKS}
    assert honest and all(score == top for score, top in honest.values()), honest
