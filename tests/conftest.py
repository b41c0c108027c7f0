"""A small graded class, shared by the tests of grade, export and report; a PostgreSQL server of the tests' own."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from autograder.release import ASSIGNMENT
from tests._course import new_course, reference_solutions, submission

HANG = "while True:  # hangs, using CPU time\n    pass\n"
SMALL_LIMITS = "\nc.TrustedJudge.cell_timeout = 5\nc.TrustedJudge.timeout = 20\n"


def write_small_class(course: Path) -> None:
    """A class of three: reference solutions, the untouched release, and one whose notebook 01 hangs."""
    from autograder.release import ROOT

    for student in ("ada_reference", "bob_untouched", "cy_hangs"):
        folder = course / "submitted" / student / ASSIGNMENT
        folder.mkdir(parents=True)
        for source in sorted((course / "source" / ASSIGNMENT).glob("*.ipynb")):
            solutions = {} if student == "bob_untouched" else reference_solutions(source)
            if student == "cy_hangs" and source.stem.startswith("01"):
                solutions["basic_sigmoid"] = HANG + solutions["basic_sigmoid"]
            nb = submission(course / "release" / ASSIGNMENT / source.name, solutions)
            nbformat.write(nb, folder / source.name)
    assert ROOT.exists()


@pytest.fixture(scope="session", autouse=True)
def no_instructor_database():
    """Keeps every test off a database the shell's AUTOGRADER_DB_URL names; PostgreSQL tests name their own."""
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("AUTOGRADER_DB_URL", raising=False)
        yield


@pytest.fixture(scope="session")
def small_class(tmp_path_factory) -> tuple[Path, object]:
    """Returns a course whose small class was graded by autograder.grade, and the run's result."""
    from autograder.grade import grade_class
    from autograder.release import ROOT

    course = new_course(tmp_path_factory.mktemp("small"), (ROOT / "nbgrader_config.py").read_text() + SMALL_LIMITS)
    write_small_class(course)
    result = grade_class(course, ASSIGNMENT, workers=2, progress=False)
    return course, result


@pytest.fixture(scope="session")
def student_bundle(tmp_path_factory) -> Path:
    """Returns the student bundle, unpacked from its zip as a student would; read it, never write into it (copy it)."""
    from tests._student import unpacked_bundle

    return unpacked_bundle(tmp_path_factory.mktemp("student-bundle"))


@pytest.fixture(scope="session")
def student_venv(student_bundle: Path) -> Path:
    """Returns the student environment made from the bundle's own lock and postBuild (once, cached under /tmp)."""
    from tests._student import student_env

    return student_env(student_bundle / "requirements.txt")


@pytest.fixture(scope="session")
def postgres():
    """Returns a PostgreSQL server on loopback, started for this session from Debian's binaries, stopped at its end."""
    from tests._postgres import PostgresMissing, start_postgres

    try:
        server = start_postgres()
    except PostgresMissing as error:  # never a skip: the gradebook on PostgreSQL is part of the course
        pytest.fail(str(error), pytrace=False)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def hostile_class(tmp_path_factory) -> dict:
    """Every attack of tests/hostile.py and tests/hostile2.py, graded once for both test files."""
    from tests._hostile_class import grade_hostile_class

    return grade_hostile_class(tmp_path_factory)
