"""The `autograder` command line: parses arguments and calls each job's function."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from autograder._exceptions import CourseError


def parser() -> argparse.ArgumentParser:
    """Returns the argument parser of the `autograder` command."""
    top = argparse.ArgumentParser(prog="autograder", description="Build and grade Python Basics with NumPy.")
    jobs = top.add_subparsers(dest="job", required=True)
    build = jobs.add_parser(
        "build", help="sync notebooks/ and source/, rewrite navigation, execute stale sources, regenerate release/"
    )
    build.add_argument("--force-execute", action="store_true", help="execute every source notebook again")
    build.add_argument(
        "--only", metavar="NN_topic", help="sync and execute this one notebook only (no navigation, no release)"
    )
    jobs.add_parser("sync", help="only sync the text twins in notebooks/ with source/ (jupytext)")
    grade = jobs.add_parser("grade", help="grade every submission of an assignment in parallel, sandboxed")
    grade.add_argument("assignment", nargs="?", default="python_basics", help="assignment id (default: python_basics)")
    grade.add_argument("--course", type=Path, default=Path("."), help="course directory (default: here)")
    grade.add_argument("--workers", type=int, default=None, help="parallel workers (default: the number of cores)")
    grade.add_argument("--student", action="append", help="grade only this student (repeatable)")
    grade.add_argument("--no-progress", action="store_true", help="no progress bar")
    export = jobs.add_parser("export", help="grades as CSV: a row per student, a column per notebook and exercise")
    export.add_argument("assignment", nargs="?", default="python_basics", help="assignment id (default: python_basics)")
    export.add_argument("--course", type=Path, default=Path("."), help="course directory (default: here)")
    export.add_argument("--output", type=Path, default=Path("grades_by_exercise.csv"), help="CSV file to write")
    export.add_argument("--force", action="store_true", help="overwrite the CSV file if it exists")
    report = jobs.add_parser("report", help="HTML report with figures: what the class got wrong")
    report.add_argument("assignment", nargs="?", default="python_basics", help="assignment id (default: python_basics)")
    report.add_argument("--course", type=Path, default=Path("."), help="course directory (default: here)")
    report.add_argument("--output", type=Path, default=Path("report"), help="folder to write index.html and PNGs in")
    report.add_argument("--force", action="store_true", help="overwrite an existing report")
    demo = jobs.add_parser("demo", help="the whole cycle on a synthetic class: grade, feedback, export, report")
    demo.add_argument("--output", type=Path, default=Path("demo"), help="folder of the demo course (default: demo)")
    demo.add_argument("--students", type=int, default=12, help="class size (default 12)")
    demo.add_argument("--workers", type=int, default=None, help="parallel workers (default: the number of cores)")
    demo.add_argument("--force", action="store_true", help="replace the demo folder if it is not empty")
    return top


def main(argv: list[str] | None = None) -> int:
    """Runs the job named on the command line; returns the process exit code."""
    args = parser().parse_args(argv)
    from autograder import release

    try:
        if args.job == "build" and args.only:
            print(release.build_one(args.only))
        elif args.job == "build":
            release.build(force_execute=args.force_execute)
        elif args.job == "sync":
            release.sync_twins()
        elif args.job == "grade":
            from autograder.grade import grade_class

            result = grade_class(args.course, args.assignment, args.workers, args.student, not args.no_progress)
            print(result.summary())
            return 0 if all(s.ok for s in result.students) else 1
        elif args.job == "export":
            from autograder import export

            print(export.main(args.course, args.assignment, args.output, args.force))
        elif args.job == "demo":
            from autograder import demo

            demo.main(args.output, args.students, args.workers, args.force)
        elif args.job == "report":
            from autograder import report

            print(report.main(args.course, args.assignment, args.output, args.force))
    except CourseError as error:
        print(f"autograder: {error}", file=sys.stderr)
        return 1
    return 0
