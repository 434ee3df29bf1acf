"""The Overall Sequencing Process (SN book OP.1) and the Navigation Request
Process (NB.2.1).

A request is carried out on a copy of the state; when any process refuses
it the caller gets the state it gave, untouched, with the refusal. (The SN
book would already have ended the current attempt before, say, a choice
fails in delivery; keeping the state lets the learner carry on where they
were.)"""

import copy

from .choice import choose
from .data import NavRequest, NavResult
from .definition import Node
from .delivery import check_deliverable, deliver
from .errors import SequencingError, not_started
from .flow import EndOfCourse
from .requests import Outcome, sequence
from .state import current_node, record
from .termination import end_attempt, end_descendent_attempts, terminate
from .tree import Tree


def navigate(tree: Tree, state: dict, request: str, target: str | None) -> NavResult:
    try:
        return _carry_out(tree, copy.deepcopy(state), _request(request), target)
    except SequencingError as error:
        if _start_needs_a_choice(request, error):
            return _start_by_choice(tree, state, error)
        return _refused(state, error)


def _request(request: str) -> NavRequest:
    try:
        return NavRequest(request)
    except ValueError:
        raise SequencingError("NB.2.1-13") from None


def _refused(state: dict, error: SequencingError) -> NavResult:
    return NavResult(state=copy.deepcopy(state), error=error.message, code=error.code)


def _start_needs_a_choice(request: str, error: SequencingError) -> bool:
    """Without flow at the top (the SN default) start finds nothing to
    deliver; LMSs then let the learner choose, and here the first activity
    that may be chosen opens."""
    return request == NavRequest.START and error.code == "SB.2.2-1"


def _start_by_choice(tree: Tree, state: dict, error: SequencingError) -> NavResult:
    leaves = (node for node in tree.preorder if node.is_leaf)
    first = next((n for n in leaves if choice_allowed(tree, state, n)), None)
    if first is None:
        return _refused(state, error)
    return navigate(tree, state, NavRequest.CHOICE, first.identifier)


def _carry_out(tree: Tree, state: dict, request: NavRequest, target: str | None):
    """OP.1: navigation, termination, sequencing, delivery."""
    termination, sequencing, node = navigation_request(tree, state, request, target)
    if termination is not None:
        sequencing = terminate(tree, state, termination) or sequencing
    outcome = sequence(tree, state, sequencing, node) if sequencing else Outcome()
    if outcome.ends:
        _end_session(tree, state)
        return NavResult(ended=True, state=state)
    if outcome.deliver is None:
        return NavResult(state=state)
    check_deliverable(tree, state, outcome.deliver)
    new_attempt = deliver(tree, state, outcome.deliver)
    return NavResult(
        deliver=outcome.deliver.identifier, state=state, new_attempt=new_attempt
    )


def _end_session(tree: Tree, state: dict) -> None:
    """Whatever is still open closes; a later start is a new attempt."""
    if record(state, tree.root)["active"]:
        end_descendent_attempts(tree, state, tree.root)
        end_attempt(tree, state, tree.root)
    state["current"] = None


def choice_allowed(tree: Tree, state: dict, node: Node) -> bool:
    """Would a choice of ``node`` be honoured now? Checked without ending
    the current attempt first, as a course outline needs."""
    try:
        _choice(tree, state, node.identifier)
        check_deliverable(tree, state, choose(tree, state, node))
    except (SequencingError, EndOfCourse):
        return False
    return True


def navigation_request(tree: Tree, state: dict, request: NavRequest, target):
    """NB.2.1: (termination request, sequencing request, target node)."""
    return NAVIGATION[request](tree, state, target)


def _current(tree: Tree, state: dict, code: str, message=None) -> Node:
    current = current_node(tree, state)
    if current is None:
        raise SequencingError(code, message)
    return current


def _exit_if_active(state: dict, node: Node | None) -> str | None:
    return "exit" if node is not None and record(state, node)["active"] else None


def _no_session(state: dict) -> None:
    if state["current"] is not None:
        raise SequencingError("NB.2.1-1")


def _target(tree: Tree, target: str | None) -> Node:
    node = tree.get(target)
    if node is None:
        raise SequencingError("NB.2.1-11")
    return node


def _start(tree: Tree, state: dict, _target):
    _no_session(state)
    return None, "start", None


def _resume_all(tree: Tree, state: dict, _target):
    _no_session(state)
    if state["suspended"] is None:
        raise SequencingError("NB.2.1-3")
    return None, "resumeAll", None


def _continue(tree: Tree, state: dict, _target):
    current = _current(tree, state, "NB.2.1-1", not_started())
    parent = tree.parent(current)
    if parent is None or not parent.flow:
        raise SequencingError("NB.2.1-4")
    return _exit_if_active(state, current), "continue", None


def _previous(tree: Tree, state: dict, _target):
    current = _current(tree, state, "NB.2.1-2")
    parent = tree.parent(current)
    if parent is None:
        raise SequencingError("NB.2.1-6")
    if not parent.flow or parent.forward_only:
        raise SequencingError("NB.2.1-5")
    return _exit_if_active(state, current), "previous", None


def _choice(tree: Tree, state: dict, target: str | None):
    node = _target(tree, target)
    parent = tree.parent(node)
    if parent is not None and not parent.choice:
        raise SequencingError("NB.2.1-10")
    current = current_node(tree, state)
    if current is not None:
        _check_choice_exit(tree, state, current, node)
    return _exit_if_active(state, current), "choice", node


def _check_choice_exit(tree: Tree, state: dict, current: Node, target: Node) -> None:
    ancestor = tree.common_ancestor(current, target)
    for node in tree.path_up(current, ancestor) or [current]:
        if record(state, node)["active"] and not node.choice_exit:
            raise SequencingError("NB.2.1-8")


def _jump(tree: Tree, state: dict, target: str | None):
    node = _target(tree, target)
    return _exit_if_active(state, current_node(tree, state)), "jump", node


def _exit(tree: Tree, state: dict, _target):
    current = _current(tree, state, "NB.2.1-2")
    if not record(state, current)["active"]:
        raise SequencingError("NB.2.1-12")
    return "exit", "exit", None


def _abandon(tree: Tree, state: dict, _target):
    current = _current(tree, state, "NB.2.1-2")
    if not record(state, current)["active"]:
        raise SequencingError("NB.2.1-12")
    return "abandon", "exit", None


def _ending(termination: str):
    def request(tree: Tree, state: dict, _target):
        _current(tree, state, "NB.2.1-2")
        return termination, "exit", None

    return request


NAVIGATION = {
    NavRequest.START: _start,
    NavRequest.RESUME_ALL: _resume_all,
    NavRequest.CONTINUE: _continue,
    NavRequest.PREVIOUS: _previous,
    NavRequest.CHOICE: _choice,
    NavRequest.JUMP: _jump,
    NavRequest.EXIT: _exit,
    NavRequest.ABANDON: _abandon,
    NavRequest.EXIT_ALL: _ending("exitAll"),
    NavRequest.SUSPEND_ALL: _ending("suspendAll"),
    NavRequest.ABANDON_ALL: _ending("abandonAll"),
}
