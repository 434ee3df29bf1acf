"""Email, through Django's configured EMAIL_BACKEND."""

from django.conf import settings
from django.core.mail import get_connection, send_mail

from .. import conf
from .base import DeliveryFailed, NotificationBackend


class EmailBackend(NotificationBackend):
    channel = "email"

    def address_of(self, user) -> str:
        return getattr(user, "email", "") or ""

    def timeout(self) -> float:
        return settings.EMAIL_TIMEOUT or conf.get("HOCVIEN_NOTIFICATION_EMAIL_TIMEOUT")

    def send(self, notification, address: str) -> None:
        body = notification.body
        if notification.url:
            body = f"{body.rstrip()}\n\n{notification.url}\n"
        try:
            send_mail(
                # A header: a newline in it would be refused by Django.
                subject=" ".join(notification.subject.split()),
                message=body,
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[address],
                connection=get_connection(timeout=self.timeout()),
            )
        except (OSError, ValueError) as error:  # smtplib's errors are OSErrors
            raise DeliveryFailed(str(error) or error.__class__.__name__) from error
