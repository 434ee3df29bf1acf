"""What a SCO reported, turned into tracking data (the RTE book's mapping
of cmi.* onto the SN tracking model)."""

import re

from django.utils.translation import gettext as _

from .definition import Node
from .errors import SequencingError
from .rollup import rollup_all
from .state import local, record, write_globals
from .tree import Tree

SUCCESS = {"passed": True, "failed": False}
COMPLETION = {"completed": True, "incomplete": False, "not attempted": False}
OBJECTIVE_ID = re.compile(r"^cmi\.objectives\.(\d+)\.id$")


def _number(value) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


# cmi element (after "cmi." or "cmi.objectives.n.") -> (field, parser)
CMI_FIELDS = {
    "completion_status": ("completed", COMPLETION.get),
    "success_status": ("satisfied", SUCCESS.get),
    "score.scaled": ("measure", _number),
    "score.raw": ("raw", _number),
    "score.min": ("min", _number),
    "score.max": ("max", _number),
    "progress_measure": ("progress", _number),
}


def report(tree: Tree, state: dict, activity_id: str, sco: dict) -> dict:
    """Record ``sco``'s values on the activity (mutating ``state``) and roll
    up; an untracked activity records nothing but its suspension."""
    node = _reported_leaf(tree, activity_id)
    _record_exit(state, node, sco)
    if node.tracked:
        _record_objectives(state, node, sco)
        _record_values(local(state, node), sco, "cmi.")
        write_globals(state, node)
        rollup_all(tree, state)
    return state


def _reported_leaf(tree: Tree, activity_id: str) -> Node:
    node = tree.get(activity_id)
    if node is None or not node.is_leaf:
        raise SequencingError(
            None,
            _("The package has no SCO “%(activity)s” to record results for.")
            % {"activity": activity_id},
        )
    return node


def _record_exit(state: dict, node: Node, sco: dict) -> None:
    """cmi.exit "suspend" makes the next delivery a resumption (RTE 4.2.8)."""
    if "cmi.exit" in sco:
        record(state, node)["suspended"] = sco["cmi.exit"] == "suspend"


def _record_objectives(state: dict, node: Node, sco: dict) -> None:
    """cmi.objectives.n.* of objectives the manifest declares; the others
    are the SCO's own business."""
    declared = {o.key: o for o in node.objectives if o.key}
    for key, identifier in sco.items():
        found = OBJECTIVE_ID.match(key)
        if found and identifier in declared:
            prefix = f"cmi.objectives.{found.group(1)}."
            _record_values(local(state, node, declared[identifier]), sco, prefix)


def _record_values(values: dict, sco: dict, prefix: str) -> None:
    for element, (field, parse) in CMI_FIELDS.items():
        if prefix + element in sco:
            values[field] = parse(sco[prefix + element])
