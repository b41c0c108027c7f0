"""Scaling run: grading throughput on a Dask cluster of 1 and 2 workers, and the gradebook's limit.

    .venv/bin/python -m benchmarks.scale                       # 12 students on the cluster, 1,000 recorded
    .venv/bin/python -m benchmarks.scale --students 24 --record-students 200 --postgres --recorders 2

1. A real `dask scheduler` and N `dask worker` processes on loopback grade the same synthetic class
   (benchmarks/grade_class.py's mix) with `autograder grade --scheduler`, for each N: wall time,
   notebooks/s, notebooks/s per worker, and the time the trusted step spent recording here.
2. The gradebook alone: one student's judged notebooks, recorded under many student names (a
   synthetic class of 1,000 by default) with the same step the cluster run uses; students/s at the
   start and the end, on SQLite and (with --postgres, a throwaway server of the tests') PostgreSQL,
   where it is also recorded by several processes at once (--recorders).

docs/scale.md reads these figures.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

from autograder.release import ASSIGNMENT, ROOT, source_notebooks
from autograder.synthetic.students import write_class
from autograder.venv_tools import use_venv_tools
from tests._course import new_course
from tests._dask import start_cluster


def cluster_run(folder: Path, students: int, workers: int) -> str:
    """Grades the class on a fresh cluster of `workers` workers; returns the line of figures."""
    from autograder.grade import grade_class

    course = new_course(folder)
    write_class(course, students)
    (folder / "logs").mkdir()
    cluster = start_cluster(folder / "logs", workers)
    try:
        start = time.monotonic()
        result = grade_class(course, ASSIGNMENT, scheduler=cluster.address, progress=False, force=True)
        seconds = time.monotonic() - start
    finally:
        cluster.stop()
    notebooks = result.notebooks
    failed = [s.student for s in result.students if not s.ok]
    return (f"{workers} worker(s): {seconds:7.1f} s  {notebooks / seconds:5.2f} notebooks/s  "
            f"{notebooks / seconds / workers:5.2f} per worker  recording here {result.recording_seconds:5.1f} s"
            + (f"  NOT GRADED: {failed}" if failed else ""))


def judged_student(folder: Path) -> tuple[Path, dict]:
    """Returns a course and one student's judged notebooks (judged in this process, as a worker does)."""
    from autograder.cluster import bundle_of, judge_remotely, submitted_files

    course = new_course(folder)
    write_class(course, 7)  # student 6 is a reference solution: every test cell has outputs
    student = sorted(p.name for p in (course / "submitted").iterdir())[6]
    for other in (course / "submitted").iterdir():
        if other.name != student:
            shutil.rmtree(other)
    bundle = bundle_of(course, ASSIGNMENT)
    judged = judge_remotely(bundle, student, submitted_files(course, ASSIGNMENT, student))
    return course, judged


def record_run(course: Path, judged: dict, count: int, label: str) -> str:
    """Records the judged student under `count` names; returns students/s at the start and the end."""
    from autograder.cluster import Recorder
    from autograder.grade import register_assignment
    from autograder.venv_tools import use_venv_tools

    use_venv_tools()
    register_assignment(course, ASSIGNMENT)
    model = course / "submitted" / judged["student"]
    recorder = Recorder(course, ASSIGNMENT)
    seconds = []
    try:
        for k in range(count):
            name = f"x{k:05d}"
            if not (course / "submitted" / name).exists():
                shutil.copytree(model, course / "submitted" / name)
            start = time.monotonic()
            graded = recorder.record(judged | {"student": name})
            seconds.append(time.monotonic() - start)
            if not graded.ok:
                return f"{label}: recording failed at student {k}: {graded.message}"
    finally:
        recorder.close()
    window = max(1, min(50, count // 5))
    first, last = sum(seconds[:window]) / window, sum(seconds[-window:]) / window
    notebooks = len(judged["notebooks"])
    return (f"{label}: {count} students recorded in {sum(seconds):6.1f} s; first {window}: {1 / first:5.2f} "
            f"students/s ({notebooks / first:5.1f} notebooks/s), last {window}: {1 / last:5.2f} students/s "
            f"({notebooks / last:5.1f} notebooks/s)")


def pooled_record_run(course: Path, judged: dict, count: int, recorders: int, label: str) -> str:
    """Records the judged student under `count` names with `recorders` processes; returns students/s."""
    import threading

    from autograder.cluster import RecordingPool
    from autograder.grade import register_assignment
    from autograder.venv_tools import use_venv_tools

    use_venv_tools()
    register_assignment(course, ASSIGNMENT)
    model = course / "submitted" / judged["student"]
    for k in range(count):
        if not (course / "submitted" / f"p{k:05d}").exists():
            shutil.copytree(model, course / "submitted" / f"p{k:05d}")
    failed, lock = [], threading.Lock()

    def done(graded, seconds: float) -> None:
        if not graded.ok:
            with lock:
                failed.append(graded.student)

    pool = RecordingPool(course, ASSIGNMENT, recorders)
    start = time.monotonic()
    for k in range(count):
        pool.record(judged | {"student": f"p{k:05d}"}, done)
    pool.close()
    seconds = time.monotonic() - start
    notebooks = len(judged["notebooks"]) * count
    return (f"{label}: {count} students with {recorders} recording processes in {seconds:6.1f} s: "
            f"{count / seconds:5.2f} students/s ({notebooks / seconds:5.1f} notebooks/s)"
            + (f"  FAILED: {len(failed)}" if failed else ""))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=12, help="class size graded on the cluster (default 12)")
    parser.add_argument("--workers", type=int, nargs="*", default=[1, 2],
                        help="cluster sizes (default: 1 2; none: skip)")
    parser.add_argument("--record-students", type=int, default=1000,
                        help="synthetic class size for the gradebook run (default 1000)")
    parser.add_argument("--postgres", action="store_true", help="also record into a throwaway PostgreSQL server")
    parser.add_argument("--recorders", type=int, default=2,
                        help="with --postgres: also record with this many processes in parallel (default 2)")
    args = parser.parse_args(argv)
    use_venv_tools()
    notebooks = len(source_notebooks(ROOT))
    print(f"{os.cpu_count()} cores; class of {args.students} students x {notebooks} notebooks", flush=True)
    with tempfile.TemporaryDirectory(prefix="scale-") as folder:
        base = Path(folder)
        for workers in args.workers:
            (base / f"w{workers}").mkdir()
            print(cluster_run(base / f"w{workers}", args.students, workers), flush=True)
        (base / "judged").mkdir()
        course, judged = judged_student(base / "judged")
        print(f"one student's notebooks judged in {judged['seconds']:.1f} s; recording {args.record_students} "
              "copies of them:", flush=True)
        sqlite_course = base / "sqlite"
        shutil.copytree(course, sqlite_course)
        (sqlite_course / "gradebook.db").unlink(missing_ok=True)
        print(record_run(sqlite_course, judged, args.record_students, "SQLite    "), flush=True)
        if args.postgres:
            from tests._postgres import start_postgres

            server = start_postgres()
            try:
                os.environ["AUTOGRADER_DB_URL"] = server.create_database("scale")
                postgres_course = base / "postgres"
                shutil.copytree(course, postgres_course)
                print(record_run(postgres_course, judged, args.record_students, "PostgreSQL"), flush=True)
                if args.recorders > 1:
                    os.environ["AUTOGRADER_DB_URL"] = server.create_database("pooled")
                    pooled = base / "pooled"
                    shutil.copytree(course, pooled)
                    print(pooled_record_run(pooled, judged, args.record_students, args.recorders, "PostgreSQL"),
                          flush=True)
            finally:
                os.environ.pop("AUTOGRADER_DB_URL", None)
                server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
