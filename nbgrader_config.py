"""nbgrader configuration of the course: one assignment, python_basics, in this directory."""

from pathlib import Path

c = get_config()  # noqa: F821 - provided by nbgrader when it loads this file

c.CourseDirectory.root = str(Path(__file__).resolve().parent)
c.CourseDirectory.course_id = "python_basics_with_numpy"
c.CourseDirectory.db_url = "sqlite:///" + str(Path(__file__).resolve().parent / "gradebook.db")

# The stub a student sees in place of each solution: the test cells, not this one, fail when run.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# A student's kernel may not hang the grading of the class.
c.ExecutePreprocessor.timeout = 120
c.Execute.timeout = 120
