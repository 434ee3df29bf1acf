"""Sequencing definitions: the SN book's defaults fill what a manifest
leaves out."""

from lms.scorm.data import Activity
from lms.scorm.sequencing.definition import node_from_activity


def node(sequencing=None, **fields):
    activity = Activity(identifier="a", title="A", sequencing=sequencing, **fields)
    return node_from_activity(activity, None, 0)


def test_an_activity_without_sequencing_gets_the_sn_defaults():
    found = node()
    assert (found.choice, found.choice_exit, found.flow, found.forward_only) == (
        True,
        True,
        False,
        False,
    )
    assert (found.rollup_satisfied, found.rollup_completion) == (True, True)
    assert found.measure_weight == 1.0
    assert (found.tracked, found.completion_set_by_content) == (True, False)
    assert not found.objective_set_by_content
    assert found.primary.key == "" and found.primary.min_measure == 1.0
    assert found.attempt_limit == 0


def test_xml_booleans_written_as_digits_are_understood():
    found = node({"controlMode": {"flow": "1", "choice": "0"}})
    assert (found.flow, found.choice) == (True, False)


def test_map_reads_default_to_true_and_writes_to_false():
    found = node(
        {
            "objectives": {
                "primary": {
                    "objectiveID": "p",
                    "mapInfo": [{"targetObjectiveID": "g"}],
                },
                "others": [],
            },
            "adlObjectives": [
                {"objectiveID": "p", "mapInfo": [{"targetObjectiveID": "g"}]}
            ],
        }
    )
    imsss, adlseq = found.primary.maps
    assert imsss.reads == {"satisfied", "measure"} and not imsss.writes
    assert adlseq.reads == {"completed", "progress", "raw", "min", "max"}
    assert not adlseq.writes


def test_a_rule_condition_without_operator_or_combination_uses_the_defaults():
    found = node(
        {
            "sequencingRules": {
                "pre": [{"conditions": [{"condition": "satisfied"}], "action": "skip"}]
            },
            "rollupRules": {"rules": [{"conditions": [], "action": "completed"}]},
        }
    )
    (pre,) = found.pre_rules
    assert pre.combination == "all" and not pre.conditions[0].negated
    (rollup,) = found.rollup_rules
    assert (rollup.combination, rollup.child_set) == ("any", "all")


def test_a_3rd_edition_completion_threshold_completes_by_measure():
    found = node(
        completion_threshold={"completedByMeasure": True, "minProgressMeasure": 0.8}
    )
    assert found.completed_by_measure and found.min_progress_measure == 0.8
