"""Dependencies point one way: the import contracts of pyproject.toml hold, and they can fail.

`lint-imports` (import-linter) checks them: the trusted side in layers, the command line on top and
the shared facts at the bottom, every module placed; and the sandbox side (autograder/inside/, the
folder judge/kernel_side.py copies whole into the sandbox) importing nothing of the trusted side.
"""

from __future__ import annotations

import re
import subprocess
import tomllib
from pathlib import Path

from autograder.release import ROOT
from autograder.venv_tools import tool

CONTRACTS = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]


def lint_imports(*config: Path) -> subprocess.CompletedProcess:
    """Runs import-linter on the project's contracts (or the config files given)."""
    return subprocess.run([tool("lint-imports"), "--no-cache", *map(str, config)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def contract(identifier: str) -> dict:
    return next(c for c in CONTRACTS["contracts"] if c["id"] == identifier)


def toml_of(contracts: list[dict]) -> str:
    """Returns an import-linter TOML config of the contracts (strings and lists of strings only)."""

    def value(v) -> str:
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, list):
            return "[" + ", ".join(value(x) for x in v) + "]"
        return '"' + str(v).replace("\\", "\\\\").replace('"', '\\"') + '"'

    lines = ["[tool.importlinter]", f"root_package = {value(CONTRACTS['root_package'])}"]
    for each in contracts:
        lines += ["", "[[tool.importlinter.contracts]]", *(f"{k} = {value(v)}" for k, v in each.items())]
    return "\n".join(lines) + "\n"


def test_the_import_contracts_hold():
    done = lint_imports()
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{len(CONTRACTS['contracts'])} kept, 0 broken" in done.stdout, done.stdout


def test_a_layer_out_of_order_breaks_the_contract(tmp_path):
    """The same contract with two layers swapped (the shared autograde step above the cluster) is reported broken."""
    layers = dict(contract("trusted-layers"))
    order = list(layers["layers"])
    upper, lower = order.index("cluster"), order.index("autograde")
    order[upper], order[lower] = order[lower], order[upper]
    layers["layers"] = order
    config = tmp_path / "contracts.toml"
    config.write_text(toml_of([layers]))
    done = lint_imports(config)
    assert done.returncode != 0, done.stdout
    assert "BROKEN" in done.stdout and "autograder.cluster.worker -> autograder.autograde" in done.stdout, done.stdout


def test_a_sandbox_side_import_of_the_trusted_side_breaks_the_contract(tmp_path):
    """The sandbox-side contract with the judge among its sources (the judge imports the sandbox) is broken."""
    sandbox_side = dict(contract("sandbox-side"))
    sandbox_side["source_modules"] = [*sandbox_side["source_modules"], "autograder.judge.pool"]
    sandbox_side["forbidden_modules"] = [m for m in sandbox_side["forbidden_modules"] if m != "autograder.judge.**"]
    config = tmp_path / "contracts.toml"
    config.write_text(toml_of([sandbox_side]))
    done = lint_imports(config)
    assert done.returncode != 0, done.stdout
    assert "autograder.judge.pool -> autograder.sandbox" in done.stdout, done.stdout


def modules_of_the_package() -> set[str]:
    """Returns every module of the autograder package, by dotted name."""
    names = set()
    for path in (ROOT / "autograder").rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        names.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def matches(expression: str, module: str) -> bool:
    """Returns True if an import-linter module expression (`*` one name, `**` one or more) names the module."""
    pattern = re.escape(expression).replace(r"\*\*", r"[^.]+(\.[^.]+)*").replace(r"\*", r"[^.]+")
    return re.fullmatch(pattern, module) is not None


def modules_in_the_copy() -> set[str]:
    """Returns the modules of the package the judge copies into each sandbox, by dotted name, read from the copy."""
    from autograder.judge import kernel_side_package

    copy = kernel_side_package()
    return {".".join(path.relative_to(copy).with_suffix("").parts).removesuffix(".__init__")
            for path in copy.rglob("*.py")}


def test_the_copy_holds_the_inside_folder_whole_and_an_autograder_package_that_imports_nothing():
    import ast

    from autograder.judge import kernel_side_package

    inside = {f"autograder.inside.{path.stem}".removesuffix(".__init__")
              for path in (ROOT / "autograder" / "inside").glob("*.py")}
    assert modules_in_the_copy() == inside | {"autograder"}
    copy = kernel_side_package()
    assert not list(copy.rglob("__pycache__")) and {p.name for p in copy.iterdir() if p.is_dir()} == {"autograder"}
    assert all(p.suffix == ".py" for p in (copy / "autograder").rglob("*") if p.is_file())
    init = ast.parse((copy / "autograder" / "__init__.py").read_text())
    assert not [node for node in ast.walk(init) if isinstance(node, ast.Import | ast.ImportFrom)]


def test_the_sandbox_side_contract_names_what_the_judge_copies_and_forbids_all_else():
    sandbox_side = contract("sandbox-side")
    copied = modules_in_the_copy() - {"autograder"}  # the copy's own __init__, not the trusted one
    assert set(sandbox_side["source_modules"]) == copied
    layered_apart = {f"autograder.{name}" for name in contract("trusted-layers")["exhaustive_ignores"]}
    assert layered_apart == {"autograder.inside"}, "the layers leave out exactly the sandbox side"
    for ignored in sandbox_side.get("ignore_imports", []):
        importer, imported = (m.strip() for m in ignored.split("->"))
        assert {importer, imported} <= copied, f"only imports within the sandbox side may be ignored: {ignored}"
    trusted = modules_of_the_package() - copied
    unforbidden = sorted(m for m in trusted if not any(matches(e, m) for e in sandbox_side["forbidden_modules"]))
    assert not unforbidden, f"modules of the trusted side the sandbox side may import: {unforbidden}"
    assert matches("autograder.checks.**", "autograder.checks._core") and not matches("autograder.*", "autograder")
