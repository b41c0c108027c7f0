"""A real Dask cluster for the tests: a `dask scheduler` and `dask worker` processes on loopback."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from autograder.venv_tools import tool
from tests._course import free_port

DASK = tool("dask")


@dataclass
class Cluster:
    """A scheduler and its workers, each a process group of its own, logging into a folder."""

    logs: Path
    port: int = field(default_factory=free_port)
    scheduler: subprocess.Popen | None = None
    workers: list[subprocess.Popen] = field(default_factory=list)

    @property
    def address(self) -> str:
        return f"tcp://127.0.0.1:{self.port}"

    def start_scheduler(self) -> None:
        self.scheduler = self.spawn("scheduler", ["scheduler", "--host", "127.0.0.1", "--port", str(self.port),
                                                  "--dashboard-address", ":0", "--no-show"])

    def start_worker(self) -> None:
        name = f"worker{len(self.workers)}"
        # One thread: a worker grades one student at a time; the nanny restarts a killed worker process.
        self.workers.append(self.spawn(name, ["worker", self.address, "--nthreads", "1", "--name", name,
                                              "--no-dashboard", "--death-timeout", "120"]))

    def spawn(self, name: str, argv: list[str]) -> subprocess.Popen:
        log = open(self.logs / f"{name}.log", "a")  # noqa: SIM115 - the process keeps it
        return subprocess.Popen([DASK, *argv], stdout=log, stderr=subprocess.STDOUT, cwd=self.logs,
                                start_new_session=True, env=os.environ | {"PYTHONUNBUFFERED": "1"})

    def wait_for_workers(self, count: int, timeout: float = 90) -> None:
        from distributed import Client

        with Client(self.address, timeout=timeout, set_as_default=False) as client:
            client.wait_for_workers(count, timeout=timeout)

    def worker_pids(self) -> dict[str, int]:
        """Returns {worker address: pid of the worker process (the nanny's child)}."""
        from distributed import Client

        with Client(self.address, timeout=30, set_as_default=False) as client:
            return client.run(os.getpid)

    def restart_workers(self) -> None:
        """Starts the workers again, as a supervisor (systemd, Kubernetes) would after they exited."""
        count = len(self.workers)
        for process in self.workers:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        self.workers = []
        for _ in range(count):
            self.start_worker()

    def kill_scheduler(self) -> None:
        os.killpg(self.scheduler.pid, signal.SIGKILL)
        self.scheduler.wait()

    def stop(self) -> None:
        for process in [*self.workers, self.scheduler]:
            if process is not None and process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def start_cluster(logs: Path, workers: int = 2) -> Cluster:
    """Returns a running cluster with its workers connected."""
    cluster = Cluster(logs)
    cluster.start_scheduler()
    time.sleep(1.0)
    for _ in range(workers):
        cluster.start_worker()
    try:
        cluster.wait_for_workers(workers)
    except Exception:
        cluster.stop()
        raise
    return cluster
