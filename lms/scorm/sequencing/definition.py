"""Each activity's sequencing definition with the SN book's defaults applied.

The manifest parser keeps the imsss/adlseq elements as written (see
lms/scorm/manifest.py). The defaults are the field defaults of ``Node``,
``Rule``, ``RollupRule``, ``Objective`` and ``ObjectiveMap``: those of the
SCORM 2004 4th Edition CAM book's imsss/adlseq attribute tables, which the
SN book's tracking model assumes."""

from dataclasses import dataclass, fields

from ..data import Activity

# The values an objective carries, in the tracking state and in globals.
FIELDS = ("satisfied", "measure", "completed", "progress", "raw", "min", "max")
IMSSS_MAP_FIELDS = {"SatisfiedStatus": "satisfied", "NormalizedMeasure": "measure"}
ADLSEQ_MAP_FIELDS = {
    "CompletionStatus": "completed",
    "ProgressMeasure": "progress",
    "RawScore": "raw",
    "MinScore": "min",
    "MaxScore": "max",
}

# Sequencing element -> {XML attribute: Node field}.
ATTRIBUTES = {
    "controlMode": {
        "choice": "choice",
        "choiceExit": "choice_exit",
        "flow": "flow",
        "forwardOnly": "forward_only",
        "useCurrentAttemptObjectiveInfo": "current_objective_only",
        "useCurrentAttemptProgressInfo": "current_progress_only",
    },
    "limitConditions": {"attemptLimit": "attempt_limit"},
    "rollupRules": {
        "rollupObjectiveSatisfied": "rollup_satisfied",
        "rollupProgressCompletion": "rollup_completion",
        "objectiveMeasureWeight": "measure_weight",
    },
    "rollupConsiderations": {
        "requiredForSatisfied": "required_for_satisfied",
        "requiredForNotSatisfied": "required_for_not_satisfied",
        "requiredForCompleted": "required_for_completed",
        "requiredForIncomplete": "required_for_incomplete",
        "measureSatisfactionIfActive": "measure_satisfaction_if_active",
    },
    "deliveryControls": {
        "tracked": "tracked",
        "completionSetByContent": "completion_set_by_content",
        "objectiveSetByContent": "objective_set_by_content",
    },
    "constrainedChoiceConsiderations": {
        "preventActivation": "prevent_activation",
        "constrainChoice": "constrain_choice",
    },
}
COMPLETION_THRESHOLD = {
    "completedByMeasure": "completed_by_measure",
    "minProgressMeasure": "min_progress_measure",
    "progressWeight": "progress_weight",
}


@dataclass(frozen=True)
class Condition:
    """A sequencing or rollup rule condition; ``objective`` is the
    referencedObjective, "" for the primary objective."""

    name: str
    negated: bool = False
    objective: str = ""
    threshold: float = 0.0


@dataclass(frozen=True)
class Rule:
    action: str
    conditions: tuple[Condition, ...] = ()
    combination: str = "all"


@dataclass(frozen=True)
class RollupRule:
    action: str
    conditions: tuple[Condition, ...] = ()
    combination: str = "any"
    child_set: str = "all"
    minimum_count: int = 0
    minimum_percent: float = 0.0


@dataclass(frozen=True)
class ObjectiveMap:
    """A mapInfo: which FIELDS are read from and written to a global."""

    target: str
    reads: frozenset[str] = frozenset()
    writes: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Objective:
    key: str  # objectiveID, "" for a primary objective without one
    primary: bool = False
    satisfied_by_measure: bool = False
    min_measure: float = 1.0
    maps: tuple[ObjectiveMap, ...] = ()


@dataclass(frozen=True)
class Node:
    """An activity of the tree as the sequencer sees it."""

    identifier: str
    title: str
    launch: str = ""
    visible: bool = True
    parent: str | None = None
    children: tuple[str, ...] = ()
    depth: int = 0
    choice: bool = True
    choice_exit: bool = True
    flow: bool = False
    forward_only: bool = False
    current_objective_only: bool = True
    current_progress_only: bool = True
    pre_rules: tuple[Rule, ...] = ()
    exit_rules: tuple[Rule, ...] = ()
    post_rules: tuple[Rule, ...] = ()
    attempt_limit: int = 0  # 0: no limit
    rollup_rules: tuple[RollupRule, ...] = ()
    rollup_satisfied: bool = True
    rollup_completion: bool = True
    measure_weight: float = 1.0
    required_for_satisfied: str = "always"
    required_for_not_satisfied: str = "always"
    required_for_completed: str = "always"
    required_for_incomplete: str = "always"
    measure_satisfaction_if_active: bool = True
    tracked: bool = True
    completion_set_by_content: bool = False
    objective_set_by_content: bool = False
    prevent_activation: bool = False
    constrain_choice: bool = False
    completed_by_measure: bool = False
    min_progress_measure: float = 1.0
    progress_weight: float = 1.0
    objectives: tuple[Objective, ...] = (Objective("", primary=True),)

    @property
    def is_leaf(self) -> bool:
        return not self.children

    @property
    def primary(self) -> Objective:
        return self.objectives[0]

    def objective(self, key: str) -> Objective:
        """The objective a rule condition refers to; the primary one when
        ``key`` is empty or names no objective of this activity."""
        return next((o for o in self.objectives if key and o.key == key), self.primary)


DEFAULTS = {f.name: f.default for f in fields(Node)}


def node_from_activity(activity: Activity, parent: str | None, depth: int) -> Node:
    sequencing = activity.sequencing or {}
    return Node(
        identifier=activity.identifier,
        title=activity.title,
        launch=activity.launch,
        visible=activity.visible,
        parent=parent,
        children=tuple(child.identifier for child in activity.children),
        depth=depth,
        **_attributes(sequencing),
        **_given(activity.completion_threshold or {}, COMPLETION_THRESHOLD),
        **_rules(sequencing.get("sequencingRules") or {}),
        rollup_rules=_rollup_rules(sequencing.get("rollupRules") or {}),
        objectives=_objectives(sequencing),
    )


def _attributes(sequencing: dict) -> dict:
    found = {}
    for element, names in ATTRIBUTES.items():
        found.update(_given(sequencing.get(element) or {}, names))
    return found


def _given(element: dict, names: dict[str, str]) -> dict:
    """Only the attributes the manifest gives; Node's defaults do the rest."""
    return {
        field: _coerced(DEFAULTS[field], element[attribute])
        for attribute, field in names.items()
        if attribute in element
    }


def _coerced(default, value):
    """The value in the type of its default: XML booleans may be written
    "1"/"0", which the parser leaves as text."""
    if isinstance(default, bool):
        return value if isinstance(value, bool) else str(value).strip() in ("1", "true")
    return type(default)(value)


def _rules(rules: dict) -> dict:
    return {
        f"{kind}_rules": tuple(_rule(rule) for rule in rules.get(kind) or ())
        for kind in ("pre", "exit", "post")
    }


def _rule(data: dict) -> Rule:
    return Rule(
        action=data.get("action", ""),
        conditions=_conditions(data),
        combination=data.get("combination") or "all",
    )


def _conditions(data: dict) -> tuple[Condition, ...]:
    return tuple(
        Condition(
            name=condition.get("condition", ""),
            negated=condition.get("operator") == "not",
            objective=condition.get("referencedObjective", ""),
            threshold=float(condition.get("measureThreshold", 0.0)),
        )
        for condition in data.get("conditions") or ()
    )


def _rollup_rules(rollup: dict) -> tuple[RollupRule, ...]:
    return tuple(
        RollupRule(
            action=rule.get("action", ""),
            conditions=_conditions(rule),
            combination=rule.get("combination") or "any",
            child_set=rule.get("childActivitySet", "all"),
            minimum_count=int(rule.get("minimumCount", 0)),
            minimum_percent=float(rule.get("minimumPercent", 0.0)),
        )
        for rule in rollup.get("rules") or ()
    )


def _objectives(sequencing: dict) -> tuple[Objective, ...]:
    declared = sequencing.get("objectives") or {}
    adlseq_maps = {
        objective.get("objectiveID", ""): objective.get("mapInfo") or []
        for objective in sequencing.get("adlObjectives") or ()
    }
    primary = _objective(declared.get("primary") or {}, adlseq_maps, primary=True)
    others = (
        _objective(o, adlseq_maps)
        for o in declared.get("others") or ()
        if o.get("objectiveID")  # an unnamed objective could not be referenced
    )
    return (primary, *others)


def _objective(data: dict, adlseq_maps: dict, primary: bool = False) -> Objective:
    key = data.get("objectiveID", "")
    maps = [_map(m, IMSSS_MAP_FIELDS) for m in data.get("mapInfo") or ()]
    maps += [_map(m, ADLSEQ_MAP_FIELDS) for m in adlseq_maps.get(key, ()) if key]
    return Objective(
        key=key,
        primary=primary,
        satisfied_by_measure=_coerced(False, data.get("satisfiedByMeasure", False)),
        min_measure=float(data.get("minNormalizedMeasure", 1.0)),
        maps=tuple(m for m in maps if m.target),
    )


def _map(data: dict, names: dict[str, str]) -> ObjectiveMap:
    """Reads default to true and writes to false, for imsss and adlseq alike."""
    return ObjectiveMap(
        target=data.get("targetObjectiveID", ""),
        reads=frozenset(
            f
            for suffix, f in names.items()
            if _coerced(True, data.get(f"read{suffix}", True))
        ),
        writes=frozenset(
            f
            for suffix, f in names.items()
            if _coerced(False, data.get(f"write{suffix}", False))
        ),
    )
