"""The grading process's sandboxes: the student's warm display session, its judged-run template, their spares."""

from __future__ import annotations

import atexit
import functools
import sys
from dataclasses import replace

from autograder.judge.kernel_side import kernel_side_package
from autograder.judge.settings import JudgeSettings
from autograder.sandbox import ForkServer, Limits, Sandbox, SandboxSession

__all__ = ["SandboxPool", "session_limits", "sessions"]


def session_limits(limits: Limits) -> Limits:
    """Returns a session's limits: CPU time is counted for all the student's notebooks together."""
    return replace(limits, cpu_seconds=limits.cpu_seconds * 8)


class SandboxPool:
    """Keeps, per grading process, the student's warm display session, a spare for the next student,
    and a spare one-shot sandbox for the next judged run. Ended when the process exits."""

    def __init__(self) -> None:
        self.student: str | None = None
        self.current: SandboxSession | None = None
        self.spare: SandboxSession | None = None
        self.values_spare: Sandbox | None = None
        self.server_student: str | None = None
        self.server: ForkServer | None = None
        self.server_spare: ForkServer | None = None
        atexit.register(self.close)

    def start(self, settings: JudgeSettings) -> SandboxSession:
        """Starts a new display session with the settings' limits."""
        return SandboxSession(session_limits(settings.limits), str(kernel_side_package()), settings.sandboxed)

    def values_sandbox(self, settings: JudgeSettings) -> Sandbox:
        """Returns a fresh one-shot sandbox for a judged run (the spare), and starts the next spare."""
        spare = self.values_spare
        usable = spare is not None and spare.alive() and spare.sandboxed == settings.sandboxed
        if spare is not None and not usable:
            spare.close()
        box = spare if usable else self.new_values_sandbox(settings)
        self.values_spare = self.new_values_sandbox(settings)
        return box

    @staticmethod
    def new_values_sandbox(settings: JudgeSettings) -> Sandbox:
        return Sandbox([sys.executable, "-m", "autograder.inside.values"], settings.limits, str(kernel_side_package()),
                       settings.sandboxed)

    def fork_server_for(self, student: str, settings: JudgeSettings) -> ForkServer:
        """Returns the student's clean template for judged runs, taking the spare (and starting a new
        spare) for a new student: no judged run of one student ever shares a sandbox with another's."""
        if self.server_student == student and self.server is not None and self.server.alive():
            return self.server
        if self.server is not None:
            self.server.close()
        spare = self.server_spare
        usable = spare is not None and spare.alive() and spare.limits == settings.limits
        if spare is not None and not usable:
            spare.close()
        self.server = spare if usable else self.new_fork_server(settings)
        self.server_spare = self.new_fork_server(settings)
        self.server_student = student
        return self.server

    @staticmethod
    def new_fork_server(settings: JudgeSettings) -> ForkServer:
        return ForkServer(settings.limits, str(kernel_side_package()))

    def discard_fork_server(self) -> None:
        """Ends the student's template (after a run that did not answer), so the next run gets a fresh one."""
        if self.server is not None:
            self.server.close()
        self.server = None

    def session_for(self, student: str, settings: JudgeSettings) -> SandboxSession:
        """Returns the student's warm session, taking the spare (and starting a new spare) for a new student."""
        if self.student == student and self.current is not None and self.current.alive():
            return self.current
        if self.current is not None:
            self.current.close()
        spare = self.spare
        usable = spare is not None and spare.alive() and spare.sandboxed == settings.sandboxed
        self.current = spare if usable else self.start(settings)
        if spare is not None and not usable:
            spare.close()
        self.spare = self.start(settings)
        self.student = student
        return self.current

    def discard(self) -> None:
        """Ends the current session (after a crash or a timeout), so the next notebook gets a fresh one."""
        if self.current is not None:
            self.current.close()
        self.current = None

    def close(self) -> None:
        """Ends every sandbox."""
        for box in (self.current, self.spare, self.values_spare, self.server, self.server_spare):
            if box is not None:
                box.close()
        self.current = self.spare = self.values_spare = self.server = self.server_spare = None
        self.student = self.server_student = None


@functools.cache
def sessions() -> SandboxPool:
    """Returns this process's SandboxPool, made on first use.

    Not at import: every process that imports the judge (the command line, the cluster's recorder,
    the tests) would make one and register its exit hook; only a process that judges needs one."""
    return SandboxPool()
