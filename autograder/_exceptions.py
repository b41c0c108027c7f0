"""Every error the course tools raise on purpose: each message names the file and the fault."""

from __future__ import annotations

__all__ = ["BuildError", "CourseError", "SandboxUnavailable"]


class CourseError(Exception):
    """Base class of the course tools' errors."""


class BuildError(CourseError):
    """A step of building the course (sync, execute, release) failed."""


class SandboxUnavailable(CourseError):
    """The sandbox that student code must run in cannot be created on this machine."""
