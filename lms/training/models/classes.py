"""A class (lớp bồi dưỡng): one offering of a course for a cohort, with its
members, instructors and budget."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from ..data import (
    BudgetSource,
    ClassMode,
    ClassStatus,
    InstructorRole,
    MemberSource,
    MemberStatus,
)


class TrainingClass(ClusterableModel):
    course = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("course"),
    )
    code = models.SlugField(
        _("class code"),
        max_length=60,
        unique=True,
        help_text=_("Short and unique, e.g. 2026-kn-chi-hoi-01."),
    )
    title = models.CharField(_("class name"), max_length=200)
    organiser = models.ForeignKey(
        "org.Unit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organising unit"),
    )
    partners = models.ManyToManyField(
        "org.Unit", blank=True, related_name="+", verbose_name=_("partner units")
    )
    mode = models.CharField(
        _("mode"), max_length=12, choices=ClassMode.choices, default=ClassMode.BLENDED
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_("Most learners enrolled at once; empty for no limit."),
    )
    accepts_applications = models.BooleanField(
        _("learners may apply"),
        default=False,
        help_text=_("Applications are approved by the learner's unit manager."),
    )
    applications_close_on = models.DateField(
        _("applications close on"), null=True, blank=True
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ClassStatus.choices,
        default=ClassStatus.DRAFT,
    )
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        ordering = ["-starts_on", "code"]
        verbose_name = _("class")
        verbose_name_plural = _("classes")
        permissions = [
            ("approve_classmember", _("Can approve applications to classes")),
            ("take_attendance", _("Can take attendance")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="training_class_ends_after_start",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def cohort(self) -> str:
        """The class's cohort in lms.progress: its sessions are items of it."""
        return f"class{self.pk}"


class ClassMember(models.Model):
    """A learner's place in a class: applied, enrolled, waiting or out."""

    training_class = models.ForeignKey(
        TrainingClass,
        on_delete=models.CASCADE,
        related_name="members",
        verbose_name=_("class"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("learner"),
    )
    status = models.CharField(_("status"), max_length=12, choices=MemberStatus.choices)
    source = models.CharField(
        _("how they joined"), max_length=12, choices=MemberSource.choices
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("joined at"), auto_now_add=True)
    # Order of the waiting list: the earliest gets the next free seat.
    waitlisted_at = models.DateTimeField(_("waiting since"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("class member")
        verbose_name_plural = _("class members")
        constraints = [
            models.UniqueConstraint(
                fields=["training_class", "user"], name="training_member_once"
            )
        ]
        indexes = [models.Index(fields=["training_class", "status"])]

    def __str__(self):
        return f"{self.user} – {self.training_class}"


class Instructor(models.Model):
    """Someone who teaches: the academy's own lecturers (with a login) and
    adjunct instructors from other institutions (often without one)."""

    full_name = models.CharField(_("full name"), max_length=150)
    academic_title = models.CharField(
        _("academic title"),
        max_length=50,
        blank=True,
        help_text=_("e.g. TS., ThS., PGS.TS."),
    )
    position = models.CharField(_("position"), max_length=150, blank=True)
    institution = models.CharField(
        _("institution"),
        max_length=200,
        blank=True,
        help_text=_("For adjunct instructors: where they work."),
    )
    is_adjunct = models.BooleanField(_("adjunct instructor"), default=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="instructor_profile",
        verbose_name=_("login account"),
        help_text=_("Lets the instructor take attendance in their classes."),
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    unit = models.ForeignKey(
        "org.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit keeping the record"),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("instructor")
        verbose_name_plural = _("instructors")

    def __str__(self):
        name = f"{self.academic_title} {self.full_name}".strip()
        return f"{name} ({self.institution})" if self.institution else name


class ClassInstructor(models.Model):
    training_class = ParentalKey(
        TrainingClass,
        on_delete=models.CASCADE,
        related_name="instructor_links",
        verbose_name=_("class"),
    )
    instructor = models.ForeignKey(
        Instructor,
        on_delete=models.PROTECT,
        related_name="class_links",
        verbose_name=_("instructor"),
    )
    role = models.CharField(
        _("role"),
        max_length=12,
        choices=InstructorRole.choices,
        default=InstructorRole.LEAD,
    )

    class Meta:
        verbose_name = _("class instructor")
        verbose_name_plural = _("class instructors")
        constraints = [
            models.UniqueConstraint(
                fields=["training_class", "instructor"],
                name="training_instructor_once",
            )
        ]

    def __str__(self):
        return f"{self.instructor} – {self.training_class}"


class BudgetLine(models.Model):
    """Money for a class, in đồng (no fractions)."""

    training_class = ParentalKey(
        TrainingClass,
        on_delete=models.CASCADE,
        related_name="budget_lines",
        verbose_name=_("class"),
    )
    source = models.CharField(_("source"), max_length=12, choices=BudgetSource.choices)
    description = models.CharField(_("item"), max_length=200)
    planned = models.PositiveBigIntegerField(_("planned (VND)"), default=0)
    spent = models.PositiveBigIntegerField(_("spent (VND)"), default=0)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")

    def __str__(self):
        return self.description
