"""Learner state: who is enrolled, which items a course has, what each
learner completed, their course progress, and the video time they watched.

Courses are Wagtail pages referenced by id through ``wagtailcore.Page`` so
that this app never imports the course app above it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .data import EnrolmentStatus, ItemKind


class Enrolment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    course = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=EnrolmentStatus.choices,
        default=EnrolmentStatus.ACTIVE,
    )
    source = models.CharField(_("enrolled by"), max_length=20, default="self")
    # The group the learner learns with (e.g. "class12", a training class):
    # the items of that cohort (its sessions) count for them, no other's.
    cohort = models.CharField(_("cohort"), max_length=64, blank=True, default="")
    enrolled_at = models.DateTimeField(_("enrolled at"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course"], name="progress_enrolment_unique"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.course_id}"


class Item(models.Model):
    """An activity of a course that can be completed (a video, a package...)."""

    course = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+"
    )
    key = models.CharField(max_length=120)
    kind = models.CharField(max_length=20, choices=ItemKind.choices)
    title = models.CharField(_("title"), max_length=255)
    required = models.BooleanField(_("required"), default=True)
    threshold = models.FloatField(null=True, blank=True)
    duration = models.FloatField(null=True, blank=True)
    # "" for the course content every learner has; otherwise the cohort
    # (training class) whose learners alone have it, e.g. its sessions.
    cohort = models.CharField(max_length=64, blank=True, default="", db_index=True)
    # The module of the content it belongs to ("module12"); "" for none. A
    # module none of whose items is required is an elective one.
    group = models.CharField(max_length=64, blank=True, default="")
    final = models.BooleanField(_("final assessment"), default=False)
    # Items removed from the course stay, with the completions they had.
    is_active = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("course item")
        verbose_name_plural = _("course items")
        constraints = [
            models.UniqueConstraint(fields=["course", "key"], name="progress_item_key")
        ]

    def __str__(self):
        return self.title


class CompletionRule(models.Model):
    """What a course asks beyond its items, as the course content declares
    it (``api.set_completion_rule``)."""

    course = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+"
    )
    # Share of the learner's cohort sessions to attend (present or late).
    min_attendance_percent = models.PositiveSmallIntegerField(
        _("minimum attendance (%)"), default=0
    )
    # Elective modules (all their items done) a learner must complete.
    electives_required = models.PositiveSmallIntegerField(
        _("elective modules required"), default=0
    )
    # Score (0-100) the final assessment must reach; 0: its own verdict.
    final_pass_percent = models.PositiveSmallIntegerField(
        _("final assessment pass mark (%)"), default=0
    )
    # Watched video, attended sessions and other completed items' durations.
    min_learning_minutes = models.PositiveIntegerField(
        _("minimum learning time (minutes)"), default=0
    )

    class Meta:
        verbose_name = _("completion rule")
        verbose_name_plural = _("completion rules")

    def __str__(self):
        return f"{self.course_id}: {self.min_attendance_percent}%"


class ItemCompletion(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="completions")
    completed_at = models.DateTimeField(auto_now_add=True)
    score = models.FloatField(null=True, blank=True)
    source = models.CharField(max_length=30)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "item"], name="progress_completion_once"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.item}"


class CourseProgress(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    course = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+"
    )
    completed_items = models.PositiveIntegerField(default=0)
    total_items = models.PositiveIntegerField(default=0)
    percent = models.PositiveSmallIntegerField(default=0)
    completed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course"], name="progress_course_progress_unique"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.course_id}: {self.percent}%"


class WatchRecord(models.Model):
    """The merged intervals of a video item one learner has really played."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="+")
    intervals = models.JSONField(default=list)
    watched_seconds = models.FloatField(default=0)
    position = models.FloatField(default=0)
    reported_at = models.DateTimeField(null=True)
    # Seconds of video the clock still allows at reported_at
    # (watching._watch_allowance).
    allowance = models.FloatField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "item"], name="progress_watch_once")
        ]

    def __str__(self):
        return f"{self.user} – {self.item}: {self.watched_seconds:.0f} s"
