"""Tests: fast hashing, jobs run immediately unless a test picks a real queue,
files under a throw-away folder. DATABASE_URL selects PostgreSQL as usual."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, DATABASES, TASK_QUEUES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": TASK_QUEUES,
    }
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="hocvien-test-uploads-"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATABASES["default"]["TEST"] = {"NAME": os.environ.get("TEST_DB_NAME", "test_hocvien")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not ":memory:": shared-cache memory databases ignore the busy
    # timeout, so concurrency tests would not see the locking the demo has.
    # On tmpfs when there is one: file locking without waiting for the disk.
    shm = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108
    folder = Path(tempfile.mkdtemp(prefix="hocvien-test-db-", dir=shm))
    DATABASES["default"]["TEST"] = {"NAME": str(folder / "test.sqlite3")}
WAGTAILADMIN_BASE_URL = "http://testserver"
HOCVIEN_CONTENT_ORIGIN = "http://content.testserver"
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver", "content.testserver", ".localhost"]
# Redis database 15 by default, so a test run never touches the demo's queues.
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
RQ_QUEUES = {name: {"URL": REDIS_URL} for name in TASK_QUEUES}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="hocvien-test-static-"))
