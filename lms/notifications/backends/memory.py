"""A channel that keeps what it sends in memory: for tests, and the
smallest example of a backend (an SMS backend has the same shape, with a
phone number as the address and an HTTP call in ``send``)."""

from dataclasses import dataclass

from .base import NotificationBackend


@dataclass(frozen=True)
class Delivered:
    address: str
    subject: str
    body: str
    url: str
    key: str


#: Everything sent in this process, oldest first; tests clear it.
outbox: list[Delivered] = []


class MemoryBackend(NotificationBackend):
    channel = "memory"

    def address_of(self, user) -> str:
        return getattr(user, "email", "") or user.get_username()

    def send(self, notification, address: str) -> None:
        outbox.append(
            Delivered(
                address=address,
                subject=notification.subject,
                body=notification.body,
                url=notification.url,
                key=notification.key,
            )
        )
