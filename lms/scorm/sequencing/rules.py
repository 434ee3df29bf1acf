"""Sequencing rules (SN book UP.2), limit conditions (UP.1) and the Check
Activity Process (UP.5).

Conditions are three-valued: True, False or None for unknown (e.g.
"satisfied" while the objective's status is unknown). "not" leaves unknown
unknown, as the SN book says, which is why manifests pair
``not satisfied`` with ``not objectiveStatusKnown``. A rule fires only
when its combined value is True."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .definition import Condition, Node, Rule
from .state import record, status

SKIP = frozenset({"skip"})
DISABLED = frozenset({"disabled"})
HIDDEN_FROM_CHOICE = frozenset({"hiddenFromChoice"})
STOP_FORWARD_TRAVERSAL = frozenset({"stopForwardTraversal"})
EXIT_ACTIONS = frozenset({"exit", "exitParent", "exitAll"})
POST_ACTIONS = frozenset(
    {"exitParent", "exitAll", "retry", "retryAll", "continue", "previous"}
)


@dataclass(frozen=True)
class Facts:
    """What a condition looks at: an objective's values and the activity's
    attempt data."""

    values: dict
    attempts: int
    attempt_limit: int
    primary: bool
    threshold: float = 0.0


def _measure_compared(facts: Facts, above: bool) -> bool | None:
    measure = facts.values["measure"]
    if measure is None:
        return None
    return measure > facts.threshold if above else measure < facts.threshold


def _progress_known(facts: Facts) -> bool:
    known = facts.values["completed"] is not None
    return known and (facts.attempts > 0 or not facts.primary)


EVALUATORS: dict[str, Callable[[Facts], bool | None]] = {
    "satisfied": lambda f: f.values["satisfied"],
    "objectiveStatusKnown": lambda f: f.values["satisfied"] is not None,
    "objectiveMeasureKnown": lambda f: f.values["measure"] is not None,
    "objectiveMeasureGreaterThan": lambda f: _measure_compared(f, above=True),
    "objectiveMeasureLessThan": lambda f: _measure_compared(f, above=False),
    "completed": lambda f: f.values["completed"],
    "activityProgressKnown": _progress_known,
    "attempted": lambda f: f.attempts > 0,
    "attemptLimitExceeded": lambda f: 0 < f.attempt_limit <= f.attempts,
    "always": lambda f: True,
    # Durations are not tracked (see SEQUENCING.md): these never hold.
    "timeLimitExceeded": lambda f: False,
    "outsideAvailableTimeRange": lambda f: False,
}


def evaluate(condition: Condition, facts: Facts) -> bool | None:
    evaluator = EVALUATORS.get(condition.name)
    value = evaluator(facts) if evaluator else False
    if condition.negated and value is not None:
        return not value
    return value


def combine(values: Iterable[bool | None], combination: str) -> bool | None:
    """Kleene "and" for "all", "or" for "any"; no conditions never hold."""
    values = list(values)
    if not values:
        return False
    decisive = combination == "any"
    if any(value is decisive for value in values):
        return decisive
    return None if None in values else not decisive


def facts(state: dict, node: Node, condition: Condition, stale=frozenset()) -> Facts:
    objective = node.objective(condition.objective)
    return Facts(
        values=status(state, node, objective, stale),
        attempts=record(state, node)["attempts"],
        attempt_limit=node.attempt_limit,
        primary=objective.primary,
        threshold=condition.threshold,
    )


def rule_fires(state: dict, node: Node, rule: Rule) -> bool:
    values = (evaluate(c, facts(state, node, c)) for c in rule.conditions)
    return combine(values, rule.combination) is True


def rule_action(state: dict, node: Node, rules, actions: frozenset) -> str | None:
    """The action of the first rule among ``actions`` that fires (UP.2)."""
    for rule in rules:
        if rule.action in actions and rule_fires(state, node, rule):
            return rule.action
    return None


def skipped(state: dict, node: Node) -> bool:
    return rule_action(state, node, node.pre_rules, SKIP) is not None


def disabled(state: dict, node: Node) -> bool:
    return rule_action(state, node, node.pre_rules, DISABLED) is not None


def hidden_from_choice(state: dict, node: Node) -> bool:
    return rule_action(state, node, node.pre_rules, HIDDEN_FROM_CHOICE) is not None


def stops_forward_traversal(state: dict, node: Node) -> bool:
    found = rule_action(state, node, node.pre_rules, STOP_FORWARD_TRAVERSAL)
    return found is not None


def exit_action(state: dict, node: Node) -> str | None:
    return rule_action(state, node, node.exit_rules, EXIT_ACTIONS)


def post_action(state: dict, node: Node) -> str | None:
    return rule_action(state, node, node.post_rules, POST_ACTIONS)


def limit_exceeded(state: dict, node: Node) -> bool:
    """UP.1: an activity in progress is never cut off by its limits."""
    entry = record(state, node)
    if not node.tracked or entry["active"] or entry["suspended"]:
        return False
    return 0 < node.attempt_limit <= entry["attempts"]


def blocked(state: dict, node: Node) -> bool:
    """UP.5 Check Activity Process: disabled, or out of attempts."""
    return disabled(state, node) or limit_exceeded(state, node)
