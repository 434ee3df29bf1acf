import pytest
from django.utils import translation

from tests.factories import ensure_wagtail_site, make_tree


@pytest.fixture
def tree(db):
    return make_tree()


@pytest.fixture
def wagtail_site(db):
    return ensure_wagtail_site()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Each test stores uploads in a folder of its own."""
    settings.MEDIA_ROOT = tmp_path / "uploads"
    return settings.MEDIA_ROOT


@pytest.fixture
def english():
    """For tests that compare refusals in English (the default is Vietnamese):
    ``pytestmark = pytest.mark.usefixtures("english")``."""
    with translation.override("en"):
        yield
