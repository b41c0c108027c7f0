"""What runs inside the sandbox, next to the student's code: everything in this folder, and nothing else.

The judge copies this folder whole, read-only, into each sandbox (`autograder.judge.kernel_side`), beside an
`autograder/__init__.py` of its own that imports nothing. So every module here imports only the standard
library, numpy, IPython and each other, never the trusted side (the checks, the references, the seed rule):
`pyproject.toml`'s sandbox-side contract keeps it so.

- `values`: the clean run of the judged code (`python -m autograder.inside.values`, `--serve` for the
  per-student template that forks one child per run);
- `session`: the warm display run of the whole notebook (`python -m autograder.inside.session`);
- `wire`: plain data across the wall, used by both sides;
- `functions`: the functions the checks pass as arguments, known by name on both sides.
"""
