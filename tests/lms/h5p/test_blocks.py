"""The lesson block: an H5P activity in a lesson page, loaded only when it
comes into view, and a course item of kind h5p."""

import json
import re

import pytest

from courses.models import CatalogueIndexPage, CoursePage, LessonPage, ModulePage
from lms.h5p.launch import read_launch_token
from lms.progress import api as progress
from lms.progress.models import Item
from tests.factories import UserFactory, ensure_wagtail_site

from .packages import import_fixture

pytestmark = pytest.mark.django_db
FRAME = re.compile(r"<iframe data-h5p data-src=\"([^\"]+)\"")


def h5p_block(version, pass_mark=None, required=True):
    return {
        "type": "h5p",
        "value": {
            "content": version.content_id,
            "pass_mark": pass_mark,
            "required": required,
        },
    }


@pytest.fixture
def lesson(db):
    versions = [
        import_fixture(name)
        for name in [
            "multiple-choice-713.h5p",
            "true-false-question-34806.h5p",
            "fill-in-the-blanks-837.h5p",
        ]
    ]
    home = ensure_wagtail_site().root_page
    catalogue = home.add_child(instance=CatalogueIndexPage(title="Khóa học", slug="kh"))
    course = catalogue.add_child(
        instance=CoursePage(title="Ôn tập", slug="on-tap", learning_hours=1)
    )
    module = course.add_child(instance=ModulePage(title="Phần 1", slug="phan-1"))
    body = [{"type": "text", "value": "<p>Ba câu hỏi ôn tập.</p>"}]
    body += [h5p_block(versions[0], pass_mark=80)]
    body += [h5p_block(version) for version in versions[1:]]
    page = module.add_child(
        instance=LessonPage(title="Câu hỏi", slug="cau-hoi", body=json.dumps(body))
    )
    page.save_revision().publish()
    return page


def test_each_activity_becomes_an_item_of_the_course(lesson):
    course = lesson.get_parent().get_parent()
    kinds = list(Item.objects.filter(course=course).values_list("kind", flat=True))
    assert kinds == ["h5p", "h5p", "h5p"]


def test_an_enrolled_learner_gets_frames_that_load_nothing_until_seen(client, lesson):
    course = lesson.get_parent().get_parent()
    learner = UserFactory(username="hoc-vien-bai")
    progress.enrol(user=learner, course=course)
    client.force_login(learner)
    html = client.get(lesson.url).content.decode()
    links = FRAME.findall(html)
    assert len(links) == 3
    assert all(link.startswith("http://content.testserver/h5p/play/") for link in links)
    assert ' src="http://content' not in html  # set by lesson.js when in view
    assert html.count("h5p/lesson.js") == 3  # one script, run once
    assert "h5p-standalone" not in html
    tickets = [read_launch_token(link.split("/play/")[1].strip("/")) for link in links]
    assert [t.pass_mark for t in tickets] == [80.0, None, None]
    assert {t.user_id for t in tickets} == {learner.pk}
    assert len({t.item_key for t in tickets}) == 3


def test_someone_not_enrolled_is_asked_to_enrol(client, lesson):
    client.force_login(UserFactory(username="khach"))
    html = client.get(lesson.url).content.decode()
    assert not FRAME.findall(html)


def test_an_activity_marked_final_assessment_is_the_courses_final_item(lesson):
    """Bodies stored before the checkbox existed read it as unchecked."""
    course = lesson.get_parent().get_parent()
    assert not Item.objects.filter(course=course, final=True).exists()
    body = lesson.body.get_prep_value()
    body[1]["value"]["final"] = True
    lesson.body = json.dumps(body)
    lesson.save_revision().publish()
    (final,) = Item.objects.filter(course=course, final=True)
    assert final.key.endswith(body[1]["id"])
