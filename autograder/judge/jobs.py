"""The jobs sent across the wall, as plain data: the judged run's cells and cases, the display run's notebook."""

from __future__ import annotations

import ast
import base64
import json
import os
import stat
from functools import lru_cache
from pathlib import Path
from typing import Any

import nbformat

from autograder import rules
from autograder.cells import text_of
from autograder.checks._core import Case, Check
from autograder.inside import wire
from autograder.inside.functions import NAMES
from autograder.judge.layout import Layout, without_hidden_tests
from autograder.judge.settings import JudgeSettings

__all__ = ["MAX_SUPPORTING_BYTES", "OUTPUT_LIMIT", "display_job", "encode_case", "given_names", "given_statements",
           "needed_given_code", "supporting_files", "values_job"]


MAX_SUPPORTING_BYTES = 20 * 1024**2
OUTPUT_LIMIT = 256 * 1024


def encode_case(case: Case) -> dict:
    """Returns a case's arguments as plain data."""
    return {
        "args": [wire.encode(a, NAMES) for a in case.args],
        "kwargs": {k: wire.encode(v, NAMES) for k, v in case.kwargs.items()},
    }


def needed_given_code(layout: Layout, texts: tuple[str, ...]) -> dict[int, str]:
    """Returns, per given cell (by position), the part of it the judged code needs: the top-level
    statements that bind a name the solutions or visible tests read, directly or through other such
    statements, in their order. The rest (plots, prints, try-it calls) teaches but grades nothing,
    and would cost every judged run its time (importing matplotlib alone takes half a second)."""
    given = given_statements(layout)
    bindings, references = given_names(layout)
    todo = set()
    for text in texts:
        try:
            tree = ast.parse(text)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue  # refused by the rules, or not run at all
        for statement in tree.body:
            todo |= rules.global_references(statement)
    kept, seen = set(), set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for key in bindings.get(name, []):
            if key not in kept:
                kept.add(key)
                todo |= references[key] - seen
    parts: dict[int, list[str]] = {}
    for cell, number in sorted(kept):
        parts.setdefault(cell, []).append(ast.unparse(given[(cell, number)]))
    return {cell: "\n".join(texts_) + "\n" for cell, texts_ in parts.items()}


@lru_cache(maxsize=64)
def given_names(layout: Layout) -> tuple[dict[str, list[tuple[int, int]]], dict[tuple[int, int], set[str]]]:
    """Returns, for the layout's given statements, who binds each name and what each reads (once per
    source notebook, not once per graded notebook)."""
    bindings: dict[str, list[tuple[int, int]]] = {}
    references = {}
    for key, statement in given_statements(layout).items():
        for node in ast.walk(statement):
            for name in rules.bound_by(node):
                bindings.setdefault(name, []).append(key)
        references[key] = rules.global_references(statement)
    return bindings, references


@lru_cache(maxsize=64)
def given_statements(layout: Layout) -> dict[tuple[int, int], ast.stmt]:
    """Returns the top-level statements of the layout's given cells, by (cell position, statement number)."""
    found = {}
    for index, (kind, _, text) in enumerate(layout.cells):
        if kind != "given":
            continue
        try:
            tree = ast.parse(text)
        except (SyntaxError, ValueError):
            continue  # a magic in an instructor's cell: it defines nothing the judged code needs
        for number, statement in enumerate(tree.body):
            found[(index, number)] = statement
    return found


def values_job(layout: Layout, solutions: dict[str, str], refused: set[int], tests: list[Check],
               cases: dict[str, list[Case]], settings: JudgeSettings, nonce: str) -> tuple[dict, dict[str, int]]:
    """Returns the judged run's job, and the position of each test's visible part among its cells."""
    cells, positions, solution_number = [], {}, 0
    wanted = {check.grade_id for check in tests}
    runs = [solutions.get(g, "") for kind, g, _ in layout.cells if kind == "solution"]
    runs += [text for kind, g, text in layout.cells if kind == "test" and g in wanted]
    given = needed_given_code(layout, tuple(runs))
    for index, (kind, grade_id, text) in enumerate(layout.cells):
        if kind == "given":
            cells.append({"name": "given", "source": given.get(index, "")})
        elif kind == "solution":
            allowed = solution_number not in refused
            cells.append({"name": grade_id, "source": solutions.get(grade_id, "") if allowed else ""})
            solution_number += 1
        elif grade_id in wanted:
            positions[grade_id] = len(cells)
            cells.append({"name": grade_id, "source": text})
    checks = [{"grade_id": c.grade_id, "function": c.function, "cases": [encode_case(x) for x in cases[c.grade_id]]}
              for c in tests]
    files = {name: base64.b64encode(data).decode() for name, data in settings.supporting}
    job = {"nonce": nonce, "cells": cells, "checks": checks, "cpu_seconds": settings.cell_timeout, "files": files}
    return job, positions


def display_job(nb: Any, tests: dict[int, Check], settings: JudgeSettings) -> tuple[dict, Any]:
    """Returns the display run's job (the notebook, its test cells without hidden tests or values)
    and the notebook as sent."""
    run = nbformat.from_dict(json.loads(json.dumps(nb)))
    for index in tests:
        run.cells[index].source = without_hidden_tests(text_of(nb.cells[index].source))
    for cell in run.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    files = {name: base64.b64encode(data).decode() for name, data in settings.supporting}
    job = {"notebook": run, "files": files, "cell_timeout": settings.cell_timeout, "output_limit": OUTPUT_LIMIT}
    return job, run


def supporting_files(folder: Path, names: list[str]) -> tuple[tuple[str, bytes], ...]:
    """Returns the release's supporting files by name: regular files only, no links followed, size-capped."""
    found, budget = [], MAX_SUPPORTING_BYTES
    for name in names:
        path = folder / Path(name).name
        try:
            descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError:
            continue
        with os.fdopen(descriptor, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size > budget:
                continue
            data = handle.read(budget + 1)[:budget]
        budget -= len(data)
        found.append((path.name, data))
    return tuple(found)
