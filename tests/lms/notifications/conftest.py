import pytest

from lms.notifications.backends import memory

EMAIL = "lms.notifications.backends.email.EmailBackend"
MEMORY = "lms.notifications.backends.memory.MemoryBackend"
FLAKY = "tests.lms.notifications.stubs.FlakyBackend"


@pytest.fixture(autouse=True)
def outbox():
    """The memory backend's outbox, empty for each test."""
    memory.outbox.clear()
    yield memory.outbox
    memory.outbox.clear()


@pytest.fixture
def flaky(settings):
    """Only the flaky channel, down until the test brings it up."""
    from .stubs import FlakyBackend

    settings.HOCVIEN_NOTIFICATION_BACKENDS = [FLAKY]
    FlakyBackend.down = True
    yield FlakyBackend
    FlakyBackend.down = False
