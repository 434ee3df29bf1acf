import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.models import LessonPage
from lms.progress import api as progress
from lms.progress.models import Enrolment, Item

from .conftest import build_course

pytestmark = pytest.mark.django_db


def test_publishing_a_lesson_registers_its_lectures_as_course_items(course):
    items = Item.objects.filter(course=course, is_active=True)
    assert [(i.kind, i.required, i.threshold, i.duration) for i in items] == [
        ("video", True, 0.9, 100.0)
    ]


def test_unpublishing_a_lesson_takes_its_items_out_of_the_course(course):
    LessonPage.objects.child_of(course.get_children().first()).first().unpublish()
    assert not Item.objects.filter(course=course, is_active=True).exists()


def test_a_learner_enrols_from_the_course_page(client, course, learner):
    client.force_login(learner)
    response = client.post(course.url, {"enrol": "1"})
    assert response.status_code == 302
    assert progress.is_enrolled(user=learner, course=course)
    page = client.get(course.url)
    assert "data-course-progress" in page.text


def test_an_anonymous_visitor_is_asked_to_log_in(client, course):
    response = client.get(course.url)
    assert "dang-nhap" in response.text
    client.post(course.url, {"enrol": "1"})
    assert not Enrolment.objects.exists()


def test_only_enrolled_learners_get_a_tracked_player(client, course, learner):
    lesson = LessonPage.objects.live().descendant_of(course).first()
    client.force_login(learner)
    assert "data-report-url" not in client.get(lesson.url).text
    progress.enrol(user=learner, course=course)
    assert "data-report-url" in client.get(lesson.url).text


def test_my_learning_lists_the_courses_with_their_progress(client, course, learner):
    progress.enrol(user=learner, course=course)
    client.force_login(learner)
    response = client.get("/hoc-tap/")
    assert course.title in response.text
    assert "0%" in response.text


def test_my_learning_shows_the_courses_certificate(client, course, learner):
    from lms.certificates.models import Certificate, Issuer
    from tests.factories import UnitFactory

    progress.enrol(user=learner, course=course)
    issuer = Issuer.objects.create(
        name="Học viện",
        code="HV",
        unit=UnitFactory(),
        signer_name="A",
        signer_title="B",
        place="Hà Nội",
    )
    certificate = Certificate.objects.create(
        issuer=issuer,
        user=learner,
        course=course,
        title="GIẤY CHỨNG NHẬN",
        full_name="Học viên",
        course_title=course.title,
        status="issued",
        number="7/2026/CC-HV",
        completed_on=datetime.date(2026, 5, 4),
    )
    client.force_login(learner)
    response = client.get("/hoc-tap/")
    assert "7/2026/CC-HV" in response.text
    assert f"/chung-chi/{certificate.public_id}/pdf/" in response.text
    Certificate.objects.filter(pk=certificate.pk).update(status="pending")
    assert "7/2026/CC-HV" not in client.get("/hoc-tap/").text


def test_my_learning_links_to_the_certificates_and_the_transcript(client, learner):
    client.force_login(learner)
    response = client.get("/hoc-tap/")
    assert 'href="/chung-chi/cua-toi/"' in response.text
    assert 'href="/chung-chi/bang-gio-hoc/"' in response.text


def test_the_course_page_costs_the_same_queries_for_10_or_200_lessons(
    client, catalogue, learner
):
    small = build_course(catalogue, lessons=10, slug="nho")
    large = build_course(catalogue, lessons=200, slug="lon")
    client.force_login(learner)
    counts = []
    for course in (small, large):
        progress.enrol(user=learner, course=course)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(course.url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_catalogue_filters_by_mode_and_words(client, catalogue, course):
    assert course.title in client.get(catalogue.url, {"mode": "online"}).text
    assert course.title not in client.get(catalogue.url, {"mode": "blended"}).text
    assert course.title in client.get(catalogue.url, {"q": "vận động"}).text
