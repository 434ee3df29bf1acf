"""The base class of notification backends.

A backend is one channel (email, SMS, Zalo…). Writing a new channel is
writing one subclass and naming it in HOCVIEN_NOTIFICATION_BACKENDS; callers
of ``api.notify`` do not change."""


class DeliveryFailed(Exception):
    """The channel refused or could not take the message; ``reason`` is
    stored on the notification and shown in the admin."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class NotificationBackend:
    #: Stored on each notification; at most 20 characters, unique among the
    #: configured backends, stable once notifications exist.
    channel: str = ""

    def address_of(self, user) -> str:
        """Where ``user`` is reached on this channel (an email address, a
        phone number…), or "" when they cannot be: the notification is then
        skipped, not failed."""
        raise NotImplementedError

    def send(self, notification, address: str) -> None:
        """Hand ``notification`` (its ``subject``, ``body`` and ``url``) to
        the channel for ``address``. Raises DeliveryFailed when the channel
        does not take it; returning means it was accepted."""
        raise NotImplementedError
