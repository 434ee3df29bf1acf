"""Plain data types of lms.certificates that other apps may import."""

import datetime
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CertificateStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    ISSUED = "issued", pgettext_lazy("certificate status", "Valid")
    REVOKED = "revoked", _("Revoked")


class EventKind(models.TextChoices):
    REQUESTED = "requested", _("Requested (awaiting approval)")
    ISSUED = "issued", _("Issued")
    REISSUED = "reissued", _("Re-issued")
    REVOKED = "revoked", _("Revoked")


class Verdict(models.TextChoices):
    """What the verification page says of a certificate."""

    VALID = "valid", _("Valid")
    REVOKED = "revoked", _("Revoked")
    EXPIRED = "expired", _("Expired")
    INVALID = "invalid", _("Not genuine")
    NOT_FOUND = "not_found", _("Not found")


@dataclass(frozen=True)
class Claims:
    """The key data a certificate's signature covers (and the QR code
    carries): enough to tell an edited PDF, no more personal data."""

    id: str  # the certificate's public id (UUID)
    number: str
    revision: int
    name: str
    birth_date: str  # dd/mm/yyyy or ""
    course: str
    hours: str
    issued_on: str  # ISO date
    expires_on: str  # ISO date or ""
    issuer: str

    @property
    def expires(self) -> datetime.date | None:
        return datetime.date.fromisoformat(self.expires_on) if self.expires_on else None
