"""`autograder demo`: the whole instructor cycle on a synthetic class, in a folder of its own.

Copies the course (config, source, release) into the demo folder, writes a class of realistic
submissions (right and wrong answers, broken and slow code, untouched releases), then grades
it, writes the feedback, exports the grades and writes the report, printing each step.
Nothing outside the demo folder is touched.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from autograder._exceptions import CourseError
from autograder.release import ASSIGNMENT
from autograder.venv_tools import tool, with_venv_tools

__all__ = ["main"]

# The demo's class never goes into the instructor's gradebook, whatever AUTOGRADER_DB_URL names.
OWN_GRADEBOOK = """
# The demo keeps its own gradebook.
c.CourseDirectory.db_url = "sqlite:///" + str(HERE / "gradebook.db")
"""


def nbgrader(course: Path, *args: str) -> None:
    """Runs an nbgrader command in the course to its end; its output in a CourseError if it fails."""
    command = [tool("nbgrader"), *args, "--log-level=WARN"]
    done = subprocess.run(command, cwd=course, env=with_venv_tools(), stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True)
    if done.returncode != 0:
        raise CourseError(f"`{' '.join(command)}` failed in {course}:\n{done.stdout}")


def main(folder: Path, students: int = 12, workers: int | None = None, force: bool = False) -> Path:
    """Runs the demo cycle in `folder`; returns the report's path."""
    from autograder import export, report
    from autograder.grade import grade_class
    from autograder.synthetic.course import course_root
    from autograder.synthetic.students import write_class

    folder = folder.resolve()
    if folder.exists() and any(folder.iterdir()):
        if not force:
            raise CourseError(f"{folder} is not empty; pass --force to replace it.")
        shutil.rmtree(folder)
    course = course_root()  # the checkout's course, or the copy installed with the wheel
    folder.mkdir(parents=True)
    (folder / "nbgrader_config.py").write_text((course / "nbgrader_config.py").read_text() + OWN_GRADEBOOK)
    shutil.copytree(course / "source", folder / "source")
    shutil.copytree(course / "release", folder / "release")
    print(f"1/5 course copied to {folder}; registering the assignment (nbgrader generate_assignment)")
    nbgrader(folder, "generate_assignment", ASSIGNMENT, "--force")
    write_class(folder, students)
    print(f"2/5 {students} synthetic submissions in {folder / 'submitted'}; grading (sandboxed, parallel)")
    print(grade_class(folder, ASSIGNMENT, workers).summary())
    print("3/5 feedback (nbgrader generate_feedback)")
    nbgrader(folder, "generate_feedback", ASSIGNMENT)
    csv = export.main(folder, ASSIGNMENT, folder / "grades_by_exercise.csv", force=True)
    print(f"4/5 grades by exercise: {csv}")
    page = report.main(folder, ASSIGNMENT, folder / "report", force=True)
    print(f"5/5 report: {page}")
    print(f"feedback for one student: {next((folder / 'feedback').glob(f'*/{ASSIGNMENT}/01_why_numpy.html'))}")
    return page
