"""Static rules on the code that is judged, read as text before anything runs.

The judged values come from a fresh sandbox that runs only the instructor's given code and the
text of the student's solution cells (see `judge/`). These rules hold on exactly that text:

- every solution cell is plain Python (no magics, no shell escapes);
- no way out of plain computation: no exec/eval/compile/__import__/getattr/open..., no dunder
  names, no frame or file access, only a few harmless modules, no changes to a module;
- the exercise's function is bound exactly once, by a top-level `def` without decorators, so the
  function the rules read is the function that is called;
- where vectorization is the exercise, neither the function nor anything it refers to (helpers,
  default arguments, aliases, given code) loops: no loop statement, comprehension, recursion or
  functional loop (map, np.vectorize, functools.reduce, itertools.starmap, ...);
- an exercise's forbidden calls are refused under any name (attribute, import alias).

The walk over what a function refers to visits each statement once, so its cost is linear in the
size of the text; a size cap and a time budget bound it whatever the student writes.

One job per module, each importing only those below it: `exercise` (one exercise's function) and `parse` (the
text into `Code`, each cell checked); `cells` (what any solution cell may spell), `loops` (loops and loops in
disguise) and `scope` (what a function refers to); `judged` (`Code` and its budget) and `names` (the tables).
"""

from __future__ import annotations

# `X as X`: re-exported outside __all__, for the tests (the tables) and judge/jobs.py (the scope helpers).
from autograder.rules.exercise import function_problem
from autograder.rules.judged import Code, RuleBudgetExceeded
from autograder.rules.names import ALLOWED_MODULES as ALLOWED_MODULES
from autograder.rules.names import FORBIDDEN_ATTRIBUTES as FORBIDDEN_ATTRIBUTES
from autograder.rules.names import FORBIDDEN_NAMES as FORBIDDEN_NAMES
from autograder.rules.parse import names_defined_in, parse_code
from autograder.rules.scope import bound_by as bound_by
from autograder.rules.scope import global_references as global_references

__all__ = ["Code", "RuleBudgetExceeded", "function_problem", "names_defined_in", "parse_code"]
