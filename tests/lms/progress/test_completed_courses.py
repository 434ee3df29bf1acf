"""``completed_courses``: the courses a learner completed, with when."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from lms.progress import api
from lms.progress.models import CourseProgress
from tests.factories import UserFactory

from .conftest import video_item


def make_course(slug):
    root = Page.get_first_root_node()
    course = root.add_child(instance=Page(title=f"Khóa học {slug}", slug=slug))
    api.sync_course_items(course=course, items=[video_item()])
    return course


def finish(user, course, when=None):
    api.enrol(user=user, course=course)
    api.submit_completion(user=user, course_id=course.pk, item_key="v1", source="t")
    if when is not None:
        CourseProgress.objects.filter(user=user, course=course).update(
            completed_at=when
        )


def test_a_completed_course_is_listed_with_its_title_and_when(db):
    user, course = UserFactory(), make_course("kn")
    finish(user, course)
    progress = CourseProgress.objects.get(user=user, course=course)

    (completed,) = api.completed_courses(user=user)

    assert completed.course_id == course.pk
    assert completed.title == "Khóa học kn"
    assert completed.completed_at == progress.completed_at


def test_a_course_still_being_learnt_is_not_listed(db):
    user, course = UserFactory(), make_course("kn")
    api.enrol(user=user, course=course)
    api.sync_course_items(course=course, items=[video_item("v1"), video_item("v2")])
    api.submit_completion(user=user, course_id=course.pk, item_key="v1", source="t")

    assert api.completed_courses(user=user) == []


def test_the_most_recently_completed_course_comes_first(db):
    user = UserFactory()
    older, newer = make_course("cu"), make_course("moi")
    finish(user, newer, datetime.datetime(2026, 5, 1, tzinfo=datetime.UTC))
    finish(user, older, datetime.datetime(2025, 5, 1, tzinfo=datetime.UTC))

    listed = [c.course_id for c in api.completed_courses(user=user)]

    assert listed == [newer.pk, older.pk]


def test_another_learners_completions_are_not_listed(db):
    mine, theirs = UserFactory(), UserFactory()
    finish(theirs, make_course("cua-ho"))

    assert api.completed_courses(user=mine) == []


def test_a_course_left_after_completing_it_is_still_listed(db):
    user, course = UserFactory(), make_course("kn")
    finish(user, course)
    api.withdraw(user=user, course=course)

    assert [c.course_id for c in api.completed_courses(user=user)] == [course.pk]


def test_the_list_takes_one_query_whatever_the_number_of_courses(db):
    user = UserFactory()
    for index in range(4):
        finish(user, make_course(f"k{index}"))

    with CaptureQueriesContext(connection) as queries:
        completed = api.completed_courses(user=user)

    assert (len(completed), len(queries)) == (4, 1)
