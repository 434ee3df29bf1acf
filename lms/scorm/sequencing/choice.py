"""The Choice Sequencing Request Process (SN book SB.2.9): may the learner
go from the current activity to the one chosen, and which leaf opens."""

from . import rules
from .definition import Node
from .errors import SequencingError
from .flow import BACKWARD, FORWARD, EndOfCourse, check_choice_step, choice_flow, flow
from .state import current_node, record
from .tree import Tree


def choose(tree: Tree, state: dict, target: Node) -> Node:
    """The leaf a choice of ``target`` delivers; raises SequencingError."""
    if any(rules.hidden_from_choice(state, n) for n in tree.path_from_root(target)):
        raise SequencingError("SB.2.9-3")
    parent = tree.parent(target)
    if parent is not None and not parent.choice:
        raise SequencingError("SB.2.9-4")
    _check_route(tree, state, current_node(tree, state), target)
    if target.is_leaf:
        return target
    try:
        return flow(tree, state, target, FORWARD, True)
    except (SequencingError, EndOfCourse):
        raise SequencingError("SB.2.9-9") from None


def _check_route(tree: Tree, state: dict, current: Node | None, target: Node) -> None:
    if current is target:
        return
    if current is None:
        return _check_descent(tree, state, tree.root, target)
    ancestor = tree.common_ancestor(current, target)
    if tree.are_siblings(current, target):
        return _check_siblings(tree, state, current, target)
    if ancestor is current:
        return _check_descent(tree, state, ancestor, target)
    if ancestor is target:
        return _check_leaving(state, tree.path_up(current, target))
    return _check_across(tree, state, current, target, ancestor)


def _check_siblings(tree: Tree, state: dict, current: Node, target: Node) -> None:
    """Case 2: every activity passed between the two may be traversed."""
    siblings = tree.children(tree.parent(current))
    start, end = siblings.index(current), siblings.index(target)
    if start < end:
        passed, direction = siblings[start : end + 1], FORWARD
    else:
        passed, direction = siblings[end : start + 1][::-1], BACKWARD
    for node in passed:
        check_choice_step(tree, state, node, direction)


def _check_descent(tree: Tree, state: dict, ancestor: Node, target: Node) -> None:
    """Case 3 (and the forward half of case 5): going down into the target
    passes no stopForwardTraversal and starts no prevented activation."""
    for node in tree.path_down(ancestor, target):
        check_choice_step(tree, state, node, FORWARD)
    _check_activation(tree, state, ancestor, target)


def _check_activation(tree: Tree, state: dict, ancestor: Node, target: Node) -> None:
    """adlseq:preventActivation: a cluster below the common ancestor that
    is not active may not be started by choice."""
    for node in tree.path_down(ancestor, target)[1:]:
        prevented = node.prevent_activation and not node.is_leaf
        if prevented and not record(state, node)["active"]:
            raise SequencingError("SB.2.9-6")


def _check_leaving(state: dict, path: list[Node]) -> None:
    """Case 4 (target is an ancestor): no active activity left behind
    forbids choice exit."""
    if any(record(state, n)["active"] and not n.choice_exit for n in path):
        raise SequencingError("SB.2.9-7")


def _check_across(
    tree: Tree, state: dict, current: Node, target: Node, ancestor: Node
) -> None:
    """Case 5: up from the current activity, then down to the target."""
    leaving = tree.path_up(current, ancestor)
    _check_leaving(state, leaving)
    constrained = next((node for node in leaving if node.constrain_choice), None)
    if constrained is not None:
        _check_constraint(tree, constrained, target)
    if tree.is_forward(target, current):
        _check_descent(tree, state, ancestor, target)
    else:
        _check_activation(tree, state, ancestor, target)


def _check_constraint(tree: Tree, constrained: Node, target: Node) -> None:
    """adlseq:constrainChoice: from inside ``constrained`` only the activity
    just before or just after it (or inside those) may be chosen."""
    direction = FORWARD if tree.is_forward(target, constrained) else BACKWARD
    neighbour = choice_flow(tree, constrained, direction)
    allowed = target is neighbour or tree.is_descendant(target, neighbour)
    if not (allowed or target is constrained):
        raise SequencingError("SB.2.9-8")
