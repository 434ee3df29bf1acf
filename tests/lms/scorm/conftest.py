import pytest
from wagtail.models import Page

from lms.progress import api as progress
from lms.progress.data import ItemKind, ItemSpec
from lms.scorm.launch import CompletionRule, LaunchTicket
from tests.factories import UserFactory, ensure_wagtail_site

ITEM_KEY = "lesson9:scorm1"


@pytest.fixture
def course(db):
    root = ensure_wagtail_site().root_page
    course = root.add_child(instance=Page(title="Kỹ năng số", slug="ky-nang-so"))
    progress.sync_course_items(
        course=course,
        items=[
            ItemSpec(key=ITEM_KEY, kind=ItemKind.SCORM, title="Gói SCORM"),
            ItemSpec(key="other", kind=ItemKind.DOCUMENT, title="Tài liệu"),
        ],
    )
    return course


@pytest.fixture
def learner(course):
    user = UserFactory(username="hoc-vien-scorm")
    progress.enrol(user=user, course=course)
    return user


def make_ticket(user, course, version, rule=None, **changes) -> LaunchTicket:
    fields = {
        "user_id": user.pk,
        "course_id": course.pk,
        "item_key": ITEM_KEY,
        "package_id": version.package_id,
        "rule": rule or CompletionRule(),
        "frame_origin": "http://testserver",
        "language": "vi",
    }
    fields.update(changes)
    return LaunchTicket(**fields)
