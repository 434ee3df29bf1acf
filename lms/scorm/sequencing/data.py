"""Plain data types the sequencer hands to the rest of the app."""

from dataclasses import dataclass, field
from enum import StrEnum


class NavRequest(StrEnum):
    """Navigation requests, spelled as ``adl.nav.request`` spells them."""

    START = "start"
    RESUME_ALL = "resumeAll"
    CONTINUE = "continue"
    PREVIOUS = "previous"
    CHOICE = "choice"
    JUMP = "jump"
    EXIT = "exit"
    EXIT_ALL = "exitAll"
    SUSPEND_ALL = "suspendAll"
    ABANDON = "abandon"
    ABANDON_ALL = "abandonAll"


@dataclass(frozen=True)
class NavResult:
    """What a navigation request led to.

    ``deliver`` is the identifier of the SCO to launch next (None when
    nothing is launched); ``ended`` says the sequencing session is over;
    ``state`` is the new state (the input state, copied, when the request is
    refused); ``error`` is a translated sentence and ``code`` the SN book
    exception code when the request is refused; ``new_attempt`` says the
    delivered SCO starts a new attempt (fresh CMI data) rather than
    resuming a suspended one."""

    deliver: str | None = None
    ended: bool = False
    state: dict = field(default_factory=dict)
    error: str | None = None
    code: str | None = None
    new_attempt: bool = False


@dataclass(frozen=True)
class TocEntry:
    """One activity of the course outline, in tree order.

    ``visible`` is False for items with isvisible="false" and for
    activities a hiddenFromChoice rule hides now; ``enabled`` says a choice
    request to the activity would be honoured now."""

    identifier: str
    title: str
    depth: int
    visible: bool
    is_leaf: bool
    enabled: bool
    completion: str  # "completed", "incomplete" or "unknown"
    success: str  # "passed", "failed" or "unknown"
    current: bool


@dataclass(frozen=True)
class RootStatus:
    """What the whole package reports to the LMS (the root activity)."""

    completion: str  # "completed", "incomplete" or "unknown"
    success: str  # "passed", "failed" or "unknown"
    measure: float | None  # rolled-up scaled score, -1..1
    progress_measure: float | None = None  # rolled-up progress, 0..1
