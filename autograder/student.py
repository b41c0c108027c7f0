"""The loop check of the visible tests, kept importable here for code written before it moved.

It lives in `source/python_basics/course_tools.py`, the student-side module that ships beside the
release notebooks; this module re-exports it.
"""

from __future__ import annotations

from autograder.plots import course_tools

__all__ = ["loop_problem"]

loop_problem = course_tools().loop_problem
