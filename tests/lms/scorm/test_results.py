"""Flat CMI keys turned into report rows (pure functions of lms.scorm.results)."""

from types import SimpleNamespace

import pytest
from django.utils import translation

from lms.scorm import results

SCORM_12 = {
    "cmi.core.lesson_location": "p3",
    "cmi.interactions.0.id": "q1",
    "cmi.interactions.0.type": "choice",
    "cmi.interactions.0.student_response": "a,b",
    "cmi.interactions.0.correct_responses.0.pattern": "a,c",
    "cmi.interactions.0.result": "wrong",
    "cmi.interactions.0.latency": "0000:00:12.50",
    "cmi.interactions.0.time": "10:15:00",
    "cmi.interactions.0.objectives.0.id": "obj1",
    "cmi.interactions.1.id": "q2",
    "cmi.interactions.1.result": "correct",
    "cmi.objectives.0.id": "obj1",
    "cmi.objectives.0.status": "passed",
    "cmi.objectives.0.score.raw": "8",
    "cmi.objectives.0.score.max": "10",
}
SCORM_2004 = {
    "cmi.location": "slide-4",
    "cmi.interactions.0.id": "urn:q1",
    "cmi.interactions.0.type": "true-false",
    "cmi.interactions.0.learner_response": "true",
    "cmi.interactions.0.correct_responses.0.pattern": "false",
    "cmi.interactions.0.result": "incorrect",
    "cmi.interactions.0.latency": "PT1M5S",
    "cmi.interactions.0.timestamp": "2026-01-02T10:00:00",
    "cmi.interactions.0.description": "Trái Đất phẳng?",
    "cmi.objectives.0.id": "o1",
    "cmi.objectives.0.completion_status": "completed",
    "cmi.objectives.0.success_status": "failed",
    "cmi.objectives.0.score.scaled": "0.4",
}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_scorm_12_interactions_become_rows_in_order():
    first, second = results.interactions(SCORM_12)
    assert (first.index, first.id, first.type) == (0, "q1", "choice")
    assert first.learner_response == "a,b"
    assert first.correct_responses == ("a,c",)
    assert (first.result, first.result_label) == ("wrong", "Incorrect")
    assert (first.latency, first.time) == ("0:00:12", "10:15:00")
    assert first.objectives == ("obj1",)
    assert (second.id, second.result_label, second.type) == ("q2", "Correct", "")


def test_scorm_2004_interactions_read_their_own_element_names():
    (row,) = results.interactions(SCORM_2004)
    assert row.learner_response == "true"
    assert row.correct_responses == ("false",)
    assert row.time == "2026-01-02T10:00:00"
    assert row.latency == "0:01:05"
    assert row.description == "Trái Đất phẳng?"
    assert row.type_label == "True/false"


def test_indexes_sort_as_numbers_not_text():
    data = {f"cmi.interactions.{n}.id": f"q{n}" for n in (10, 2, 0, 1)}
    data |= {
        "cmi.interactions.0.correct_responses.10.pattern": "k",
        "cmi.interactions.0.correct_responses.2.pattern": "c",
    }
    rows = results.interactions(data)
    assert [row.id for row in rows] == ["q0", "q1", "q2", "q10"]
    assert rows[0].correct_responses == ("c", "k")


def test_other_keys_are_not_taken_for_interactions():
    data = {"cmi.interactions._count": "3", "cmi.interactionsX.0.id": "x"}
    assert results.interactions(data) == []


def test_objectives_show_status_and_score():
    (old,) = results.objectives(SCORM_12)
    assert (old.id, old.status, old.score) == ("obj1", "Completed, Passed", "8 / 10")
    (new,) = results.objectives(SCORM_2004)
    assert (new.status, new.score) == ("Completed, Not passed", "40%")


@pytest.mark.parametrize(
    ("completion", "success", "label"),
    [
        ("completed", "passed", "Completed, Passed"),
        ("incomplete", "unknown", "Incomplete"),
        ("not attempted", "unknown", "Not attempted"),
        ("failed", "failed", "Completed, Not passed"),
        ("", "", ""),
    ],
)
def test_status_labels(completion, success, label):
    assert results.status_label(completion, success) == label


def test_formats_of_score_and_time():
    assert results.percent(0.855) == "86%"
    assert results.percent(None) == ""
    assert results.clock(3723.4) == "1:02:03"
    assert results.duration("PT2H") == "2:00:00"
    assert results.duration("soon") == "soon"


def test_a_sco_report_sums_its_sessions_and_measures_suspend_data():
    row = SimpleNamespace(
        sco="i1",
        cmi={**SCORM_12, "cmi.suspend_data": "x" * 120},
        completion_status="completed",
        success_status="passed",
        score_scaled=0.8,
        total_seconds=60,
        session_seconds=30.4,
        finished=True,
    )
    report = results.sco_report(row, "Phần 1")
    assert (report.status, report.score, report.time) == (
        "Completed, Passed",
        "80%",
        "0:01:30",
    )
    assert (report.location, report.suspend_data_length) == ("p3", 120)
    assert len(report.interactions) == 2 and len(report.objectives) == 1


def test_a_sco_report_keeps_the_tries_the_sequencing_rules_reset():
    row = SimpleNamespace(
        sco="i1",
        cmi={},
        completion_status="not attempted",
        success_status="unknown",
        score_scaled=None,
        total_seconds=0,
        session_seconds=0,
        finished=False,
        history=[
            {
                "cmi": SCORM_2004,
                "completion_status": "completed",
                "success_status": "failed",
                "score_scaled": 0.3,
                "seconds": 75,
            }
        ],
    )
    report = results.sco_report(row, "Phần 1")
    assert (report.status, report.interactions) == ("Not attempted", [])
    (earlier,) = report.earlier
    assert (earlier.status, earlier.score, earlier.time) == (
        "Completed, Not passed",
        "30%",
        "0:01:15",
    )
    assert [row.id for row in earlier.interactions] == ["urn:q1"]
