"""The judge's timing log (timing_log.py): where it is written, how it is read, which endings are crashes."""

from __future__ import annotations

from autograder import timing_log


def test_the_judge_writes_the_courses_log_unless_the_environment_names_another(tmp_path, monkeypatch):
    monkeypatch.delenv(timing_log.TIMING_LOG_ENV, raising=False)
    assert timing_log.written_log(tmp_path / "autograded") == timing_log.log_of_course(tmp_path)
    monkeypatch.setenv(timing_log.TIMING_LOG_ENV, str(tmp_path / "bench.jsonl"))
    assert timing_log.written_log(tmp_path / "autograded") == tmp_path / "bench.jsonl"
    assert timing_log.log_of_course(tmp_path) == tmp_path / "autograded" / ".timing.jsonl", "the report's stays"


def test_records_are_the_json_objects_of_the_log_in_order(tmp_path):
    log = tmp_path / "log.jsonl"
    assert timing_log.read_records(log) == []
    log.write_text('{"student": "a"}\n\nnot json\n[1, 2]\n"text"\n{"student": "b"}\n')
    assert [r["student"] for r in timing_log.read_records(log)] == ["a", "b"]


def test_only_two_finished_runs_are_no_crash():
    assert not timing_log.is_crash({"ending": "finished", "display": "finished"})
    assert not timing_log.is_crash({"ending": "finished", "display": ""}), "no display run"
    for ending in set(timing_log.ENDINGS) - {"finished"}:
        assert timing_log.is_crash({"ending": ending, "display": "finished"}), ending
    for display in set(timing_log.DISPLAY_ENDINGS) - {"finished", ""}:
        assert timing_log.is_crash({"ending": "finished", "display": display}), display
    assert timing_log.is_crash({"ending": "something new", "display": "finished"}), "an unknown ending is no pass"
    assert timing_log.ENDINGS == ("finished", "timed out", "kernel died", "unreadable", "not run")
