"""Sequencing rules: conditions, pre-, exit- and post-condition actions,
attempt limits."""

import pytest

from lms.scorm.sequencing.definition import Condition
from lms.scorm.sequencing.rules import Facts, combine, evaluate
from tests.lms.scorm.sequencing_factories import (
    FAILED,
    FLOW,
    PASSED,
    cluster,
    condition,
    enabled,
    global_map,
    leaf,
    merged,
    objective,
    objectives,
    rollup_rule,
    rule,
    rules,
    sequencer,
    walk,
)

pytestmark = pytest.mark.usefixtures("english")


def facts(**values) -> Facts:
    known = dict.fromkeys(("satisfied", "measure", "completed", "progress"))
    known.update(values)
    return Facts(values=known, attempts=1, attempt_limit=0, primary=True)


@pytest.mark.parametrize(
    ("values", "combination", "expected"),
    [
        ([True, None], "all", None),
        ([False, None], "all", False),
        ([True, True], "all", True),
        ([True, None], "any", True),
        ([False, None], "any", None),
        ([False, False], "any", False),
        ([], "all", False),
    ],
)
def test_conditions_combine_with_three_valued_logic(values, combination, expected):
    assert combine(values, combination) is expected


def test_not_satisfied_is_unknown_while_the_status_is_unknown():
    assert evaluate(Condition("satisfied", negated=True), facts()) is None
    assert evaluate(Condition("objectiveStatusKnown", negated=True), facts()) is True
    assert evaluate(Condition("satisfied", negated=True), facts(satisfied=False))


def test_measure_conditions_compare_with_the_threshold_once_known():
    above = Condition("objectiveMeasureGreaterThan", threshold=0.5)
    below = Condition("objectiveMeasureLessThan", threshold=0.5)
    assert evaluate(above, facts(measure=0.7)) is True
    assert evaluate(below, facts(measure=0.7)) is False
    assert evaluate(above, facts()) is None
    assert evaluate(Condition("objectiveMeasureKnown"), facts(measure=0.1))


def test_progress_conditions_and_always():
    assert evaluate(Condition("completed"), facts(completed=True)) is True
    assert evaluate(Condition("activityProgressKnown"), facts(completed=False))
    assert evaluate(Condition("always"), facts()) is True
    assert evaluate(Condition("timeLimitExceeded"), facts()) is False


def test_a_skipped_activity_is_passed_over_by_flow_but_not_by_choice():
    skip = rules("pre", rule("skip", condition("always")))
    seq = sequencer(leaf("a"), leaf("b", seq=skip), leaf("c"), seq=FLOW)
    result = walk(seq, seq.new_state(), "start", "continue")
    assert result.deliver == "c"
    assert walk(seq, result.state, "previous").deliver == "a"
    assert walk(seq, result.state, ("choice", "b")).deliver == "b"


def test_a_skipped_last_activity_ends_the_course_on_continue():
    skip = rules("pre", rule("skip", condition("always")))
    seq = sequencer(leaf("a"), leaf("b", seq=skip), seq=FLOW)
    assert walk(seq, seq.new_state(), "start", "continue").ended


def test_a_disabled_activity_stops_flow_and_choice():
    disabled = rules("pre", rule("disabled", condition("always")))
    seq = sequencer(leaf("a"), leaf("b", seq=disabled), leaf("c"), seq=FLOW)
    result = walk(seq, seq.new_state(), "start")
    assert seq.navigate(result.state, "continue").code == "SB.2.2-2"
    refused = seq.navigate(result.state, "choice", "b")
    assert (refused.code, refused.error) == (
        "DB.1.1-3",
        "This activity is not available yet.",
    )
    assert enabled(seq, result.state) == {"org", "a", "c"}


def test_stop_forward_traversal_refuses_choosing_past_it():
    stop = rules("pre", rule("stopForwardTraversal", condition("always")))
    seq = sequencer(leaf("a"), leaf("b", seq=stop), leaf("c"), seq=FLOW)
    result = walk(seq, seq.new_state(), "start")
    assert seq.navigate(result.state, "choice", "c").code == "SB.2.4-1"
    assert walk(seq, result.state, "continue", "continue").deliver == "c"


def test_a_rule_on_a_referenced_objective_reads_its_global():
    gate = merged(
        rules(
            "pre",
            rule(
                "disabled",
                condition("satisfied", negated=True, objective="prior"),
                condition("objectiveStatusKnown", negated=True, objective="prior"),
                combination="any",
            ),
        ),
        objectives(None, objective("prior", global_map("g.a"))),
    )
    first = objectives(
        objective("a_done", global_map("g.a", writeSatisfiedStatus=True))
    )
    seq = sequencer(leaf("a", seq=first), leaf("b", seq=gate), seq=FLOW)
    state = walk(seq, seq.new_state(), "start").state
    assert "b" not in enabled(seq, state)
    failed = seq.report(state, "a", FAILED)
    assert "b" not in enabled(seq, failed)
    passed = seq.report(state, "a", PASSED)
    assert "b" in enabled(seq, passed)
    assert passed["globals"]["g.a"]["satisfied"] is True


def test_attempt_limit_refuses_a_further_attempt():
    once = {"limitConditions": {"attemptLimit": 1}}
    seq = sequencer(leaf("a", seq=once), leaf("b"), seq=FLOW)
    result = walk(seq, seq.new_state(), "start", "continue")
    assert seq.navigate(result.state, "choice", "a").code == "DB.1.1-3"
    assert seq.navigate(result.state, "previous").code == "SB.2.2-2"


def test_attempted_and_attempt_limit_exceeded_conditions_count_attempts():
    hide_after_two = rules(
        "pre", rule("hiddenFromChoice", condition("attemptLimitExceeded"))
    )
    seq = sequencer(
        leaf("a", seq=merged(hide_after_two, {"limitConditions": {"attemptLimit": 2}})),
        leaf("b"),
        seq=FLOW,
    )
    state = walk(seq, seq.new_state(), "start", "continue", ("choice", "a")).state
    state = walk(seq, state, "continue").state
    outline = {e.identifier: e for e in seq.table_of_contents(state)}
    assert not outline["a"].visible


def test_post_condition_retry_delivers_the_activity_again_as_a_new_attempt():
    retry_until_passed = rules(
        "post", rule("retry", condition("satisfied", negated=True))
    )
    seq = sequencer(leaf("a", seq=retry_until_passed), leaf("b"), seq=FLOW)
    state = walk(seq, seq.new_state(), "start").state
    again = walk(seq, seq.report(state, "a", FAILED), "continue")
    assert (again.deliver, again.new_attempt) == ("a", True)
    assert again.state["activities"]["a"]["attempts"] == 2
    onward = walk(seq, seq.report(again.state, "a", PASSED), "continue")
    assert onward.deliver == "b"


def test_post_condition_exit_all_ends_the_course():
    seq = sequencer(
        leaf("a", seq=rules("post", rule("exitAll", condition("always")))),
        leaf("b"),
        seq=FLOW,
    )
    assert walk(seq, seq.new_state(), "start", "continue").ended


def test_post_condition_exit_parent_lets_the_parent_rules_decide():
    module = merged(FLOW, rules("post", rule("continue", condition("always"))))
    seq = sequencer(
        cluster(
            "m1",
            leaf("a", seq=rules("post", rule("exitParent", condition("always")))),
            leaf("skipped"),
            seq=module,
        ),
        leaf("b"),
        seq=FLOW,
    )
    result = walk(seq, seq.new_state(), "start", "exit")
    assert result.deliver == "b"


def test_post_condition_previous_goes_back():
    seq = sequencer(
        leaf("a"),
        leaf("b", seq=rules("post", rule("previous", condition("always")))),
        seq=FLOW,
    )
    result = walk(seq, seq.new_state(), "start", "continue", "exit")
    assert result.deliver == "a"


def test_post_condition_retry_all_restarts_the_course():
    seq = sequencer(
        leaf("a"),
        leaf("b", seq=rules("post", rule("retryAll", condition("always")))),
        seq=FLOW,
    )
    result = walk(seq, seq.new_state(), "start", "continue", "continue")
    assert result.deliver == "a"
    assert result.state["activities"]["org"]["attempts"] == 2


def test_exit_condition_rule_on_a_cluster_leaves_it_when_its_child_exits():
    any_completed = rollup_rule("completed", condition("completed"), child_set="any")
    leave_when_done = merged(
        FLOW,
        rules("exit", rule("exit", condition("completed"))),
        {"rollupRules": {"rules": [any_completed]}},
    )
    seq = sequencer(
        cluster("m1", leaf("a"), leaf("never"), seq=leave_when_done),
        leaf("b"),
        seq=FLOW,
    )
    state = walk(seq, seq.new_state(), "start").state
    result = walk(seq, seq.report(state, "a", PASSED), "continue")
    assert result.deliver == "b"
    assert not result.state["activities"]["m1"]["active"]
