"""The trusted judge: grade a notebook on the code that ran, never on anything the student controls.

For one submitted notebook:
1. read the student's solution cells as text and apply the static rules (`autograder.rules`):
   plain Python, no reach outside plain computation, the exercise's function defined once with
   `def`, no loops where vectorization is the exercise, no forbidden calls under any name;
2. draw the inputs of every check from the student's secret seed, here;
3. in a fresh one-shot sandbox, run only the instructor's given code, the text of the solution
   cells (exactly the text the rules read) and the visible tests, then call each exercise's
   function on those inputs; read what it wrote, as plain data, after the sandbox and every
   process in it are gone;
4. here, recompute the expected results from the reference solutions, compare, and write each
   test cell's outcome as its output: nothing (pass) or an error whose message says what is
   wrong (fail). nbgrader's SaveAutoGrades then scores the cells as usual.

The student's whole notebook also runs, in the student's warm sandbox, only for the outputs the
feedback shows: nothing from that run is judged. `TrustedJudge` plugs this into
`nbgrader autograde` in place of its Execute preprocessor.

The modules, in the order a notebook meets them: `layout` (the instructor's notebook), `static` (the rules
on the text), `settings`, `jobs` (what crosses the wall), `kernel_side` (the copy of autograder/inside/
each sandbox imports) and `pool` (the sandboxes), `runs` (the two runs and what comes back), `verdicts` (the
messages), `notebook` (one notebook, end to end) and `preprocessor` (`TrustedJudge` and the timing log).
The cell predicates are `autograder.cells`.
"""

from __future__ import annotations

from autograder.cells import error_output, is_test_cell
from autograder.judge.kernel_side import kernel_side_package
from autograder.judge.layout import Layout, fallback_layout, layout_of
from autograder.judge.notebook import grade_notebook, seed_of
from autograder.judge.pool import sessions
from autograder.judge.preprocessor import TrustedJudge
from autograder.judge.settings import JudgeSettings
from autograder.judge.static import static_verdict, static_verdicts
from autograder.judge.verdicts import NotebookVerdict, values_verdict

__all__ = [
    "JudgeSettings", "Layout", "NotebookVerdict", "TrustedJudge", "error_output", "fallback_layout", "grade_notebook",
    "is_test_cell", "kernel_side_package", "layout_of", "seed_of", "sessions", "static_verdict", "static_verdicts",
    "values_verdict",
]
