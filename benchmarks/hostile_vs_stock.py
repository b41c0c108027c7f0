"""Grade every hostile submission of tests/hostile.py with stock nbgrader and with ours, side by side.

    .venv/bin/python -m benchmarks.hostile_vs_stock            # prints a Markdown table

Each attack is graded in its own fresh course (so a change to the course directory or to an
honest student's grades can be blamed on it), together with one honest student. Stock nbgrader
runs the kernel unsandboxed as the grading user, so attacks marked unsafe (fork and memory
bombs) are not run with it: they would take down the machine, which is the point.
A run "loses" when the attack does not get exactly the grade it deserves (more: a cheat that
worked; less: a correct answer that lost its points), changes the course directory, prints what
it read or copied, reaches the network, changes an honest student's grade, or stops the grading.
"""

from __future__ import annotations

import argparse
import contextlib
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from autograder.release import ASSIGNMENT, ROOT
from benchmarks._stock import stock_config
from tests._course import finish, new_course, read_scores, start_nbgrader
from tests._hostile_class import HONEST, TEST_LIMITS, Listener, tree_digest, write_honest
from tests._hostile_class import write_first_round_attack as write_attack
from tests.hostile import ATTACKS, GRADE_IDS, NOTEBOOK, Attack
from tests.test_hostile import ESCAPED, printed_text

STOCK_CONFIG = stock_config(cell_timeout=8)


@dataclass
class Outcome:
    """How one grader did on one attack."""

    scores: tuple | None
    changed: list[str]
    honest_changed: bool
    connections: int
    seconds: float
    escaped: list[str]

    def loses(self, attack: Attack) -> list[str]:
        """Returns what went wrong for the grader, empty if it held."""
        lost = []
        if self.scores is None or None in self.scores:
            lost.append("grading stopped")
        elif tuple(self.scores) != tuple(float(e) for e in attack.expected):
            lost.append(f"scored {fmt(self.scores)}")
        if self.changed:
            lost.append(f"changed {', '.join(sorted(self.changed)[:2])}")
        if self.honest_changed:
            lost.append("changed another student's grade")
        if self.connections:
            lost.append("reached the network")
        if self.escaped:
            lost.append(f"printed {', '.join(self.escaped)}")
        return lost


def fmt(scores: tuple | None) -> str:
    """Returns scores as `1/1/0`."""
    return "-" if scores is None else "/".join("?" if s is None else f"{s:g}" for s in scores)


def grade_alone(attack: Attack, config: str, clean: dict) -> Outcome:
    """Grades one attack with one honest student in a fresh course with the given config."""
    listener = Listener()
    with tempfile.TemporaryDirectory(prefix=f"hostile-{attack.name}-") as folder:
        course = new_course(Path(folder), config)
        write_honest(course)
        write_attack(course, attack, listener.port)
        before = tree_digest(course)
        start = time.monotonic()
        process = start_nbgrader(course, "autograde", ASSIGNMENT)
        with contextlib.suppress(AssertionError):  # a stopped grading shows as missing scores
            finish(process)
        seconds = time.monotonic() - start
        listener.close()
        try:
            graded = read_scores(course)
        except Exception:
            graded = {}
        scores = tuple(graded.get((attack.name, NOTEBOOK, g), (None, None))[0] for g in GRADE_IDS)
        honest = {k: v for k, v in graded.items() if k[0] in HONEST}
        changed = [path for path, digest in set(tree_digest(course).items()) ^ set(before.items())]
        printed = printed_text(course, attack.name)
        escaped = [sign for sign in ESCAPED if sign in printed]
        return Outcome(scores, sorted(set(changed)), honest != clean, listener.connections, seconds, escaped)


def clean_grades(config: str) -> dict:
    """Returns the honest student's grades in a run without attacks."""
    with tempfile.TemporaryDirectory(prefix="hostile-clean-") as folder:
        course = new_course(Path(folder), config)
        write_honest(course)
        finish(start_nbgrader(course, "autograde", ASSIGNMENT))
        return {k: v for k, v in read_scores(course).items() if k[0] in HONEST}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="names of attacks to run (default: all)")
    args = parser.parse_args()
    ours_config = (ROOT / "nbgrader_config.py").read_text() + TEST_LIMITS
    clean = {"stock": clean_grades(STOCK_CONFIG), "ours": clean_grades(ours_config)}
    print("| attack | deserves | stock nbgrader | ours |")
    print("| --- | --- | --- | --- |")
    held = {"stock": 0, "ours": 0}
    attacks = [a for a in ATTACKS if not args.only or a.name in args.only]
    for attack in attacks:
        cells = []
        for grader, config in (("stock", STOCK_CONFIG), ("ours", ours_config)):
            if grader == "stock" and attack.unsafe_unsandboxed:
                cells.append("not run: unsafe without a sandbox")
                continue
            outcome = grade_alone(attack, config, clean[grader])
            lost = outcome.loses(attack)
            held[grader] += not lost
            verdict = "**loses**: " + "; ".join(lost) if lost else "holds"
            cells.append(f"{fmt(outcome.scores)}, {verdict}")
        print(f"| `{attack.name}`: {attack.what} | {fmt(attack.expected)} | {cells[0]} | {cells[1]} |", flush=True)
    print(f"\nheld: stock {held['stock']}/{len(attacks)}, ours {held['ours']}/{len(attacks)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
