"""Grade a synthetic class with stock nbgrader and with ours, in the same run, and compare.

    .venv/bin/python -m benchmarks.grade_class                 # 60 students x 7 notebooks
    .venv/bin/python -m benchmarks.grade_class --students 3    # what CI runs

The class mixes realistic submissions: answers from autograder/synthetic/answers (right and wrong), reference
solutions, broken code (a syntax error, an exception), slow code (a solution cell that computes for about a second) and
untouched releases. Stock is `nbgrader autograde` with nbgrader's default preprocessors (the
hidden tests run in the student's kernel); ours is `autograder grade` with this repository's
configuration (sandboxed, judged outside, parallel, warm). It prints wall time, notebooks/s,
the ratio, peak memory, the time per notebook spent in the students' cells versus everything
else, whether every score is identical, each source notebook's own run time, and a profile of
where our time goes. Timings are printed, never asserted.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from autograder.release import ASSIGNMENT, ROOT, execute_notebook, source_notebooks
from autograder.synthetic.students import write_class
from autograder.venv_tools import tool, with_venv_tools
from benchmarks._stock import stock_config
from tests._course import new_course, read_scores

STOCK_CONFIG = stock_config(cell_timeout=30)


@dataclass
class Run:
    """One grader's run over the class."""

    name: str
    seconds: float = 0.0
    peak_mb: float = 0.0
    scores: dict = field(default_factory=dict)
    timings: list[dict] = field(default_factory=list)


def memory_in_use() -> int:
    """Returns the machine's memory in use in bytes (MemTotal - MemAvailable)."""
    fields = dict(line.split(":", 1) for line in Path("/proc/meminfo").read_text().splitlines())
    return (int(fields["MemTotal"].split()[0]) - int(fields["MemAvailable"].split()[0])) * 1024


class MemoryPeak:
    """Samples the machine's memory in use while a run lasts; its peak above the start is the run's."""

    def __init__(self) -> None:
        self.baseline = memory_in_use()
        self.peak = self.baseline
        self.running = True
        self.thread = threading.Thread(target=self.sample, daemon=True)
        self.thread.start()

    def sample(self) -> None:
        while self.running:
            self.peak = max(self.peak, memory_in_use())
            time.sleep(0.1)

    def stop(self) -> float:
        """Stops sampling; returns the peak above the baseline in MB."""
        self.running = False
        self.thread.join()
        return (self.peak - self.baseline) / 1024**2


def timed(command: list[str], course: Path, env: dict[str, str]) -> tuple[float, float]:
    """Runs a command to its end; returns (wall seconds, peak memory of the machine above idle, MB)."""
    memory = MemoryPeak()
    start = time.monotonic()
    done = subprocess.run(command, cwd=course, env=env, capture_output=True, text=True)
    seconds = time.monotonic() - start
    peak = memory.stop()
    if done.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return seconds, peak


def run_stock(folder: Path, students: int) -> Run:
    """Grades the class with stock nbgrader autograde (sequential, in-kernel tests)."""
    course = new_course(folder, STOCK_CONFIG)
    write_class(course, students)
    run = Run("stock nbgrader autograde")
    command = [tool("nbgrader"), "autograde", ASSIGNMENT, "--log-level=ERROR"]
    run.seconds, run.peak_mb = timed(command, course, with_venv_tools())
    run.scores = read_scores(course)
    return run


def run_ours(folder: Path, students: int, workers: int) -> Run:
    """Grades the class with `autograder grade` (parallel, sandboxed, warm)."""
    course = new_course(folder)
    write_class(course, students)
    run = Run(f"autograder grade --workers {workers}")
    log = folder / "timing.jsonl"
    env = with_venv_tools() | {"AUTOGRADER_TIMING_LOG": str(log)}
    command = [sys.executable, "-m", "autograder", "grade", ASSIGNMENT, "--course", str(course),
               "--workers", str(workers), "--no-progress"]
    run.seconds, run.peak_mb = timed(command, course, env)
    run.scores = read_scores(course)
    run.timings = [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []
    return run


def profile_ours(folder: Path, students: int) -> str:
    """Returns the top of a profile of grading a few students in this process (one worker, warm)."""
    from autograder import grade, resume

    course = new_course(folder)
    write_class(course, students)
    source = resume.source_digest(course, ASSIGNMENT)
    here = Path.cwd()
    grade.start_worker(str(course))
    profiler = cProfile.Profile()
    try:
        profiler.enable()
        for student in sorted(p.parent.name for p in (course / "submitted").glob(f"*/{ASSIGNMENT}")):
            grade.grade_student(ASSIGNMENT, student, source)
        profiler.disable()
    finally:
        os.chdir(here)
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(18)
    return "\n".join(line for line in text.getvalue().splitlines() if line.strip())[:4000]


def source_notebook_times() -> list[tuple[str, float]]:
    """Returns each source notebook's wall time, run top to bottom with nbclient (kernel start included)."""
    times = []
    for path in source_notebooks(ROOT):
        start = time.monotonic()
        execute_notebook(path)
        times.append((path.stem, time.monotonic() - start))
    return times


def differences(stock: Run, ours: Run) -> list[str]:
    """Returns every cell whose score differs between the runs."""
    keys = set(stock.scores) | set(ours.scores)
    return sorted(f"{k}: stock {stock.scores.get(k)}, ours {ours.scores.get(k)}" for k in keys
                  if stock.scores.get(k) != ours.scores.get(k))


def report(stock: Run | None, ours: Run, notebooks: int, workers: int) -> list[str]:
    """Returns the lines of the comparison."""
    lines = []
    for run in filter(None, (stock, ours)):
        lines.append(f"{run.name:32s} {run.seconds:8.1f} s  {notebooks / run.seconds:6.2f} notebooks/s  "
                     f"peak memory {run.peak_mb:6.0f} MB (machine, above idle)")
    if stock:
        lines.append(f"ratio (ours / stock throughput): {stock.seconds / ours.seconds:.1f}x")
    if ours.timings:
        cells = sum(t["cells"] for t in ours.timings) / len(ours.timings)
        per_notebook = ours.seconds * workers / notebooks
        lines.append(f"per notebook (ours): {cells * 1000:.0f} ms in the students' cells, "
                     f"{(per_notebook - cells) * 1000:.0f} ms everything else (wall x workers / notebooks - cells)")
        judge = sum(t["judge"] for t in ours.timings) / len(ours.timings)
        lines.append(f"  of which the trusted judge (write job, run, compare): {judge * 1000:.0f} ms; "
                     f"nbgrader's own steps and start-up: {(per_notebook - judge) * 1000:.0f} ms")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=60, help="class size (default 60)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="our workers (default: cores)")
    parser.add_argument("--skip-stock", action="store_true", help="do not run stock nbgrader")
    parser.add_argument("--profile", type=int, default=3, help="students to profile in-process (0: none)")
    parser.add_argument("--no-source-times", action="store_true", help="do not time the source notebooks")
    args = parser.parse_args(argv)
    notebooks = args.students * len(source_notebooks(ROOT))
    print(f"class: {args.students} students x {len(source_notebooks(ROOT))} notebooks = {notebooks} notebooks, "
          f"{os.cpu_count()} cores", flush=True)
    with tempfile.TemporaryDirectory(prefix="grade-class-") as folder:
        base = Path(folder)
        (base / "stock").mkdir()
        (base / "ours").mkdir()
        stock = None if args.skip_stock else run_stock(base / "stock", args.students)
        ours = run_ours(base / "ours", args.students, args.workers)
        for line in report(stock, ours, notebooks, args.workers):
            print(line)
        identical = True
        if stock:
            differ = differences(stock, ours)
            identical = not differ
            print(f"scores identical: {'yes' if identical else 'NO'} ({len(stock.scores)} cells compared)")
            for line in differ[:20]:
                print("  differs:", line)
        if args.profile:
            (base / "profile").mkdir()
            print(f"\nprofile of ours, {args.profile} students in one process (cumulative):")
            print(profile_ours(base / "profile", args.profile))
    if not args.no_source_times:
        print("\nsource notebooks top to bottom (nbclient, kernel start included; goal < 3 s, 06 < 15 s):")
        for stem, seconds in source_notebook_times():
            print(f"  {stem:28s} {seconds:5.1f} s")
    return 0 if identical else 1


if __name__ == "__main__":
    raise SystemExit(main())
