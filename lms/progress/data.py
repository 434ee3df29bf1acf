"""Plain data types of lms.progress that other apps may import."""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


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
    duration: float | None = None  # seconds, for videos


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
class EnrolmentCounts:
    enrolled: int  # learning or completed (withdrawn learners not counted)
    completed: int
    withdrawn: int
