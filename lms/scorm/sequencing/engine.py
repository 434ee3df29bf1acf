"""The sequencer's public face: one object per package version."""

import copy

from ..data import Manifest
from . import navigation, outline, reporting
from .data import NavRequest, NavResult, RootStatus, TocEntry
from .state import new_state, normalised
from .tree import build_tree


class Sequencer:
    """SCORM 2004 Sequencing and Navigation over one manifest.

    States are plain JSON-serialisable dicts (see state.py); no method
    changes the state it is given. SEQUENCING.md lists what of the SN book
    is implemented."""

    def __init__(self, manifest: Manifest):
        self.tree = build_tree(manifest)

    def new_state(self) -> dict:
        """Tracking for a learner who has not started the package."""
        return new_state(self.tree)

    def navigate(
        self, state: dict, request: NavRequest | str, target: str | None = None
    ) -> NavResult:
        """Carry out a navigation request; a refusal comes back as
        ``error``/``code`` with the state unchanged, never as an exception."""
        return navigation.navigate(
            self.tree, normalised(self.tree, state), request, target
        )

    def report(self, state: dict, activity_id: str, sco: dict) -> dict:
        """The state after the SCO ``activity_id`` reported ``sco`` (flat
        cmi.* values), rolled up. Raises SequencingError when the package
        has no such SCO."""
        working = copy.deepcopy(normalised(self.tree, state))
        return reporting.report(self.tree, working, activity_id, sco)

    def table_of_contents(self, state: dict) -> list[TocEntry]:
        return outline.table_of_contents(self.tree, normalised(self.tree, state))

    def root_status(self, state: dict) -> RootStatus:
        return outline.root_status(self.tree, normalised(self.tree, state))

    def objective_values(self, state: dict, activity_id: str) -> dict:
        """cmi.objectives.* to load into ``activity_id`` when it launches."""
        state = normalised(self.tree, state)
        return outline.objective_values(self.tree, state, activity_id)

    def next_leaf(self, state: dict, current: str | None) -> str | None:
        """The launchable, visible leaf after ``current`` in tree order (the
        first one when ``current`` is None); raises SequencingError for an
        identifier the package lacks."""
        state = normalised(self.tree, state)
        return outline.neighbour_leaf(self.tree, state, current, 1)

    def previous_leaf(self, state: dict, current: str | None) -> str | None:
        """The launchable, visible leaf before ``current`` in tree order;
        raises SequencingError for an identifier the package lacks."""
        state = normalised(self.tree, state)
        return outline.neighbour_leaf(self.tree, state, current, -1)
