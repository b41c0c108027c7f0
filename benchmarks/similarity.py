"""Similarity leads on a synthetic class with planted copies: precision and time.

`python -m benchmarks.similarity [--students 1000] [--copies 20] [--seed 0] [--copied 1.0]` builds a class in
memory from the realistic answers of `autograder/synthetic/answers/` (right and wrong, each honest student
picking one per exercise and writing it in their own way: operands of + and * in either order,
`np.sum(x)` or `x.sum()`, an intermediate name or not, comments), plants copies (a copier takes a
donor's whole submission, renames every variable, swaps independent lines and rewrites the
comments; `--copied 0.5`: only half of the exercises, the rest their own) and ranks the pairs. It prints
the precision in the top K (K = the number of planted pairs), where the last planted pair ranks, the
margin (the weakest planted pair's evidence over the strongest honest pair's: above 1, every planted
pair ranks above every honest one), the pairs scored and the time.
"""

from __future__ import annotations

import argparse
import ast
import random
import time
from dataclasses import dataclass

from autograder.release import ASSIGNMENT, ROOT
from autograder.similarity import ClassCode, Exercise, Lead, compare_class, read_base

COMMUTATIVE = (ast.Add, ast.Mult)
METHODS = {"sum", "mean", "max", "min", "std", "dot", "reshape", "exp", "sqrt", "abs"}
WORDS = ["value", "tmp", "arr", "res", "out", "data", "vals", "m", "z", "t", "acc", "total", "cur", "w", "q"]


class HonestStyle(ast.NodeTransformer):
    """Writes an answer the way one student would: operand order, method or function calls, chosen at random."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def visit_BinOp(self, node: ast.BinOp) -> ast.AST:
        self.generic_visit(node)
        if isinstance(node.op, COMMUTATIVE) and self.rng.random() < 0.5:
            node.left, node.right = node.right, node.left
        return node

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        func = node.func
        if (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "np"
                and func.attr in {"sum", "mean", "max", "min", "std"} and node.args and self.rng.random() < 0.5):
            return ast.Call(ast.Attribute(node.args[0], func.attr, ast.Load()), node.args[1:], node.keywords)
        return node

    def visit_Return(self, node: ast.Return) -> ast.AST | list[ast.AST]:
        self.generic_visit(node)
        if node.value is not None and not isinstance(node.value, ast.Name) and self.rng.random() < 0.4:
            name = self.rng.choice(["result", "out", "answer", "r", "res"])
            return [ast.Assign([ast.Name(name, ast.Store())], node.value, lineno=0), ast.Return(ast.Name(name))]
        return node


def honest_version(source: str, rng: random.Random) -> str:
    """Returns an answer as one honest student writes it, with a comment of their own now and then."""
    try:
        tree = ast.fix_missing_locations(HonestStyle(rng).visit(ast.parse(source)))
        text = ast.unparse(tree)
    except SyntaxError:
        text = source
    if rng.random() < 0.5:
        text = f"# {rng.choice(['my solution', 'vectorized', 'see lecture 2', 'works on tests'])}\n" + text
    return text


class Disguise(ast.NodeTransformer):
    """A copier's disguise: every local name renamed, adjacent independent statements swapped."""

    def __init__(self, rng: random.Random, keep: set[str]):
        self.rng, self.keep, self.names = rng, keep, {}

    def rename(self, name: str) -> str:
        if name in self.keep:
            return name
        return self.names.setdefault(name, f"{self.rng.choice(WORDS)}_{len(self.names)}")

    def visit_Name(self, node: ast.Name) -> ast.AST:
        node.id = self.rename(node.id)
        return node

    def visit_arg(self, node: ast.arg) -> ast.AST:
        node.arg = self.rename(node.arg)
        return node

    def visit_FunctionDef(self, node: ast.FunctionDef) -> ast.AST:
        self.generic_visit(node)
        swap_independent(node.body, self.rng)
        return node


def names_in(node: ast.AST) -> tuple[set[str], set[str]]:
    """Returns the names a statement writes and reads."""
    written = {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    read = {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    return written, read


def swap_independent(body: list[ast.stmt], rng: random.Random) -> None:
    """Swaps, in place, adjacent assignments that neither read nor write what the other writes."""
    for i in range(len(body) - 1):
        a, b = body[i], body[i + 1]
        if not (isinstance(a, ast.Assign) and isinstance(b, ast.Assign)):
            continue
        (wa, ra), (wb, rb) = names_in(a), names_in(b)
        if not (wa & (rb | wb) or wb & ra) and rng.random() < 0.8:
            body[i], body[i + 1] = b, a


def disguised(source: str, rng: random.Random, function: str) -> str:
    """Returns a copy of a cell with names renamed, independent lines swapped and comments rewritten."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return source
    keep = {"np", "numpy", "math", function, *__builtins__.keys()} if isinstance(__builtins__, dict) else {
        "np", "numpy", "math", function, *dir(__builtins__)}
    text = ast.unparse(ast.fix_missing_locations(Disguise(rng, keep).visit(tree)))
    return f"# {rng.choice(['done it myself', 'TODO tidy', 'final version'])}\n{text}\n# end"


@dataclass
class SyntheticClass:
    """A class's code and the pairs planted as copies (copier, donor)."""

    code: ClassCode
    planted: set[tuple[str, str]]


def answer_pools() -> dict[str, list[str]]:
    """Returns {exercise grade id: the realistic answers written for it}."""
    from autograder.synthetic.answers import NOTEBOOKS, answers_of

    pools: dict[str, list[str]] = {}
    for notebook in NOTEBOOKS:
        for answer in answers_of(notebook):
            pools.setdefault(answer.exercise, []).append(answer.source)
    return pools


def synthetic_class(students: int = 1000, copies: int = 20, seed: int = 0, copied: float = 1.0) -> SyntheticClass:
    """Returns an in-memory class of honest students and `copies` planted copiers, each copying a `copied` share of
    the exercises from their donor, with the course's base code."""
    rng = random.Random(seed)
    base, skipped = read_base(ROOT, ASSIGNMENT)
    pools = answer_pools()
    exercises: list[Exercise] = sorted(base)
    names = [f"s{i:04d}" for i in range(students)]
    code = {name: {ex: honest_version(rng.choice(pools[ex[1]]), rng) for ex in exercises} for name in names}
    planted = set()
    chosen = rng.sample(names, 2 * copies)  # each copier has a donor of their own, who copied no one
    for copier, donor in zip(chosen[:copies], chosen[copies:], strict=True):
        taken = exercises if copied >= 1 else rng.sample(exercises, max(1, round(copied * len(exercises))))
        code[copier] = {ex: disguised(code[donor][ex], rng, ex[1]) if ex in taken else code[copier][ex]
                        for ex in exercises}
        planted.add(tuple(sorted((copier, donor))))
    return SyntheticClass(ClassCode(code, base, skipped), planted)


def margin(leads: list[Lead], planted: set[tuple[str, str]]) -> float:
    """Returns the weakest planted pair's evidence over the strongest honest pair's (above 1: all planted first)."""
    found = {lead.students: lead.evidence for lead in leads}
    honest = max((value for pair, value in found.items() if pair not in planted), default=0.0)
    weakest = min(found.get(pair, 0.0) for pair in planted)
    return weakest / honest if honest else float("inf")


def measure(students: int, copies: int, seed: int, copied: float = 1.0) -> dict[str, float]:
    """Builds a class, ranks its pairs; returns precision in the top K (K = pairs planted), the last planted pair's
    rank, the margin, the pairs scored and the seconds taken."""
    synthetic = synthetic_class(students, copies, seed, copied)
    start = time.perf_counter()
    result = compare_class(synthetic.code)
    seconds = time.perf_counter() - start
    ranked = [lead.students for lead in result.leads]
    planted = len(synthetic.planted)
    top = ranked[:planted]
    ranks = [ranked.index(pair) + 1 if pair in ranked else len(ranked) + 1 for pair in synthetic.planted]
    return {"students": students, "planted": planted, "precision": sum(p in synthetic.planted for p in top) / planted,
            "last_planted_rank": max(ranks), "margin": margin(result.leads, synthetic.planted),
            "pairs_scored": result.pairs_scored, "pairs_total": students * (students - 1) // 2, "seconds": seconds}


def main(argv: list[str] | None = None) -> None:
    """Prints the benchmark's figures."""
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--students", type=int, default=1000, help="class size (default 1000)")
    args.add_argument("--copies", type=int, default=20, help="planted copies (default 20)")
    args.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args.add_argument("--copied", type=float, default=1.0, help="share of the exercises a copier copies (default 1)")
    options = args.parse_args(argv)
    figures = measure(options.students, options.copies, options.seed, options.copied)
    print(f"{figures['students']} students, {figures['planted']} planted copies ({options.copied:.0%} of the "
          f"exercises): precision in the top {figures['planted']} {figures['precision']:.0%}, "
          f"last planted pair ranked {figures['last_planted_rank']}, margin {figures['margin']:.2f}; "
          f"{figures['pairs_scored']} of {figures['pairs_total']} pairs scored; {figures['seconds']:.1f} s")


if __name__ == "__main__":
    main()
