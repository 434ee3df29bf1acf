"""The tracking state: one JSON-serialisable dict per learner and package.

Shape::

    {"current": id | None, "suspended": id | None,
     "globals": {targetObjectiveID: {FIELD: value | None}},
     "activities": {id: {"attempts": int, "active": bool, "suspended": bool,
                         "parent_attempt": int,
                         "objectives": {objectiveID: {FIELD: value | None}}}}}

None stands for the SN book's "status known = false". The primary
objective also carries the activity's attempt completion ("completed") and
completion amount ("progress"), which 4th Edition ties to it.
``parent_attempt`` is the parent's attempt count when this activity's
current attempt began: rollup uses it for useCurrentAttemptObjectiveInfo
and useCurrentAttemptProgressInfo.
"""

import copy

from .definition import FIELDS, Node, Objective
from .tree import Tree

OBJECTIVE_FIELDS = frozenset({"satisfied", "measure", "raw", "min", "max"})
PROGRESS_FIELDS = frozenset({"completed", "progress"})


def new_state(tree: Tree) -> dict:
    return {
        "current": None,
        "suspended": None,
        "globals": {},
        "activities": {node.identifier: _new_record(node) for node in tree.preorder},
    }


def _new_record(node: Node) -> dict:
    return {
        "attempts": 0,
        "active": False,
        "suspended": False,
        "parent_attempt": 0,
        "objectives": _blank_objectives(node),
    }


def _blank_objectives(node: Node) -> dict:
    return {objective.key: dict.fromkeys(FIELDS) for objective in node.objectives}


def normalised(tree: Tree, state: dict) -> dict:
    """``state`` itself when it fits the tree, else a copy completed with
    blank records (a state saved under an earlier version of the package)."""
    if all(_fits(node, state) for node in tree.preorder):
        return state
    fixed = copy.deepcopy(state)
    for node in tree.preorder:
        record = fixed.setdefault("activities", {}).setdefault(
            node.identifier, _new_record(node)
        )
        for key, blank in _blank_objectives(node).items():
            record["objectives"].setdefault(key, blank)
    fixed.setdefault("globals", {})
    return fixed


def _fits(node: Node, state: dict) -> bool:
    record = state.get("activities", {}).get(node.identifier)
    return record is not None and all(
        o.key in record["objectives"] for o in node.objectives
    )


def record(state: dict, node: Node) -> dict:
    return state["activities"][node.identifier]


def local(state: dict, node: Node, objective: Objective | None = None) -> dict:
    """The values recorded on the activity itself (before global reads)."""
    return record(state, node)["objectives"][(objective or node.primary).key]


def current_node(tree: Tree, state: dict) -> Node | None:
    return tree.get(state["current"])


def status(
    state: dict, node: Node, objective: Objective | None = None, stale=frozenset()
) -> dict:
    """An objective's values as sequencing sees them: the local ones, each
    replaced by a known global value its read maps allow; ``stale`` fields
    count as unknown locally."""
    objective = objective or node.primary
    values = local(state, node, objective)
    seen = {f: None if f in stale else values[f] for f in FIELDS}
    for mapping in objective.maps:
        shared = state["globals"].get(mapping.target, {})
        for f in mapping.reads:
            if shared.get(f) is not None:
                seen[f] = shared[f]
    return seen


def write_globals(state: dict, node: Node) -> None:
    """Copy the known local values to the globals the write maps name."""
    for objective in node.objectives:
        values = local(state, node, objective)
        for mapping in objective.maps:
            for f in mapping.writes:
                if values[f] is not None:
                    shared = state["globals"].setdefault(
                        mapping.target, dict.fromkeys(FIELDS)
                    )
                    shared[f] = values[f]


def stale_fields(state: dict, parent: Node, child: Node) -> frozenset:
    """What of ``child`` rollup into ``parent`` must ignore: values from an
    attempt that began during an earlier attempt on ``parent``."""
    if record(state, child)["parent_attempt"] == record(state, parent)["attempts"]:
        return frozenset()
    stale = OBJECTIVE_FIELDS if parent.current_objective_only else frozenset()
    return stale | (PROGRESS_FIELDS if parent.current_progress_only else frozenset())


def begin_attempt(tree: Tree, state: dict, node: Node) -> None:
    """DB.2 step 4: count the attempt and start its tracking afresh."""
    entry = record(state, node)
    entry["attempts"] += 1
    entry["objectives"] = _blank_objectives(node)
    parent = tree.parent(node)
    entry["parent_attempt"] = record(state, parent)["attempts"] if parent else 0
    if (
        parent is None
        and entry["attempts"] > 1
        and not tree.objectives_global_to_system
    ):
        # Globals scoped to the package belong to one attempt on the course.
        state["globals"] = {}
