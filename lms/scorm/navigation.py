"""Navigation between the SCOs of a package played without the sequencer
(SCORM 1.2): the learner may open any part from the table of contents,
and previous/next walk the launchable parts in outline order."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .data import Manifest

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
    ended: bool = False
    error: str | None = None


def step(manifest: Manifest, current: str, request: str, target: str = "") -> Step:
    order = [a.identifier for a in manifest.launchable if a.visible] or [
        a.identifier for a in manifest.launchable
    ]
    if request in (START, RESUME):
        return Step(current if current in order else order[0])
    if request == CHOICE:
        if target not in order:
            return Step(None, error=_("This part of the package cannot be opened."))
        return Step(target)
    if request in (CONTINUE, PREVIOUS):
        return _neighbour(order, current, 1 if request == CONTINUE else -1)
    if request in ENDING:
        return Step(None, ended=True)
    return Step(None, error=_("The package asked for an unknown navigation step."))


def _neighbour(order: list[str], current: str, direction: int) -> Step:
    index = order.index(current) if current in order else -1
    wanted = index + direction
    if 0 <= wanted < len(order):
        return Step(order[wanted])
    if direction > 0:
        return Step(None, ended=True)
    return Step(None, error=_("This is the first part of the package."))
