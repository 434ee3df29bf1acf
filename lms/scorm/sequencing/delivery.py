"""Delivery: the Delivery Request Process (SN book DB.1.1) and the Content
Delivery Environment Process (DB.2) with Clear Suspended Activity
(DB.2.1)."""

from django.utils.translation import gettext as _

from . import rules
from .definition import Node
from .errors import SequencingError
from .state import begin_attempt, current_node, record
from .termination import end_descendent_attempts
from .tree import Tree


def check_deliverable(tree: Tree, state: dict, node: Node) -> None:
    """DB.1.1: a leaf with something to launch, nothing on its path disabled
    or out of attempts."""
    if not node.is_leaf:
        raise SequencingError("DB.1.1-1")
    if not node.launch:
        raise SequencingError("DB.1.1-1", _("This item has nothing to open."))
    if any(rules.blocked(state, a) for a in tree.path_from_root(node)):
        raise SequencingError("DB.1.1-3")


def deliver(tree: Tree, state: dict, node: Node) -> bool:
    """DB.2; True when ``node`` starts a new attempt, False when it resumes."""
    current = current_node(tree, state)
    if current is not None and record(state, current)["active"]:
        raise SequencingError("DB.2-1")
    if state["suspended"] not in (None, node.identifier):
        clear_suspended(tree, state, node)
    end_descendent_attempts(tree, state, node)
    resumes = record(state, node)["suspended"]
    for activity in tree.path_from_root(node):
        _activate(tree, state, activity)
    state["current"] = node.identifier
    state["suspended"] = None
    return not resumes


def _activate(tree: Tree, state: dict, node: Node) -> None:
    entry = record(state, node)
    if entry["active"]:
        return
    if entry["suspended"]:
        entry["suspended"] = False
    elif node.tracked:
        begin_attempt(tree, state, node)
    entry["active"] = True


def clear_suspended(tree: Tree, state: dict, target: Node) -> None:
    """DB.2.1: a delivery elsewhere gives up the suspended attempt."""
    suspended = tree.node(state["suspended"])
    ancestor = tree.common_ancestor(target, suspended)
    for node in [*tree.path_up(suspended, ancestor), ancestor]:
        children = tree.children(node)
        if not any(record(state, child)["suspended"] for child in children):
            record(state, node)["suspended"] = False
    state["suspended"] = None
