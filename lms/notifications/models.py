from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .data import Status


class Notification(models.Model):
    """One message to one user on one channel; ``key`` makes it unique, so
    the same reminder is never queued twice for the same person."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, verbose_name=_("user")
    )
    key = models.CharField(_("key"), max_length=200)
    kind = models.CharField(_("kind"), max_length=40, blank=True)
    channel = models.CharField(_("channel"), max_length=20)
    subject = models.TextField(_("subject"))
    body = models.TextField(_("body"))
    url = models.URLField(_("link"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key", "channel"],
                name="notifications_once_per_user_key_channel",
            )
        ]
        indexes = [
            models.Index(
                fields=["status", "created_at"], name="notifications_status_created"
            )
        ]

    def __str__(self):
        return self.subject

    def mark_sent(self) -> None:
        self.status, self.error = Status.SENT, ""
        self.attempts += 1
        self.sent_at = timezone.now()

    def mark_failed(self, reason: str) -> None:
        self.status, self.error = Status.FAILED, reason
        self.attempts += 1

    def mark_skipped(self) -> None:
        self.status, self.error = Status.SKIPPED, ""
