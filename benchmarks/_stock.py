"""The configuration of stock nbgrader that the benchmarks compare with: nbgrader's defaults."""

from __future__ import annotations


def stock_config(cell_timeout: int) -> str:
    """Returns an nbgrader_config.py for this course with nbgrader's default preprocessors."""
    return f'''
from pathlib import Path
c = get_config()
HERE = Path(__file__).resolve().parent
c.CourseDirectory.root = str(HERE)
c.CourseDirectory.course_id = "python_basics_with_numpy"
c.CourseDirectory.db_url = "sqlite:///" + str(HERE / "gradebook.db")
c.ClearSolutions.code_stub = {{"python": "# YOUR CODE HERE\\nraise NotImplementedError()"}}
c.Execute.timeout = {cell_timeout}
'''
