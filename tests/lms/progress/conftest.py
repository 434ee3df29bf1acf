import pytest
from wagtail.models import Page

from lms.progress import api
from lms.progress.data import ItemKind, ItemSpec
from tests.factories import UserFactory


@pytest.fixture
def course(db):
    root = Page.get_first_root_node()
    return root.add_child(instance=Page(title="Kỹ năng vận động hội viên", slug="kn"))


def video_item(key="v1", duration=100.0, threshold=None, required=True):
    return ItemSpec(
        key=key,
        kind=ItemKind.VIDEO,
        title=f"Bài giảng {key}",
        duration=duration,
        threshold=threshold,
        required=required,
    )


@pytest.fixture
def learner(course):
    user = UserFactory(username="hoc-vien")
    api.enrol(user=user, course=course)
    return user
