"""Backends for tests: real classes, named in HOCVIEN_NOTIFICATION_BACKENDS."""

import time

from lms.notifications.backends import DeliveryFailed
from lms.notifications.backends.memory import MemoryBackend


class FlakyBackend(MemoryBackend):
    """Refuses everything while ``down``, as an SMS gateway out of credit."""

    channel = "flaky"
    down = False

    def send(self, notification, address):
        if self.down:
            raise DeliveryFailed("Gateway out of credit")
        super().send(notification, address)


class SlowBackend(MemoryBackend):
    """Takes a while to send, so two workers overlap."""

    channel = "slow"

    def send(self, notification, address):
        time.sleep(0.05)
        super().send(notification, address)
