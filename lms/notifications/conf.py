"""Settings of lms.notifications, read when used. Every name has the
HOCVIEN_NOTIFICATION_ prefix; the default and the reason are beside it."""

from django.conf import settings

DEFAULTS = {
    # The channels a message goes out on: one backend class each (dotted
    # path to a backends.base.NotificationBackend), one notification row per
    # user, key and channel. Email is the only real channel so far.
    "HOCVIEN_NOTIFICATION_BACKENDS": ["lms.notifications.backends.email.EmailBackend"],
    # How many times `send_notifications --retry-failed` tries a failed
    # notification before giving up: an address that bounces five times is
    # not going to work on the sixth.
    "HOCVIEN_NOTIFICATION_MAX_ATTEMPTS": 5,
    # Seconds to wait for the mail server when EMAIL_TIMEOUT is unset (the
    # default is to wait forever): a send holds its notification's row lock,
    # and on SQLite the whole database's write lock.
    "HOCVIEN_NOTIFICATION_EMAIL_TIMEOUT": 30,
}


def get(name: str):
    return getattr(settings, name, DEFAULTS[name])
