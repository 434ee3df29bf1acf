"""Rollup (SN book RB.1): measure, completion amount, satisfaction and
completion of clusters from their children.

The Overall Rollup Process is applied to the whole tree, bottom up, rather
than to one activity path: on the path the result is the same, and
clusters elsewhere whose children read a global objective that just
changed stay right too. A cluster's status is recomputed each time: when
no rollup rule applies it is unknown."""

from .definition import Condition, Node, RollupRule
from .rules import combine, evaluate, facts, skipped
from .state import local, record, stale_fields, status, write_globals
from .tree import Tree

SATISFACTION = ("satisfied", "notSatisfied")
COMPLETION = ("completed", "incomplete")
# The rules the SN book applies when a cluster defines none for a pair.
DEFAULT_RULES = {
    SATISFACTION: (
        RollupRule("notSatisfied", (Condition("objectiveStatusKnown"),)),
        RollupRule("satisfied", (Condition("satisfied"),)),
    ),
    COMPLETION: (
        RollupRule("incomplete", (Condition("activityProgressKnown"),)),
        RollupRule("completed", (Condition("completed"),)),
    ),
}
REQUIRED_FOR = {
    "satisfied": "required_for_satisfied",
    "notSatisfied": "required_for_not_satisfied",
    "completed": "required_for_completed",
    "incomplete": "required_for_incomplete",
}


def rollup_all(tree: Tree, state: dict) -> None:
    for node in reversed(tree.preorder):
        if node.tracked:
            _rollup(tree, state, node)


def _rollup(tree: Tree, state: dict, node: Node) -> None:
    values = local(state, node)
    before = dict(values)
    if node.is_leaf:
        _derive_leaf(state, node, values)
    else:
        values.update(_rolled_up(tree, state, node))
    if values != before:
        write_globals(state, node)


def _derive_leaf(state: dict, node: Node, values: dict) -> None:
    """satisfiedByMeasure and completedByMeasure override what the SCO said."""
    if node.primary.satisfied_by_measure:
        values["satisfied"] = _satisfied_by_measure(state, node, values["measure"])
    if node.completed_by_measure and values["progress"] is not None:
        values["completed"] = values["progress"] >= node.min_progress_measure


def _rolled_up(tree: Tree, state: dict, node: Node) -> dict:
    measure = _weighted(tree, state, node, "measure", "measure_weight")
    progress = _weighted(tree, state, node, "progress", "progress_weight")
    if node.primary.satisfied_by_measure:
        satisfied = _satisfied_by_measure(state, node, measure)
    else:
        satisfied = _by_rules(tree, state, node, SATISFACTION)
    if node.completed_by_measure:
        completed = None if progress is None else progress >= node.min_progress_measure
    else:
        completed = _by_rules(tree, state, node, COMPLETION)
    return {
        "measure": measure,
        "progress": progress,
        "satisfied": satisfied,
        "completed": completed,
    }


def _satisfied_by_measure(state: dict, node: Node, measure: float | None):
    if measure is None:
        return None
    if record(state, node)["active"] and not node.measure_satisfaction_if_active:
        return None
    return measure >= node.primary.min_measure


def _weighted(tree: Tree, state: dict, node: Node, field: str, weight: str):
    """RB.1.1: the weighted mean over tracked children, unknown when no
    child knows the value or every weight is zero."""
    counted, total, known = 0.0, 0.0, False
    for child in tree.children(node):
        if not child.tracked:
            continue
        counted += getattr(child, weight)
        value = _child_status(state, node, child)[field]
        if value is not None:
            total += value * getattr(child, weight)
            known = True
    return total / counted if known and counted > 0 else None


def _child_status(state: dict, parent: Node, child: Node) -> dict:
    return status(state, child, stale=stale_fields(state, parent, child))


def _by_rules(tree: Tree, state: dict, node: Node, pair: tuple[str, str]):
    """True when a rule for the first action applies, False for the second,
    None for neither (RB.1.2.b, RB.1.3.b) or when no child takes part in
    either: nothing is satisfied or completed out of nothing."""
    if not _any_child_included(tree, state, node, pair):
        return None
    positive, negative = pair
    rules = [r for r in node.rollup_rules if r.action in pair] or DEFAULT_RULES[pair]
    if any(_applies(tree, state, node, r) for r in rules if r.action == positive):
        return True
    if any(_applies(tree, state, node, r) for r in rules if r.action == negative):
        return False
    return None


def _any_child_included(tree: Tree, state: dict, node: Node, pair) -> bool:
    return any(
        child.tracked and included(state, child, action)
        for child in tree.children(node)
        for action in pair
    )


def _applies(tree: Tree, state: dict, node: Node, rule: RollupRule) -> bool:
    """RB.1.4 Rollup Rule Check."""
    bag = [
        _child_value(state, node, child, rule)
        for child in tree.children(node)
        if child.tracked and included(state, child, rule.action)
    ]
    return _child_set_met(rule, bag)


def _child_value(state: dict, parent: Node, child: Node, rule: RollupRule):
    stale = stale_fields(state, parent, child)
    values = (evaluate(c, facts(state, child, c, stale)) for c in rule.conditions)
    return combine(values, rule.combination)


def _child_set_met(rule: RollupRule, bag: list) -> bool:
    """An empty bag meets "all" and "none" (it holds only True values, and
    no True value): when every test a learner passed is skipped and so left
    out by ifNotSkipped, the remediation loop is complete (as the Rustici
    golf sample packages expect)."""
    met = sum(1 for value in bag if value is True)
    tests = {
        "all": lambda: met == len(bag),
        "any": lambda: met > 0,
        "none": lambda: all(value is False for value in bag),
        "atLeastCount": lambda: met >= rule.minimum_count,
        "atLeastPercent": lambda: bool(bag) and met / len(bag) >= rule.minimum_percent,
    }
    test = tests.get(rule.child_set)
    return bool(test and test())


def included(state: dict, child: Node, action: str) -> bool:
    """RB.1.4.2 Check Child for Rollup."""
    if action in SATISFACTION and not child.rollup_satisfied:
        return False
    if action in COMPLETION and not child.rollup_completion:
        return False
    return _required(state, child, getattr(child, REQUIRED_FOR[action]))


def _required(state: dict, child: Node, consideration: str) -> bool:
    entry = record(state, child)
    if consideration == "ifNotSuspended":
        return entry["attempts"] > 0 and not entry["suspended"]
    if consideration == "ifAttempted":
        return entry["attempts"] > 0
    if consideration == "ifNotSkipped":
        return not skipped(state, child)
    return True
