"""Grade a class on a Dask cluster; the gradebook stays on the instructor's machine.

`autograder grade --scheduler tcp://host:8786` sends each student's submission to the
cluster as one task. A worker (a `dask worker` started in the course environment, with
bubblewrap) grades it in a scratch course of its own: the assignment's source and the
course's nbgrader_config.py, a throwaway SQLite gradebook, the same sandbox and trusted
judge as local grading. It sends back the autograded notebooks, never touching the real
gradebook and never seeing its address or credentials. Here, the trusted step records them:
nbgrader's own autograde runs on the submission with `RecordVerdicts` in place of the judge,
which copies the worker's outputs into the notebook, so SaveAutoGrades writes exactly what
local grading writes.

Faults: a worker that dies mid-task has its task run again elsewhere by Dask; a task lost to
a scheduler restart or a dropped connection is sent again in a later round, once a worker is
connected again (Dask workers exit when their scheduler goes; whatever supervises them, systemd
or Kubernetes, starts them again); each student is recorded once, after its result arrived,
then marked graded (resume.py), so a rerun resumes.

The modules, one side each: `instructor` (what the workers get, the rounds, reconnecting), `worker`
(the Dask task on a worker: its scratch course, the judging) and `recorder` (here: the judged notebooks
into the gradebook). Dask sends `worker.judge_remotely` by its module path: workers need this package.
"""

from __future__ import annotations

from autograder.cluster.instructor import bundle_of, grade_on_cluster, refuse_secrets_in_config, submitted_files
from autograder.cluster.recorder import Recorder, RecordingPool, RecordVerdicts
from autograder.cluster.worker import judge_remotely

__all__ = ["RecordVerdicts", "Recorder", "RecordingPool", "bundle_of", "grade_on_cluster", "judge_remotely",
           "refuse_secrets_in_config", "submitted_files"]
