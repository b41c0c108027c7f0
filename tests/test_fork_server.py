"""The clean template of judged runs (ForkServer, `autograder.inside.values --serve`), attacked from a child.

The static rules keep a judged run to plain computation; these tests assume they failed: each job
below runs arbitrary Python in a forked child (os, open, fork, signals) and checks that nothing it
does reaches the next job, the template or the line to the grader. Probes answer with numbers
(the wire sends no text back).
"""

from __future__ import annotations

import json
import secrets
import time

import pytest

from autograder.inside.functions import FUNCTIONS
from autograder.inside.wire import decode
from autograder.judge import kernel_side_package
from autograder.sandbox import ForkServer, Limits

LIMITS = Limits(wall_seconds=60, cpu_seconds=60)


def job(source: str) -> tuple[bytes, str]:
    """Returns a job line running `source` and calling its `report()` once, and the job's nonce."""
    nonce = secrets.token_hex(8)
    data = {"cells": [{"source": source, "name": "attack"}], "cpu_seconds": 20, "nonce": nonce, "files": {},
            "checks": [{"grade_id": "probe", "function": "report", "cases": [{"args": [], "kwargs": {}}]}]}
    return json.dumps(data).encode(), nonce


def run(server: ForkServer, source: str) -> object:
    """Runs one job in the server; returns what its report() returned."""
    data, nonce = job(source)
    result = server.run(data, LIMITS.wall_seconds)
    assert not result.timed_out and result.output, result
    answer = json.loads(result.output)
    assert answer["nonce"] == nonce
    record = answer["values"]["probe"]["records"][0]
    assert "returned" in record, (answer["cells"], record)
    return decode(record["returned"], FUNCTIONS)


@pytest.fixture
def server():
    box = ForkServer(LIMITS, str(kernel_side_package()))
    yield box
    box.close()


LEAVE_TRACES = '''
import os, time, numpy as np
np.planted = "from an earlier job"
open("/tmp/planted", "w").write("x")
open("/tmp/matplotlib/planted", "w").write("x")
open("planted-in-work", "w").write("x")
os.makedirs("/tmp/folder/inner", exist_ok=True)
if os.fork() == 0:  # a process that would outlive its job
    time.sleep(60)
    os._exit(0)
def report():
    return (len(os.listdir("/tmp")), len(os.listdir(".")))
'''

FIND_TRACES = '''
import os, numpy as np
def report():
    others = [int(p) for p in os.listdir("/proc") if p.isdigit() and int(p) not in (1, os.getpid(), os.getppid())]
    # not the read-only mounts (the package, a venv that lies under /tmp) nor matplotlib's font list,
    # which each child gets afresh
    in_tmp = [n for n in os.listdir("/tmp") if os.access("/tmp/" + n, os.W_OK) and n != "matplotlib"]
    in_tmp += [n for n in os.listdir("/tmp/matplotlib") if not n.startswith("fontlist-")]
    return (int(hasattr(np, "planted")), len(in_tmp), len(os.listdir(".")), len(others))
'''


def test_a_job_leaves_nothing_for_the_next(server):
    in_tmp, in_work = run(server, LEAVE_TRACES)
    assert in_tmp >= 2 and in_work >= 1  # the traces were there
    assert run(server, FIND_TRACES) == (0, 0, 0, 0)  # numpy attribute, /tmp, work folder, other processes


def test_a_child_holds_no_descriptor_but_its_answer_pipe(server):
    descriptors = run(server, '''
import os
def report():
    return tuple(sorted(int(fd) for fd in os.listdir("/proc/self/fd")))
''')
    # stdin and the printed output (all three go nowhere), the answer pipe, and the listing's own descriptor
    assert descriptors[:3] == (0, 1, 2) and len(descriptors) <= 5, descriptors


def test_a_child_cannot_read_the_templates_memory_or_environment(server):
    reached = run(server, '''
import os
def report():
    reached = 0
    for name in ("mem", "environ", "maps"):
        try:
            open(f"/proc/{os.getppid()}/{name}", "rb").read(1)
            reached += 1
        except OSError:
            pass
    return reached
''')
    assert reached == 0


def test_a_child_that_kills_the_template_costs_its_own_run_only(server):
    data, _ = job('''
import os, signal
os.kill(os.getppid(), signal.SIGKILL)
def report():
    return 1
''')
    result = server.run(data, LIMITS.wall_seconds)
    assert not result.output and not server.alive()
    fresh = ForkServer(LIMITS, str(kernel_side_package()))
    try:
        assert run(fresh, FIND_TRACES) == (0, 0, 0, 0)
    finally:
        fresh.close()


def test_a_child_that_hangs_ends_the_server_within_its_wall_time():
    box = ForkServer(Limits(wall_seconds=3, cpu_seconds=60), str(kernel_side_package()))
    data, _ = job('''
import time
time.sleep(30)
def report():
    return 1
''')
    started = time.monotonic()
    result = box.run(data, 3)
    assert result.timed_out and time.monotonic() - started < 10 and not box.alive()
