"""Organisations, their unit trees, position titles and people.

A person's current unit and title live on ``Person`` for fast scoping and
listing; ``Assignment`` keeps the whole history, and the two are changed
together only through ``api.assign_position``.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from .data import Gender, Level
from .ethnicities import Ethnicity
from .names import fold, normalize_name, sort_key
from .phones import local_phone


class Organisation(models.Model):
    """A mass organisation or body on the site (Women's Union, a provincial
    Trade Union, a Cooperative Alliance...), with its own unit tree and titles."""

    name = models.CharField(_("name"), max_length=255, unique=True)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    code = models.SlugField(
        _("code"),
        max_length=30,
        unique=True,
        help_text=_("Short identifier used in certificate numbers and imports."),
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name


class UnitQuerySet(MP_NodeQuerySet):
    def within(self, units):
        """Units in the subtrees of ``units`` (the units themselves included)."""
        paths = [unit.path for unit in units]
        if not paths:
            return self.none()
        query = Q()
        for path in paths:
            query |= Q(path__startswith=path)
        return self.filter(query)


class UnitManager(MP_NodeManager):
    # MP_NodeManager hard-codes its queryset class; keep tree order and ours.
    def get_queryset(self):
        return UnitQuerySet(self.model, using=self._db).order_by("path")

    def within(self, units):
        return self.get_queryset().within(units)


class Unit(MP_Node):
    """A node of an organisation's tree: the central body, a province, a
    district, a commune or a branch (chi hội, công đoàn cơ sở, HTX)."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="units",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=255)
    code = models.SlugField(
        _("code"),
        max_length=60,
        unique=True,
        help_text=_("Unique code, used to match units when importing people."),
    )
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    is_active = models.BooleanField(_("active"), default=True)

    node_order_by = ["name"]
    objects = UnitManager()

    class Meta:
        ordering = ["path"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self):
        return self.name

    def clean(self):
        parent = self.get_parent() if self.pk else None
        if parent is not None and self.level <= parent.level:
            raise ValidationError(
                {"level": _("A unit must be at a lower level than its parent unit.")}
            )

    def is_within(self, ancestor) -> bool:
        return self.path.startswith(ancestor.path)


class Title(models.Model):
    """A position title (chức danh) of one organisation: Chủ tịch, Phó Chủ
    tịch, Ủy viên BCH, Chi hội trưởng..."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="titles",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=150)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=100)
    is_leadership = models.BooleanField(
        _("leadership title"),
        default=False,
        help_text=_("Counted as a leading position in reports."),
    )

    class Meta:
        ordering = ["organisation", "sort_order", "name"]
        verbose_name = _("position title")
        verbose_name_plural = _("position titles")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="org_title_unique_name"
            )
        ]

    def __str__(self):
        return self.name


class PersonQuerySet(models.QuerySet):
    def in_units(self, units):
        """People whose current unit is in the subtrees of ``units``."""
        return self.filter(unit__in=Unit.objects.within(units))

    def search(self, query: str):
        """Every word of ``query`` in name, phone, email or ID, ignoring
        case and Vietnamese diacritics."""
        result = self
        for word in fold(query).split():
            result = result.filter(search_text__contains=word)
        return result


class Person(models.Model):
    """A cadre or learner. Phone or email (both optional, one usually there)
    is how they log in; their account is ``user``."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("user account"),
    )
    full_name = models.CharField(_("full name"), max_length=150)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    gender = models.CharField(
        _("gender"), max_length=10, choices=Gender.choices, blank=True
    )
    ethnicity = models.CharField(
        _("ethnicity"), max_length=20, choices=Ethnicity.choices, blank=True
    )
    phone = models.CharField(
        _("phone number"), max_length=20, unique=True, null=True, blank=True
    )
    # NULL, not "", for "no email": the unique constraint must ignore them.
    email = models.EmailField(_("email"), null=True, blank=True)  # noqa: DJ001
    national_id = models.CharField(
        _("citizen ID number"), max_length=12, unique=True, null=True, blank=True
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="people",
        verbose_name=_("unit"),
    )
    title = models.ForeignKey(
        Title,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("position title"),
    )
    in_leadership_pipeline = models.BooleanField(
        _("in the leadership pipeline"),
        default=False,
        help_text=_("Planned for a leading position (quy hoạch)."),
    )
    sort_key = models.CharField(max_length=400, editable=False, db_index=True)
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PersonQuerySet.as_manager()

    # What a person's record is made of, in the order forms show it.
    IDENTITY_FIELDS = (
        "full_name",
        "date_of_birth",
        "gender",
        "ethnicity",
        "phone",
        "email",
        "national_id",
    )
    RECORD_FIELDS = (*IDENTITY_FIELDS, "unit", "title", "in_leadership_pipeline")

    class Meta:
        ordering = ["sort_key"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        permissions = [("import_people", _("Can import people from a spreadsheet"))]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=Q(email__isnull=False),
                name="org_person_unique_email",
            )
        ]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.full_name = normalize_name(self.full_name)
        if self.email:
            self.email = self.email.strip().lower()
        self.email = self.email or None
        self.phone = self.phone or None
        self.national_id = self.national_id or None
        self.sort_key = sort_key(self.full_name)
        self.search_text = self.build_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "full_name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "sort_key", "search_text"}
        super().save(*args, **kwargs)

    def build_search_text(self) -> str:
        parts = [fold(self.full_name), self.email or "", self.national_id or ""]
        if self.phone:
            parts.append(local_phone(self.phone))
        return " ".join(part for part in parts if part)

    @property
    def local_phone(self) -> str:
        return local_phone(self.phone) if self.phone else ""


class AssignmentQuerySet(models.QuerySet):
    def active_on(self, day: datetime.date):
        """Assignments in force on ``day``: start <= day < end (end open = current)."""
        return self.filter(start_date__lte=day).filter(
            Q(end_date__isnull=True) | Q(end_date__gt=day)
        )


class Assignment(models.Model):
    """One period of a person in a unit with a title. Periods are half-open,
    [start_date, end_date); the current one has no end date."""

    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="assignments",
        verbose_name=_("person"),
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    title = models.ForeignKey(
        Title,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("position title"),
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["person", "start_date"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(end_date__isnull=True),
                name="org_assignment_one_current",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(end_date__gt=models.F("start_date")),
                name="org_assignment_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.unit} ({self.start_date:%d/%m/%Y})"


class ManagedUnit(models.Model):
    """Gives a user (unit manager or academy staff) the subtree of ``unit``:
    they see and manage only people and units inside it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="managed_units",
        verbose_name=_("user"),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.CASCADE,
        related_name="managers",
        verbose_name=_("unit"),
    )

    class Meta:
        verbose_name = _("managed unit")
        verbose_name_plural = _("managed units")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "unit"], name="org_managed_unit_unique"
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.unit}"
