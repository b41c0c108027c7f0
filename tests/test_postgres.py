"""The gradebook on PostgreSQL: grading, feedback, export, report and formgrader read as on SQLite.

The small class of conftest.py is graded once on SQLite (the shared `small_class`) and once with
AUTOGRADER_DB_URL naming a fresh database on the tests' own server; a third run has its
connections cut while it grades, and must still grade every student exactly once.
"""

from __future__ import annotations

import re
import sys
import threading

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from autograder import cli, export, report, sandbox
from autograder._exceptions import CourseError
from autograder._gradebook import gradebook_url, is_transient_db_error
from autograder.grade import RETRIES, grade_class, load_api
from autograder.judge import kernel_side_package
from autograder.release import ASSIGNMENT, ROOT
from tests._course import new_course, read_scores
from tests._postgres import free_port
from tests.conftest import SMALL_LIMITS, write_small_class

SCORE_SHOWN = r"Score: ([\d.]+) / [\d.]+"  # the total at the top of each feedback page
CUT_STUDENTS = ["ada_reference", "bob_untouched"]
# Run as student code in the sandbox: does it see the database's URL, its port, its socket folder?
PROBE = """
import os, socket
seen = [f"url={{os.environ.get('AUTOGRADER_DB_URL')}}"]
try:
    socket.create_connection(("127.0.0.1", {port}), timeout=2).close()
    seen.append("reached the server")
except OSError as error:
    seen.append(f"no server: {{error}}")
seen.append(f"socket folder={{os.path.exists({folder!r})}}")
open("report.txt", "w").write("; ".join(seen))
"""
# A duplicated grade would be a second row with its own id, so counting ids shows it.
ROWS_PER_STUDENT = """
SELECT s.id, count(DISTINCT sa.id), count(DISTINCT sn.id), count(DISTINCT g.id), count(DISTINCT c.id)
FROM student s
JOIN submitted_assignment sa ON sa.student_id = s.id
JOIN submitted_notebook sn ON sn.assignment_id = sa.id
LEFT JOIN grade g ON g.notebook_id = sn.id
LEFT JOIN comment c ON c.notebook_id = sn.id
GROUP BY s.id
"""


def rows_per_student(url: str) -> dict[str, tuple[int, int, int, int]]:
    """Returns each student's number of submissions, submitted notebooks, grades and comments in a gradebook."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return {row[0]: tuple(row[1:]) for row in connection.execute(text(ROWS_PER_STUDENT))}
    finally:
        engine.dispose()


def comparable(value):
    """Returns formgrader's data without what depends on the database, not the grades: random ids, row order.

    nbgrader lists submissions without an ORDER BY (then sorts them by random id), so their order
    and the `index` formgrader steps through them by are whatever order the database returns.
    """
    if isinstance(value, dict):
        return {k: comparable(v) for k, v in value.items() if k not in ("id", "index")}
    if isinstance(value, list):
        return sorted((comparable(v) for v in value), key=repr)
    return value


def formgrader_data(course) -> dict:
    """Returns what formgrader shows of the assignment, read through nbgrader's API."""
    api = load_api(course)
    notebooks = [nb["name"] for nb in api.get_notebooks(ASSIGNMENT)]
    return comparable({
        "assignment": api.get_assignment(ASSIGNMENT),
        "notebooks": api.get_notebooks(ASSIGNMENT),
        "submissions": api.get_submissions(ASSIGNMENT),
        "students": api.get_students(),
        "notebook_submissions": {nb: api.get_notebook_submissions(ASSIGNMENT, nb) for nb in notebooks},
    })


def class_course(folder):
    """Returns a fresh course with the small class submitted, registered in the configured gradebook."""
    course = new_course(folder, (ROOT / "nbgrader_config.py").read_text() + SMALL_LIMITS)
    write_small_class(course)
    return course


@pytest.fixture(scope="module")
def sqlite_class(small_class, tmp_path_factory):
    """Returns what the small class graded on SQLite gives: course, scores, rows, CSV, formgrader's data."""
    course, result = small_class
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("AUTOGRADER_DB_URL", raising=False)
        csv_path = export.main(course, ASSIGNMENT, tmp_path_factory.mktemp("sqlite_csv") / "grades.csv")
        return {
            "course": course, "result": result, "scores": read_scores(course),
            "rows": rows_per_student(gradebook_url(course)), "csv": csv_path.read_text(),
            "formgrader": formgrader_data(course),
        }


@pytest.fixture(scope="module")
def postgres_class(postgres, tmp_path_factory):
    """Returns the small class graded with its gradebook in a fresh PostgreSQL database: course, URL, result."""
    url = postgres.create_database("small_class")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("AUTOGRADER_DB_URL", url)  # the spawned workers and nbgrader's commands inherit it
        course = class_course(tmp_path_factory.mktemp("small_postgres"))
        result = grade_class(course, ASSIGNMENT, workers=2, progress=False)
    return course, url, result


@pytest.fixture
def on_postgres(postgres_class, monkeypatch):
    """Returns the PostgreSQL-graded course and run, with AUTOGRADER_DB_URL naming its database for this test."""
    course, url, result = postgres_class
    assert not (course / "gradebook.db").exists(), "nothing may go into an SQLite file when a database is named"
    assert len(rows_per_student(url)) == 3, "the class's grades must be in the PostgreSQL database"
    monkeypatch.setenv("AUTOGRADER_DB_URL", url)
    return course, result


def test_the_course_config_follows_AUTOGRADER_DB_URL(on_postgres, monkeypatch):
    course, _ = on_postgres
    assert gradebook_url(course).startswith("postgresql+psycopg2://")
    monkeypatch.delenv("AUTOGRADER_DB_URL")
    assert gradebook_url(course) == f"sqlite:///{course / 'gradebook.db'}"


def test_grades_on_postgres_equal_those_on_sqlite(on_postgres, sqlite_class):
    course, result = on_postgres
    assert all(s.ok for s in result.students), result.summary()
    print(f"\nsmall class graded on SQLite in {sqlite_class['result'].seconds:.1f} s, "
          f"on PostgreSQL in {result.seconds:.1f} s")
    scores = read_scores(course)
    assert len(scores) == len(sqlite_class["scores"]) > 90
    assert scores == sqlite_class["scores"]
    assert rows_per_student(gradebook_url(course)) == sqlite_class["rows"]


def test_export_on_postgres_writes_the_same_csv(on_postgres, sqlite_class, tmp_path):
    course, _ = on_postgres
    assert cli.main(["export", "--course", str(course), "--output", str(tmp_path / "grades.csv")]) == 0
    assert (tmp_path / "grades.csv").read_text() == sqlite_class["csv"]


def test_feedback_on_postgres_shows_each_students_scores(on_postgres):
    course, _ = on_postgres
    assert cli.main(["feedback", "--course", str(course)]) == 0
    totals: dict[str, float] = {}
    for (student, _, _), (score, _) in read_scores(course).items():
        totals[student] = totals.get(student, 0.0) + score
    assert len(totals) == 3
    for student, total in totals.items():
        pages = sorted((course / "feedback" / student / ASSIGNMENT).glob("*.html"))
        assert len(pages) == 8, f"{student}: {pages}"
        shown = sum(float(re.search(SCORE_SHOWN, p.read_text()).group(1)) for p in pages)
        assert shown == total, f"{student}'s feedback shows {shown} points, the gradebook {total}"


def test_report_on_postgres(on_postgres, tmp_path):
    course, _ = on_postgres
    text_ = report.main(course, ASSIGNMENT, tmp_path / "report").read_text()
    assert "3 students, 8 notebooks" in text_ and "bob_untouched" in text_ and "NotImplementedError" in text_


def test_formgrader_reads_the_same_on_both(on_postgres, sqlite_class):
    course, _ = on_postgres
    data = formgrader_data(course)
    assert data["assignment"]["num_submissions"] == 3 and len(data["notebook_submissions"]) == 8
    assert data == sqlite_class["formgrader"]


# Ends the connections of the database that are inside a transaction that wrote: a cut mid-grading
# that loses the transaction's grades unless the student is graded again.
CUT = """
SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity
WHERE datname = %s AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL
"""


class ConnectionCutter(threading.Thread):
    """Cuts the grading's connections to its database while it writes, a few seconds apart.

    Fewer cuts than a student's attempts, so that even a student hit by every cut is graded in the end.
    """

    def __init__(self, server, database: str, cuts: int = RETRIES - 1, gap: float = 2.0) -> None:
        super().__init__(daemon=True)
        self.connection = server.connect()
        self.database, self.cuts, self.gap = database, cuts, gap
        self.done = 0
        self.stopped = threading.Event()

    def run(self) -> None:
        try:
            while self.done < self.cuts and not self.stopped.is_set():
                with self.connection.cursor() as cursor:
                    cursor.execute(CUT, (self.database,))
                    cut = cursor.fetchone()[0]
                self.done += bool(cut)
                self.stopped.wait(self.gap if cut else 0.002)
        finally:
            self.connection.close()


def test_a_dropped_connection_costs_a_retry_not_a_grade(postgres, sqlite_class, tmp_path, monkeypatch):
    url = postgres.create_database("cut")
    monkeypatch.setenv("AUTOGRADER_DB_URL", url)
    course = class_course(tmp_path)
    cutter = ConnectionCutter(postgres, make_url(url).database)
    cutter.start()
    try:
        result = grade_class(course, ASSIGNMENT, workers=2, students=CUT_STUDENTS, progress=False)
    finally:
        cutter.stopped.set()
        cutter.join()
    assert cutter.done >= 1, "no connection was cut while grading: the test proved nothing"
    print(f"\n{cutter.done} connections cut while grading; attempts: {[s.attempts for s in result.students]}")
    assert all(s.ok for s in result.students), result.summary()
    assert sum(s.attempts for s in result.students) > len(CUT_STUDENTS), "a cut connection must cost a retry"
    expected = {k: v for k, v in sqlite_class["scores"].items() if k[0] in CUT_STUDENTS}
    assert read_scores(course) == expected
    rows = {s: n for s, n in sqlite_class["rows"].items() if s in CUT_STUDENTS}
    assert rows_per_student(url) == rows, "every student graded exactly once: no grade lost or duplicated"


def test_an_unreachable_database_is_one_sentence_without_the_password(on_postgres, monkeypatch):
    course, _ = on_postgres
    port = free_port()
    monkeypatch.setenv("AUTOGRADER_DB_URL", f"postgresql+psycopg2://teacher:s3cret@127.0.0.1:{port}/grades")
    for job in (lambda: export.read_grades(course, ASSIGNMENT), lambda: grade_class(course, ASSIGNMENT)):
        with pytest.raises(CourseError) as error:
            job()
        message = str(error.value)
        assert f"database 'grades' on 127.0.0.1:{port}" in message and "cannot connect" in message
        assert "s3cret" not in message and "\n" not in message


def test_locked_and_dropped_connections_are_retried_other_errors_not():
    for transient in (
        "sqlite3.OperationalError: database is locked",
        "psycopg2.OperationalError: server closed the connection unexpectedly",
        "FATAL:  terminating connection due to administrator command",
        'connection to server at "127.0.0.1", port 5432 failed: Connection refused',
        "psycopg2.InterfaceError: connection already closed",
    ):
        assert is_transient_db_error(transient), transient
    for lasting in ("NotImplementedError", 'FATAL:  password authentication failed for user "teacher"',
                    'relation "grade" does not exist'):
        assert not is_transient_db_error(lasting), lasting


def test_student_code_sees_neither_the_database_url_nor_the_server(postgres, tmp_path, monkeypatch):
    monkeypatch.setenv("AUTOGRADER_DB_URL", postgres.url("graded").replace("autograder@", "autograder:s3cret@"))
    probe = PROBE.format(port=postgres.port, folder=str(postgres.folder))
    probe += "\nprint(open('report.txt').read(), end='')\n"
    limits = sandbox.Limits(wall_seconds=20, cpu_seconds=10, memory_bytes=2 * 1024**3, processes=32)
    seen = sandbox.run_sandboxed([sys.executable, "-c", probe], limits, str(kernel_side_package())).output
    assert seen.startswith("url=None; no server:") and seen.endswith("socket folder=False"), seen
