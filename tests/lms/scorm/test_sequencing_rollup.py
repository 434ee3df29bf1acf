"""Rollup of completion, satisfaction and measure; objectives shared through
global objective maps; what reporting records."""

import pytest

from lms.scorm.sequencing import SequencingError
from tests.lms.scorm.sequencing_factories import (
    FAILED,
    FLOW,
    PASSED,
    cluster,
    condition,
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


TRUSTED = {
    "deliveryControls": {"completionSetByContent": True, "objectiveSetByContent": True}
}


def started(seq):
    return walk(seq, seq.new_state(), "start").state


def reported(seq, state, *reports):
    """Each activity is chosen (unless current) and reports its values, as
    a learner moving through the course would."""
    for activity, values in reports:
        if state["current"] != activity:
            state = walk(seq, state, ("choice", activity)).state
        state = seq.report(state, activity, values)
    return state


def test_the_root_is_completed_and_satisfied_once_every_child_is():
    seq = sequencer(leaf("a"), leaf("b"), seq=FLOW)
    state = reported(seq, started(seq), ("a", PASSED))
    assert seq.root_status(state).completion == "unknown"
    state = reported(seq, state, ("b", PASSED))
    status = seq.root_status(state)
    assert (status.completion, status.success) == ("completed", "passed")


def test_the_root_fails_once_every_child_is_known_and_one_failed():
    seq = sequencer(leaf("a"), leaf("b"), seq=FLOW)
    state = reported(seq, started(seq), ("a", PASSED), ("b", FAILED))
    assert seq.root_status(state).success == "failed"


def test_children_that_do_not_roll_up_satisfaction_are_left_out():
    content = {"rollupRules": {"rollupObjectiveSatisfied": False}}
    seq = sequencer(leaf("content", seq=content), leaf("test"), seq=FLOW)
    state = reported(seq, started(seq), ("content", FAILED), ("test", PASSED))
    assert seq.root_status(state).success == "passed"


def test_measure_rolls_up_as_a_weighted_mean():
    seq = sequencer(
        leaf("a", seq={"rollupRules": {"objectiveMeasureWeight": 3.0}}),
        leaf("b"),
        seq=FLOW,
    )
    state = reported(
        seq,
        started(seq),
        ("a", {"cmi.score.scaled": "0.8"}),
        ("b", {"cmi.score.scaled": "0.4"}),
    )
    assert seq.root_status(state).measure == pytest.approx(0.7)


def test_no_measure_rolls_up_when_every_weight_is_zero():
    unweighted = {"rollupRules": {"objectiveMeasureWeight": 0}}
    seq = sequencer(leaf("a", seq=unweighted), seq=FLOW)
    state = reported(seq, started(seq), ("a", {"cmi.score.scaled": "0.8"}))
    assert seq.root_status(state).measure is None


def test_satisfied_by_measure_uses_the_minimum_normalized_measure():
    by_measure = objectives(
        {"satisfiedByMeasure": True, "minNormalizedMeasure": 0.6, "mapInfo": []}
    )
    seq = sequencer(leaf("a", seq=by_measure), seq=merged(FLOW, by_measure))
    state = reported(seq, started(seq), ("a", {"cmi.score.scaled": "0.5", **PASSED}))
    assert seq.root_status(state).success == "failed"
    state = reported(seq, state, ("a", {"cmi.score.scaled": "0.65"}))
    assert seq.root_status(state).success == "passed"


def test_completed_by_measure_compares_the_progress_measure():
    seq = sequencer(
        leaf(
            "a",
            completion_threshold={
                "completedByMeasure": True,
                "minProgressMeasure": 0.5,
            },
        ),
        seq=FLOW,
    )
    state = reported(
        seq, started(seq), ("a", {"cmi.progress_measure": "0.4", **PASSED})
    )
    assert seq.root_status(state).completion == "incomplete"
    state = reported(seq, state, ("a", {"cmi.progress_measure": "0.5"}))
    assert seq.root_status(state).completion == "completed"


def test_progress_measure_rolls_up_with_progress_weights():
    seq = sequencer(
        leaf("a", completion_threshold={"progressWeight": 0.75}),
        leaf("b", completion_threshold={"progressWeight": 0.25}),
        seq=FLOW,
    )
    state = reported(
        seq,
        started(seq),
        ("a", {"cmi.progress_measure": "1"}),
        ("b", {"cmi.progress_measure": "0.2"}),
    )
    assert seq.root_status(state).progress_measure == pytest.approx(0.8)


@pytest.mark.parametrize(
    ("child_set", "limits", "passes_needed"),
    [
        ("any", {}, 1),
        ("atLeastCount", {"minimumCount": 2}, 2),
        ("atLeastPercent", {"minimumPercent": 0.6}, 2),
        ("all", {}, 3),
    ],
)
def test_rollup_rules_count_satisfied_children(child_set, limits, passes_needed):
    satisfied_rule = rollup_rule(
        "satisfied", condition("satisfied"), child_set=child_set, **limits
    )
    root = merged(FLOW, {"rollupRules": {"rules": [satisfied_rule]}})
    seq = sequencer(leaf("a"), leaf("b"), leaf("c"), seq=root)
    state = started(seq)
    for count, activity in enumerate(("a", "b", "c"), start=1):
        state = reported(seq, state, (activity, PASSED))
        expected = "passed" if count >= passes_needed else "unknown"
        assert seq.root_status(state).success == expected


def test_a_none_rollup_rule_holds_when_no_child_has_the_condition():
    not_satisfied = rollup_rule(
        "notSatisfied", condition("satisfied"), child_set="none"
    )
    root = merged(FLOW, {"rollupRules": {"rules": [not_satisfied]}})
    seq = sequencer(leaf("a"), leaf("b"), seq=root)
    state = reported(seq, started(seq), ("a", FAILED), ("b", FAILED))
    assert seq.root_status(state).success == "failed"


def test_if_not_skipped_leaves_skipped_children_out_of_completion():
    skip_when_done = merged(
        rules("pre", rule("skip", condition("satisfied"))),
        {"rollupConsiderations": {"requiredForCompleted": "ifNotSkipped"}},
        TRUSTED,
    )
    seq = sequencer(leaf("a", seq=skip_when_done), leaf("b"), seq=FLOW)
    state = reported(seq, started(seq), ("a", {"cmi.success_status": "passed"}))
    state = reported(seq, state, ("b", PASSED))
    assert seq.root_status(state).completion == "completed"


def test_if_attempted_leaves_unattempted_children_out():
    optional = {"rollupConsiderations": {"requiredForSatisfied": "ifAttempted"}}
    seq = sequencer(leaf("a"), leaf("b", seq=optional), seq=FLOW)
    state = reported(seq, started(seq), ("a", PASSED))
    assert seq.root_status(state).success == "passed"


def test_if_not_suspended_leaves_suspended_children_out():
    optional = {"rollupConsiderations": {"requiredForCompleted": "ifNotSuspended"}}
    seq = sequencer(leaf("a"), leaf("b", seq=optional), seq=FLOW)
    state = walk(seq, started(seq), "continue").state
    state = reported(seq, state, ("b", {"cmi.exit": "suspend"}))
    state = walk(seq, state, ("choice", "a")).state
    state = reported(seq, state, ("a", PASSED))
    assert seq.root_status(state).completion == "completed"


def test_an_untracked_activity_records_nothing_and_does_not_count():
    untracked = {"deliveryControls": {"tracked": False}}
    seq = sequencer(leaf("a"), leaf("b", seq=untracked), seq=FLOW)
    state = reported(seq, started(seq), ("a", PASSED), ("b", FAILED))
    assert state["activities"]["b"]["objectives"][""]["satisfied"] is None
    assert seq.root_status(state).success == "passed"


def test_satisfaction_and_measure_are_written_to_and_read_from_globals():
    writer = objectives(
        objective(
            "quiz",
            global_map(
                "g.quiz", writeSatisfiedStatus=True, writeNormalizedMeasure=True
            ),
        )
    )
    reader = objectives(None, objective("quiz", global_map("g.quiz")))
    seq = sequencer(leaf("a", seq=writer), leaf("b", seq=reader), seq=FLOW)
    state = reported(seq, started(seq), ("a", {**PASSED, "cmi.score.scaled": "0.9"}))
    assert state["globals"]["g.quiz"]["satisfied"] is True
    assert seq.objective_values(state, "b") == {
        "cmi.objectives.0.id": "quiz",
        "cmi.objectives.0.success_status": "passed",
        "cmi.objectives.0.score.scaled": "0.9",
    }


def test_4th_edition_adlseq_maps_share_completion_status():
    writer = merged(
        objectives(objective("done")),
        {
            "adlObjectives": [
                {
                    "objectiveID": "done",
                    "mapInfo": [global_map("g.done", writeCompletionStatus=True)],
                }
            ]
        },
    )
    reader = merged(
        objectives(None, objective("prior")),
        {
            "adlObjectives": [
                {"objectiveID": "prior", "mapInfo": [global_map("g.done")]}
            ]
        },
        rules("pre", rule("disabled", condition("completed", True, "prior"))),
    )
    seq = sequencer(leaf("a", seq=writer), leaf("b", seq=reader), seq=FLOW)
    state = reported(seq, started(seq), ("a", {"cmi.completion_status": "incomplete"}))
    assert seq.navigate(state, "continue").code == "SB.2.2-2"
    state = reported(seq, state, ("a", {"cmi.completion_status": "completed"}))
    assert state["globals"]["g.done"]["completed"] is True
    assert walk(seq, state, "continue").deliver == "b"


def test_cmi_objectives_are_recorded_on_the_declared_objective_of_that_id():
    declared = objectives(
        None, objective("extra", global_map("g.x", writeSatisfiedStatus=True))
    )
    seq = sequencer(leaf("a", seq=declared), seq=FLOW)
    state = reported(
        seq,
        started(seq),
        (
            "a",
            {
                "cmi.objectives.0.id": "undeclared",
                "cmi.objectives.0.success_status": "failed",
                "cmi.objectives.1.id": "extra",
                "cmi.objectives.1.success_status": "passed",
            },
        ),
    )
    assert state["globals"]["g.x"]["satisfied"] is True


def test_a_new_attempt_on_a_cluster_ignores_what_its_children_did_before():
    module = merged(FLOW, rules("post", rule("retry", condition("always"))))
    last = rules("post", rule("exitParent", condition("always")))
    seq = sequencer(cluster("m1", leaf("a"), leaf("b", seq=last), seq=module), seq=FLOW)
    state = reported(seq, started(seq), ("a", PASSED))
    state = walk(seq, state, "continue").state
    state = reported(seq, state, ("b", PASSED))
    retried = walk(seq, state, "continue")
    assert retried.deliver == "a"
    state = reported(seq, retried.state, ("a", PASSED))
    outline = {e.identifier: e for e in seq.table_of_contents(state)}
    assert outline["m1"].completion == "unknown"
    assert outline["b"].completion == "completed"


def test_retry_all_clears_globals_scoped_to_the_package():
    writer = objectives(objective("o", global_map("g.o", writeSatisfiedStatus=True)))
    last = rules("post", rule("retryAll", condition("always")))
    seq = sequencer(
        leaf("a", seq=writer),
        leaf("b", seq=last),
        seq=FLOW,
        objectives_global_to_system=False,
    )
    state = reported(seq, started(seq), ("a", PASSED))
    assert state["globals"]["g.o"]["satisfied"] is True
    result = walk(seq, state, "continue", "continue")
    assert result.deliver == "a"
    assert result.state["globals"] == {}


def test_reporting_for_an_activity_the_package_lacks_is_an_error():
    seq = sequencer(leaf("a"), seq=FLOW)
    with pytest.raises(SequencingError):
        seq.report(seq.new_state(), "zzz", PASSED)


def test_reporting_never_changes_its_input():
    seq = sequencer(leaf("a"), seq=FLOW)
    state = started(seq)
    seq.report(state, "a", PASSED)
    assert state["activities"]["a"]["objectives"][""]["satisfied"] is None
