"""Settings of lms.training, read when used. Every name has the
HOCVIEN_TRAINING_ prefix; the default and the reason are beside it."""

from django.conf import settings

DEFAULTS = {
    # The check-in screen shows a new code this often (seconds)...
    "HOCVIEN_TRAINING_CODE_ROTATE_SECONDS": 15,
    # ...and a code is accepted this long after it was shown: long enough to
    # scan it and open the page on a slow link, too short to send a photo
    # of it to someone at home and have them use it.
    "HOCVIEN_TRAINING_CODE_SECONDS": 45,
    # The check-in page a scanned code opened may be sent this long after
    # (a learner who must first log in on a weak link).
    "HOCVIEN_TRAINING_CHECK_IN_PAGE_SECONDS": 600,
    # Check-in opens this many minutes before the session starts; it closes
    # when the session ends.
    "HOCVIEN_TRAINING_CHECK_IN_OPENS_MINUTES": 60,
    # A learner checking in this many minutes after the start is "late".
    "HOCVIEN_TRAINING_LATE_AFTER_MINUTES": 15,
    # Learners are reminded of a session this many hours before it.
    "HOCVIEN_TRAINING_REMINDER_HOURS": 24,
}


def get(name: str):
    return getattr(settings, name, DEFAULTS[name])
