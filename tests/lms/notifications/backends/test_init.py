"""Loading the configured backends."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from lms.notifications import backends

from ..conftest import EMAIL, MEMORY


def test_backends_are_loaded_by_channel_in_the_order_of_the_setting(settings):
    settings.HOCVIEN_NOTIFICATION_BACKENDS = [MEMORY, EMAIL]
    assert list(backends.configured()) == ["memory", "email"]


def test_two_backends_on_one_channel_are_refused(settings):
    settings.HOCVIEN_NOTIFICATION_BACKENDS = [EMAIL, EMAIL]
    with pytest.raises(ImproperlyConfigured):
        backends.configured()
