"""Walking the tree: the Flow Subprocesses (SN book SB.2.1–SB.2.3), the
Choice Activity Traversal Subprocess (SB.2.4) and the Choice Flow
Subprocess (SB.2.9.1) used by constrained choice.

Every child is available: selection and randomisation are not
implemented, so "available children" are all children in manifest order."""

from . import rules
from .definition import Node
from .errors import SequencingError
from .tree import Tree

FORWARD = "forward"
BACKWARD = "backward"


class EndOfCourse(Exception):
    """A forward walk went past the last activity: the sequencing session
    ends (SB.2.1 step 2.1)."""


def traverse(
    tree: Tree, node: Node, direction: str, consider_children: bool, previous=None
) -> tuple[Node, str]:
    """SB.2.1 Flow Tree Traversal: the next activity and the direction the
    walk now goes."""
    if previous == BACKWARD and tree.is_last_child(node):
        # Forward through a forwardOnly cluster entered backward ran out:
        # turn round and leave the cluster backward.
        return _backward_out(tree, tree.first_child(tree.parent(node)))
    if direction == FORWARD:
        return _forward(tree, node, consider_children), FORWARD
    return _backward(tree, node, consider_children)


def _forward(tree: Tree, node: Node, consider_children: bool) -> Node:
    if consider_children and not node.is_leaf:
        return tree.first_child(node)
    while not tree.is_root(node):
        sibling = tree.next_sibling(node)
        if sibling is not None:
            return sibling
        node = tree.parent(node)
    raise EndOfCourse


def _backward(tree: Tree, node: Node, consider_children: bool) -> tuple[Node, str]:
    if not consider_children or node.is_leaf:
        return _backward_out(tree, node)
    if node.forward_only:
        return tree.first_child(node), FORWARD
    return tree.last_child(node), BACKWARD


def _backward_out(tree: Tree, node: Node) -> tuple[Node, str]:
    while not tree.is_root(node):
        sibling = tree.previous_sibling(node)
        if sibling is not None:
            return sibling, BACKWARD
        node = tree.parent(node)
    raise SequencingError("SB.2.1-3")


def flow_activity(
    tree: Tree, state: dict, node: Node, direction: str, previous=None
) -> Node:
    """SB.2.2 Flow Activity Traversal: the leaf flow delivers, passing over
    skipped activities and descending into clusters."""
    parent = tree.parent(node)
    if parent is not None and not parent.flow:
        raise SequencingError("SB.2.2-1")
    if rules.skipped(state, node):
        following, went = traverse(tree, node, direction, False, previous)
        keep = None if previous == BACKWARD and went == BACKWARD else previous
        return flow_activity(tree, state, following, went, keep)
    if rules.blocked(state, node):
        raise SequencingError("SB.2.2-2")
    if node.is_leaf:
        return node
    inner, went = traverse(tree, node, direction, True)
    turned = BACKWARD if direction == BACKWARD and went == FORWARD else None
    return flow_activity(tree, state, inner, went, turned)


def flow(
    tree: Tree, state: dict, node: Node, direction: str, consider_children: bool
) -> Node:
    """SB.2.3 Flow Subprocess; raises EndOfCourse past the last activity."""
    following, went = traverse(tree, node, direction, consider_children)
    return flow_activity(tree, state, following, went)


def check_choice_step(tree: Tree, state: dict, node: Node, direction: str) -> None:
    """SB.2.4 Choice Activity Traversal."""
    if direction == FORWARD:
        if rules.stops_forward_traversal(state, node):
            raise SequencingError("SB.2.4-1")
        return
    parent = tree.parent(node)
    if parent is None:
        raise SequencingError("SB.2.4-3")
    if parent.forward_only:
        raise SequencingError("SB.2.4-2")


def choice_flow(tree: Tree, node: Node, direction: str) -> Node:
    """SB.2.9.1: the activity beside ``node`` in ``direction`` without
    descending, or ``node`` itself at the edge of the tree."""
    step = tree.next_sibling if direction == FORWARD else tree.previous_sibling
    walker = node
    while not tree.is_root(walker):
        sibling = step(walker)
        if sibling is not None:
            return sibling
        walker = tree.parent(walker)
    return node
