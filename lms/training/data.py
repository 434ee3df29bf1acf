"""Plain data types of lms.training that other apps may import."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ClassMode(models.TextChoices):
    ONLINE = "online", _("Online")
    IN_PERSON = "in_person", _("In person")
    BLENDED = "blended", _("Blended")


class ClassStatus(models.TextChoices):
    """Draft classes are seen by staff only; cancelled ones keep their records."""

    DRAFT = "draft", _("Being planned")
    # A context: other apps' catalogues translate a bare "Published" otherwise.
    PUBLISHED = "published", pgettext_lazy("class status", "Published")
    CANCELLED = "cancelled", _("Cancelled")


class MemberStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    ENROLLED = "enrolled", _("Enrolled")
    WAITLISTED = "waitlisted", _("On the waiting list")
    REJECTED = "rejected", _("Not approved")
    WITHDRAWN = "withdrawn", _("Withdrawn")

    @classmethod
    def holding_a_place(cls):
        """Statuses that keep a learner in line for the class."""
        return [cls.PENDING, cls.ENROLLED, cls.WAITLISTED]


class MemberSource(models.TextChoices):
    STAFF = "staff", _("Enrolled by staff")
    IMPORT = "import", _("Imported from a file")
    APPLICATION = "application", _("Applied")


class InstructorRole(models.TextChoices):
    LEAD = "lead", _("Lead instructor")
    SPEAKER = "speaker", _("Guest speaker")
    ASSISTANT = "assistant", _("Teaching assistant")


class BudgetSource(models.TextChoices):
    CENTRAL = "central", _("Central budget")
    LOCAL = "local", _("Local budget")
    OTHER = "other", _("Other sources")


class SessionKind(models.TextChoices):
    LECTURE = "lecture", _("Lecture")
    DISCUSSION = "discussion", _("Discussion")
    FIELD_VISIT = "field_visit", _("Field visit")
    EXAM = "exam", _("Exam")


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    LATE = "late", _("Late")
    EXCUSED = "excused", _("Excused absence")
    ABSENT = "absent", _("Absent")

    @classmethod
    def attended(cls):
        """Marks that count as attending the session."""
        return [cls.PRESENT, cls.LATE]


class AttendanceMethod(models.TextChoices):
    ROLL_CALL = "roll_call", _("Roll call")
    QR = "qr", _("QR check-in")
    IMPORT = "import", _("Paper sheet")


class QuestionTarget(models.TextChoices):
    COURSE = "course", _("The course")
    INSTRUCTOR = "instructor", _("Each instructor")


class QuestionKind(models.TextChoices):
    LIKERT = "likert", _("Scale of 1 to 5")
    TEXT = "text", _("Comment")


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("Being prepared")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class NeedPriority(models.IntegerChoices):
    LOW = 1, _("Useful")
    MEDIUM = 2, _("Needed")
    HIGH = 3, _("Urgently needed")
