"""Grading on a real Dask cluster (a scheduler and two workers on loopback): same grades as local
grading, each student recorded once, a killed worker or a restarted scheduler loses nothing,
a rerun resumes, and the workers never get the gradebook's address."""

from __future__ import annotations

import os
import shutil
import signal
import threading
import time
from pathlib import Path

import nbformat
import pytest

from autograder import resume
from autograder._exceptions import CourseError
from autograder.cluster import instructor
from autograder.grade import grade_class
from autograder.release import ASSIGNMENT, ROOT
from tests._course import new_course, read_scores, reference_solutions, submission
from tests._dask import start_cluster
from tests.conftest import SMALL_LIMITS, write_small_class

CONFIG = (ROOT / "nbgrader_config.py").read_text() + SMALL_LIMITS


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    cluster = start_cluster(tmp_path_factory.mktemp("dask"))
    yield cluster
    cluster.stop()


@pytest.fixture(scope="module")
def cluster_class(cluster, tmp_path_factory):
    """The small class of conftest.py, graded on the cluster."""
    course = new_course(tmp_path_factory.mktemp("cluster_class"), CONFIG)
    write_small_class(course)
    result = grade_class(course, ASSIGNMENT, scheduler=cluster.address, progress=False)
    return course, result


def class_of(folder: Path, students: dict[str, str]) -> Path:
    """Returns a course whose students are copies of the small class's ({new name: small-class student})."""
    course = new_course(folder, CONFIG)
    write_small_class(course)
    small = sorted(p.name for p in (course / "submitted").iterdir())
    for name, like in students.items():
        shutil.copytree(course / "submitted" / like, course / "submitted" / name)
    for name in small:
        shutil.rmtree(course / "submitted" / name)
    return course


def wait_until_a_worker_is_busy(cluster, timeout: float = 90) -> str:
    """Returns the address of a worker well into grading a student."""
    from distributed import Client

    with Client(cluster.address, timeout=30, set_as_default=False) as client:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            busy = [address for address, keys in client.processing().items() if keys]
            if busy:
                time.sleep(2.0)
                return busy[0]
            time.sleep(0.2)
    raise AssertionError("no worker started grading")


def scores_by_student(course: Path) -> dict[str, float]:
    totals: dict[str, float] = {}
    for (student, _, _), (score, _) in read_scores(course).items():
        totals[student] = totals.get(student, 0.0) + score
    return totals


def submission_rows(course: Path) -> int:
    from autograder._gradebook import open_gradebook

    with open_gradebook(course) as gradebook:
        return len(gradebook.find_assignment(ASSIGNMENT).submissions)


def test_the_cluster_gives_the_grades_local_grading_gives(cluster_class, small_class, cluster):
    course, result = cluster_class
    assert result.where == cluster.address and result.workers == 2
    assert [s.student for s in result.students] == ["ada_reference", "bob_untouched", "cy_hangs"]
    assert all(s.ok for s in result.students), result.summary()
    assert read_scores(course) == read_scores(small_class[0])


def test_the_report_gets_the_workers_timings(cluster_class):
    course, _ = cluster_class
    lines = (course / "autograded" / ".timing.jsonl").read_text().splitlines()
    assert len(lines) == 24, "one timing line per graded notebook, sent back by the workers"


def test_a_rerun_resumes_and_a_changed_submission_is_graded_again(cluster_class, cluster):
    course, _ = cluster_class
    before = read_scores(course)
    again = grade_class(course, ASSIGNMENT, scheduler=cluster.address, progress=False)
    assert again.students == [] and again.skipped == ["ada_reference", "bob_untouched", "cy_hangs"]
    assert again.summary().startswith("nothing to grade: all 3 students are graded already")
    assert read_scores(course) == before

    # bob hands in notebook 01 done; only bob is graded again (here, locally: the markers are shared)
    source = course / "source" / ASSIGNMENT / "01_why_numpy.ipynb"
    done = submission(course / "release" / ASSIGNMENT / source.name, reference_solutions(source))
    nbformat.write(done, course / "submitted" / "bob_untouched" / ASSIGNMENT / source.name)
    changed = grade_class(course, ASSIGNMENT, workers=1, progress=False)
    assert [s.student for s in changed.students] == ["bob_untouched"]
    assert changed.skipped == ["ada_reference", "cy_hangs"]
    after = read_scores(course)
    bob_01 = [v for k, v in after.items() if k[:2] == ("bob_untouched", "01_why_numpy")]
    assert bob_01 and all(score == most for score, most in bob_01), bob_01
    assert {k: v for k, v in after.items() if k[0] != "bob_untouched"} == {
        k: v for k, v in before.items() if k[0] != "bob_untouched"}

    forced = grade_class(course, ASSIGNMENT, workers=1, students=["ada_reference"], force=True, progress=False)
    assert [s.student for s in forced.students] == ["ada_reference"] and forced.skipped == []
    assert read_scores(course) == after


def test_a_worker_killed_mid_run_loses_no_grade_and_duplicates_none(cluster, tmp_path):
    students = {f"s{k}": "ada_reference" if k % 2 == 0 else "bob_untouched" for k in range(4)}
    course = class_of(tmp_path, students)
    killed: list[int] = []

    def kill_a_busy_worker() -> None:
        busy = wait_until_a_worker_is_busy(cluster)
        pid = cluster.worker_pids()[busy]
        os.kill(pid, signal.SIGKILL)
        killed.append(pid)

    killer = threading.Thread(target=kill_a_busy_worker)
    killer.start()
    result = grade_class(course, ASSIGNMENT, scheduler=cluster.address, progress=False)
    killer.join()
    assert killed, "no worker was killed: the test did not test anything"
    assert sorted(s.student for s in result.students) == sorted(students), "each student once"
    assert all(s.ok for s in result.students), result.summary()
    assert submission_rows(course) == len(students)
    most = sum(v[1] for k, v in read_scores(course).items() if k[0] == "s0")
    assert scores_by_student(course) == {s: (most if like == "ada_reference" else 0.0) for s, like in students.items()}
    cluster.wait_for_workers(2)  # the nanny restarted it, for the tests after this one


def test_a_restarted_scheduler_loses_no_grade(cluster, tmp_path):
    students = {f"r{k}": "ada_reference" for k in range(3)}
    course = class_of(tmp_path, students)

    def restart_the_scheduler() -> None:
        wait_until_a_worker_is_busy(cluster)
        cluster.kill_scheduler()
        time.sleep(2.0)
        cluster.start_scheduler()
        cluster.restart_workers()  # Dask workers exit without their scheduler; a supervisor starts them again

    restarter = threading.Thread(target=restart_the_scheduler)
    restarter.start()
    result = grade_class(course, ASSIGNMENT, scheduler=cluster.address, progress=False)
    restarter.join()
    assert max(s.attempts for s in result.students) > 1, "no task was lost: the restart came too late to test"
    assert sorted(s.student for s in result.students) == sorted(students)
    assert all(s.ok for s in result.students), result.summary()
    assert submission_rows(course) == len(students)
    assert len(set(scores_by_student(course).values())) == 1, "every copy of the reference got the same score"
    cluster.wait_for_workers(2)


def test_workers_get_no_gradebook_address(tmp_path, monkeypatch):
    course = new_course(tmp_path, CONFIG)
    monkeypatch.setenv("AUTOGRADER_DB_URL", "postgresql+psycopg2://grader:s3cret@db.example:5432/grades")
    bundle = instructor.bundle_of(course, ASSIGNMENT)
    sent = repr(bundle)
    assert "s3cret" not in sent and "db.example" not in sent
    instructor.refuse_secrets_in_config(course, bundle)  # the URL is in the environment: fine

    (course / "nbgrader_config.py").write_text(
        CONFIG + '\nc.CourseDirectory.db_url = "postgresql+psycopg2://grader:s3cret@db.example:5432/grades"\n')
    monkeypatch.delenv("AUTOGRADER_DB_URL")
    with pytest.raises(CourseError, match="AUTOGRADER_DB_URL"):
        instructor.refuse_secrets_in_config(course, instructor.bundle_of(course, ASSIGNMENT))


def test_an_unreachable_scheduler_is_one_sentence(tmp_path, monkeypatch):
    monkeypatch.setattr(instructor, "CONNECT_SECONDS", 2)
    course = new_course(tmp_path, CONFIG)
    write_small_class(course)
    with pytest.raises(CourseError, match="cannot reach the Dask scheduler"):
        grade_class(course, ASSIGNMENT, scheduler="tcp://127.0.0.1:9", progress=False)
    assert not any(resume.marker_path(course, ASSIGNMENT, s).exists() for s in ("ada_reference",))


def test_parallel_recorders_write_a_postgresql_gradebook_like_local_grading(cluster, postgres, small_class, tmp_path,
                                                                           monkeypatch):
    url = postgres.create_database("cluster")
    monkeypatch.setenv("AUTOGRADER_DB_URL", url)
    course = new_course(tmp_path, CONFIG)
    write_small_class(course)
    result = grade_class(course, ASSIGNMENT, scheduler=cluster.address, recorders=2, progress=False)
    assert sorted(s.student for s in result.students) == ["ada_reference", "bob_untouched", "cy_hangs"]
    assert all(s.ok for s in result.students), result.summary()
    assert submission_rows(course) == 3
    monkeypatch.delenv("AUTOGRADER_DB_URL")
    expected = read_scores(small_class[0])
    monkeypatch.setenv("AUTOGRADER_DB_URL", url)
    assert read_scores(course) == expected


def test_parallel_recorders_refuse_an_sqlite_gradebook(tmp_path):
    course = new_course(tmp_path, CONFIG)
    write_small_class(course)
    with pytest.raises(CourseError, match="one writer at a time"):
        grade_class(course, ASSIGNMENT, scheduler="tcp://127.0.0.1:9", recorders=2, progress=False)
