"""Hostile and broken submissions, graded end to end with `nbgrader autograde` and our config.

Each attack in tests/hostile.py must get the grade it deserves, with feedback that says why and
leaks no hidden test; nothing outside its sandbox may change (checksums of the course tree and
of the repository's course files); no process may be left; and the honest students graded in
the same run must get exactly the grades they get in a run without any attack.
"""

from __future__ import annotations

import hashlib
import socket
import threading
from pathlib import Path

import nbformat
import pytest

from autograder.release import ASSIGNMENT, ROOT
from autograder.sandbox import SLOTS, UNPRIVILEGED_UID_BASE, is_root, pids_of_uid
from tests._course import finish, nbgrader, new_course, read_scores, reference_solutions, start_nbgrader, submission
from tests.hostile import ATTACKS, GRADE_IDS, NOTEBOOK, WRONG_SIGMOID, Attack

HONEST = {"aaa_honest": {}, "zzz_partly_wrong": {"sigmoid": WRONG_SIGMOID}}
TEST_LIMITS = "\nc.TrustedJudge.cell_timeout = 8\nc.TrustedJudge.timeout = 60\n"
CHANGES_ALLOWED = ("autograded", "feedback", "gradebook.db", "grades.csv", ".autograder")


def tree_digest(root: Path, skip: tuple[str, ...] = CHANGES_ALLOWED) -> dict[str, str]:
    """Returns {relative path: sha256} of every file under root, except what grading writes."""
    digests = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if relative.parts[0] in skip or not path.is_file() or "__pycache__" in relative.parts:
            continue
        digests[str(relative)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digests


class Listener:
    """A TCP server on loopback that counts the connections it receives (the network attack's target)."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(0.5)
        self.port = self.server.getsockname()[1]
        self.connections = 0
        self.running = True
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self) -> None:
        while self.running:
            try:
                connection, _ = self.server.accept()
            except OSError:
                continue
            self.connections += 1
            connection.close()

    def close(self) -> None:
        self.running = False
        self.thread.join(timeout=2)
        self.server.close()


def write_attack(course: Path, attack: Attack, port: int) -> None:
    """Writes the attack's submission into submitted/<attack name>/python_basics/."""
    folder = course / "submitted" / attack.name / ASSIGNMENT
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{NOTEBOOK}.ipynb"
    for relative, text in attack.files.items():
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_text(text)
    if attack.raw is not None:
        target.write_bytes(attack.raw)
        return
    solutions = reference_solutions(course / "source" / ASSIGNMENT / f"{NOTEBOOK}.ipynb")
    solutions.update({k: v.replace("PORT", str(port)) for k, v in attack.solutions.items()})
    nb = submission(course / "release" / ASSIGNMENT / f"{NOTEBOOK}.ipynb", solutions)
    for grade_id, source in attack.after.items():
        cell = nbformat.v4.new_code_cell(source.replace("PORT", str(port)).strip("\n"))
        positions = [i for i, c in enumerate(nb.cells) if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id]
        nb.cells.insert(positions[0] + 1 if positions else len(nb.cells), cell)
    if attack.edit:
        attack.edit(nb)
    nbformat.write(nb, target)


def write_honest(course: Path) -> None:
    """Writes the honest students' submissions (the same in every run)."""
    source = course / "source" / ASSIGNMENT / f"{NOTEBOOK}.ipynb"
    for student, changes in HONEST.items():
        folder = course / "submitted" / student / ASSIGNMENT
        folder.mkdir(parents=True, exist_ok=True)
        solutions = {**reference_solutions(source), **changes}
        nb = submission(course / "release" / ASSIGNMENT / f"{NOTEBOOK}.ipynb", solutions)
        nbformat.write(nb, folder / f"{NOTEBOOK}.ipynb")


def sandbox_processes() -> list[int]:
    """Returns processes still running as any sandbox uid."""
    if not is_root():
        return []
    found = []
    for uid in range(UNPRIVILEGED_UID_BASE, UNPRIVILEGED_UID_BASE + SLOTS):
        found += pids_of_uid(uid)
    return found


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
def hostile_run(tmp_path_factory):
    """Grades every attack, with the honest students, in two course copies at once; and a clean run."""
    config = (ROOT / "nbgrader_config.py").read_text() + TEST_LIMITS
    listener = Listener()
    repository_before = {n: tree_digest(ROOT / n) for n in ("source", "release", "autograder", "notebooks")}
    courses = [new_course(tmp_path_factory.mktemp(f"hostile{i}"), config) for i in range(2)]
    clean = new_course(tmp_path_factory.mktemp("clean"), config)
    for course in [*courses, clean]:
        write_honest(course)
    for index, attack in enumerate(ATTACKS):
        write_attack(courses[index % 2], attack, listener.port)
    before = [tree_digest(course) for course in courses]
    for process in [start_nbgrader(course, "autograde", ASSIGNMENT) for course in [*courses, clean]]:
        finish(process)
    leftover = sandbox_processes()
    for course in courses:
        nbgrader(course, "generate_feedback", ASSIGNMENT)
    listener.close()
    per_course = [read_scores(course) for course in courses]
    scores = {k: v for graded in per_course for k, v in graded.items() if k[0] not in HONEST}
    feedback = {attack.name: feedback_text(courses[i % 2], attack.name) for i, attack in enumerate(ATTACKS)}
    outputs = {attack.name: printed_text(courses[i % 2], attack.name) for i, attack in enumerate(ATTACKS)}
    return {
        "scores": scores,
        "per_course": per_course,
        "clean": read_scores(clean),
        "feedback": feedback,
        "outputs": outputs,
        "changed": [set(tree_digest(c).items()) ^ set(b.items()) for c, b in zip(courses, before, strict=True)],
        "repository_changed": {
            n: tree_digest(ROOT / n) != d for n, d in repository_before.items()
        },
        "leftover": leftover,
        "connections": listener.connections,
        "courses": courses,
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
