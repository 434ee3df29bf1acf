import math

import pytest

from lms.scorm.cmi import (
    MAX_INTERACTIONS,
    MAX_OBJECTIVES,
    SUSPEND_DATA_LIMIT_12,
    ScoOutcome,
    clean_commit,
    entry_for,
    initial_values,
    iso_duration_seconds,
    outcome,
    seconds_to_iso_duration,
    seconds_to_timespan_12,
    timespan_12_seconds,
)


def codes(problems) -> dict[str, int]:
    return {problem.element: problem.code for problem in problems}


def accepts(version: str, name: str, value, expected=None) -> None:
    accepted, problems = clean_commit(version, {name: value})
    assert problems == []
    assert accepted == {name: str(value) if expected is None else expected}


def refuses(version: str, name: str, value, code: int) -> None:
    accepted, problems = clean_commit(version, {name: value})
    assert accepted == {}
    assert codes(problems) == {name: code}


def interaction(kind: str, **elements) -> dict:
    values = {"cmi.interactions.0.id": "q1", "cmi.interactions.0.type": kind}
    return values | {f"cmi.interactions.0.{name}": v for name, v in elements.items()}


# ------------------------------------------------------------- names


def test_a_bracketed_index_is_read_as_a_dotted_one():
    accepted, problems = clean_commit("1.2", {"cmi.interactions[0].id": "q1"})
    assert accepted == {"cmi.interactions.0.id": "q1"}
    assert problems == []


@pytest.mark.parametrize(
    "version,name",
    [
        ("1.2", "cmi.core.favourite_colour"),
        ("1.2", "cmi.location"),
        ("1.2", "cmi.interactions.0.learner_response"),
        ("2004", "cmi.core.lesson_status"),
        ("2004", "cmi.interactions.0.student_response"),
        ("2004", "adl.something"),
        ("2004", "hocvien.secret"),
    ],
)
def test_an_unknown_element_is_refused_with_401(version, name):
    accepted, problems = clean_commit(version, {name: "x"})
    assert accepted == {}
    assert codes(problems) == {name: 401}
    assert name in problems[0].message
    assert problems[0].message.endswith(".")


READ_ONLY_12 = [
    "cmi.core.student_id",
    "cmi.core.student_name",
    "cmi.core.credit",
    "cmi.core.entry",
    "cmi.core.total_time",
    "cmi.core.lesson_mode",
    "cmi.launch_data",
    "cmi.comments_from_lms",
    "cmi.student_data.mastery_score",
    "cmi.student_data.max_time_allowed",
    "cmi.student_data.time_limit_action",
    "cmi.core._children",
    "cmi.core.score._children",
    "cmi.interactions._count",
    "cmi.interactions.0.objectives._count",
    "cmi._version",
]
READ_ONLY_2004 = [
    "cmi.learner_id",
    "cmi.learner_name",
    "cmi.mode",
    "cmi.credit",
    "cmi.entry",
    "cmi.total_time",
    "cmi.launch_data",
    "cmi.completion_threshold",
    "cmi.scaled_passing_score",
    "cmi.max_time_allowed",
    "cmi.time_limit_action",
    "cmi.comments_from_lms.0.comment",
    "cmi.comments_from_lms._count",
    "adl.data.0.id",
    "adl.nav.request_valid.continue",
    "adl.nav.request_valid.choice.{target=intro}",
    "cmi.objectives._count",
    "cmi.score._children",
    "cmi._version",
]


@pytest.mark.parametrize(
    "version,name",
    [("1.2", name) for name in READ_ONLY_12]
    + [("2004", name) for name in READ_ONLY_2004],
)
def test_read_only_values_echoed_by_the_browser_are_dropped_silently(version, name):
    assert clean_commit(version, {name: "anything"}) == ({}, [])


@pytest.mark.parametrize("value", [None, [], ["a"], {"a": 1}, ()])
def test_values_that_are_not_scalars_are_dropped_silently(value):
    assert clean_commit("2004", {"cmi.location": value}) == ({}, [])


@pytest.mark.parametrize("name", ["cmi.score.raw", "cmi.progress_measure"])
def test_an_empty_value_the_element_cannot_hold_counts_as_unset(name):
    assert clean_commit("2004", {name: ""}) == ({}, [])


def test_a_whole_12_commit_as_scorm_again_sends_it_raises_no_problem():
    values = {
        "cmi.core.student_id": "hv-42",
        "cmi.core.student_name": "Nguyễn, Thị Mai",
        "cmi.core.lesson_location": "",
        "cmi.core.credit": "credit",
        "cmi.core.lesson_status": "not attempted",
        "cmi.core.entry": "ab-initio",
        "cmi.core.score.raw": "",
        "cmi.core.total_time": "0000:00:00.00",
        "cmi.core.lesson_mode": "normal",
        "cmi.core.exit": "",
        "cmi.core.session_time": "00:00:00",
        "cmi.suspend_data": "page=3",
        "cmi.launch_data": "",
        "cmi.comments_from_lms": "",
        "cmi.student_data.mastery_score": "",
        "cmi.student_preference.audio": "",
        "cmi.objectives._count": 0,
        "cmi.interactions._count": 0,
    }
    accepted, problems = clean_commit("1.2", values)
    assert problems == []
    assert accepted == {
        "cmi.core.lesson_location": "",
        "cmi.core.score.raw": "",
        "cmi.core.exit": "",
        "cmi.core.session_time": "00:00:00",
        "cmi.suspend_data": "page=3",
    }


def test_a_whole_2004_commit_as_scorm_again_sends_it_raises_no_problem():
    values = {
        "cmi.learner_id": "hv-42",
        "cmi.mode": "normal",
        "cmi.entry": "ab-initio",
        "cmi.total_time": "PT0S",
        "cmi.completion_threshold": "",
        "cmi.completion_status": "unknown",
        "cmi.success_status": "unknown",
        "cmi.score.scaled": "",
        "cmi.progress_measure": "",
        "cmi.exit": "",
        "cmi.session_time": "PT0H0M0S",
        "cmi.learner_preference.audio_level": "1",
        "cmi.learner_preference.language": "",
        "cmi.learner_preference.audio_captioning": "0",
        "adl.nav.request": "_none_",
        "cmi.interactions._count": 0,
        "cmi.comments_from_learner._count": 0,
    }
    accepted, problems = clean_commit("2004", values)
    assert problems == []
    assert accepted["cmi.session_time"] == "PT0H0M0S"
    assert "cmi.score.scaled" not in accepted


def test_a_tiny_float_is_written_without_an_exponent():
    accepts("2004", "cmi.score.scaled", 1e-07, "0.0000001")


def test_an_unknown_version_is_a_value_error():
    with pytest.raises(ValueError):
        clean_commit("1.3", {})


@pytest.mark.parametrize("version", ["2004", "2004-3", "2004-4"])
def test_every_2004_edition_uses_the_4th_edition_model(version):
    accepted, _problems = clean_commit(version, {"cmi.completion_status": "completed"})
    assert accepted == {"cmi.completion_status": "completed"}


# ------------------------------------------------------------- SCORM 1.2 core


def test_a_12_lesson_location_of_255_characters_is_kept_but_not_256():
    accepts("1.2", "cmi.core.lesson_location", "x" * 255)
    refuses("1.2", "cmi.core.lesson_location", "x" * 256, 405)


@pytest.mark.parametrize(
    "status", ["passed", "completed", "failed", "incomplete", "browsed"]
)
def test_a_12_lesson_status_from_the_vocabulary_is_kept(status):
    accepts("1.2", "cmi.core.lesson_status", status)


@pytest.mark.parametrize("status", ["done", "Passed", "not_attempted"])
def test_a_12_lesson_status_outside_the_vocabulary_is_refused_with_405(status):
    refuses("1.2", "cmi.core.lesson_status", status, 405)


@pytest.mark.parametrize("stored", [{}, {"cmi.core.lesson_status": "not attempted"}])
def test_the_starting_12_lesson_status_echoed_by_the_browser_is_dropped_silently(
    stored,
):
    values = {"cmi.core.lesson_status": "not attempted"}
    assert clean_commit("1.2", values, existing=stored) == ({}, [])


def test_a_12_sco_cannot_set_its_lesson_status_back_to_not_attempted():
    values = {"cmi.core.lesson_status": "not attempted"}
    existing = {"cmi.core.lesson_status": "incomplete"}
    accepted, problems = clean_commit("1.2", values, existing=existing)
    assert accepted == {}
    assert codes(problems) == {"cmi.core.lesson_status": 405}


@pytest.mark.parametrize(
    "value,expected",
    [
        (85, "85"),
        (85.0, "85"),
        ("85.50", "85.5"),
        (0.5, "0.5"),
        ("", ""),
        ("100", "100"),
    ],
)
def test_a_12_score_is_kept_as_a_canonical_decimal(value, expected):
    accepts("1.2", "cmi.core.score.raw", value, expected)


@pytest.mark.parametrize("value", [101, "-1", "abc", True, "1e3", float("nan")])
def test_a_12_score_outside_0_to_100_or_not_a_number_is_refused_with_405(value):
    refuses("1.2", "cmi.core.score.raw", value, 405)


@pytest.mark.parametrize("name", ["cmi.core.score.min", "cmi.core.score.max"])
def test_a_12_score_min_and_max_are_decimals_too(name):
    accepts("1.2", name, "50")
    refuses("1.2", name, "150", 405)


@pytest.mark.parametrize("value", ["time-out", "suspend", "logout", ""])
def test_a_12_exit_from_the_vocabulary_is_kept(value):
    accepts("1.2", "cmi.core.exit", value)


def test_the_2004_spelling_of_timeout_is_refused_in_12():
    refuses("1.2", "cmi.core.exit", "timeout", 405)


@pytest.mark.parametrize("value", ["0000:01:30.00", "00:01:30", "9999:59:59.9"])
def test_a_12_session_time_as_a_timespan_is_kept(value):
    accepts("1.2", "cmi.core.session_time", value)


@pytest.mark.parametrize("value", ["PT1M30S", "00:61:00", "1:00:00", "00:00:00.123"])
def test_a_12_session_time_that_is_not_a_timespan_is_refused_with_405(value):
    refuses("1.2", "cmi.core.session_time", value, 405)


def test_12_suspend_data_beyond_the_standard_4096_is_kept_up_to_our_limit():
    accepts("1.2", "cmi.suspend_data", "x" * 5000)
    accepts("1.2", "cmi.suspend_data", "x" * SUSPEND_DATA_LIMIT_12)
    refuses("1.2", "cmi.suspend_data", "x" * (SUSPEND_DATA_LIMIT_12 + 1), 405)


def test_12_comments_are_kept_up_to_4096_characters():
    accepts("1.2", "cmi.comments", "Bài học hay." * 300)
    refuses("1.2", "cmi.comments", "x" * 4097, 405)


# ------------------------------------------------------------- SCORM 1.2 arrays


def test_12_objectives_are_kept():
    values = {
        "cmi.objectives.0.id": "obj1",
        "cmi.objectives.0.score.raw": "75",
        "cmi.objectives.0.score.min": 0,
        "cmi.objectives.0.score.max": 100.0,
        "cmi.objectives.0.status": "not attempted",
    }
    accepted, problems = clean_commit("1.2", values)
    assert problems == []
    assert accepted["cmi.objectives.0.score.max"] == "100"
    assert accepted["cmi.objectives.0.status"] == "not attempted"


def test_a_12_objective_id_with_a_space_is_refused_with_405():
    refuses("1.2", "cmi.objectives.0.id", "objective one", 405)


@pytest.mark.parametrize(
    "name,good,bad",
    [
        ("audio", "-1", "101"),
        ("audio", 100, "1.5"),
        ("speed", "-100", "101"),
        ("text", "1", "2"),
        ("language", "vi", "x" * 256),
    ],
)
def test_12_student_preferences_are_checked(name, good, bad):
    accepts("1.2", f"cmi.student_preference.{name}", good, str(good))
    refuses("1.2", f"cmi.student_preference.{name}", bad, 405)


def test_12_interactions_are_kept_though_a_sco_cannot_read_them_back():
    values = interaction(
        "choice",
        time="13:45:00",
        weighting="1.0",
        student_response="a,b",
        result="wrong",
        latency="0000:00:12.5",
    )
    values |= {
        "cmi.interactions.0.objectives.0.id": "obj1",
        "cmi.interactions.0.correct_responses.0.pattern": "{a,c}",
    }
    accepted, problems = clean_commit("1.2", values)
    assert problems == []
    assert accepted["cmi.interactions.0.weighting"] == "1"
    assert len(accepted) == len(values)


@pytest.mark.parametrize(
    "name,value",
    [
        ("id", "question one"),
        ("type", "long-fill-in"),
        ("time", "25:00:00"),
        ("weighting", "heavy"),
        ("result", "incorrect"),
        ("latency", "PT12S"),
    ],
)
def test_a_wrong_12_interaction_value_is_refused_with_405(name, value):
    values = interaction("choice", **{name: value})
    accepted, problems = clean_commit("1.2", values)
    assert codes(problems) == {f"cmi.interactions.0.{name}": 405}


@pytest.mark.parametrize("result", ["correct", "wrong", "unanticipated", "neutral"])
def test_a_12_interaction_result_may_be_a_word(result):
    accepts("1.2", "cmi.interactions.0.result", result)


def test_a_12_interaction_result_may_be_a_number():
    accepts("1.2", "cmi.interactions.0.result", "0.5")


@pytest.mark.parametrize(
    "kind,good,bad",
    [
        ("true-false", "t", "maybe"),
        ("true-false", "1", "yes"),
        ("numeric", "3.14", "pi"),
        ("choice", "a,b", "a b"),
        ("sequencing", "c,a,b", "c,,a"),
        ("likert", "4", "very good"),
        ("matching", "1.a,2.b", "1a"),
        ("fill-in", "Hà Nội", "x" * 256),
        ("performance", "step one done", "x" * 256),
    ],
)
def test_a_12_student_response_is_checked_against_the_interaction_type(kind, good, bad):
    for name in ("student_response", "correct_responses.0.pattern"):
        accepted, problems = clean_commit("1.2", interaction(kind, **{name: good}))
        assert problems == []
        accepted, problems = clean_commit("1.2", interaction(kind, **{name: bad}))
        assert codes(problems) == {f"cmi.interactions.0.{name}": 405}


def test_a_12_student_response_of_an_untyped_interaction_is_any_short_text():
    accepts("1.2", "cmi.interactions.0.student_response", "whatever it was")
    refuses("1.2", "cmi.interactions.0.student_response", "x" * 256, 405)


def test_a_12_interaction_may_be_written_without_its_id():
    accepts("1.2", "cmi.interactions.0.result", "correct")


# ------------------------------------------------------------- SCORM 2004 attempt


def test_a_2004_location_of_1000_characters_is_kept_but_not_1001():
    accepts("2004", "cmi.location", "x" * 1000)
    refuses("2004", "cmi.location", "x" * 1001, 407)


@pytest.mark.parametrize(
    "status", ["completed", "incomplete", "not attempted", "unknown"]
)
def test_a_2004_completion_status_from_the_vocabulary_is_kept(status):
    accepts("2004", "cmi.completion_status", status)


def test_a_2004_completion_status_outside_the_vocabulary_is_refused_with_406():
    refuses("2004", "cmi.completion_status", "passed", 406)


@pytest.mark.parametrize("status", ["passed", "failed", "unknown"])
def test_a_2004_success_status_from_the_vocabulary_is_kept(status):
    accepts("2004", "cmi.success_status", status)


def test_a_2004_success_status_outside_the_vocabulary_is_refused_with_406():
    refuses("2004", "cmi.success_status", "completed", 406)


@pytest.mark.parametrize("value,expected", [(0.5, "0.5"), ("-1", "-1"), (1, "1")])
def test_a_2004_score_scaled_between_minus_1_and_1_is_kept(value, expected):
    accepts("2004", "cmi.score.scaled", value, expected)


def test_a_2004_score_scaled_above_1_is_refused_with_407():
    refuses("2004", "cmi.score.scaled", "1.5", 407)


def test_a_2004_score_scaled_that_is_not_a_number_is_refused_with_406():
    refuses("2004", "cmi.score.scaled", "high", 406)


@pytest.mark.parametrize("name", ["raw", "min", "max"])
def test_a_2004_raw_min_and_max_score_may_be_any_real_number(name):
    accepts("2004", f"cmi.score.{name}", "250.750", "250.75")
    refuses("2004", f"cmi.score.{name}", "lots", 406)


def test_a_2004_progress_measure_beyond_1_is_refused_with_407():
    accepts("2004", "cmi.progress_measure", "0.75")
    refuses("2004", "cmi.progress_measure", "1.01", 407)


@pytest.mark.parametrize("value", ["timeout", "suspend", "logout", "normal", ""])
def test_a_2004_exit_from_the_vocabulary_is_kept(value):
    accepts("2004", "cmi.exit", value)


def test_the_12_spelling_of_time_out_is_refused_in_2004_with_406():
    refuses("2004", "cmi.exit", "time-out", 406)


@pytest.mark.parametrize(
    "value", ["PT1H2M3.5S", "P1DT2H", "PT0H0M0S", "PT0S", "P1Y2M3W4D"]
)
def test_a_2004_session_time_as_an_iso_duration_is_kept(value):
    accepts("2004", "cmi.session_time", value)


@pytest.mark.parametrize("value", ["0000:01:30.00", "P", "PT", "1H", "PT1.S", "PT-1S"])
def test_a_2004_session_time_that_is_not_a_duration_is_refused_with_406(value):
    refuses("2004", "cmi.session_time", value, 406)


def test_2004_suspend_data_is_kept_up_to_64000_characters():
    accepts("2004", "cmi.suspend_data", "x" * 64000)
    refuses("2004", "cmi.suspend_data", "x" * 64001, 407)


def test_2004_learner_comments_are_kept():
    values = {
        "cmi.comments_from_learner.0.comment": "{lang=vi}Bài này khó quá",
        "cmi.comments_from_learner.0.location": "page-3",
        "cmi.comments_from_learner.0.timestamp": "2026-11-21T21:48:44.123Z",
        "cmi.comments_from_learner.1.comment": "Đã hiểu",
        "cmi.comments_from_learner.1.timestamp": "2026-11-21T21:50:00+07:00",
    }
    assert clean_commit("2004", values) == (values, [])


@pytest.mark.parametrize(
    "name,value,code",
    [
        ("comment", "x" * 4001, 407),
        ("comment", "{lang=a b}hello", 406),
        ("location", "x" * 251, 407),
        ("timestamp", "2026-02-30T10:00:00", 406),
        ("timestamp", "yesterday", 406),
        ("timestamp", "2026-11-21 21:48", 406),
    ],
)
def test_a_wrong_2004_learner_comment_is_refused(name, value, code):
    refuses("2004", f"cmi.comments_from_learner.0.{name}", value, code)


@pytest.mark.parametrize(
    "name,good,bad,code",
    [
        ("audio_level", "1.5", "-1", 407),
        ("language", "en-US", "english language", 406),
        ("language", "", "vi_VN!", 406),
        ("delivery_speed", "0.5", "fast", 406),
        ("audio_captioning", "-1", "2", 407),
    ],
)
def test_2004_learner_preferences_are_checked(name, good, bad, code):
    accepts("2004", f"cmi.learner_preference.{name}", good)
    refuses("2004", f"cmi.learner_preference.{name}", bad, code)


# ------------------------------------------------------------- SCORM 2004 objectives


def test_2004_objectives_are_kept():
    values = {
        "cmi.objectives.0.id": "urn:hocvien:bai-1",
        "cmi.objectives.0.score.scaled": "0.8",
        "cmi.objectives.0.score.raw": "8",
        "cmi.objectives.0.score.min": "0",
        "cmi.objectives.0.score.max": "10",
        "cmi.objectives.0.success_status": "passed",
        "cmi.objectives.0.completion_status": "completed",
        "cmi.objectives.0.progress_measure": "1",
        "cmi.objectives.0.description": "{lang=vi}Hiểu bài 1",
    }
    assert clean_commit("2004", values) == (values, [])


@pytest.mark.parametrize(
    "name,value,code",
    [
        ("id", "urn:bad", 406),
        ("id", "objective one", 406),
        ("id", "x" * 4001, 406),
        ("score.scaled", "2", 407),
        ("success_status", "completed", 406),
        ("completion_status", "passed", 406),
        ("progress_measure", "-0.1", 407),
        ("description", "x" * 251, 407),
    ],
)
def test_a_wrong_2004_objective_value_is_refused(name, value, code):
    values = {"cmi.objectives.0.id": "obj1", f"cmi.objectives.0.{name}": value}
    accepted, problems = clean_commit("2004", values)
    assert codes(problems) == {f"cmi.objectives.0.{name}": code}


def test_a_2004_objective_value_without_the_objective_id_is_refused_with_408():
    refuses("2004", "cmi.objectives.0.success_status", "passed", 408)


def test_a_2004_objective_id_stored_before_satisfies_the_dependency():
    existing = {"cmi.objectives.0.id": "obj1"}
    values = {"cmi.objectives.0.success_status": "passed"}
    assert clean_commit("2004", values, existing=existing) == (values, [])


# ------------------------------------------------------------- SCORM 2004 interactions


def test_2004_interactions_are_kept():
    values = interaction(
        "choice",
        timestamp="2026-11-21T21:48:44",
        weighting=2,
        learner_response="a[,]c",
        result="incorrect",
        latency="PT12.5S",
        description="Câu hỏi 1",
    )
    values |= {
        "cmi.interactions.0.objectives.0.id": "obj1",
        "cmi.interactions.0.correct_responses.0.pattern": "a[,]b",
    }
    accepted, problems = clean_commit("2004", values)
    assert problems == []
    assert accepted["cmi.interactions.0.weighting"] == "2"
    assert len(accepted) == len(values)


@pytest.mark.parametrize(
    "name,value,code",
    [
        ("type", "essay", 406),
        ("timestamp", "21:48", 406),
        ("weighting", "heavy", 406),
        ("result", "wrong", 406),
        ("latency", "00:00:12", 406),
        ("description", "x" * 251, 407),
    ],
)
def test_a_wrong_2004_interaction_value_is_refused(name, value, code):
    accepted, problems = clean_commit("2004", interaction("other", **{name: value}))
    assert codes(problems) == {f"cmi.interactions.0.{name}": code}


@pytest.mark.parametrize("result", ["correct", "incorrect", "unanticipated", "neutral"])
def test_a_2004_interaction_result_may_be_a_word(result):
    values = interaction("other", result=result)
    assert clean_commit("2004", values) == (values, [])


RESPONSES_2004 = [
    ("true-false", "true", "t"),
    ("choice", "a[,]b", "a[,]a"),
    ("choice", "choice_1", "choice 1"),
    ("fill-in", "{lang=vi}Hà Nội[,]Huế", "[,]".join(["x"] * 11)),
    ("long-fill-in", "Một đoạn văn dài.", "x" * 4001),
    ("likert", "strongly_agree", "strongly agree"),
    ("matching", "1[.]a[,]2[.]b", "1[.]a[,]2"),
    ("performance", "step1[.]done[,]step2[.]42", "bad step[.]x"),
    ("sequencing", "c[,]a[,]b", "c[,][,]a"),
    ("numeric", "3.14", "pi"),
    ("other", "anything at all", "x" * 4001),
]


@pytest.mark.parametrize("kind,good,bad", RESPONSES_2004)
def test_a_2004_learner_response_is_checked_against_the_interaction_type(
    kind, good, bad
):
    values = interaction(kind, learner_response=good)
    assert clean_commit("2004", values)[1] == []
    values = interaction(kind, learner_response=bad)
    assert codes(clean_commit("2004", values)[1]) == {
        "cmi.interactions.0.learner_response": 406
    }


@pytest.mark.parametrize(
    "kind,good,bad",
    [
        ("numeric", "1[:]5", "a[:]5"),
        ("numeric", "[:]5", "1[:]five"),
        ("fill-in", "{case_matters=true}{order_matters=false}Hà Nội", "{lang=}x"),
        ("true-false", "false", "no"),
        ("choice", "a[,]b", "a[,]a"),
    ],
)
def test_a_2004_correct_response_pattern_is_checked_against_the_type(kind, good, bad):
    name = "correct_responses.0.pattern"
    values = interaction(kind, **{name: good})
    assert clean_commit("2004", values)[1] == []
    values = interaction(kind, **{name: bad})
    assert codes(clean_commit("2004", values)[1]) == {f"cmi.interactions.0.{name}": 406}


def test_a_2004_learner_response_before_the_interaction_type_is_refused_with_408():
    values = {"cmi.interactions.0.id": "q1", "cmi.interactions.0.learner_response": "a"}
    accepted, problems = clean_commit("2004", values)
    assert accepted == {"cmi.interactions.0.id": "q1"}
    assert codes(problems) == {"cmi.interactions.0.learner_response": 408}
    assert "cmi.interactions.0.type" in problems[0].message


def test_a_2004_interaction_type_stored_before_is_used_to_check_the_response():
    existing = {"cmi.interactions.0.id": "q1", "cmi.interactions.0.type": "numeric"}
    values = {"cmi.interactions.0.learner_response": "4"}
    assert clean_commit("2004", values, existing=existing) == (values, [])
    values = {"cmi.interactions.0.learner_response": "four"}
    _accepted, problems = clean_commit("2004", values, existing=existing)
    assert codes(problems) == {"cmi.interactions.0.learner_response": 406}


@pytest.mark.parametrize(
    "name,value",
    [
        ("type", "true-false"),
        ("result", "correct"),
        ("objectives.0.id", "obj1"),
        ("correct_responses.0.pattern", "true"),
    ],
)
def test_a_2004_interaction_value_without_the_interaction_id_is_refused_with_408(
    name, value
):
    values = {f"cmi.interactions.0.{name}": value}
    accepted, problems = clean_commit("2004", values)
    assert accepted == {}
    assert codes(problems) == {f"cmi.interactions.0.{name}": 408}


def test_a_refused_2004_interaction_id_takes_the_rest_of_the_interaction_with_it():
    values = interaction("other", result="correct")
    values["cmi.interactions.0.id"] = "has space"
    accepted, problems = clean_commit("2004", values)
    assert accepted == {}
    assert codes(problems) == {
        "cmi.interactions.0.id": 406,
        "cmi.interactions.0.type": 408,
        "cmi.interactions.0.result": 408,
    }


# ------------------------------------------------------------- ADL extensions


def test_a_2004_shared_data_bucket_is_kept_up_to_64000_characters():
    accepts("2004", "adl.data.0.store", "x" * 64000)
    refuses("2004", "adl.data.0.store", "x" * 64001, 407)


def test_shared_data_buckets_are_numbered_by_the_lms_so_gaps_are_fine():
    accepts("2004", "adl.data.3.store", "kept")


@pytest.mark.parametrize(
    "request_",
    [
        "continue",
        "previous",
        "exit",
        "exitAll",
        "abandon",
        "abandonAll",
        "suspendAll",
        "_none_",
        "{target=bai-2}choice",
        "{target=urn:hocvien:bai-2}jump",
    ],
)
def test_a_2004_navigation_request_scorm_knows_is_kept(request_):
    accepts("2004", "adl.nav.request", request_)


@pytest.mark.parametrize(
    "request_", ["jump", "{target=}choice", "{target=bai-2}skip", "next"]
)
def test_an_unknown_2004_navigation_request_is_refused_with_406(request_):
    refuses("2004", "adl.nav.request", request_, 406)


# ------------------------------------------------------------- indices


@pytest.mark.parametrize("version,code", [("1.2", 201), ("2004", 351)])
@pytest.mark.parametrize("index", ["01", "-1", "a", ""])
def test_an_index_that_is_not_a_plain_whole_number_is_refused(version, index, code):
    refuses(version, f"cmi.objectives.{index}.id", "obj1", code)


@pytest.mark.parametrize("version,code", [("1.2", 201), ("2004", 351)])
def test_an_array_entry_after_a_gap_is_refused(version, code):
    values = {"cmi.interactions.0.id": "q1", "cmi.interactions.2.id": "q3"}
    accepted, problems = clean_commit(version, values)
    assert accepted == {"cmi.interactions.0.id": "q1"}
    assert codes(problems) == {"cmi.interactions.2.id": code}
    assert problems[0].message.endswith(".")


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_an_array_entry_stored_before_fills_the_gap(version):
    existing = {"cmi.objectives.0.id": "obj1", "cmi.objectives.1.id": "obj2"}
    values = {"cmi.objectives.2.id": "obj3"}
    assert clean_commit(version, values, existing=existing) == (values, [])


def test_a_gap_inside_an_interactions_objectives_is_refused():
    values = interaction("other")
    values |= {
        "cmi.interactions.0.objectives.0.id": "obj1",
        "cmi.interactions.0.objectives.2.id": "obj3",
    }
    accepted, problems = clean_commit("2004", values)
    assert codes(problems) == {"cmi.interactions.0.objectives.2.id": 351}
    assert "cmi.interactions.0.objectives.0.id" in accepted


def test_a_gap_in_learner_comments_is_refused():
    values = {"cmi.comments_from_learner.1.comment": "second without first"}
    accepted, problems = clean_commit("2004", values)
    assert codes(problems) == {"cmi.comments_from_learner.1.comment": 351}


@pytest.mark.parametrize("version,code", [("1.2", 201), ("2004", 351)])
def test_interactions_beyond_the_cap_are_refused(version, code):
    existing = {f"cmi.interactions.{i}.id": f"q{i}" for i in range(MAX_INTERACTIONS)}
    last = {f"cmi.interactions.{MAX_INTERACTIONS - 1}.result": "correct"}
    assert clean_commit(version, last, existing=existing) == (last, [])
    beyond = f"cmi.interactions.{MAX_INTERACTIONS}.id"
    assert codes(clean_commit(version, {beyond: "q"}, existing=existing)[1]) == {
        beyond: code
    }


@pytest.mark.parametrize("version,code", [("1.2", 201), ("2004", 351)])
def test_objectives_beyond_the_cap_are_refused(version, code):
    refuses(version, f"cmi.objectives.{MAX_OBJECTIVES}.id", "obj", code)


# ------------------------------------------------------------- time helpers


@pytest.mark.parametrize(
    "value,seconds",
    [("0000:01:30.00", 90), ("12:00:00", 43200), ("0001:02:03.5", 3723.5)],
)
def test_a_12_timespan_converts_to_seconds(value, seconds):
    assert timespan_12_seconds(value) == seconds


@pytest.mark.parametrize("value", ["1:00:00", "00:60:00", "PT1M", "", None, 90])
def test_a_12_timespan_that_is_not_one_is_a_value_error(value):
    with pytest.raises(ValueError):
        timespan_12_seconds(value)


@pytest.mark.parametrize(
    "value,seconds",
    [
        ("PT1H2M3.5S", 3723.5),
        ("P1DT2H", 93600),
        ("PT0S", 0),
        ("P1W", 7 * 86400),
        ("P1Y", 365 * 86400),
        ("P1M", 30 * 86400),
        ("PT1M", 60),
    ],
)
def test_an_iso_duration_converts_to_seconds(value, seconds):
    assert iso_duration_seconds(value) == seconds


@pytest.mark.parametrize("value", ["P", "PT", "1H", "PT1.S", "T1H", "", None])
def test_an_iso_duration_that_is_not_one_is_a_value_error(value):
    with pytest.raises(ValueError):
        iso_duration_seconds(value)


@pytest.mark.parametrize(
    "seconds,timespan",
    [(0, "0000:00:00.00"), (90, "0000:01:30.00"), (3723.5, "0001:02:03.50")],
)
def test_seconds_are_written_as_a_12_timespan(seconds, timespan):
    assert seconds_to_timespan_12(seconds) == timespan


def test_a_12_timespan_stops_at_9999_hours():
    assert seconds_to_timespan_12(10**9) == "9999:59:59.99"


@pytest.mark.parametrize(
    "seconds,duration",
    [
        (0, "PT0S"),
        (90, "PT1M30S"),
        (3723.5, "PT1H2M3.5S"),
        (7200, "PT2H"),
        (0.25, "PT0.25S"),
        (93600, "PT26H"),
    ],
)
def test_seconds_are_written_as_an_iso_duration(seconds, duration):
    assert seconds_to_iso_duration(seconds) == duration


@pytest.mark.parametrize("convert", [seconds_to_timespan_12, seconds_to_iso_duration])
@pytest.mark.parametrize("seconds", [-1, math.nan, math.inf, "90", True])
def test_seconds_that_are_not_a_duration_are_a_value_error(convert, seconds):
    with pytest.raises(ValueError):
        convert(seconds)


@pytest.mark.parametrize("seconds", [0, 0.5, 59.99, 61, 3600, 86399.01, 360000])
def test_durations_survive_a_round_trip_through_both_notations(seconds):
    assert timespan_12_seconds(seconds_to_timespan_12(seconds)) == pytest.approx(
        seconds
    )
    assert iso_duration_seconds(seconds_to_iso_duration(seconds)) == pytest.approx(
        seconds
    )


# ------------------------------------------------------------- outcome, 1.2


@pytest.mark.parametrize(
    "status,completion,success",
    [
        ("passed", "completed", "passed"),
        ("failed", "completed", "failed"),
        ("completed", "completed", "unknown"),
        ("browsed", "completed", "unknown"),
        ("incomplete", "incomplete", "unknown"),
        ("not attempted", "not attempted", "unknown"),
        (None, "not attempted", "unknown"),
    ],
)
def test_a_12_lesson_status_maps_to_completion_and_success(status, completion, success):
    data = {} if status is None else {"cmi.core.lesson_status": status}
    result = outcome("1.2", data)
    assert (result.completion_status, result.success_status) == (completion, success)


@pytest.mark.parametrize(
    "raw,success", [("85", "passed"), ("80", "passed"), ("79.5", "failed")]
)
def test_with_a_mastery_score_the_lms_judges_the_12_raw_score(raw, success):
    data = {"cmi.core.lesson_status": "incomplete", "cmi.core.score.raw": raw}
    result = outcome("1.2", data, mastery_score=80)
    assert result.success_status == success
    assert result.completion_status == "completed"


def test_without_credit_the_12_mastery_score_is_not_applied():
    data = {"cmi.core.lesson_status": "incomplete", "cmi.core.score.raw": "95"}
    result = outcome("1.2", data, mastery_score=80, credit=False)
    assert (result.completion_status, result.success_status) == (
        "incomplete",
        "unknown",
    )


def test_without_a_raw_score_the_12_mastery_score_changes_nothing():
    data = {"cmi.core.lesson_status": "completed", "cmi.core.score.raw": ""}
    assert outcome("1.2", data, mastery_score=80).success_status == "unknown"


@pytest.mark.parametrize(
    "score,scaled",
    [
        ({"raw": "85"}, 0.85),
        ({"raw": "100", "min": "50", "max": "150"}, 0.5),
        ({"raw": "30", "max": "20"}, 1.0),
        ({"raw": ""}, None),
        ({}, None),
        ({"raw": "5", "min": "10", "max": "10"}, None),
    ],
)
def test_a_12_raw_score_is_scaled_by_min_and_max(score, scaled):
    data = {f"cmi.core.score.{name}": value for name, value in score.items()}
    result = outcome("1.2", data).score_scaled
    assert result == (None if scaled is None else pytest.approx(scaled))


def test_a_12_session_time_gives_the_session_seconds():
    data = {"cmi.core.session_time": "0000:01:30.00"}
    assert outcome("1.2", data).session_seconds == 90


def test_an_unreadable_session_time_counts_as_no_time():
    assert outcome("1.2", {"cmi.core.session_time": "soon"}).session_seconds == 0
    assert outcome("2004", {"cmi.session_time": "soon"}).session_seconds == 0


# ------------------------------------------------------------- outcome, 2004


def test_a_2004_outcome_is_what_the_sco_reported_without_lms_rules():
    data = {
        "cmi.completion_status": "completed",
        "cmi.success_status": "passed",
        "cmi.score.scaled": "0.9",
        "cmi.session_time": "PT1M30S",
    }
    assert outcome("2004", data) == ScoOutcome("completed", "passed", 0.9, 90)


def test_a_2004_outcome_with_nothing_reported_is_unknown():
    assert outcome("2004", {}) == ScoOutcome("unknown", "unknown", None, 0)


@pytest.mark.parametrize(
    "progress,reported,completion",
    [
        ("0.8", "incomplete", "completed"),
        ("0.7", "incomplete", "completed"),
        ("0.5", "completed", "incomplete"),
    ],
)
def test_a_completion_threshold_decides_2004_completion_from_progress(
    progress, reported, completion
):
    data = {"cmi.completion_status": reported, "cmi.progress_measure": progress}
    result = outcome("2004", data, completion_threshold=0.7)
    assert result.completion_status == completion


def test_without_a_progress_measure_the_2004_completion_status_is_the_scos():
    data = {"cmi.completion_status": "incomplete"}
    assert (
        outcome("2004", data, completion_threshold=0.7).completion_status
        == "incomplete"
    )


@pytest.mark.parametrize("scaled,success", [("0.7", "passed"), ("0.69", "failed")])
def test_a_scaled_passing_score_decides_2004_success(scaled, success):
    data = {"cmi.success_status": "unknown", "cmi.score.scaled": scaled}
    assert outcome("2004", data, scaled_passing_score=0.7).success_status == success


def test_without_a_scaled_score_the_2004_success_status_is_the_scos():
    data = {"cmi.success_status": "failed"}
    assert outcome("2004", data, scaled_passing_score=0.7).success_status == "failed"


def test_a_2004_score_without_scaled_is_worked_out_from_raw_min_and_max():
    data = {"cmi.score.raw": "8", "cmi.score.max": "10"}
    assert outcome("2004", data).score_scaled == pytest.approx(0.8)
    assert outcome("2004", {"cmi.score.raw": "8"}).score_scaled is None


# ------------------------------------------------------------- launch values


def launch(version: str, **overrides) -> dict[str, str]:
    arguments = {
        "learner_id": "hv-42",
        "learner_name": "Nguyễn, Thị Mai",
        "entry": "resume",
        "credit": True,
    }
    return initial_values(version, **(arguments | overrides))


def test_12_initial_values_carry_the_lms_values_in_12_names():
    values = launch(
        "1.2",
        total_seconds=3723.5,
        mastery_score=80.0,
        launch_data="level=2",
        max_time_allowed="0001:00:00",
        time_limit_action="exit,message",
    )
    assert values == {
        "cmi.core.student_id": "hv-42",
        "cmi.core.student_name": "Nguyễn, Thị Mai",
        "cmi.core.entry": "resume",
        "cmi.core.credit": "credit",
        "cmi.core.lesson_mode": "normal",
        "cmi.core.total_time": "0001:02:03.50",
        "cmi.launch_data": "level=2",
        "cmi.student_data.mastery_score": "80",
        "cmi.student_data.max_time_allowed": "0001:00:00",
        "cmi.student_data.time_limit_action": "exit,message",
    }


def test_12_initial_values_restore_what_the_sco_may_read_back():
    stored = {
        "cmi.core.lesson_status": "incomplete",
        "cmi.core.lesson_location": "page-4",
        "cmi.suspend_data": "{}",
        "cmi.core.exit": "suspend",
        "cmi.core.session_time": "0000:05:00",
        "cmi.interactions.0.id": "q1",
        "cmi.objectives.0.id": "obj1",
        "cmi.core.student_id": "someone-else",
    }
    values = launch("1.2", credit=False, mode="review", stored=stored)
    assert values["cmi.core.lesson_location"] == "page-4"
    assert values["cmi.objectives.0.id"] == "obj1"
    assert values["cmi.core.student_id"] == "hv-42"
    assert values["cmi.core.credit"] == "no-credit"
    assert values["cmi.core.lesson_mode"] == "review"
    for name in ("cmi.core.exit", "cmi.core.session_time", "cmi.interactions.0.id"):
        assert name not in values
    assert "cmi.student_data.mastery_score" not in values


def test_2004_initial_values_carry_the_lms_values_in_2004_names():
    values = launch(
        "2004",
        entry="ab-initio",
        total_seconds=3600,
        completion_threshold=0.8,
        scaled_passing_score=0.7,
    )
    assert values == {
        "cmi.learner_id": "hv-42",
        "cmi.learner_name": "Nguyễn, Thị Mai",
        "cmi.entry": "ab-initio",
        "cmi.credit": "credit",
        "cmi.mode": "normal",
        "cmi.total_time": "PT1H",
        "cmi.launch_data": "",
        "cmi.completion_threshold": "0.8",
        "cmi.scaled_passing_score": "0.7",
    }


def test_2004_initial_values_restore_all_but_exit_session_time_and_navigation():
    stored = {
        "cmi.location": "page-4",
        "cmi.exit": "suspend",
        "cmi.session_time": "PT5M",
        "adl.nav.request": "continue",
        "cmi.interactions.0.id": "q1",
        "cmi.learner_id": "someone-else",
    }
    values = launch("2004", stored=stored)
    assert values["cmi.location"] == "page-4"
    assert values["cmi.interactions.0.id"] == "q1"
    assert values["cmi.learner_id"] == "hv-42"
    for name in ("cmi.exit", "cmi.session_time", "adl.nav.request"):
        assert name not in values


@pytest.mark.parametrize(
    "version,name", [("1.2", "cmi.core.student_name"), ("2004", "cmi.learner_name")]
)
def test_a_long_learner_name_is_cut_to_255_characters(version, name):
    values = launch(version, learner_name="Tôn Nữ " * 50)
    assert len(values[name]) == 255


# ------------------------------------------------------------- entry


@pytest.mark.parametrize(
    "version,stored,entry",
    [
        ("1.2", {}, "ab-initio"),
        ("1.2", {"cmi.core.exit": "suspend"}, "resume"),
        ("1.2", {"cmi.core.exit": "logout"}, ""),
        ("1.2", {"cmi.core.lesson_status": "incomplete"}, ""),
        ("2004", {}, "ab-initio"),
        ("2004", {"cmi.exit": "suspend"}, "resume"),
        ("2004", {"cmi.exit": "logout"}, ""),
        ("2004", {"cmi.exit": "normal"}, ""),
        ("2004", {"cmi.core.exit": "suspend"}, ""),
    ],
)
def test_the_entry_of_a_new_session_follows_the_last_exit(version, stored, entry):
    assert entry_for(version, stored) == entry
