"""The `autograder` command line: parses arguments and calls each job's function.

The instructor's cycle: release, collect, grade, feedback, export, report; `demo` runs it all
on a synthetic class. `build` and `sync` keep the text twins, source and release one.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from autograder._exceptions import CourseError

__all__ = ["main", "parser", "run"]

ASSIGNMENT_HELP = "assignment id (default: python_basics)"


def add_course(job: argparse.ArgumentParser) -> None:
    """Adds the assignment and course-directory arguments every class job takes."""
    job.add_argument("assignment", nargs="?", default="python_basics", help=ASSIGNMENT_HELP)
    job.add_argument("--course", type=Path, default=Path("."), help="course directory (default: here)")


def parser() -> argparse.ArgumentParser:
    """Returns the argument parser of the `autograder` command."""
    top = argparse.ArgumentParser(prog="autograder", description="Build and grade Python Basics with NumPy.")
    jobs = top.add_subparsers(dest="job", required=True)
    build = jobs.add_parser(
        "build", help="sync notebooks/ and source/, rewrite navigation, execute stale sources, regenerate release/"
    )
    build.add_argument("--force-execute", action="store_true", help="execute every source notebook again")
    build.add_argument("--only", metavar="NN_topic", help="sync and execute one notebook only (no navigation, release)")
    jobs.add_parser("sync", help="only sync the text twins in notebooks/ with source/ (jupytext)")
    jobs.add_parser("bundle", help="only write the student bundle in dist/ from release/ as it is")
    jobs.add_parser("release", help="as build does, then write the student bundle in dist/")

    collect = jobs.add_parser("collect", help="import a folder or zip of student notebooks into submitted/")
    collect.add_argument("source", type=Path, help="folder or zip file of the students' notebooks")
    add_course(collect)
    collect.add_argument("--force", action="store_true", help="replace submissions that are already there")

    grade = jobs.add_parser("grade", help="grade every submission of an assignment in parallel, sandboxed")
    add_course(grade)
    grade.add_argument("--workers", type=int, default=None, help="parallel workers (default: the number of cores)")
    grade.add_argument("--student", action="append", help="grade only this student (repeatable)")
    grade.add_argument("--no-progress", action="store_true", help="no progress bar")
    grade.add_argument("--force", action="store_true",
                       help="grade again students whose submission is graded already (default: skip them)")
    grade.add_argument("--scheduler", metavar="tcp://HOST:8786", default=None,
                       help="grade on this Dask cluster's workers (default: here); the gradebook stays here")
    grade.add_argument("--recorders", type=int, default=1,
                       help="with --scheduler: processes writing results into a PostgreSQL gradebook (default 1)")

    feedback = jobs.add_parser("feedback", help="write each student's feedback (nbgrader generate_feedback); "
                                                "--zip: one zip per student named for the LMS's bulk upload")
    add_course(feedback)
    feedback.add_argument("--zip", choices=("plain", "canvas", "moodle"), default=None, dest="zip_format",
                          help="then pack feedback/ into one zip per student, named for Canvas's Upload Submissions, "
                               "Moodle's Upload multiple feedback files in a zip, or plainly, and one zip to upload")
    feedback.add_argument("--zip-only", action="store_true",
                          help="with --zip: pack feedback/ as it is, without generating it again")
    feedback.add_argument("--roster", type=Path, default=None,
                          help="canvas: the gradebook export (ID column); moodle: the grading worksheet (Identifier)")
    feedback.add_argument("--match-column", default=None,
                          help="roster column holding nbgrader's student ids (default: as for export)")
    feedback.add_argument("--canvas-submissions", type=Path, default=None,
                          help="canvas: the assignment's Download Submissions zip (the ids of the files submitted)")
    feedback.add_argument("--names", action="store_true",
                          help="put the students' names in the zip names (Canvas doejohn_..., Moodle Full Name_...)")
    feedback.add_argument("--anonymise", action="store_true",
                          help="stable pseudonyms instead of student ids in the plain zip names and the manifest")
    feedback.add_argument("--output", type=Path, default=None,
                          help="folder for the zips (default: feedback_zips/ in the course directory)")
    feedback.add_argument("--force", action="store_true", help="replace zips written before")

    export = jobs.add_parser("export", help="grades as CSV: by exercise (default), or for Canvas, Moodle, nbgrader")
    export.add_argument("assignment", nargs="*", default=["python_basics"],
                        help="assignment id(s) (default: python_basics); canvas, moodle and nbgrader take several")
    export.add_argument("--course", type=Path, default=Path("."), help="course directory (default: here)")
    export.add_argument("--output", type=Path, default=None,
                        help="CSV file to write (default: grades_by_exercise.csv, or grades_<format>.csv)")
    export.add_argument("--force", action="store_true", help="overwrite the CSV file if it exists")
    export.add_argument("--format", choices=("wide", "canvas", "moodle", "nbgrader"), default="wide",
                        help="wide: a column per notebook and exercise (default); canvas, moodle: the LMS's "
                             "gradebook import CSV; nbgrader: nbgrader export's long CSV")
    export.add_argument("--roster", type=Path, default=None,
                        help="the LMS's own gradebook export CSV to match students to (default: nbgrader's students)")
    export.add_argument("--match-column", default=None,
                        help="roster column holding nbgrader's student ids (default: SIS Login ID, SIS User ID, ID, "
                             "ID number, Email address or Username, the first the roster has)")
    export.add_argument("--missing", choices=("empty", "zero"), default="empty",
                        help="cell of a roster student with no submission (default: empty)")
    export.add_argument("--moodle-id", choices=("email", "idnumber", "username"), default="email",
                        help="Moodle's user identifier column (default: email)")
    export.add_argument("--anonymise", action="store_true",
                        help="stable pseudonyms instead of student ids (wide and nbgrader formats)")

    late = jobs.add_parser("late", help="set due dates, extensions, hand-in times; apply the late policy again")
    add_course(late)
    late.add_argument("--due", metavar="ISO_TIME", default=None,
                      help="the assignment's due date, e.g. 2026-12-01T23:59:00+01:00 (no zone: UTC)")
    late.add_argument("--extension", metavar="STUDENT=48h", action="append", default=[],
                      help="give a student an extension (m, h, d, w; repeatable; 0h removes it)")
    late.add_argument("--timestamps", type=Path, default=None,
                      help="CSV with columns student,timestamp: when each student handed in")

    report = jobs.add_parser("report", help="HTML report with figures: what the class got wrong")
    add_course(report)
    report.add_argument("--output", type=Path, default=None,
                        help="folder to write index.html and PNGs in (default: report/ in the course directory)")
    report.add_argument("--force", action="store_true", help="overwrite an existing report")
    report.add_argument("--term", action="store_true",
                        help="term.html: every graded assignment together (trajectories, item analysis, attention)")
    report.add_argument("--similarity", action="store_true", help="add the similarity leads (autograder similarity)")
    report.add_argument("--anonymise", action="store_true", help="stable pseudonyms instead of student ids")

    similarity = jobs.add_parser("similarity", help="pairs of students sharing unusual code: leads to review")
    add_course(similarity)
    similarity.add_argument("--output", type=Path, default=None,
                            help="HTML page to write (default: report/similarity.html in the course directory)")
    similarity.add_argument("--top", type=int, default=20, help="leads shown with their code side by side (default 20)")
    similarity.add_argument("--anonymise", action="store_true", help="stable pseudonyms instead of student ids")
    similarity.add_argument("--force", action="store_true", help="overwrite the page if it exists")

    demo = jobs.add_parser("demo", help="the whole cycle on a synthetic class: grade, feedback, export, report")
    demo.add_argument("--output", type=Path, default=Path("demo"), help="folder of the demo course (default: demo)")
    demo.add_argument("--students", type=int, default=12, help="class size (default 12)")
    demo.add_argument("--workers", type=int, default=None, help="parallel workers (default: the number of cores)")
    demo.add_argument("--force", action="store_true", help="replace the demo folder if it is not empty")
    return top


def run(args: argparse.Namespace) -> int:
    """Runs one job; returns the process exit code."""
    from autograder import release

    if args.job == "build" and args.only:
        print(release.build_one(args.only))
    elif args.job in ("build", "release"):
        from autograder.bundle import write_bundle

        release.build(force_execute=getattr(args, "force_execute", False))
        print(f"release/{release.ASSIGNMENT} regenerated from source/, in sync with notebooks/")
        print(f"student bundle: {write_bundle(release.ROOT).relative_to(release.ROOT)} and its folder, unpacked")
    elif args.job == "bundle":
        from autograder.bundle import write_bundle

        print(write_bundle(release.ROOT))
    elif args.job == "sync":
        release.sync_twins()
    elif args.job == "collect":
        from autograder.collect import collect

        print(collect(args.course.resolve(), args.assignment, args.source, args.force).summary())
    elif args.job == "grade":
        from autograder.grade import grade_class

        result = grade_class(args.course, args.assignment, args.workers, args.student, not args.no_progress,
                             force=args.force, scheduler=args.scheduler, recorders=args.recorders)
        print(result.summary())
        return 0 if all(s.ok for s in result.students) else 1
    elif args.job == "feedback":
        return feedback_job(args)
    elif args.job == "export":
        from autograder import export

        default = "grades_by_exercise.csv" if args.format == "wide" else f"grades_{args.format}.csv"
        result = export.main(args.course, args.assignment, args.output or args.course / default, args.force,
                             format=args.format, roster=args.roster, missing=args.missing,
                             identifier=args.moodle_id, match=args.match_column, anonymise=args.anonymise)
        print(result.summary() if hasattr(result, "summary") else result)
    elif args.job == "late":
        from autograder import late

        print(late.main(args.course, args.assignment, due=args.due, extensions=args.extension,
                        timestamps=args.timestamps).summary())
    elif args.job == "report":
        from autograder import report

        folder = args.output or args.course / "report"
        if args.term:
            print(report.main_term(args.course, folder, args.force, anonymise=args.anonymise))
        else:
            print(report.main(args.course, args.assignment, folder, args.force, anonymise=args.anonymise,
                              similarity=args.similarity))
    elif args.job == "similarity":
        from autograder import similarity

        output = args.output or args.course / "report" / "similarity.html"
        result = similarity.main(args.course, args.assignment, output, args.force, top=args.top,
                                 anonymise=args.anonymise)
        print(f"{result.summary()}\nleads with their code side by side: {output}")
    elif args.job == "demo":
        from autograder import demo

        demo.main(args.output, args.students, args.workers, args.force)
    return 0


def feedback_job(args: argparse.Namespace) -> int:
    """Writes the feedback (unless --zip-only), then packs it into zips for the LMS if --zip is given."""
    from autograder.grade import load_api

    if args.zip_only and not args.zip_format:
        raise CourseError("--zip-only packs the feedback: say how with --zip plain, canvas or moodle.")
    if not args.zip_only:
        outcome = load_api(args.course.resolve()).generate_feedback(args.assignment, force=True)
        print("feedback written to feedback/" if outcome.get("success") else outcome.get("error") or outcome)
        if not outcome.get("success"):
            return 1
    if args.zip_format:
        from autograder import feedback as zips

        print(zips.main(args.course, args.assignment, args.output, lms=args.zip_format, roster=args.roster,
                        match=args.match_column, canvas_submissions=args.canvas_submissions, names=args.names,
                        anonymise=args.anonymise, force=args.force).summary())
    return 0


def main(argv: list[str] | None = None) -> int:
    """Runs the job named on the command line; a course error is one sentence, not a traceback."""
    args = parser().parse_args(argv)
    try:
        return run(args)
    except CourseError as error:
        print(f"autograder: {error}", file=sys.stderr)
        return 1
