"""What the judge is given for one notebook: its time, its limits, whether it is sandboxed, the secret."""

from __future__ import annotations

from dataclasses import dataclass, field

from autograder.sandbox import Limits

__all__ = ["JudgeSettings"]


@dataclass(frozen=True)
class JudgeSettings:
    """How long and how much a notebook may take, and what it is given."""

    cell_timeout: int = 30  # CPU seconds per cell and per call in the judged run; wall seconds in the display run
    limits: Limits = field(default_factory=Limits)
    sandboxed: bool = True
    secret: bytes = b""
    supporting: tuple[tuple[str, bytes], ...] = ()  # the release's supporting files, by name
    run_notebook: bool = True  # also run the whole notebook for the outputs the feedback shows
