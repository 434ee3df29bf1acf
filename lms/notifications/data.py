"""Plain data types of lms.notifications that other apps may import."""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Message:
    """What to tell people, the same for everyone it goes to."""

    subject: str  # one line, already translated by the caller
    body: str  # plain text, already translated
    url: str = ""  # absolute link the message points to ("" = none)


class Status(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    # The user has no address for the channel (e.g. no email): nothing to retry.
    SKIPPED = "skipped", _("Skipped (no address)")


@dataclass(frozen=True)
class DeliveryReport:
    """What one round of delivery did, counted in notifications."""

    sent: int = 0
    failed: int = 0
    skipped: int = 0

    @property
    def total(self) -> int:
        return self.sent + self.failed + self.skipped
