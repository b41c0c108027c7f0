"""Run untrusted code under bubblewrap: no course files, no network, bounded resources.

The sandbox sees an explicit list: the system's /usr, the Python installation, the virtual
environment and the kernel-side package, read-only, and a work folder and a private /tmp that
are size-limited memory file systems of its own; the course directory, the gradebook, other
students and the instructor's home are simply never mounted. Jobs go in on stdin and answers
come back on stdout, capped: the trusted side never touches a file the sandbox can write. As root, the code also
drops to an unprivileged uid with no capabilities (bwrap alone would leave it root). Limits on
memory, CPU time, processes, file size and open files are set inside the sandbox with prlimit;
wall time is enforced from outside, and the PID namespace ends every process it started.

One job per module, in the order a sandbox meets them: `limits` (its resource limits, and the slot it holds:
uid and memory cgroup), `command` (the one command line that starts it: namespaces, mounts, environment,
setpriv and prlimit), `availability` (whether this machine can run it), `process` (the process and its
pipes, its reading and its end), and the three ways grading uses one: `fork_server` (the student's clean
template of judged runs), `session` (the student's warm display session) and `one_shot` (one job, then gone).
"""

from __future__ import annotations

from autograder.sandbox.availability import require_sandbox, sandbox_problem
from autograder.sandbox.fork_server import ForkServer
from autograder.sandbox.limits import Limits
from autograder.sandbox.one_shot import finish_once, run_sandboxed
from autograder.sandbox.process import Sandbox, SandboxResult
from autograder.sandbox.session import SandboxSession

__all__ = ["ForkServer", "Limits", "Sandbox", "SandboxResult", "SandboxSession", "finish_once", "require_sandbox",
           "run_sandboxed", "sandbox_problem"]
