"""Navigation requests on small hand-built courses."""

import copy
import json

import pytest

from lms.scorm.sequencing import NavRequest, SequencingError
from tests.lms.scorm.sequencing_factories import (
    FLOW,
    PASSED,
    cluster,
    enabled,
    leaf,
    merged,
    sequencer,
    walk,
)

pytestmark = pytest.mark.usefixtures("english")


def flat_course(**root):
    return sequencer(leaf("a"), leaf("b"), leaf("c"), seq=merged(FLOW, root))


def test_start_delivers_the_first_leaf_as_a_new_attempt():
    seq = flat_course()
    result = seq.navigate(seq.new_state(), NavRequest.START)
    assert (result.deliver, result.ended, result.error) == ("a", False, None)
    assert result.new_attempt
    assert result.state["current"] == "a"


def test_states_are_json_and_navigation_never_changes_its_input():
    seq = flat_course()
    state = seq.new_state()
    before = copy.deepcopy(state)
    result = seq.navigate(state, "start")
    assert state == before
    assert json.loads(json.dumps(result.state)) == result.state


def test_continue_walks_the_leaves_and_ends_the_session_after_the_last():
    seq = flat_course()
    result = walk(seq, seq.new_state(), "start", "continue", "continue")
    assert result.deliver == "c"
    result = seq.navigate(result.state, "continue")
    assert (result.deliver, result.ended, result.error) == (None, True, None)
    assert result.state["current"] is None


def test_previous_goes_back_and_is_refused_at_the_first_leaf():
    seq = flat_course()
    result = walk(seq, seq.new_state(), "start", "continue", "previous")
    assert result.deliver == "a"
    refused = seq.navigate(result.state, "previous")
    assert refused.code == "SB.2.1-3"
    assert refused.state == result.state


def test_continue_before_start_is_refused_as_not_started():
    seq = flat_course()
    result = seq.navigate(seq.new_state(), "continue")
    assert result.code == "NB.2.1-1"
    assert result.error == "The course has not started yet."


def test_start_twice_is_refused():
    seq = flat_course()
    result = walk(seq, seq.new_state(), "start")
    assert seq.navigate(result.state, "start").code == "NB.2.1-1"


def test_an_unknown_request_is_refused():
    seq = flat_course()
    assert seq.navigate(seq.new_state(), "forward").code == "NB.2.1-13"


def test_continue_without_flow_is_refused():
    seq = sequencer(leaf("a"), leaf("b"))
    result = walk(seq, seq.new_state(), "start")
    refused = seq.navigate(result.state, "continue")
    assert refused.code == "NB.2.1-4"
    assert refused.error


def test_forward_only_refuses_previous_and_choosing_backwards():
    seq = flat_course(controlMode={"flow": True, "forwardOnly": True})
    result = walk(seq, seq.new_state(), "start", "continue")
    assert seq.navigate(result.state, "previous").code == "NB.2.1-5"
    assert seq.navigate(result.state, "choice", "a").code == "SB.2.4-2"


def test_choice_is_refused_where_the_parent_forbids_it():
    seq = flat_course(controlMode={"flow": True, "choice": False})
    result = walk(seq, seq.new_state(), "start")
    assert seq.navigate(result.state, "choice", "c").code == "NB.2.1-10"


def test_choice_exit_false_keeps_the_learner_inside_an_active_cluster():
    seq = sequencer(
        cluster("m1", leaf("a"), leaf("b"), seq={"controlMode": {"choiceExit": False}}),
        leaf("c"),
    )
    result = walk(seq, seq.new_state(), ("choice", "a"))
    assert seq.navigate(result.state, "choice", "c").code == "NB.2.1-8"
    assert walk(seq, result.state, ("choice", "b")).deliver == "b"


def test_choice_of_an_unknown_activity_is_refused():
    seq = flat_course()
    assert seq.navigate(seq.new_state(), "choice", "zzz").code == "NB.2.1-11"


def test_choice_of_a_cluster_delivers_its_first_leaf():
    seq = sequencer(leaf("a"), cluster("m1", leaf("b"), leaf("c"), seq=FLOW))
    assert walk(seq, seq.new_state(), ("choice", "m1")).deliver == "b"


def test_exit_ends_the_attempt_without_ending_the_session():
    seq = flat_course()
    result = walk(seq, seq.new_state(), "start", "exit")
    assert (result.deliver, result.ended) == (None, False)
    assert result.state["current"] == "a"
    assert not result.state["activities"]["a"]["active"]
    assert seq.navigate(result.state, "exit").code == "NB.2.1-12"
    assert walk(seq, result.state, "continue").deliver == "b"


def test_exit_all_ends_the_session_and_a_new_start_is_a_new_attempt():
    seq = flat_course()
    result = walk(seq, seq.new_state(), "start", "exitAll")
    assert result.ended
    assert result.state["current"] is None
    again = walk(seq, result.state, "start")
    assert again.deliver == "a"
    assert again.state["activities"]["org"]["attempts"] == 2


def test_suspend_all_then_resume_all_returns_to_the_same_sco_without_a_new_attempt():
    seq = flat_course()
    result = walk(seq, seq.new_state(), "start", "continue", "suspendAll")
    assert result.ended
    assert result.state["suspended"] == "b"
    resumed = walk(seq, result.state, "resumeAll")
    assert (resumed.deliver, resumed.new_attempt) == ("b", False)
    assert resumed.state["activities"]["b"]["attempts"] == 1
    assert resumed.state["suspended"] is None


def test_resume_all_without_a_suspended_attempt_is_refused():
    seq = flat_course()
    assert seq.navigate(seq.new_state(), "resumeAll").code == "NB.2.1-3"


def test_start_after_suspend_all_gives_up_the_suspended_attempt():
    seq = flat_course()
    result = walk(seq, seq.new_state(), "start", "continue", "suspendAll", "start")
    assert (result.deliver, result.new_attempt) == ("a", True)
    assert result.state["suspended"] is None
    assert not result.state["activities"]["b"]["suspended"]


def test_a_sco_that_exits_with_suspend_is_resumed_when_chosen_again():
    seq = flat_course()
    result = walk(seq, seq.new_state(), "start")
    state = seq.report(result.state, "a", {"cmi.exit": "suspend"})
    result = walk(seq, state, "continue", ("choice", "a"))
    assert (result.deliver, result.new_attempt) == ("a", False)


def test_abandon_ends_nothing_but_the_activity_and_records_nothing():
    seq = flat_course()
    result = walk(seq, seq.new_state(), "start", "abandon")
    assert (result.deliver, result.ended) == (None, False)
    assert result.state["activities"]["a"]["objectives"][""]["completed"] is None


def test_abandon_all_ends_the_session():
    seq = flat_course()
    result = walk(seq, seq.new_state(), "start", "abandonAll")
    assert result.ended
    assert not result.state["activities"]["org"]["active"]


def test_jump_goes_to_a_hidden_activity_that_choice_may_not_reach():
    hidden = {
        "sequencingRules": {
            "pre": [
                {
                    "combination": "all",
                    "conditions": [{"condition": "always"}],
                    "action": "hiddenFromChoice",
                }
            ]
        }
    }
    seq = sequencer(leaf("a"), leaf("b", seq=hidden), seq=FLOW)
    result = walk(seq, seq.new_state(), "start")
    assert seq.navigate(result.state, "choice", "b").code == "SB.2.9-3"
    assert walk(seq, result.state, ("jump", "b")).deliver == "b"


def test_constrained_choice_allows_only_the_neighbouring_cluster():
    constrained = {"constrainedChoiceConsiderations": {"constrainChoice": True}}
    seq = sequencer(
        cluster("m1", leaf("a"), seq=merged(FLOW, constrained)),
        cluster("m2", leaf("b"), seq=FLOW),
        cluster("m3", leaf("c"), seq=FLOW),
        seq=FLOW,
    )
    result = walk(seq, seq.new_state(), "start")
    assert seq.navigate(result.state, "choice", "c").code == "SB.2.9-8"
    assert walk(seq, result.state, ("choice", "b")).deliver == "b"


def test_prevent_activation_keeps_choice_from_starting_a_cluster():
    prevented = {"constrainedChoiceConsiderations": {"preventActivation": True}}
    seq = sequencer(
        leaf("a"), cluster("m1", leaf("b"), seq=merged(FLOW, prevented)), seq=FLOW
    )
    result = walk(seq, seq.new_state(), "start")
    assert seq.navigate(result.state, "choice", "b").code == "SB.2.9-6"
    assert walk(seq, result.state, "continue").deliver == "b"


def test_a_package_without_sequencing_starts_on_its_first_leaf_and_allows_any_choice():
    seq = sequencer(leaf("a"), cluster("m1", leaf("b")), leaf("c"))
    result = walk(seq, seq.new_state(), "start")
    assert result.deliver == "a"
    assert enabled(seq, result.state) >= {"a", "b", "c"}
    assert walk(seq, result.state, ("choice", "c")).deliver == "c"
    assert walk(seq, result.state, "exitAll").ended


def test_next_and_previous_leaf_follow_tree_order_over_visible_leaves():
    seq = sequencer(
        leaf("a"), cluster("m1", leaf("b"), leaf("x", visible=False)), leaf("c")
    )
    state = seq.new_state()
    assert seq.next_leaf(state, None) == "a"
    assert seq.next_leaf(state, "a") == "b"
    assert seq.next_leaf(state, "b") == "c"
    assert seq.next_leaf(state, "c") is None
    assert seq.previous_leaf(state, "c") == "b"
    assert seq.previous_leaf(state, "a") is None


def test_the_outline_lists_every_activity_with_depth_and_the_current_one():
    seq = sequencer(leaf("a"), cluster("m1", leaf("b", visible=False)), seq=FLOW)
    result = walk(seq, seq.new_state(), "start")
    outline = {e.identifier: e for e in seq.table_of_contents(result.state)}
    assert [e.depth for e in seq.table_of_contents(result.state)] == [0, 1, 1, 2]
    assert outline["a"].current and outline["a"].is_leaf
    assert not outline["b"].visible
    assert not outline["m1"].is_leaf
    assert (outline["a"].completion, outline["a"].success) == ("unknown", "unknown")


def test_a_state_from_an_older_version_of_the_package_is_completed():
    seq = flat_course()
    state = seq.new_state()
    del state["activities"]["c"]
    result = walk(seq, state, "start", "continue", "continue")
    assert result.deliver == "c"


def test_an_exit_without_results_counts_as_completed_and_satisfied_by_default():
    seq = flat_course()
    result = walk(seq, seq.new_state(), "start", "continue")
    entry = {e.identifier: e for e in seq.table_of_contents(result.state)}["a"]
    assert (entry.completion, entry.success) == ("completed", "passed")


def test_content_trusted_to_report_stays_unknown_when_it_reports_nothing():
    trusted = {
        "deliveryControls": {
            "completionSetByContent": True,
            "objectiveSetByContent": True,
        }
    }
    seq = sequencer(leaf("a", seq=trusted), leaf("b"), seq=FLOW)
    result = walk(seq, seq.new_state(), "start", "continue")
    entry = {e.identifier: e for e in seq.table_of_contents(result.state)}["a"]
    assert (entry.completion, entry.success) == ("unknown", "unknown")
    state = seq.report(result.state, "b", PASSED)
    assert seq.root_status(state).completion == "unknown"


def forward_only_module(**skips):
    skip = {
        "sequencingRules": {
            "pre": [{"conditions": [{"condition": "always"}], "action": "skip"}]
        }
    }
    module = merged(FLOW, {"controlMode": {"forwardOnly": True}})
    return sequencer(
        leaf("a"),
        cluster(
            "m1",
            leaf("b", seq=skip if skips.get("b") else None),
            leaf("c", seq=skip if skips.get("c") else None),
            seq=module,
        ),
        leaf("d"),
        seq=FLOW,
    )


def test_previous_into_a_forward_only_cluster_enters_at_its_first_activity():
    seq = forward_only_module()
    result = walk(seq, seq.new_state(), ("choice", "d"), "previous")
    assert result.deliver == "b"


def test_previous_over_a_forward_only_cluster_of_skipped_activities_leaves_it():
    seq = forward_only_module(b=True, c=True)
    result = walk(seq, seq.new_state(), ("choice", "d"), "previous")
    assert result.deliver == "a"


def test_resume_all_after_exit_flows_into_the_suspended_cluster():
    seq = sequencer(cluster("m1", leaf("a"), leaf("b"), seq=FLOW), seq=FLOW)
    result = walk(seq, seq.new_state(), "start", "exit", "suspendAll")
    assert result.state["suspended"] == "m1"
    assert walk(seq, result.state, "resumeAll").deliver == "a"


def test_the_outline_shows_reported_statuses():
    seq = flat_course()
    state = walk(seq, seq.new_state(), "start").state
    state = seq.report(
        state,
        "a",
        {"cmi.completion_status": "incomplete", "cmi.success_status": "failed"},
    )
    entry = {e.identifier: e for e in seq.table_of_contents(state)}["a"]
    assert (entry.completion, entry.success) == ("incomplete", "failed")


def test_neighbouring_leaves_of_an_unknown_activity_are_an_error():
    seq = flat_course()
    with pytest.raises(SequencingError):
        seq.next_leaf(seq.new_state(), "zzz")
