"""Sessions of a class (lecture, discussion, field visit, exam) and who
attended them."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey

from ..data import AttendanceMethod, AttendanceStatus, SessionKind
from .classes import Instructor, TrainingClass


class Session(models.Model):
    training_class = ParentalKey(
        TrainingClass,
        on_delete=models.CASCADE,
        related_name="sessions",
        verbose_name=_("class"),
    )
    title = models.CharField(_("topic"), max_length=200)
    kind = models.CharField(
        _("type"),
        max_length=12,
        choices=SessionKind.choices,
        default=SessionKind.LECTURE,
    )
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts at"))
    end_time = models.TimeField(_("ends at"))
    venue = models.CharField(
        _("venue"),
        max_length=255,
        blank=True,
        help_text=_("Empty: the class's venue."),
    )
    meeting_url = models.URLField(_("online meeting link"), blank=True)
    instructor = models.ForeignKey(
        Instructor,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("instructor"),
    )
    counts_for_attendance = models.BooleanField(
        _("counts for attendance"),
        default=True,
        help_text=_("Attending it counts towards the course's required attendance."),
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["date", "start_time", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=F("start_time")),
                name="training_session_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.date:%d/%m/%Y})"

    @property
    def item_key(self) -> str:
        """The session's item in lms.progress."""
        return f"class{self.training_class_id}:session{self.pk}"

    def _at(self, time: datetime.time) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(self.date, time))

    @property
    def starts_at(self) -> datetime.datetime:
        return self._at(self.start_time)

    @property
    def ends_at(self) -> datetime.datetime:
        return self._at(self.end_time)

    @property
    def place(self) -> str:
        return self.venue or self.training_class.venue


class Attendance(models.Model):
    """One learner's mark for one session; the latest mark wins."""

    session = models.ForeignKey(
        Session,
        on_delete=models.CASCADE,
        related_name="attendance",
        verbose_name=_("session"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("learner"),
    )
    status = models.CharField(
        _("attendance"), max_length=10, choices=AttendanceStatus.choices
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    method = models.CharField(
        _("recorded by"), max_length=10, choices=AttendanceMethod.choices
    )
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("marked by"),
    )
    marked_at = models.DateTimeField(_("marked at"), default=timezone.now)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user"], name="training_attendance_once"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.session}: {self.status}"


class CheckIn(models.Model):
    """A QR check-in that was accepted. The nonce of the code the learner's
    page carried is unique, so a replayed code is refused."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="check_ins"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    nonce = models.CharField(max_length=32, unique=True)
    checked_in_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("QR check-in")
        verbose_name_plural = _("QR check-ins")

    def __str__(self):
        return f"{self.user} – {self.session}"
