"""Deadlines and the late policy: nbgrader's due dates and extensions, our LateSubmissionPlugin."""

from __future__ import annotations

import datetime

import pytest

from autograder import late
from autograder._exceptions import CourseError
from autograder._gradebook import open_gradebook
from autograder.release import ROOT
from tests._gradebook_builder import DUE, LATE_CONFIG, build_course

SECOND = datetime.timedelta(seconds=1)


def policy(**traits) -> late.LatePenalty:
    """Returns the plugin with the traits given."""
    return late.LatePenalty(**traits)


def test_nothing_is_taken_exactly_on_time_and_a_day_is_taken_one_second_late():
    plugin = policy(percent=10, period="day")
    assert plugin.late_submission_penalty("s", 5.0, 0.0) is None
    assert plugin.late_submission_penalty("s", 5.0, 1.0) == pytest.approx(0.5)
    assert plugin.late_submission_penalty("s", 5.0, 86400.0) == pytest.approx(0.5)
    assert plugin.late_submission_penalty("s", 5.0, 86401.0) == pytest.approx(1.0)


def test_hours_grace_period_and_cap():
    plugin = policy(percent=5, period="hour", grace_minutes=10, cap_percent=30)
    assert plugin.penalty_percent(600) == 0, "within the grace period"
    assert plugin.penalty_percent(601) == 5, "after the grace period lateness counts from the due date: 1 h"
    assert plugin.penalty_percent(3601) == 10
    assert policy(percent=5, period="hour", cap_percent=30).penalty_percent(100 * 3600) == 30


def test_the_cap_applies():
    assert policy(percent=40, cap_percent=50).penalty_percent(3 * 86400) == 50


def test_none_and_zero_keep_nbgrader_meanings():
    assert policy(penalty_method="none").late_submission_penalty("s", 5.0, 10**6) is None
    assert policy(penalty_method="zero").late_submission_penalty("s", 5.0, 1.0) == 5.0


@pytest.fixture
def course(tmp_path):
    """Returns a class handed in exactly on time, 1 s late, and 1 s late with a one-day extension."""
    return build_course(tmp_path / "course", {"python_basics": {
        "on_time": {"first": 2, "second": 3, "timestamp": DUE},
        "one_second": {"first": 2, "second": 3, "timestamp": DUE + SECOND},
        "extended": {"first": 2, "second": 3, "timestamp": DUE + SECOND},
        "very_late": {"first": 2, "second": 3, "timestamp": DUE + datetime.timedelta(days=30)},
    }})


def penalties(course) -> dict[str, float]:
    """Returns each student's late penalty in the gradebook."""
    with open_gradebook(course) as gradebook:
        return {s.student.id: s.late_submission_penalty for s in gradebook.find_assignment("python_basics").submissions}


def test_boundaries_in_the_gradebook_with_an_extension(course):
    """On time: nothing; 1 s late: 10 % (one started day); 1 s late with an extension: nothing; a month: the cap."""
    result = late.main(course, "python_basics", extensions=["extended=1d"])
    assert penalties(course) == {"on_time": 0.0, "one_second": 0.5, "extended": 0.0, "very_late": 2.5}
    assert set(result.late) == {"one_second", "very_late"} and result.late["one_second"] == (1.0, 0.5)
    assert "one_second: 1 s late, 0.5 point(s) taken" in result.summary()


def test_a_new_due_date_and_timestamps_apply_again(course, tmp_path):
    stamps = tmp_path / "stamps.csv"
    stamps.write_text(f"student,timestamp\non_time,{(DUE + 2 * SECOND).isoformat()}+00:00\n")
    late.main(course, "python_basics", due=(DUE + SECOND).isoformat() + "Z", timestamps=stamps)
    assert penalties(course)["one_second"] == 0.0 and penalties(course)["on_time"] == 0.5


def test_an_extension_for_an_unknown_student_is_a_clear_error(course):
    with pytest.raises(CourseError, match="no submission"):
        late.main(course, "python_basics", extensions=["nobody=2d"])


def test_an_unknown_assignment_is_a_clear_error(course):
    with pytest.raises(CourseError, match="no assignment 'week9'"):
        late.main(course, "week9", due="2026-12-01T00:00:00")


def test_bad_times_and_durations_are_clear_errors():
    with pytest.raises(CourseError, match="ISO 8601"):
        late.parse_time("next friday")
    with pytest.raises(CourseError, match="48h"):
        late.parse_duration("two days")
    assert late.parse_time("2026-12-02T00:59:00+01:00") == datetime.datetime(2026, 12, 1, 23, 59)


def test_the_course_config_uses_the_policy_in_nbgraders_own_late_step(tmp_path):
    """Does nbgrader's AssignLatePenalties, configured by the course's nbgrader_config.py, use LatePenalty?"""
    plugin = late.late_plugin(ROOT)
    assert isinstance(plugin, late.LatePenalty) and plugin.percent == 10 and plugin.cap_percent == 50
    assert plugin.penalty_percent(15 * 60) == 0 and plugin.penalty_percent(15 * 60 + 1) == 10


LIVE_CONFIG = LATE_CONFIG + """
c.CourseDirectory.db_url = "sqlite:///" + __file__.rsplit("/", 1)[0] + "/gradebook.db"
c.ExecutePreprocessor.timeout = 60
"""


def test_nbgrader_autograde_applies_the_policy_at_the_boundaries(tmp_path):
    """Live: collect writes timestamp.txt, stock `nbgrader autograde` grades with LatePenalty from nbgrader_config.py.

    One tiny notebook (two exercises, 5 points) handed in exactly on time, 1 s late, and 1 s late with a one-day
    extension (nbgrader's SubmittedAssignment.extension, set before grading). Then nbgrader's generate_feedback
    and the feedback zips of that real feedback/ folder.
    """
    import os

    from nbgrader.api import Gradebook

    from autograder.collect import collect
    from tests._course import nbgrader
    from tests._gradebook_builder import remember_alembic_head, write_source

    remember_alembic_head()
    course = tmp_path / "course"
    course.mkdir()
    (course / "nbgrader_config.py").write_text(LIVE_CONFIG)
    write_source(course, "week1")
    nbgrader(course, "generate_assignment", "week1", "--force")
    with Gradebook("sqlite:///" + str(course / "gradebook.db")) as gradebook:
        gradebook.update_or_create_assignment("week1", duedate=DUE)
        gradebook.add_student("extended")
        gradebook.add_submission("week1", "extended", extension=datetime.timedelta(days=1))
    hand_in = tmp_path / "hand-in"
    answer = (course / "source" / "week1" / "01_work.ipynb").read_bytes()  # the reference: full marks
    for student, moment in (("on_time", DUE), ("one_second", DUE + SECOND), ("extended", DUE + SECOND)):
        path = hand_in / student / "01_work.ipynb"
        path.parent.mkdir(parents=True)
        path.write_bytes(answer)
        stamp = moment.replace(tzinfo=datetime.UTC).timestamp()
        os.utime(path, (stamp, stamp))
    assert set(collect(course, "week1", hand_in).handed_in) == {"on_time", "one_second", "extended"}
    nbgrader(course, "autograde", "week1")
    with open_gradebook(course) as gradebook:
        found = {s.student.id: (s.score, s.total_seconds_late, s.late_submission_penalty)
                 for s in gradebook.find_assignment("week1").submissions}
    assert found == {"on_time": (5.0, 0, 0.0), "one_second": (5.0, 1.0, 0.5), "extended": (5.0, 0, 0.0)}
    nbgrader(course, "generate_feedback", "week1")  # and nbgrader's feedback/ is what the feedback zips pack
    import zipfile

    from autograder.feedback import main as feedback_zips

    packed = feedback_zips(course, "week1")
    assert packed.zips == {s: f"{s.replace('_', '-')}_week1_feedback.zip" for s in found}, packed.zips
    with zipfile.ZipFile(packed.folder / packed.zips["one_second"]) as one:
        assert one.namelist() == ["week1/01_work.html", "week1/timestamp.txt"]  # the hand-in time graded, too
        assert b"5.0" in one.read("week1/01_work.html")
        assert one.read("week1/timestamp.txt").decode().startswith("2026-12-01 23:59:01")
