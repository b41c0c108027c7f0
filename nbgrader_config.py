"""nbgrader configuration of the course: one assignment, python_basics, in this directory.

Autograding runs every student's notebook in a sandbox (bubblewrap: no course files, no
network, bounded memory, CPU, time and processes) and judges each test cell outside it,
with autograder.judge.TrustedJudge in place of nbgrader's Execute. Feedback hides the hidden
tests. Everything else (gradebook, formgrader, feedback, export) is stock nbgrader; the gradebook
is SQLite in this directory unless AUTOGRADER_DB_URL names another database (PostgreSQL).
"""

import os
from pathlib import Path

from nbconvert.preprocessors import ClearMetadataPreprocessor, CSSHTMLHeaderPreprocessor
from nbgrader.preprocessors import (
    AssignLatePenalties,
    ClearHiddenTests,
    ClearOutput,
    DeduplicateIds,
    GetGrades,
    IgnorePattern,
    LimitOutput,
    OverwriteCells,
    OverwriteKernelspec,
    SaveAutoGrades,
)

from autograder.judge import TrustedJudge
from autograder.late import LatePenalty
from autograder.repair import CompiledCheckCellMetadata, RestoreTestCells, TolerantExporter
from autograder.sanitize import SanitizeOutputs

c = get_config()  # noqa: F821 - provided by nbgrader when it loads this file
HERE = Path(__file__).resolve().parent

c.CourseDirectory.root = str(HERE)
c.CourseDirectory.course_id = "python_basics_with_numpy"
# The gradebook: gradebook.db here, or the database AUTOGRADER_DB_URL names, for stock nbgrader and ours alike
# (PostgreSQL: postgresql+psycopg2://user:password@host:5432/db; nbgrader creates its tables on first use).
c.CourseDirectory.db_url = os.environ.get("AUTOGRADER_DB_URL") or "sqlite:///" + str(HERE / "gradebook.db")

# The stub a student sees in place of each solution: the test cells, not this one, fail when run.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# A broken or tampered notebook is repaired and graded, with a note, instead of failing the student's
# whole assignment (see autograder/repair.py).
c.Autograde.exporter_class = TolerantExporter
# nbconvert validates the whole notebook after every preprocessor (14 times per notebook here); once, after
# the last, is enough: an invalid notebook still stops there, and nbformat validates it again on writing.
c.Exporter.optimistic_validation = True
c.Autograde.sanitize_preprocessors = [
    RestoreTestCells,
    ClearOutput,
    DeduplicateIds,
    OverwriteKernelspec,
    OverwriteCells,
    CompiledCheckCellMetadata,  # nbgrader's, its schema compiled once (autograder/repair.py)
]

# Grades the student's code cannot influence: run sandboxed, judged outside (see autograder/judge/).
c.Autograde.autograde_preprocessors = [
    TrustedJudge,
    SanitizeOutputs,  # no student script reaches formgrader or the feedback (autograder/sanitize.py)
    IgnorePattern,
    ClearMetadataPreprocessor,
    LimitOutput,
    SaveAutoGrades,
    AssignLatePenalties,
    CompiledCheckCellMetadata,  # nbgrader's, its schema compiled once (autograder/repair.py)
]
# Late policy (autograder/late.py), applied when a due date is set (`autograder late --due`):
# 10 % of a notebook's score per started day late, nothing within 15 minutes, at most 50 %.
c.AssignLatePenalties.plugin_class = LatePenalty
c.LatePenalty.percent = 10
c.LatePenalty.period = "day"
c.LatePenalty.grace_minutes = 15
c.LatePenalty.cap_percent = 50
c.TrustedJudge.cell_timeout = 30
c.TrustedJudge.timeout = 180
c.TrustedJudge.supporting_files = ["course_tools.py"]  # the student-side module the notebooks import

# Feedback shows what was wrong, never the hidden tests.
c.GenerateFeedback.preprocessors = [SanitizeOutputs, GetGrades, ClearHiddenTests, CSSHTMLHeaderPreprocessor]
c.ClearHiddenTests.enforce_metadata = False
