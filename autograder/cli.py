"""The `autograder` command line: a table of jobs, each its help, its arguments and its `main(*, ...)`.

The instructor's cycle: release, collect, grade, feedback, export, report; `demo` runs it all
on a synthetic class. `build` and `sync` keep the text twins, source and release one.

Each job's function takes the job's arguments as keywords, named as on the command line
(`--no-progress` is `no_progress`), and returns the exit code (None for 0).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from autograder._exceptions import CourseError

__all__ = ["JOBS", "Job", "main", "parser", "run"]

ASSIGNMENT_HELP = "assignment id (default: python_basics)"


def add_course(job: argparse.ArgumentParser) -> None:
    """Adds the assignment and course-directory arguments every class job takes."""
    job.add_argument("assignment", nargs="?", default="python_basics", help=ASSIGNMENT_HELP)
    job.add_argument("--course", type=Path, default=Path("."), help="course directory (default: here)")


def no_arguments(job: argparse.ArgumentParser) -> None:
    """A job without arguments."""


# ------------------------------------------------------------------ build, sync, bundle, release


def build_arguments(job: argparse.ArgumentParser) -> None:
    job.add_argument("--force-execute", action="store_true", help="execute every source notebook again")
    job.add_argument("--only", metavar="NN_topic", help="sync and execute one notebook only (no navigation, release)")


def build_main(*, force_execute: bool = False, only: str | None = None) -> None:
    """Syncs and executes one notebook (--only), or builds the whole release and the student bundle."""
    from autograder import release

    if only:
        print(release.build_one(only))
        return
    from autograder.bundle import write_bundle

    release.build(force_execute=force_execute)
    print(f"release/{release.ASSIGNMENT} regenerated from source/, in sync with notebooks/")
    print(f"student bundle: {write_bundle(release.ROOT).relative_to(release.ROOT)} and its folder, unpacked")


def release_main() -> None:
    """As build does, then the student bundle."""
    build_main()


def sync_main() -> None:
    from autograder import release

    release.sync_twins()


def bundle_main() -> None:
    from autograder import release
    from autograder.bundle import write_bundle

    print(write_bundle(release.ROOT))


# ------------------------------------------------------------------ collect, grade


def collect_arguments(job: argparse.ArgumentParser) -> None:
    job.add_argument("source", type=Path, help="folder or zip file of the students' notebooks")
    add_course(job)
    job.add_argument("--force", action="store_true", help="replace submissions that are already there")


def collect_main(*, source: Path, assignment: str, course: Path, force: bool = False) -> None:
    from autograder.collect import collect

    print(collect(course.resolve(), assignment, source, force).summary())


def grade_arguments(job: argparse.ArgumentParser) -> None:
    add_course(job)
    job.add_argument("--workers", type=int, default=None, help="parallel workers (default: the number of cores)")
    job.add_argument("--student", action="append", help="grade only this student (repeatable)")
    job.add_argument("--no-progress", action="store_true", help="no progress bar")
    job.add_argument("--force", action="store_true",
                     help="grade again students whose submission is graded already (default: skip them)")
    job.add_argument("--scheduler", metavar="tcp://HOST:8786", default=None,
                     help="grade on this Dask cluster's workers (default: here); the gradebook stays here")
    job.add_argument("--recorders", type=int, default=1,
                     help="with --scheduler: processes writing results into a PostgreSQL gradebook (default 1)")


def grade_main(*, assignment: str, course: Path, workers: int | None = None, student: list[str] | None = None,
               no_progress: bool = False, force: bool = False, scheduler: str | None = None,
               recorders: int = 1) -> int:
    from autograder.grade import grade_class

    result = grade_class(course, assignment, workers, student, not no_progress, force=force, scheduler=scheduler,
                         recorders=recorders)
    print(result.summary())
    return 0 if all(s.ok for s in result.students) else 1


# ------------------------------------------------------------------ feedback, export, late


def feedback_arguments(job: argparse.ArgumentParser) -> None:
    add_course(job)
    job.add_argument("--zip", choices=("plain", "canvas", "moodle"), default=None, dest="zip_format",
                     help="then pack feedback/ into one zip per student, named for Canvas's Upload Submissions, "
                          "Moodle's Upload multiple feedback files in a zip, or plainly, and one zip to upload")
    job.add_argument("--zip-only", action="store_true",
                     help="with --zip: pack feedback/ as it is, without generating it again")
    job.add_argument("--roster", type=Path, default=None,
                     help="canvas: the gradebook export (ID column); moodle: the grading worksheet (Identifier)")
    job.add_argument("--match-column", default=None,
                     help="roster column holding nbgrader's student ids (default: as for export)")
    job.add_argument("--canvas-submissions", type=Path, default=None,
                     help="canvas: the assignment's Download Submissions zip (the ids of the files submitted)")
    job.add_argument("--names", action="store_true",
                     help="put the students' names in the zip names (Canvas doejohn_..., Moodle Full Name_...); "
                          "neither LMS needs them: Canvas matches the ids, Moodle the participant id")
    job.add_argument("--anonymise", action="store_true",
                     help="stable pseudonyms instead of student ids in the plain zip names and the manifest")
    job.add_argument("--output", type=Path, default=None,
                     help="folder for the zips (default: feedback_zips/ in the course directory)")
    job.add_argument("--force", action="store_true", help="replace zips written before")


def feedback_main(*, assignment: str, course: Path, zip_format: str | None = None, zip_only: bool = False,
                  roster: Path | None = None, match_column: str | None = None,
                  canvas_submissions: Path | None = None, names: bool = False, anonymise: bool = False,
                  output: Path | None = None, force: bool = False) -> int:
    """Writes the feedback (unless --zip-only), then packs it into zips for the LMS if --zip is given."""
    from autograder.grade import load_api

    if zip_only and not zip_format:
        raise CourseError("--zip-only packs the feedback: say how with --zip plain, canvas or moodle.")
    if not zip_only:
        outcome = load_api(course.resolve()).generate_feedback(assignment, force=True)
        print("feedback written to feedback/" if outcome.get("success") else outcome.get("error") or outcome)
        if not outcome.get("success"):
            return 1
    if zip_format:
        from autograder import feedback as zips

        print(zips.main(course, assignment, output, lms=zip_format, roster=roster, match=match_column,
                        canvas_submissions=canvas_submissions, names=names, anonymise=anonymise,
                        force=force).summary())
    return 0


def export_arguments(job: argparse.ArgumentParser) -> None:
    job.add_argument("assignment", nargs="*", default=["python_basics"],
                     help="assignment id(s) (default: python_basics); canvas, moodle and nbgrader take several")
    job.add_argument("--course", type=Path, default=Path("."), help="course directory (default: here)")
    job.add_argument("--output", type=Path, default=None,
                     help="CSV file to write (default: grades_by_exercise.csv, or grades_<format>.csv)")
    job.add_argument("--force", action="store_true", help="overwrite the CSV file if it exists")
    job.add_argument("--format", choices=("wide", "canvas", "moodle", "nbgrader"), default="wide",
                     help="wide: a column per notebook and exercise (default); canvas, moodle: the LMS's "
                          "gradebook import CSV; nbgrader: nbgrader export's long CSV")
    job.add_argument("--roster", type=Path, default=None,
                     help="the LMS's own gradebook export CSV to match students to (default: nbgrader's students)")
    job.add_argument("--match-column", default=None,
                     help="roster column holding nbgrader's student ids (default: SIS Login ID, SIS User ID, ID, "
                          "ID number, Email address or Username, the first the roster has)")
    job.add_argument("--missing", choices=("empty", "zero"), default="empty",
                     help="cell of a roster student with no submission (default: empty)")
    job.add_argument("--moodle-id", choices=("email", "idnumber", "username"), default="email",
                     help="Moodle's user identifier column (default: email)")
    job.add_argument("--anonymise", action="store_true",
                     help="stable pseudonyms instead of student ids (wide and nbgrader formats)")


def export_main(*, assignment: list[str], course: Path, output: Path | None = None, force: bool = False,
                format: str = "wide", roster: Path | None = None, match_column: str | None = None,
                missing: str = "empty", moodle_id: str = "email", anonymise: bool = False) -> None:
    from autograder import export

    default = "grades_by_exercise.csv" if format == "wide" else f"grades_{format}.csv"
    result = export.main(course, assignment, output or course / default, force, format=format, roster=roster,
                         missing=missing, identifier=moodle_id, match=match_column, anonymise=anonymise)
    print(result.summary() if hasattr(result, "summary") else result)


def late_arguments(job: argparse.ArgumentParser) -> None:
    add_course(job)
    job.add_argument("--due", metavar="ISO_TIME", default=None,
                     help="the assignment's due date, e.g. 2026-12-01T23:59:00+01:00 (no zone: UTC)")
    job.add_argument("--extension", metavar="STUDENT=48h", action="append", default=[],
                     help="give a student an extension (m, h, d, w; repeatable; 0h removes it)")
    job.add_argument("--timestamps", type=Path, default=None,
                     help="CSV with columns student,timestamp: when each student handed in")


def late_main(*, assignment: str, course: Path, due: str | None = None, extension: list[str] | None = None,
              timestamps: Path | None = None) -> None:
    from autograder import late

    print(late.main(course, assignment, due=due, extensions=extension if extension is not None else [],
                    timestamps=timestamps).summary())


# ------------------------------------------------------------------ report, similarity, demo


def report_arguments(job: argparse.ArgumentParser) -> None:
    add_course(job)
    job.add_argument("--output", type=Path, default=None,
                     help="folder to write index.html and PNGs in (default: report/ in the course directory)")
    job.add_argument("--force", action="store_true", help="overwrite an existing report")
    job.add_argument("--term", action="store_true",
                     help="term.html: every graded assignment together (trajectories, item analysis, attention)")
    job.add_argument("--similarity", action="store_true", help="add the similarity leads (autograder similarity)")
    job.add_argument("--anonymise", action="store_true", help="stable pseudonyms instead of student ids")


def report_main(*, assignment: str, course: Path, output: Path | None = None, force: bool = False,
                term: bool = False, similarity: bool = False, anonymise: bool = False) -> None:
    from autograder import report

    folder = output or course / "report"
    if term:
        print(report.main_term(course, folder, force, anonymise=anonymise))
    else:
        print(report.main(course, assignment, folder, force, anonymise=anonymise, similarity=similarity))


def similarity_arguments(job: argparse.ArgumentParser) -> None:
    add_course(job)
    job.add_argument("--output", type=Path, default=None,
                     help="HTML page to write (default: report/similarity.html in the course directory)")
    job.add_argument("--top", type=int, default=20, help="leads shown with their code side by side (default 20)")
    job.add_argument("--anonymise", action="store_true", help="stable pseudonyms instead of student ids")
    job.add_argument("--force", action="store_true", help="overwrite the page if it exists")


def similarity_main(*, assignment: str, course: Path, output: Path | None = None, top: int = 20,
                    anonymise: bool = False, force: bool = False) -> None:
    from autograder import similarity

    page = output or course / "report" / "similarity.html"
    result = similarity.main(course, assignment, page, force, top=top, anonymise=anonymise)
    print(f"{result.summary()}\nleads with their code side by side: {page}")


def demo_arguments(job: argparse.ArgumentParser) -> None:
    job.add_argument("--output", type=Path, default=Path("demo"), help="folder of the demo course (default: demo)")
    job.add_argument("--students", type=int, default=12, help="class size (default 12)")
    job.add_argument("--workers", type=int, default=None, help="parallel workers (default: the number of cores)")
    job.add_argument("--force", action="store_true", help="replace the demo folder if it is not empty")


def demo_main(*, output: Path = Path("demo"), students: int = 12, workers: int | None = None,
              force: bool = False) -> None:
    from autograder import demo

    demo.main(output, students, workers, force)


# ------------------------------------------------------------------ the table


@dataclass(frozen=True)
class Job:
    """One job of the command line: its help, the arguments it takes, and the function that does it."""

    help: str
    arguments: Callable[[argparse.ArgumentParser], None]
    main: Callable[..., int | None]


JOBS: dict[str, Job] = {  # in the order `autograder --help` lists them
    "build": Job("sync notebooks/ and source/, rewrite navigation, execute stale sources, regenerate release/",
                 build_arguments, build_main),
    "sync": Job("only sync the text twins in notebooks/ with source/ (jupytext)", no_arguments, sync_main),
    "bundle": Job("only write the student bundle in dist/ from release/ as it is", no_arguments, bundle_main),
    "release": Job("as build does, then write the student bundle in dist/", no_arguments, release_main),
    "collect": Job("import a folder or zip of student notebooks into submitted/", collect_arguments, collect_main),
    "grade": Job("grade every submission of an assignment in parallel, sandboxed", grade_arguments, grade_main),
    "feedback": Job("write each student's feedback (nbgrader generate_feedback); "
                    "--zip: one zip per student named for the LMS's bulk upload", feedback_arguments, feedback_main),
    "export": Job("grades as CSV: by exercise (default), or for Canvas, Moodle, nbgrader", export_arguments,
                  export_main),
    "late": Job("set due dates, extensions, hand-in times; apply the late policy again", late_arguments, late_main),
    "report": Job("HTML report with figures: what the class got wrong", report_arguments, report_main),
    "similarity": Job("pairs of students sharing unusual code: leads to review", similarity_arguments,
                      similarity_main),
    "demo": Job("the whole cycle on a synthetic class: grade, feedback, export, report", demo_arguments, demo_main),
}


def parser() -> argparse.ArgumentParser:
    """Returns the argument parser of the `autograder` command."""
    top = argparse.ArgumentParser(prog="autograder", description="Build and grade Python Basics with NumPy.")
    jobs = top.add_subparsers(dest="job", required=True)
    for name, job in JOBS.items():
        job.arguments(jobs.add_parser(name, help=job.help))
    return top


def run(args: argparse.Namespace) -> int:
    """Runs one job; returns the process exit code."""
    arguments = dict(vars(args))
    code = JOBS[arguments.pop("job")].main(**arguments)
    return 0 if code is None else code


def main(argv: list[str] | None = None) -> int:
    """Runs the job named on the command line; a course error is one sentence, not a traceback."""
    args = parser().parse_args(argv)
    try:
        return run(args)
    except CourseError as error:
        print(f"autograder: {error}", file=sys.stderr)
        return 1
