"""The SCORM lesson block as a course item, and its "final assessment" box."""

import json

import pytest

from courses.models import CatalogueIndexPage, CoursePage, LessonPage, ModulePage
from lms.progress.models import Item
from tests.factories import ensure_wagtail_site

from .packages import import_fixture

pytestmark = pytest.mark.django_db


def lesson_with(version, **value):
    home = ensure_wagtail_site().root_page
    catalogue = home.add_child(instance=CatalogueIndexPage(title="Khóa học", slug="kh"))
    course = catalogue.add_child(
        instance=CoursePage(title="Kiểm tra cuối khóa", slug="kt", learning_hours=1)
    )
    module = course.add_child(instance=ModulePage(title="Phần 1", slug="phan-1"))
    block = {"package": version.package_id, "completion": "package", **value}
    page = module.add_child(
        instance=LessonPage(
            title="Bài kiểm tra",
            slug="bai-kiem-tra",
            body=json.dumps([{"type": "scorm", "value": block}]),
        )
    )
    page.save_revision().publish()
    return course


def test_a_package_marked_final_assessment_is_the_courses_final_item():
    version = import_fixture("RuntimeBasicCalls_SCORM12.zip")
    course = lesson_with(version, required=True, final=True)
    (item,) = Item.objects.filter(course=course)
    assert (item.kind, item.final, item.required) == ("scorm", True, True)
    assert item.group == f"module{ModulePage.objects.get().pk}"


def test_a_package_stored_before_the_box_existed_is_no_final_item():
    version = import_fixture("RuntimeBasicCalls_SCORM12.zip")
    course = lesson_with(version, required=True)
    assert not Item.objects.get(course=course).final
