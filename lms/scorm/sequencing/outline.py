"""Read-only views of the state: the course outline, the package's overall
status, objective values to load into a SCO, and neighbouring leaves."""

from django.utils.translation import gettext as _

from . import rules
from .data import RootStatus, TocEntry
from .definition import Node
from .errors import SequencingError
from .navigation import choice_allowed
from .state import status
from .tree import Tree

COMPLETION_WORDS = {True: "completed", False: "incomplete", None: "unknown"}
SUCCESS_WORDS = {True: "passed", False: "failed", None: "unknown"}
# Tracking field -> (cmi.objectives.n element, value as the RTE writes it).
CMI_VALUES = {
    "satisfied": ("success_status", SUCCESS_WORDS.get),
    "completed": ("completion_status", COMPLETION_WORDS.get),
    "measure": ("score.scaled", str),
    "raw": ("score.raw", str),
    "min": ("score.min", str),
    "max": ("score.max", str),
    "progress": ("progress_measure", str),
}


def table_of_contents(tree: Tree, state: dict) -> list[TocEntry]:
    return [_entry(tree, state, node) for node in tree.preorder]


def _entry(tree: Tree, state: dict, node: Node) -> TocEntry:
    values = status(state, node)
    return TocEntry(
        identifier=node.identifier,
        title=node.title,
        depth=node.depth,
        visible=shown(state, node),
        is_leaf=node.is_leaf,
        enabled=choice_allowed(tree, state, node),
        completion=COMPLETION_WORDS[values["completed"]],
        success=SUCCESS_WORDS[values["satisfied"]],
        current=node.identifier == state["current"],
    )


def shown(state: dict, node: Node) -> bool:
    return node.visible and not rules.hidden_from_choice(state, node)


def root_status(tree: Tree, state: dict) -> RootStatus:
    values = status(state, tree.root)
    return RootStatus(
        completion=COMPLETION_WORDS[values["completed"]],
        success=SUCCESS_WORDS[values["satisfied"]],
        measure=values["measure"],
        progress_measure=values["progress"],
    )


def objective_values(tree: Tree, state: dict, activity_id: str) -> dict:
    """cmi.objectives.* for the objectives the manifest declares with an ID
    (the primary one first), with every value known locally or through a
    read map."""
    node = _known(tree, activity_id)
    found = {}
    named = [o for o in node.objectives if o.key]
    for index, objective in enumerate(named):
        prefix = f"cmi.objectives.{index}."
        found[prefix + "id"] = objective.key
        for field, value in status(state, node, objective).items():
            if value is not None:
                element, written = CMI_VALUES[field]
                found[prefix + element] = written(value)
    return found


def neighbour_leaf(tree: Tree, state: dict, current: str | None, step: int):
    """The next (step 1) or previous (step -1) launchable, visible leaf in
    tree order; from no current activity, the first one going forward."""
    leaves = [n for n in tree.preorder if n.is_leaf and n.launch and shown(state, n)]
    if current is None:
        return leaves[0].identifier if leaves and step > 0 else None
    here = tree.position(_known(tree, current))
    ahead = [n for n in leaves if (tree.position(n) - here) * step > 0]
    if not ahead:
        return None
    return (ahead[0] if step > 0 else ahead[-1]).identifier


def _known(tree: Tree, activity_id: str) -> Node:
    node = tree.get(activity_id)
    if node is None:
        raise SequencingError(
            None,
            _("The package has no activity “%(activity)s”.")
            % {"activity": activity_id},
        )
    return node
