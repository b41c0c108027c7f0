"""The sandbox: what student code can see, write, reach and leave behind, probed in the command grading starts."""

from __future__ import annotations

import shutil
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from autograder._exceptions import SandboxUnavailable
from autograder.judge import kernel_side_package
from autograder.release import ROOT
from autograder.sandbox import ForkServer, Limits, Sandbox, SandboxResult, SandboxSession, run_sandboxed
from autograder.sandbox.limits import UNPRIVILEGED_UID_BASE, is_root, own_memory_cgroup

QUICK = Limits(wall_seconds=20, cpu_seconds=10, memory_bytes=2 * 1024**3, processes=32)


def run_python(tmp_path: Path, code: str, limits: Limits = QUICK) -> tuple[SandboxResult, str]:
    """Runs Python code in a sandbox (the command grading uses, with the package it imports); returns the result and
    what the code wrote into report.txt in its work folder (it prints it at the end: nothing comes back as a file)."""
    code += "\nimport os\nprint(open('report.txt').read() if os.path.exists('report.txt') else '', end='')\n"
    result = run_sandboxed([sys.executable, "-c", code], limits, str(kernel_side_package()))
    return result, result.output


def wall_of(box: Sandbox) -> list[str]:
    """Returns a sandbox's command without its program, its slot's uid and its cgroup: what every sandbox shares."""
    assert box.command[-len(box.program):] == box.program
    slot_parts = {str(part): part_name for part, part_name in ((box.uid, "UID"), (box.cgroup, "CGROUP")) if part}
    wall = []
    for word in box.command[:-len(box.program)]:
        for value, name in slot_parts.items():
            word = word.replace(value, name)
        wall.append(word)
    return wall


def test_the_probes_run_in_the_command_the_judged_runs_and_the_display_sessions_start():
    """Is the one-shot sandbox these tests probe the very sandbox grading starts, but for the program it runs?"""
    package = str(kernel_side_package())
    boxes = [ForkServer(QUICK, package), SandboxSession(QUICK, package), Sandbox([sys.executable, "-c", "pass"],
                                                                               QUICK, package)]
    try:
        walls = [wall_of(box) for box in boxes]
    finally:
        for box in boxes:
            box.close()
    assert "bwrap" in walls[0] and {"--unshare-net", "--unshare-all"} & set(walls[0]), walls[0]
    assert walls[0] == walls[1] == walls[2]


def test_the_course_directory_is_not_there(tmp_path: Path):
    code = f"""
import os
seen = []
for path in [{str(ROOT / 'source')!r}, {str(ROOT / 'nbgrader_config.py')!r}, {str(ROOT / 'autograder')!r},
             {str(Path.home())!r} + '/.bashrc', '/etc/shadow']:
    seen.append(f"{{path}}={{os.path.exists(path) and os.access(path, os.R_OK)}}")
open('report.txt', 'w').write(' '.join(seen))
"""
    _, report = run_python(tmp_path, code)
    assert report, "the probe did not run"
    assert "=True" not in report, f"the sandbox could read: {report}"


def test_writes_only_its_work_folder(tmp_path: Path):
    venv_file = Path(sys.prefix) / "sandbox-was-here"
    code = f"""
results = []
for path in [{str(venv_file)!r}, '/usr/sandbox-was-here', '/grading/ok.txt']:
    try:
        open(path, 'w').write('x')
        results.append(path + '=written')
    except OSError:
        results.append(path + '=refused')
open('report.txt', 'w').write(' '.join(results))
"""
    _, report = run_python(tmp_path, code)
    assert f"{venv_file}=refused" in report and "/usr/sandbox-was-here=refused" in report
    assert "/grading/ok.txt=written" in report
    assert not venv_file.exists()


def test_has_no_network(tmp_path: Path):
    code = """
import socket
try:
    socket.create_connection(("1.1.1.1", 53), timeout=3)
    result = "connected"
except OSError as error:
    result = "refused " + type(error).__name__
open('report.txt', 'w').write(result)
"""
    _, report = run_python(tmp_path, code)
    assert report.startswith("refused"), report


@pytest.mark.skipif(not is_root(), reason="the uid drop is what root needs; a user keeps its own uid")
def test_runs_as_an_unprivileged_user_without_capabilities(tmp_path: Path):
    code = """
import os
caps = [line for line in open('/proc/self/status') if line.startswith('CapEff')][0].split()[1]
open('report.txt', 'w').write(f"{os.getuid()} {caps}")
"""
    _, report = run_python(tmp_path, code)
    uid, caps = report.split()
    assert int(uid) >= UNPRIVILEGED_UID_BASE and int(caps, 16) == 0, report


def test_memory_is_limited(tmp_path: Path):
    code = """
import numpy as np
try:
    block = np.ones(10**10)
    result = "allocated"
except MemoryError:
    result = "MemoryError"
open('report.txt', 'w').write(result)
"""
    _, report = run_python(tmp_path, code)
    assert report == "MemoryError"


@pytest.mark.parametrize(("folder", "limit"), [("/tmp", "tmp_bytes"), ("/grading", "work_bytes")])
def test_the_sandbox_memory_file_systems_are_bounded(tmp_path: Path, folder: str, limit: str):
    # /tmp and the work folder /grading are memory: files a student writes there must not take the machine's.
    code = f"""
import errno
written = 0
try:
    for i in range(64):
        with open(f"{folder}/fill{{i}}", "wb") as f:
            f.write(bytes(1024**2))
        written += 1
    result = f"wrote {{written}} MB"
except OSError as error:
    result = f"{{errno.errorcode[error.errno]}} after {{written}} MB"
print(result)  # no room may be left for report.txt
"""
    _, report = run_python(tmp_path, code, replace(QUICK, **{limit: 8 * 1024**2}))
    assert report.startswith("ENOSPC"), report
    assert int(report.split()[2]) < 9, report


def test_what_comes_back_is_capped(tmp_path: Path):
    result = run_sandboxed([sys.executable, "-c", "import sys\nwhile True: sys.stdout.write('x' * 65536)"],
                           replace(QUICK, output_bytes=1024**2), str(kernel_side_package()))
    assert result.output == "" and not result.timed_out and result.seconds < 10


def test_processes_are_limited_and_none_is_left(tmp_path: Path):
    code = """
import os, time
children = 0
try:
    for _ in range(1000):
        if os.fork() == 0:
            time.sleep(60)
            os._exit(0)
        children += 1
except OSError:
    pass
open('report.txt', 'w').write(str(children))
"""
    result, report = run_python(tmp_path, code)
    assert 0 < int(report) < QUICK.processes, report
    assert result.leftover_pids == []


def test_wall_time_is_enforced(tmp_path: Path):
    limits = Limits(wall_seconds=3, cpu_seconds=60)
    result, _ = run_python(tmp_path, "import time\ntime.sleep(600)\n", limits)
    assert result.timed_out and result.seconds < 10


def test_missing_bubblewrap_is_a_clear_error(monkeypatch, tmp_path: Path):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(SandboxUnavailable, match="apt-get install bubblewrap"):
        run_python(tmp_path, "print('never')")


@pytest.mark.parametrize("sandboxed", [True, False], ids=["sandboxed", "unsandboxed"])
def test_a_session_that_stops_answering_is_a_dead_kernel_not_a_timeout(tmp_path: Path, sandboxed: bool):
    # The pipe closes before the process is reaped: a kernel killed mid-notebook looks like this for a
    # moment, and a student can make it last by closing the pipe and sleeping.
    import nbformat

    session = SandboxSession(QUICK, str(kernel_side_package()), sandboxed=sandboxed)
    try:
        cell = nbformat.v4.new_code_cell("import os, time\nos.closerange(3, 1024)\ntime.sleep(5)")
        job = {"notebook": nbformat.v4.new_notebook(cells=[cell]), "files": {}, "cell_timeout": 10,
               "output_limit": 10_000}
        ending, seconds, _ = session.run(job, timeout=15)
    finally:
        session.close()
    assert ending == "kernel died"
    assert seconds < 10, "the judge waited for the whole timeout instead of seeing the pipe close"


@pytest.mark.skipif(own_memory_cgroup() is None or not is_root(),
                    reason="no memory cgroup to use here: only the per-process limit holds")
def test_memory_is_limited_for_the_whole_sandbox_not_per_process(tmp_path: Path):
    # 64 processes x 4 GiB each would be 256 GiB: the sandbox's cgroup bounds them all together.
    code = """
import os, time
import numpy as np
children = []
for _ in range(3):
    pid = os.fork()
    if pid == 0:
        block = np.ones(300 * 1024**2 // 8)  # 300 MB, touched
        time.sleep(3)
        os._exit(0)
    children.append(pid)
held = sum(1 for pid in children if os.waitpid(pid, 0)[1] == 0)
open('report.txt', 'w').write(str(held))
"""
    limits = replace(QUICK, memory_bytes=512 * 1024**2, tmp_bytes=16 * 1024**2, work_bytes=16 * 1024**2)
    _, report = run_python(tmp_path, code, limits)
    assert report and int(report) < 3, f"{report} processes each held 300 MB in a sandbox allowed 512 MB"
