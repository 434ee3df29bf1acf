"""The Sequencing Request Process (SN book SB.2.12) and the processes it
dispatches to (SB.2.5–SB.2.13): which leaf to deliver next, or that the
sequencing session ends."""

from dataclasses import dataclass

from .choice import choose
from .definition import Node
from .errors import SequencingError
from .flow import BACKWARD, FORWARD, EndOfCourse, flow
from .state import current_node, record
from .tree import Tree


@dataclass(frozen=True)
class Outcome:
    deliver: Node | None = None
    ends: bool = False


def sequence(tree: Tree, state: dict, request: str, target: Node | None) -> Outcome:
    handler = HANDLERS.get(request)
    if handler is None:
        raise SequencingError("SB.2.12-1")
    return handler(tree, state, target)


def _flowing(tree: Tree, state: dict, node: Node, direction: str, children: bool):
    try:
        return Outcome(deliver=flow(tree, state, node, direction, children))
    except EndOfCourse:
        return Outcome(ends=True)


def _current(tree: Tree, state: dict, code: str) -> Node:
    current = current_node(tree, state)
    if current is None:
        raise SequencingError(code)
    return current


def _start(tree: Tree, state: dict, _target) -> Outcome:
    if state["current"] is not None:
        raise SequencingError("SB.2.5-1")
    if tree.root.is_leaf:
        return Outcome(deliver=tree.root)
    return _flowing(tree, state, tree.root, FORWARD, True)


def _resume_all(tree: Tree, state: dict, _target) -> Outcome:
    if state["current"] is not None:
        raise SequencingError("SB.2.6-1")
    if state["suspended"] is None:
        raise SequencingError("SB.2.6-2")
    suspended = tree.node(state["suspended"])
    if suspended.is_leaf:
        return Outcome(deliver=suspended)
    # Suspending after an exit suspends the cluster, which cannot itself be
    # delivered (DB.1.1-1): resume by flowing into it instead.
    return _flowing(tree, state, suspended, FORWARD, True)


def _continue(tree: Tree, state: dict, _target) -> Outcome:
    current = _current(tree, state, "SB.2.7-1")
    parent = tree.parent(current)
    if parent is not None and not parent.flow:
        raise SequencingError("SB.2.7-2")
    return _flowing(tree, state, current, FORWARD, False)


def _previous(tree: Tree, state: dict, _target) -> Outcome:
    current = _current(tree, state, "SB.2.8-1")
    parent = tree.parent(current)
    if parent is not None and not parent.flow:
        raise SequencingError("SB.2.8-2")
    return _flowing(tree, state, current, BACKWARD, False)


def _choice(tree: Tree, state: dict, target: Node) -> Outcome:
    return Outcome(deliver=choose(tree, state, target))


def _jump(tree: Tree, state: dict, target: Node) -> Outcome:
    """SB.2.13: straight to the target, whatever the rules on the way;
    delivery still refuses a disabled one."""
    return Outcome(deliver=target)


def _retry(tree: Tree, state: dict, _target) -> Outcome:
    current = _current(tree, state, "SB.2.10-1")
    entry = record(state, current)
    if entry["active"] or entry["suspended"]:
        raise SequencingError("SB.2.10-2")
    if current.is_leaf:
        return Outcome(deliver=current)
    try:
        return Outcome(deliver=flow(tree, state, current, FORWARD, True))
    except (SequencingError, EndOfCourse):
        raise SequencingError("SB.2.10-3") from None


def _exit(tree: Tree, state: dict, _target) -> Outcome:
    current = _current(tree, state, "SB.2.11-1")
    if record(state, current)["active"]:
        raise SequencingError("SB.2.11-2")
    return Outcome(ends=tree.is_root(current))


HANDLERS = {
    "start": _start,
    "resumeAll": _resume_all,
    "continue": _continue,
    "previous": _previous,
    "choice": _choice,
    "jump": _jump,
    "retry": _retry,
    "exit": _exit,
}
