"""environment.yml (conda, Binder) and requirements.lock (pip) pin the same versions."""

from __future__ import annotations

import re
import tomllib

from autograder.release import ROOT

PIN = re.compile(r"^\s*-?\s*([A-Za-z0-9_.\-]+)==([^\s#]+)")


def pins(text: str) -> dict[str, str]:
    """Returns {normalized name: version} for every `name==version` line of the text."""
    found = {}
    for line in text.splitlines():
        match = PIN.match(line)
        if match:
            found[re.sub(r"[-_.]+", "-", match.group(1)).lower()] = match.group(2)
    return found


def test_environment_yml_agrees_with_the_lock():
    lock = pins((ROOT / "requirements.lock").read_text())
    conda = pins((ROOT / "environment.yml").read_text())
    assert conda, "environment.yml pins nothing"
    differ = {name: (version, lock.get(name)) for name, version in conda.items() if lock.get(name) != version}
    assert not differ, f"environment.yml vs requirements.lock (yml, lock): {differ}"


def test_every_dependency_is_pinned():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    lock = pins((ROOT / "requirements.lock").read_text())
    names = [re.split(r"[<>=\[ ]", d)[0].lower() for d in project["dependencies"]]
    missing = [n for n in names if re.sub(r"[-_.]+", "-", n) not in lock]
    assert not missing, f"dependencies of pyproject.toml missing from requirements.lock: {missing}"


def test_python_version_agrees():
    yml = (ROOT / "environment.yml").read_text()
    assert re.search(r"python=3\.1[1-9]", yml), "environment.yml must ask for Python 3.11 or newer"
