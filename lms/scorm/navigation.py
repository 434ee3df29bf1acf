"""How a learner moves through a package, behind one interface:

- ``FreeNavigation`` (SCORM 1.2): any part may be opened from the contents,
  previous/next walk the launchable parts in outline order, and the
  attempt's status is summarised from its SCOs (attempts.summarise);
- ``SequencedNavigation`` (SCORM 2004): the sequencer
  (lms.scorm.sequencing) decides what may be delivered, tracks objectives
  and rolls status up to the root.

State is the JSON the attempt keeps (``Attempt.sequencing_state``)."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from . import attempts
from .data import Manifest
from .sequencing import Sequencer

START, RESUME, CONTINUE, PREVIOUS, CHOICE = (
    "start",
    "resumeAll",
    "continue",
    "previous",
    "choice",
)
ENDING = {"exit", "exitAll", "suspendAll", "abandon", "abandonAll"}


@dataclass(frozen=True)
class Step:
    deliver: str | None  # identifier of the part to launch
    state: dict
    ended: bool = False  # the package's session is over
    error: str | None = None
    new_attempt: bool = False  # the part starts afresh (a retry)


@dataclass(frozen=True)
class TocEntry:
    id: str
    title: str
    depth: int
    leaf: bool  # something to launch
    visible: bool
    enabled: bool  # may be opened now
    completed: bool
    current: bool


def navigation_for(manifest: Manifest):
    if manifest.version.is_2004:
        return SequencedNavigation(manifest)
    return FreeNavigation(manifest)


class FreeNavigation:
    def attempt_over(self, step: Step) -> bool:
        return False  # only the learner starts a new attempt (start_new_attempt)

    def __init__(self, manifest: Manifest):
        self.manifest = manifest
        launchable = manifest.launchable
        self.order = [a.identifier for a in launchable if a.visible] or [
            a.identifier for a in launchable
        ]

    def step(self, state: dict, request: str, target: str = "") -> Step:
        current = state.get("current", "")
        if request in (START, RESUME):
            return self._to(state, current if current in self.order else self.order[0])
        if request == CHOICE:
            if target not in self.order:
                return Step(
                    None, state, error=_("This part of the package cannot be opened.")
                )
            return self._to(state, target)
        if request in (CONTINUE, PREVIOUS):
            return self._neighbour(state, current, 1 if request == CONTINUE else -1)
        if request in ENDING:
            return Step(None, state, ended=True)
        return Step(
            None, state, error=_("The package asked for an unknown navigation step.")
        )

    def _to(self, state: dict, identifier: str) -> Step:
        return Step(identifier, {**state, "current": identifier})

    def _neighbour(self, state: dict, current: str, direction: int) -> Step:
        index = self.order.index(current) if current in self.order else -1
        wanted = index + direction
        if 0 <= wanted < len(self.order):
            return self._to(state, self.order[wanted])
        if direction > 0:
            return Step(None, state, ended=True)
        return Step(None, state, error=_("This is the first part of the package."))

    def report(self, state: dict, sco: str, values: dict) -> dict:
        return state

    def launch_values(self, state: dict, sco: str) -> dict:
        return {}

    def summary(self, state: dict, statuses: dict) -> attempts.AttemptStatusSummary:
        return attempts.summarise(self.manifest, statuses)

    def table_of_contents(self, state: dict, completed: set) -> list[TocEntry]:
        current = state.get("current", "")
        return [
            TocEntry(
                id=activity.identifier,
                title=activity.title,
                depth=depth,
                leaf=bool(activity.launch),
                visible=activity.visible,
                enabled=bool(activity.launch),
                completed=activity.identifier in completed,
                current=activity.identifier == current,
            )
            for activity, depth in _outline(self.manifest.organization, 0)
        ]


def _outline(activity, depth):
    for child in activity.children:
        yield child, depth
        yield from _outline(child, depth + 1)


class SequencedNavigation:
    """SCORM 2004 through the sequencer. The player's own previous/next
    buttons send continue/previous; where the package turns flow off (the
    default) they become a choice of the neighbouring part, which the
    sequencer still judges (a disabled part stays closed)."""

    def attempt_over(self, step: Step) -> bool:
        """exitAll and the end of the course end the attempt; suspendAll
        does not (the next launch resumes)."""
        return step.ended and not step.state.get("suspended")

    def __init__(self, manifest: Manifest):
        self.manifest = manifest
        self.sequencer = Sequencer(manifest)

    def step(self, state: dict, request: str, target: str = "") -> Step:
        state = state if state.get("activities") else self.sequencer.new_state()
        if request == RESUME and not state.get("suspended"):
            current = state.get("current")
            if current:  # the learner left without ending the session
                return Step(current, state)
            request = START
        result = self.sequencer.navigate(state, request, target or None)
        if result.error and request in (CONTINUE, PREVIOUS):
            result = self._by_choice(state, request) or result
        return Step(
            result.deliver,
            result.state,
            ended=result.ended,
            error=result.error,
            new_attempt=result.new_attempt,
        )

    def _by_choice(self, state: dict, request: str):
        current = state.get("current")
        find = (
            self.sequencer.next_leaf
            if request == CONTINUE
            else self.sequencer.previous_leaf
        )
        neighbour = find(state, current)
        if neighbour is None:
            return None
        result = self.sequencer.navigate(state, CHOICE, neighbour)
        return None if result.error else result

    def report(self, state: dict, sco: str, values: dict) -> dict:
        state = state if state.get("activities") else self.sequencer.new_state()
        return self.sequencer.report(state, sco, values)

    def launch_values(self, state: dict, sco: str) -> dict:
        return self.sequencer.objective_values(state, sco)

    def summary(self, state: dict, statuses: dict) -> attempts.AttemptStatusSummary:
        root = self.sequencer.root_status(state or self.sequencer.new_state())
        flat = attempts.summarise(self.manifest, statuses)
        measure = root.measure
        return attempts.AttemptStatusSummary(
            completion=root.completion,
            success=root.success,
            score_scaled=max(measure, 0.0)
            if measure is not None
            else flat.score_scaled,
            all_finished=flat.all_finished,
        )

    def table_of_contents(self, state: dict, completed: set) -> list[TocEntry]:
        entries = self.sequencer.table_of_contents(state or self.sequencer.new_state())
        return [
            TocEntry(
                id=entry.identifier,
                title=entry.title,
                depth=entry.depth - 1,  # the root is not listed
                leaf=entry.is_leaf,
                visible=entry.visible,
                enabled=entry.enabled,
                completed=entry.completion == "completed",
                current=entry.current,
            )
            for entry in entries
            if entry.identifier != self.manifest.organization.identifier
        ]
