"""Ending attempts: the End Attempt Process (SN book UP.4), Terminate
Descendent Attempts (UP.3) and the Termination Request Process (TB.2.3)
with its exit-condition (TB.2.1) and post-condition (TB.2.2) rules."""

from . import rules
from .definition import Node
from .errors import SequencingError
from .rollup import rollup_all
from .state import current_node, local, record, write_globals
from .tree import Tree

# Post-condition action -> (termination request, sequencing request).
POST_REQUESTS = {
    "exitParent": ("exitParent", None),
    "exitAll": ("exitAll", None),
    "retry": (None, "retry"),
    "retryAll": ("exitAll", "retry"),
    "continue": (None, "continue"),
    "previous": (None, "previous"),
}


def end_attempt(tree: Tree, state: dict, node: Node) -> None:
    """UP.4, then Overall Rollup."""
    entry = record(state, node)
    if node.is_leaf:
        _settle_leaf(state, node)
    else:
        entry["suspended"] = any(
            record(state, child)["suspended"] for child in tree.children(node)
        )
    entry["active"] = False
    rollup_all(tree, state)


def _settle_leaf(state: dict, node: Node) -> None:
    """Unless the content is trusted to say so, an attempt that ends (not
    suspended) without a status counts as completed and satisfied."""
    if not node.tracked or record(state, node)["suspended"]:
        return
    values = local(state, node)
    if not node.completion_set_by_content and values["completed"] is None:
        values["completed"] = True
    if not node.objective_set_by_content and values["satisfied"] is None:
        values["satisfied"] = True
    write_globals(state, node)


def end_descendent_attempts(tree: Tree, state: dict, node: Node) -> None:
    """UP.3: end the attempts between the current activity and its common
    ancestor with ``node``, both left out."""
    current = current_node(tree, state)
    if current is None:
        return
    ancestor = tree.common_ancestor(current, node)
    for between in tree.path_up(current, ancestor)[1:]:
        end_attempt(tree, state, between)


def terminate(tree: Tree, state: dict, request: str) -> str | None:
    """TB.2.3; returns the sequencing request that replaces the pending one."""
    current = current_node(tree, state)
    if current is None:
        raise SequencingError("TB.2.3-1")
    if request in ("exit", "abandon") and not record(state, current)["active"]:
        raise SequencingError("TB.2.3-2")
    return TERMINATIONS[request](tree, state)


def _exit(tree: Tree, state: dict) -> str | None:
    end_attempt(tree, state, current_node(tree, state))
    if _apply_exit_rules(tree, state) == "exitAll":
        return _exit_all(tree, state)
    return _follow_post_conditions(tree, state)


def _apply_exit_rules(tree: Tree, state: dict) -> str | None:
    """TB.2.1: the first ancestor, from the root down, whose exit rule fires
    ends its attempt and becomes the current activity."""
    for node in tree.path_from_root(current_node(tree, state))[:-1]:
        action = rules.exit_action(state, node)
        if action == "exitAll":
            return action
        if action is not None:
            parent = tree.parent(node) if action == "exitParent" else None
            _exit_to(tree, state, parent or node)
            return action
    return None


def _exit_to(tree: Tree, state: dict, node: Node) -> None:
    end_descendent_attempts(tree, state, node)
    end_attempt(tree, state, node)
    state["current"] = node.identifier


def _follow_post_conditions(tree: Tree, state: dict) -> str | None:
    """TB.2.3 step 3.3: exitParent climbs and asks the parent again."""
    while True:
        termination, sequencing = _post_condition_requests(tree, state)
        if termination == "exitAll":
            return _exit_all(tree, state, sequencing)
        current = current_node(tree, state)
        if termination != "exitParent":
            is_root_exit = tree.is_root(current) and sequencing != "retry"
            return "exit" if is_root_exit else sequencing
        if tree.is_root(current):
            raise SequencingError("TB.2.3-4")
        parent = tree.parent(current)
        state["current"] = parent.identifier
        end_attempt(tree, state, parent)


def _post_condition_requests(tree: Tree, state: dict) -> tuple[str | None, str | None]:
    """TB.2.2; a suspended activity's post conditions are not looked at."""
    current = current_node(tree, state)
    if record(state, current)["suspended"]:
        return None, None
    return POST_REQUESTS.get(rules.post_action(state, current), (None, None))


def _exit_all(tree: Tree, state: dict, sequencing: str | None = None) -> str:
    current = current_node(tree, state)
    if record(state, current)["active"]:
        end_attempt(tree, state, current)
    end_descendent_attempts(tree, state, tree.root)
    end_attempt(tree, state, tree.root)
    state["current"] = tree.root.identifier
    # retryAll is exitAll followed by a retry of the root.
    return "retry" if sequencing == "retry" else "exit"


def _suspend_all(tree: Tree, state: dict) -> str:
    current = current_node(tree, state)
    entry = record(state, current)
    if entry["active"] or entry["suspended"]:
        rollup_all(tree, state)
        suspended = current
    elif not tree.is_root(current):
        suspended = tree.parent(current)
    else:
        raise SequencingError("TB.2.3-3")
    state["suspended"] = suspended.identifier
    for node in tree.ancestry(suspended):
        record(state, node).update(active=False, suspended=True)
    state["current"] = tree.root.identifier
    return "exit"


def _abandon(tree: Tree, state: dict) -> None:
    record(state, current_node(tree, state))["active"] = False


def _abandon_all(tree: Tree, state: dict) -> str:
    for node in tree.ancestry(current_node(tree, state)):
        record(state, node)["active"] = False
    state["current"] = tree.root.identifier
    return "exit"


TERMINATIONS = {
    "exit": _exit,
    "exitAll": _exit_all,
    "suspendAll": _suspend_all,
    "abandon": _abandon,
    "abandonAll": _abandon_all,
}
