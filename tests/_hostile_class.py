"""One class of hostile submissions, graded once per test session for tests/test_hostile.py and test_hostile2.py.

Every attack of tests/hostile.py and tests/hostile2.py is a student of one of two course copies
(graded at the same time, as two instructors' machines would), beside two honest students, plus a
clean course holding only the honest students: they must get the same grades in all three. The
listener counts connections any attack makes to loopback.
"""

from __future__ import annotations

import hashlib
import socket
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

import nbformat

from autograder.release import ASSIGNMENT, ROOT
from autograder.sandbox.limits import SLOTS, UNPRIVILEGED_UID_BASE, is_root
from autograder.sandbox.process import pids_of_uid
from tests import hostile, hostile2
from tests._course import new_course, reference_solutions, start_nbgrader, submission

TEST_LIMITS = "\nc.TrustedJudge.cell_timeout = 8\nc.TrustedJudge.timeout = 60\n"
CHANGES_ALLOWED = ("autograded", "feedback", "gradebook.db", "grades.csv", ".autograder")
SECRET_FILE = Path(".autograder") / "secret"
HONEST_NOTEBOOKS = ("01_why_numpy", "06_vectorization")
HONEST = {
    "aaa_honest": {},
    "zzz_partly_wrong": {"01_why_numpy": {"sigmoid": hostile2.WRONG_SIGMOID},
                         "06_vectorization": {"dot_product": hostile2.WRONG_DOT}},
}


def tree_digest(root: Path, skip: tuple[str, ...] = CHANGES_ALLOWED) -> dict[str, str]:
    """Returns {relative path: sha256} of every file under root, except what grading writes."""
    digests = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if relative.parts[0] in skip or not path.is_file() or "__pycache__" in relative.parts:
            continue
        digests[str(relative)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digests


def sandbox_processes() -> list[int]:
    """Returns processes still running as any sandbox uid."""
    if not is_root():
        return []
    found = []
    for uid in range(UNPRIVILEGED_UID_BASE, UNPRIVILEGED_UID_BASE + SLOTS):
        found += pids_of_uid(uid)
    return found


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


def released(course: Path, notebook: str) -> Path:
    return course / "release" / ASSIGNMENT / f"{notebook}.ipynb"


def solutions_for(course: Path, notebook: str, changes: dict[str, str]) -> nbformat.NotebookNode:
    """Returns the released notebook filled with the reference solutions, some replaced by changes."""
    solutions = reference_solutions(course / "source" / ASSIGNMENT / f"{notebook}.ipynb")
    solutions.update(changes)
    return submission(released(course, notebook), solutions)


def insert_after(nb: nbformat.NotebookNode, after: dict[str, str]) -> None:
    """Inserts a code cell after the cell of each grade id (at the end if there is none)."""
    for grade_id, source in after.items():
        positions = [i for i, c in enumerate(nb.cells) if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id]
        nb.cells.insert(positions[0] + 1 if positions else len(nb.cells), nbformat.v4.new_code_cell(source.strip("\n")))


def student_folder(course: Path, student: str) -> Path:
    folder = course / "submitted" / student / ASSIGNMENT
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def write_first_round_attack(course: Path, attack: hostile.Attack, port: int) -> None:
    """Writes an attack of tests/hostile.py (notebook 01; PORT is the listener's port)."""
    folder = student_folder(course, attack.name)
    target = folder / f"{hostile.NOTEBOOK}.ipynb"
    for relative, text in attack.files.items():
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_text(text)
    if attack.raw is not None:
        target.write_bytes(attack.raw)
        return
    nb = solutions_for(course, hostile.NOTEBOOK, {k: v.replace("PORT", str(port)) for k, v in attack.solutions.items()})
    insert_after(nb, {k: v.replace("PORT", str(port)) for k, v in attack.after.items()})
    if attack.edit:
        attack.edit(nb)
    nbformat.write(nb, target)


def write_second_round_attack(course: Path, attack: hostile2.Attack) -> None:
    """Writes an attack of tests/hostile2.py into its notebook."""
    nb = solutions_for(course, attack.notebook, attack.solutions)
    insert_after(nb, attack.after)
    if attack.edit:
        attack.edit(nb)
    target = student_folder(course, attack.name) / f"{attack.notebook}.ipynb"
    if attack.raw:
        target.write_bytes(attack.raw(nb))
    else:
        nbformat.write(nb, target)


def write_honest(course: Path) -> None:
    for student, changes in HONEST.items():
        folder = student_folder(course, student)
        for notebook in HONEST_NOTEBOOKS:
            nbformat.write(solutions_for(course, notebook, changes.get(notebook, {})), folder / f"{notebook}.ipynb")


def finish(process: subprocess.Popen) -> tuple[int, str]:
    output, _ = process.communicate()
    return process.returncode, output


def secret_of(course: Path) -> bytes:
    return (course / SECRET_FILE).read_bytes() if (course / SECRET_FILE).exists() else b""


def grade_hostile_class(tmp_path_factory) -> dict[str, Any]:
    """Grades every attack of both rounds, spread over two course copies, and a clean course; returns what happened."""
    from tests._course import read_scores

    config = (ROOT / "nbgrader_config.py").read_text() + TEST_LIMITS
    listener = Listener()
    repository_before = {n: tree_digest(ROOT / n) for n in ("source", "release", "autograder", "notebooks")}
    courses = [new_course(tmp_path_factory.mktemp(f"hostile{i}"), config) for i in range(2)]
    clean = new_course(tmp_path_factory.mktemp("hostile_clean"), config)
    course_of: dict[str, Path] = {}
    for course in [*courses, clean]:
        write_honest(course)
    for index, attack in enumerate(hostile.ATTACKS):
        course_of[attack.name] = courses[index % 2]
        write_first_round_attack(course_of[attack.name], attack, listener.port)
    for index, attack in enumerate(hostile2.ATTACKS):
        course_of[attack.name] = courses[(index + len(hostile.ATTACKS)) % 2]
        write_second_round_attack(course_of[attack.name], attack)
    before = [tree_digest(course) for course in courses]
    started = time.monotonic()
    graded = [finish(p) for p in [start_nbgrader(course, "autograde", ASSIGNMENT) for course in [*courses, clean]]]
    seconds = time.monotonic() - started
    leftover = sandbox_processes()
    feedbacks = [start_nbgrader(course, "generate_feedback", ASSIGNMENT) for course in courses]
    feedback_status = [finish(p) for p in feedbacks]
    listener.close()
    per_course = [read_scores(course) for course in courses]
    return {
        "courses": courses,
        "course_of": course_of,
        "graded": graded,
        "feedback_status": feedback_status,
        "seconds": seconds,
        "per_course": per_course,
        "scores": {k: v for scores in per_course for k, v in scores.items() if k[0] not in HONEST},
        "clean": read_scores(clean),
        "secrets": [secret_of(course) for course in courses],
        "changed": [sorted(set(tree_digest(c).items()) ^ set(b.items())) for c, b in zip(courses, before, strict=True)],
        "repository_changed": {n: tree_digest(ROOT / n) != d for n, d in repository_before.items()},
        "leftover": leftover,
        "connections": listener.connections,
    }
