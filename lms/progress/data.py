"""Plain data types of lms.progress that other apps may import."""

import datetime
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


class ItemKind(models.TextChoices):
    VIDEO = "video", _("Video lecture")
    DOCUMENT = "document", _("Document")
    SCORM = "scorm", _("SCORM package")
    H5P = "h5p", _("H5P activity")
    SESSION = "session", _("In-person session")
    ASSESSMENT = "assessment", _("Assessment")


class EnrolmentStatus(models.TextChoices):
    ACTIVE = "active", _("Learning")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class EnrolmentSource(models.TextChoices):
    """How a learner came to be enrolled (``Enrolment.source`` also holds
    other words, e.g. "demo")."""

    SELF = "self", _("Self-enrolled")
    STAFF = "staff", _("By staff")


@dataclass(frozen=True)
class ItemSpec:
    """An activity of a course, as the course content declares it."""

    key: str  # unique within the course, stable across edits
    kind: str  # ItemKind
    title: str
    required: bool = True
    threshold: float | None = None  # share watched that completes a video
    # Seconds: a video's length, a session's; counts as learning time once done.
    duration: float | None = None
    group: str = ""  # the module it belongs to, e.g. "module12"; "" for none
    final: bool = False  # the course's final assessment


@dataclass(frozen=True)
class AttendanceSummary:
    """A learner's attendance of their cohort's sessions in one course."""

    attended: int  # sessions marked present or late
    sessions: int  # sessions of their cohort that count
    required_percent: int  # the course's minimum (0 = attendance not required)

    @property
    def percent(self) -> int:
        return 100 * self.attended // self.sessions if self.sessions else 0


@dataclass(frozen=True)
class CompletionResult:
    item_completed_now: bool  # False when it was already complete
    course_completed_now: bool
    percent: int


@dataclass(frozen=True)
class WatchResult:
    watched_seconds: float
    watched_share: float
    completed: bool


@dataclass(frozen=True)
class ProgressSummary:
    completed_items: int
    total_items: int
    percent: int
    completed: bool


@dataclass(frozen=True)
class BulkEnrolment:
    """What ``enrol_many`` did."""

    enrolled: int  # newly enrolled
    re_enrolled: int  # had withdrawn, enrolled again with their progress
    unchanged: int  # were already enrolled


@dataclass(frozen=True)
class CompletedCourse:
    """A course a learner completed (``api.completed_courses``)."""

    course_id: int
    title: str  # the course page's title as it is now
    completed_at: datetime.datetime  # aware; its local date is the completion date


@dataclass(frozen=True)
class EnrolmentCounts:
    enrolled: int  # learning or completed (withdrawn learners not counted)
    completed: int
    withdrawn: int


class RuleKind(models.TextChoices):
    """The parts of a course's completion policy (``api.requirements``)."""

    ITEMS = "items", _("Required activities")
    ELECTIVES = "electives", _("Elective modules")
    ATTENDANCE = "attendance", _("Attendance")
    FINAL = "final", _("Final assessment")
    LEARNING_TIME = "learning_time", _("Learning time")


@dataclass(frozen=True)
class Requirement:
    """One rule of a course's policy for one learner. ``target`` and
    ``achieved`` are counted in the rule's unit: activities, elective
    modules, sessions, percent of the final score, minutes of learning."""

    kind: str  # RuleKind
    target: int
    achieved: int
    met: bool
    missing: tuple[str, ...] = ()  # titles of required activities not done
    parts: int = 1  # what the rule weighs in the course's percent
    parts_done: int = 0
    # False when the course as it stands cannot meet it: no final
    # assessment, fewer elective modules than asked.
    possible: bool = True

    @property
    def label(self) -> str:
        return str(RuleKind(self.kind).label)

    @property
    def shortfall(self) -> str:
        """What is still missing, as a short translated sentence ("" if met)."""
        if self.met:
            return ""
        gap = max(self.target - self.achieved, 0)
        if self.kind == RuleKind.ITEMS:
            return _titles(self.missing)
        if self.kind == RuleKind.ELECTIVES:
            text = ngettext(
                "%(count)d more elective module",
                "%(count)d more elective modules",
                gap,
            )
        elif self.kind == RuleKind.ATTENDANCE:
            text = ngettext(
                "%(count)d more attended session",
                "%(count)d more attended sessions",
                gap,
            )
        elif self.kind == RuleKind.FINAL:
            return _final_shortfall(self)
        else:
            text = ngettext(
                "%(count)d more minute of learning",
                "%(count)d more minutes of learning",
                gap,
            )
        return text % {"count": gap}


TITLES_SHOWN = 5


def _titles(titles) -> str:
    """The first titles, then how many more: a learner new to a big course
    is not shown a list of two hundred lectures."""
    shown = ", ".join(titles[:TITLES_SHOWN])
    more = len(titles) - TITLES_SHOWN
    if more <= 0:
        return shown
    return ngettext(
        "%(titles)s and %(count)d more", "%(titles)s and %(count)d more", more
    ) % {
        "titles": shown,
        "count": more,
    }


def _final_shortfall(rule: Requirement) -> str:
    if not rule.possible:
        return str(_("a final assessment, which the course does not have yet"))
    return str(_("the final assessment with a score of at least %(percent)d%%")) % {
        "percent": rule.target
    }


@dataclass(frozen=True)
class Requirements:
    """A learner's standing against the completion policy of one course."""

    rules: tuple[Requirement, ...]
    completed: bool  # the course was completed (it stays so once reached)

    @property
    def parts(self) -> int:
        return sum(rule.parts for rule in self.rules)

    @property
    def parts_done(self) -> int:
        return sum(rule.parts_done for rule in self.rules)

    @property
    def met(self) -> bool:
        return self.parts > 0 and all(rule.met for rule in self.rules)

    @property
    def unmet(self) -> tuple[Requirement, ...]:
        return tuple(rule for rule in self.rules if not rule.met)
