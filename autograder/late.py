"""Deadlines and the late policy, kept in nbgrader's own gradebook.

A due date per assignment (`Assignment.duedate`) and an extension per student
(`SubmittedAssignment.extension`) are nbgrader's; so is the hook that turns lateness into a
penalty, `AssignLatePenalties`, which calls a `LateSubmissionPlugin` for each notebook.
`LatePenalty` is such a plugin with a policy beyond nbgrader's none/zero: a percentage of the
notebook's score per day or hour late (a started period counts whole), a cap, and a grace
period within which nothing is taken. It is configured in `nbgrader_config.py`:

    c.AssignLatePenalties.plugin_class = LatePenalty
    c.LatePenalty.percent = 10          # per period late
    c.LatePenalty.period = "day"        # or "hour"
    c.LatePenalty.grace_minutes = 15
    c.LatePenalty.cap_percent = 50

nbgrader applies it while grading. `apply_late_policy` applies it again to a graded class after a
due date, an extension or a timestamp changed, without grading anything again.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass
from pathlib import Path

from nbgrader.plugins import LateSubmissionPlugin
from traitlets import Enum, Float

from autograder._exceptions import CourseError

__all__ = ["LatePenalty", "apply_late_policy", "describe_lateness", "grant_extension", "main", "parse_duration",
           "parse_time", "set_due_date"]

PERIOD_SECONDS = {"day": 86400.0, "hour": 3600.0}


class LatePenalty(LateSubmissionPlugin):
    """A percentage of the notebook's score per started day or hour late, after a grace period, up to a cap."""

    penalty_method = Enum(
        ("percent", "none", "zero"), default_value="percent",
        help="'percent': a percentage per period late (below); 'none' and 'zero' as nbgrader's",
    ).tag(config=True)
    percent = Float(10.0, help="percent of the notebook's score taken per started period late").tag(config=True)
    period = Enum(("day", "hour"), default_value="day", help="the period the percentage is per").tag(config=True)
    grace_minutes = Float(0.0, help="minutes after the due date with no penalty; later, lateness counts from the "
                                    "due date itself").tag(config=True)
    cap_percent = Float(100.0, help="the most, in percent of the notebook's score, ever taken").tag(config=True)

    def penalty_percent(self, seconds_late: float) -> float:
        """Returns the percentage of the score taken for a notebook handed in that many seconds late."""
        if self.penalty_method == "none" or seconds_late <= self.grace_minutes * 60:
            return 0.0
        if self.penalty_method == "zero":
            return 100.0
        periods = math.ceil(seconds_late / PERIOD_SECONDS[self.period])
        return min(self.cap_percent, self.percent * periods, 100.0)

    def late_submission_penalty(self, student_id: str, score: float, total_seconds_late: float) -> float | None:
        """Returns the points taken from a notebook's score (nbgrader's hook), None when nothing is taken."""
        share = self.penalty_percent(total_seconds_late)
        return score * share / 100.0 if share else None


@dataclass
class LateSummary:
    """What applying the late policy found: each late student's seconds late and points taken."""

    assignment: str
    late: dict[str, tuple[float, float]]  # student -> (seconds late, points taken)

    def summary(self) -> str:
        """Returns a few lines an instructor reads."""
        if not self.late:
            return f"{self.assignment}: nobody is late"
        lines = [f"{self.assignment}: {len(self.late)} late submission(s)"]
        for student, (seconds, points) in sorted(self.late.items()):
            lines.append(f"  {student}: {describe_lateness(seconds)} late, {points:g} point(s) taken")
        return "\n".join(lines)


def describe_lateness(seconds: float) -> str:
    """Returns a lateness in words: 1 s, 2.5 h, 3.1 days."""
    if seconds < 3600:
        return f"{seconds:.0f} s"
    if seconds < 86400:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.1f} days"


def parse_time(text: str) -> datetime.datetime:
    """Returns a naive UTC datetime (as nbgrader stores them) of an ISO time; no zone means UTC."""
    try:
        moment = datetime.datetime.fromisoformat(text.strip().replace(" UTC", "+00:00"))
    except ValueError as error:
        raise CourseError(f"{text!r} is not a time: write it as 2026-12-01T23:59:00+01:00 (ISO 8601).") from error
    if moment.tzinfo is not None:
        moment = moment.astimezone(datetime.UTC).replace(tzinfo=None)
    return moment


def parse_duration(text: str) -> datetime.timedelta:
    """Returns the timedelta of '48h', '2d', '90m' or '1w'."""
    units = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
    try:
        return datetime.timedelta(**{units[text.strip()[-1]]: float(text.strip()[:-1])})
    except (KeyError, ValueError, IndexError) as error:
        raise CourseError(f"{text!r} is not a duration: write 90m, 48h, 2d or 1w.") from error


def late_plugin(course: Path) -> LateSubmissionPlugin:
    """Returns the late plugin the course's nbgrader_config.py configures (nbgrader's own by default)."""
    from nbgrader.preprocessors import AssignLatePenalties

    from autograder._gradebook import course_config

    assigner = AssignLatePenalties(config=course_config(course))
    assigner.init_plugin()
    return assigner.plugin_inst


def set_due_date(gradebook, assignment: str, due: datetime.datetime) -> None:
    """Sets an assignment's due date in the gradebook."""
    gradebook.update_or_create_assignment(assignment, duedate=due)


def grant_extension(gradebook, assignment: str, student: str, length: datetime.timedelta) -> None:
    """Gives a student an extension on an assignment (replacing any earlier one)."""
    from nbgrader.api import MissingEntry

    try:
        submission = gradebook.find_submission(assignment, student)
    except MissingEntry as error:
        raise CourseError(f"{student!r} has no submission of {assignment!r} in the gradebook.") from error
    submission.extension = length
    gradebook.db.commit()


def apply_late_policy(gradebook, assignment: str, plugin: LateSubmissionPlugin) -> LateSummary:
    """Sets every submitted notebook's late penalty from the plugin, as nbgrader's AssignLatePenalties does."""
    late = {}
    for submission in gradebook.find_assignment(assignment).submissions:
        seconds = submission.total_seconds_late
        taken = 0.0
        for notebook in submission.notebooks:
            penalty = None
            if seconds > 0:
                penalty = plugin.late_submission_penalty(submission.student.id, notebook.score, seconds)
            notebook.late_submission_penalty = None if penalty is None else min(max(penalty, 0.0), notebook.score)
            taken += notebook.late_submission_penalty or 0.0
        if seconds > 0:
            late[submission.student.id] = (seconds, taken)
    gradebook.db.commit()
    return LateSummary(assignment, late)


def read_timestamps(path: Path) -> dict[str, datetime.datetime]:
    """Returns {student: hand-in time} of a CSV with columns student,timestamp."""
    import csv

    with path.open(newline="") as handle:
        return {row["student"]: parse_time(row["timestamp"]) for row in csv.DictReader(handle)}


def main(course: Path, assignment: str, *, due: str | None = None, extensions: list[str] | None = None,
         timestamps: Path | None = None) -> LateSummary:
    """Sets the due date (ISO time), extensions (STUDENT=48h) and hand-in times (a CSV student,timestamp)
    given, then applies the course's late policy to the graded class; returns who is late."""
    from nbgrader.api import MissingEntry

    from autograder._gradebook import open_gradebook

    course = course.resolve()
    with open_gradebook(course) as gradebook:
        try:
            gradebook.find_assignment(assignment)
        except MissingEntry as error:
            raise CourseError(f"the gradebook has no assignment {assignment!r}: grade it first.") from error
        if due:
            set_due_date(gradebook, assignment, parse_time(due))
        for moment in (read_timestamps(timestamps) if timestamps else {}).items():
            set_timestamp(gradebook, assignment, *moment)
        for item in extensions or []:
            student, _, length = item.partition("=")
            grant_extension(gradebook, assignment, student, parse_duration(length))
        return apply_late_policy(gradebook, assignment, late_plugin(course))


def set_timestamp(gradebook, assignment: str, student: str, moment: datetime.datetime) -> None:
    """Sets when a student handed an assignment in."""
    from nbgrader.api import MissingEntry

    try:
        gradebook.find_submission(assignment, student).timestamp = moment
    except MissingEntry as error:
        raise CourseError(f"{student!r} has no submission of {assignment!r} in the gradebook.") from error
    gradebook.db.commit()
