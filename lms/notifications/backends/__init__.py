"""Channels a notification can go out on: one class each, named in
HOCVIEN_NOTIFICATION_BACKENDS (see base.NotificationBackend)."""

from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from .. import conf
from .base import DeliveryFailed, NotificationBackend

__all__ = ["DeliveryFailed", "NotificationBackend", "configured"]


def configured() -> dict[str, NotificationBackend]:
    """The configured backends by channel, in the order of the setting."""
    backends = {}
    for path in conf.get("HOCVIEN_NOTIFICATION_BACKENDS"):
        backend = import_string(path)()
        if backend.channel in backends:
            raise ImproperlyConfigured(
                _(
                    "Two notification backends use the channel “%(channel)s”; "
                    "each channel needs a backend of its own."
                )
                % {"channel": backend.channel}
            )
        backends[backend.channel] = backend
    return backends
