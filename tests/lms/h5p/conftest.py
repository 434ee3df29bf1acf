import pytest
from wagtail.models import Page

from lms.h5p.launch import PlayTicket
from lms.progress import api as progress
from lms.progress.data import ItemKind, ItemSpec
from tests.factories import UserFactory, ensure_wagtail_site

from .packages import import_fixture

ITEM_KEY = "lesson3:h5p1"
LMS_ORIGIN = "http://testserver"


@pytest.fixture
def course(db):
    root = ensure_wagtail_site().root_page
    course = root.add_child(instance=Page(title="Công tác hội", slug="cong-tac-hoi"))
    progress.sync_course_items(
        course=course,
        items=[
            ItemSpec(key=ITEM_KEY, kind=ItemKind.H5P, title="Câu hỏi"),
            ItemSpec(key="other", kind=ItemKind.DOCUMENT, title="Tài liệu"),
        ],
    )
    return course


@pytest.fixture
def learner(course):
    user = UserFactory(username="hoc-vien-h5p", first_name="Lan", last_name="Trần")
    progress.enrol(user=user, course=course)
    return user


@pytest.fixture
def multichoice(db):
    """Multiple Choice 1.16 with its libraries (pass mark 100 %)."""
    return import_fixture("multiple-choice-713.h5p")


def make_ticket(user, course, version, **changes) -> PlayTicket:
    fields = {
        "user_id": user.pk,
        "course_id": course.pk,
        "item_key": ITEM_KEY,
        "content_id": version.content_id,
        "version_id": version.pk,
        "pass_mark": None,
        "frame_origin": LMS_ORIGIN,
        "language": "vi",
    }
    fields.update(changes)
    return PlayTicket(**fields)


def iri(version) -> str:
    return f"{LMS_ORIGIN}/h5p/activities/{version.content_id}"


def statement(version, verb="answered", raw=None, max_score=None, sub=None, **extra):
    """A statement as H5P emits it (the actor is whatever the browser says)."""
    object_id = iri(version) + (f"?subContentId={sub}" if sub else "")
    data = {
        "actor": {"name": "Kẻ mạo danh", "mbox": "mailto:evil@example.com"},
        "verb": {
            "id": f"http://adlnet.gov/expapi/verbs/{verb}",
            "display": {"en-US": verb},
        },
        "object": {
            "id": object_id,
            "objectType": "Activity",
            "definition": {"name": {"en-US": "Câu 1"}},
        },
        "context": {
            "contextActivities": {
                "category": [{"id": "http://h5p.org/libraries/H5P.MultiChoice-1.16"}]
            }
        },
    }
    if sub:
        data["context"]["contextActivities"]["parent"] = [{"id": iri(version)}]
    if raw is not None:
        data["result"] = {
            "score": {
                "min": 0,
                "max": max_score,
                "raw": raw,
                "scaled": raw / max_score,
            },
            "completion": True,
            "success": raw == max_score,
            "response": "1[,]3",
        }
    data.update(extra)
    return data
