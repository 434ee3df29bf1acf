"""Demo and development: embedded SQLite, debug pages, mail to the console."""

from .base import *  # noqa: F403

DEBUG = True
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# A fresh checkout has no var/ yet; SQLite and uploads need it.
VAR_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405

# The demo academy asks its cadres for 40 learning hours a year.
HOCVIEN_ANNUAL_TRAINING_HOURS = env_str("HOCVIEN_ANNUAL_TRAINING_HOURS", "40")  # noqa: F405
