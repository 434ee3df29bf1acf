"""A course's completion policy, edited with the course and shown to its
learners: what counts, what is still missing."""

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.test.utils.form_data import rich_text

from courses.models import CoursePage, LessonPage, ModulePage
from lms.progress import api as progress
from lms.progress.models import CompletionRule, Item
from tests.factories import UserFactory

from .conftest import lecture_body, publish, ready_video


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def edit_form(course, **changes):
    data = {
        "title": course.title,
        "slug": course.slug,
        "summary": "",
        "objectives": rich_text(""),
        "programme": "",
        "learning_hours": "8",
        "mode": "online",
        "language": "vi",
        "instructors": "",
        "self_enrolment": "on",
        "min_attendance_percent": "0",
        "electives_required": "0",
        "final_pass_percent": "0",
        "min_learning_minutes": "0",
        "action-publish": "action-publish",
    }
    data.update({name: str(value) for name, value in changes.items()})
    return data


def test_the_completion_panel_edits_the_policy_and_publishing_syncs_it(
    admin_client, course, django_capture_on_commit_callbacks
):
    url = reverse("wagtailadmin_pages:edit", args=[course.pk])
    page = admin_client.get(url).text
    for name in ("electives_required", "final_pass_percent", "min_learning_minutes"):
        assert f'name="{name}"' in page
    form = edit_form(
        course,
        min_attendance_percent=80,
        electives_required=2,
        final_pass_percent=70,
        min_learning_minutes=90,
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, form)
    assert response.status_code == 302, response.context["form"].errors
    rule = CompletionRule.objects.get(course=course)
    assert (
        rule.min_attendance_percent,
        rule.electives_required,
        rule.final_pass_percent,
        rule.min_learning_minutes,
    ) == (80, 2, 70, 90)


def test_a_pass_mark_over_100_is_an_error_in_the_form(admin_client, course):
    url = reverse("wagtailadmin_pages:edit", args=[course.pk])
    response = admin_client.post(url, edit_form(course, final_pass_percent=120))
    assert response.status_code == 200
    assert "final_pass_percent" in response.context["form"].errors


def add_module(course, title, slug, *, required=True, body="[]"):
    module = course.add_child(
        instance=ModulePage(title=title, slug=slug, required=required)
    )
    publish(module)
    lesson = module.add_child(
        instance=LessonPage(title=f"Bài {title}", slug=f"bai-{slug}", body=body)
    )
    publish(lesson)
    return module


def test_items_know_their_module_and_elective_ones_are_not_required(course):
    elective = add_module(
        course,
        "Tự chọn",
        "tu-chon",
        required=False,
        body=lecture_body(ready_video("Bài tự chọn")),
    )
    items = {
        item.title: (item.group, item.required)
        for item in Item.objects.filter(course=course)
    }
    first = ModulePage.objects.child_of(course).get(slug="phan-1")
    assert items == {
        "Bài 0.0": (f"module{first.pk}", True),
        "Bài tự chọn": (f"module{elective.pk}", False),
    }


@pytest.fixture
def electives_course(course):
    add_module(
        course,
        "Tự chọn",
        "tu-chon",
        required=False,
        body=lecture_body(ready_video("Bài tự chọn")),
    )
    course.electives_required = 1
    publish(course)
    return course


def keys_of(course):
    return {item.title: item.key for item in Item.objects.filter(course=course)}


def complete(user, course, title):
    progress.submit_completion(
        user=user, course_id=course.pk, item_key=keys_of(course)[title], source="t"
    )


def test_publishing_a_new_policy_re_evaluates_learners_in_progress(
    electives_course, learner, django_capture_on_commit_callbacks
):
    finished = UserFactory(username="da-xong")
    for user in (learner, finished):
        progress.enrol(user=user, course=electives_course)
        complete(user, electives_course, "Bài 0.0")
    complete(finished, electives_course, "Bài tự chọn")
    assert progress.course_progress(
        user=finished, course_id=electives_course.pk
    ).completed
    course = CoursePage.objects.get(pk=electives_course.pk)
    course.electives_required = 0
    course.min_learning_minutes = 500  # stricter: nobody has 500 minutes
    with django_capture_on_commit_callbacks(execute=True):
        publish(course)
    assert not progress.course_progress(user=learner, course_id=course.pk).completed
    course.min_learning_minutes = 0
    with django_capture_on_commit_callbacks(execute=True):
        publish(course)
    assert progress.course_progress(user=learner, course_id=course.pk).completed
    assert progress.course_progress(user=finished, course_id=course.pk).completed


def test_my_learning_and_the_course_page_say_what_is_still_missing(
    client, electives_course, learner
):
    progress.enrol(user=learner, course=electives_course)
    client.force_login(learner)
    # In English: the pages follow the URL's language (Vietnamese at "/").
    for url in ("/en/hoc-tap/", "/en" + electives_course.url):
        html = client.get(url).text
        assert "Still missing:" in html
        assert "Required activities: Bài 0.0" in html
        assert "Elective modules: 1 more elective module" in html
    complete(learner, electives_course, "Bài 0.0")
    html = client.get("/en/hoc-tap/").text
    assert "Required activities" not in html
    complete(learner, electives_course, "Bài tự chọn")
    # In English: the pages follow the URL's language (Vietnamese at "/").
    for url in ("/en/hoc-tap/", "/en" + electives_course.url):
        assert "data-requirements" not in client.get(url).text
