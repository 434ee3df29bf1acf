"""Certificates, their gapless numbers and their history."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..data import CertificateStatus, EventKind
from .issuers import Issuer, SigningKey


class NumberSequence(models.Model):
    """The last serial an issuer gave in a year; its row is locked while a
    number is taken, so numbers have no gaps and no duplicates."""

    issuer = models.ForeignKey(Issuer, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_serial = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "year"], name="certificates_sequence_once"
            )
        ]

    def __str__(self):
        return f"{self.issuer_id}/{self.year}: {self.last_serial}"


class Certificate(models.Model):
    """A learner's certificate for a course. What it certifies is kept as
    it was issued (name, birth date, unit, course, hours), signed."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    issuer = models.ForeignKey(Issuer, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("learner"),
    )
    course = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("course"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=CertificateStatus.choices
    )
    # Given when issued (not while awaiting approval): no gaps.
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    serial = models.PositiveIntegerField(null=True, blank=True)
    number = models.CharField(_("number"), max_length=60, blank=True)
    revision = models.PositiveSmallIntegerField(_("revision"), default=0)
    title = models.CharField(max_length=100)
    full_name = models.CharField(_("full name"), max_length=150)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    unit_name = models.CharField(_("unit"), max_length=255, blank=True)
    course_title = models.CharField(_("course"), max_length=255)
    learning_hours = models.DecimalField(
        _("learning hours"), max_digits=5, decimal_places=1, default=0
    )
    started_on = models.DateField(_("started on"), null=True, blank=True)
    completed_on = models.DateField(_("completed on"))
    class_code = models.CharField(_("class"), max_length=60, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    key = models.ForeignKey(
        SigningKey, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signature = models.TextField(blank=True)  # base64url Ed25519 over the claims
    # The certificate's bit in its issuer's revocation status list.
    status_index = models.PositiveIntegerField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)
    # The rendered PDF of the current revision (made by a background task).
    pdf = models.FileField(upload_to="certificates/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        permissions = [
            ("approve_certificate", _("Can approve and issue certificates")),
            ("revoke_certificate", _("Can revoke certificates")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "year", "serial"],
                name="certificates_number_once",
            ),
            models.UniqueConstraint(
                fields=["issuer", "status_index"], name="certificates_status_bit_once"
            ),
            # One certificate a learner and course, unless it was revoked.
            models.UniqueConstraint(
                fields=["user", "course"],
                condition=~Q(status=CertificateStatus.REVOKED),
                name="certificates_one_live_per_course",
            ),
        ]

    def __str__(self):
        return self.number or f"({self.get_status_display()})"


class CertificateEvent(models.Model):
    """The audit trail: who did what to a certificate, when, and why."""

    certificate = models.ForeignKey(
        Certificate, on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(max_length=10, choices=EventKind.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(auto_now_add=True)
    revision = models.PositiveSmallIntegerField(default=0)
    note = models.TextField(blank=True)
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.certificate_id} {self.kind} {self.at:%d/%m/%Y}"
