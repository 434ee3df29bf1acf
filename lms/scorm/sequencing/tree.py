"""The activity tree: nodes in preorder and the walks the SN book's
processes take over it (paths, siblings, common ancestors)."""

from ..data import Activity, Manifest
from .definition import Node, node_from_activity


class Tree:
    """Read-only; built once per manifest."""

    def __init__(self, nodes: list[Node], objectives_global_to_system: bool = True):
        self.preorder = tuple(nodes)
        self.root = nodes[0]
        self.objectives_global_to_system = objectives_global_to_system
        self._by_id = {node.identifier: node for node in nodes}
        self._position = {node.identifier: index for index, node in enumerate(nodes)}

    def get(self, identifier: str | None) -> Node | None:
        return self._by_id.get(identifier) if identifier else None

    def node(self, identifier: str) -> Node:
        return self._by_id[identifier]

    def parent(self, node: Node) -> Node | None:
        return self.get(node.parent)

    def children(self, node: Node) -> tuple[Node, ...]:
        return tuple(self._by_id[child] for child in node.children)

    def is_root(self, node: Node) -> bool:
        return node.parent is None

    def position(self, node: Node) -> int:
        return self._position[node.identifier]

    def is_forward(self, node: Node, of: Node) -> bool:
        """``node`` comes after ``of`` in a preorder walk of the tree."""
        return self.position(node) > self.position(of)

    def first_child(self, node: Node) -> Node:
        return self.node(node.children[0])

    def last_child(self, node: Node) -> Node:
        return self.node(node.children[-1])

    def next_sibling(self, node: Node) -> Node | None:
        return self._sibling(node, 1)

    def previous_sibling(self, node: Node) -> Node | None:
        return self._sibling(node, -1)

    def _sibling(self, node: Node, step: int) -> Node | None:
        parent = self.parent(node)
        if parent is None:
            return None
        index = parent.children.index(node.identifier) + step
        return (
            self.node(parent.children[index])
            if 0 <= index < len(parent.children)
            else None
        )

    def is_last_child(self, node: Node) -> bool:
        parent = self.parent(node)
        return parent is not None and parent.children[-1] == node.identifier

    def are_siblings(self, a: Node, b: Node) -> bool:
        return a is not b and a.parent is not None and a.parent == b.parent

    def ancestry(self, node: Node) -> list[Node]:
        """``node``, its parent, … up to the root."""
        found = [node]
        while found[-1].parent is not None:
            found.append(self.node(found[-1].parent))
        return found

    def path_from_root(self, node: Node) -> list[Node]:
        return self.ancestry(node)[::-1]

    def path_up(self, node: Node, stop: Node) -> list[Node]:
        """From ``node`` up to ``stop``, without ``stop``."""
        path = []
        for ancestor in self.ancestry(node):
            if ancestor is stop:
                break
            path.append(ancestor)
        return path

    def path_down(self, start: Node, node: Node) -> list[Node]:
        """From ``start`` down to ``node``, both included."""
        return [start, *self.path_up(node, start)[::-1]]

    def common_ancestor(self, a: Node, b: Node) -> Node:
        """The deepest activity that is ``a`` or ``b`` or an ancestor of both."""
        ancestors = set(map(id, self.ancestry(b)))
        return next(node for node in self.ancestry(a) if id(node) in ancestors)

    def is_descendant(self, node: Node, of: Node) -> bool:
        return node is not of and any(a is of for a in self.ancestry(node))


def build_tree(manifest: Manifest) -> Tree:
    nodes: list[Node] = []
    _collect(manifest.organization, None, 0, nodes)
    return Tree(nodes, manifest.objectives_global_to_system)


def _collect(activity: Activity, parent: str | None, depth: int, nodes: list) -> None:
    nodes.append(node_from_activity(activity, parent, depth))
    for child in activity.children:
        _collect(child, activity.identifier, depth + 1, nodes)
