"""A synthetic class of the course, in the package: what `autograder demo`, benchmarks/ and tests/ all grade.

- `answers/`: realistic student answers per exercise, right and wrong, as students write them;
- `cells`: the course's cells as the class is built from them (solution and test cells, the
  reference solutions, a released notebook filled in);
- `students`: a class of realistic submissions (answers, references, broken, slow and untouched);
- `course`: where the course's files are (the checkout, or the installed copy of a wheel).
"""

from __future__ import annotations

__all__ = ["answers", "cells", "course", "students"]
