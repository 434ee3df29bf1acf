"""Enrolling many learners at once, withdrawing, and the enrolment lists
staff screens read."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lms.progress import api
from lms.progress.data import BulkEnrolment, EnrolmentStatus
from lms.progress.models import Enrolment
from tests.factories import UserFactory

from .conftest import video_item

pytestmark = pytest.mark.django_db


def learners(n, prefix="hv"):
    return [UserFactory(username=f"{prefix}-{i}") for i in range(n)]


def test_enrolling_many_enrols_each_once_and_says_what_it_did(course):
    users = learners(3)
    api.enrol(user=users[0], course=course, source="self")
    result = api.enrol_many(users=users, course=course)
    assert result == BulkEnrolment(enrolled=2, re_enrolled=0, unchanged=1)
    sources = dict(
        Enrolment.objects.filter(course=course).values_list("user__username", "source")
    )
    assert sources == {"hv-0": "self", "hv-1": "staff", "hv-2": "staff"}


def test_enrolling_the_same_people_again_changes_nothing(course):
    users = learners(3)
    api.enrol_many(users=users, course=course)
    again = api.enrol_many(users=users, course=course)
    assert again == BulkEnrolment(enrolled=0, re_enrolled=0, unchanged=3)
    assert Enrolment.objects.filter(course=course).count() == 3


def test_a_queryset_of_users_is_enrolled_too(course):
    learners(4, prefix="xa")
    users = get_user_model().objects.filter(username__startswith="xa-")
    assert api.enrol_many(users=users, course=course).enrolled == 4


def test_enrolling_many_costs_the_same_queries_for_5_or_50_people(course, db):
    counts = []
    for n, prefix in [(5, "few"), (50, "many")]:
        users = get_user_model().objects.filter(
            pk__in=[u.pk for u in learners(n, prefix)]
        )
        for user in users[:2]:
            api.enrol(user=user, course=course)
            api.withdraw(user=user, course=course)
        with CaptureQueriesContext(connection) as queries:
            result = api.enrol_many(users=users, course=course)
        assert (result.enrolled, result.re_enrolled) == (n - 2, 2)
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_withdrawn_learner_keeps_their_progress_and_gets_it_back(course):
    user = UserFactory(username="rut-lui")
    api.sync_course_items(course=course, items=[video_item("v1")])
    api.enrol(user=user, course=course)
    api.submit_completion(user=user, course_id=course.pk, item_key="v1", source="t")

    assert api.withdraw(user=user, course=course)
    assert not api.is_enrolled(user=user, course=course)
    assert list(api.enrolments_of(user)) == []
    assert not api.withdraw(user=user, course=course)

    api.enrol_many(users=[user], course=course)
    enrolment = Enrolment.objects.get(user=user, course=course)
    assert enrolment.status == EnrolmentStatus.COMPLETED
    assert api.course_progress(user=user, course_id=course.pk).percent == 100


def test_enrolling_one_withdrawn_learner_again_restores_their_state(course):
    user = UserFactory(username="tro-lai")
    api.enrol(user=user, course=course)
    api.withdraw(user=user, course=course)
    assert api.enrol(user=user, course=course).status == EnrolmentStatus.ACTIVE


def test_course_enrolments_carry_each_learners_progress(course):
    done, fresh, other = learners(3)
    api.sync_course_items(course=course, items=[video_item("v1"), video_item("v2")])
    api.enrol_many(users=[done, fresh, other], course=course)
    api.submit_completion(user=done, course_id=course.pk, item_key="v1", source="t")
    rows = api.course_enrolments(course=course, user_ids=[done.pk, fresh.pk])
    assert {row.user.username: row.percent for row in rows} == {"hv-0": 50, "hv-1": 0}


def test_enrolment_counts_leave_withdrawn_learners_out(course):
    users = learners(3)
    api.sync_course_items(course=course, items=[video_item("v1")])
    api.enrol_many(users=users, course=course)
    api.submit_completion(user=users[0], course_id=course.pk, item_key="v1", source="t")
    api.withdraw(user=users[2], course=course)
    counts = api.enrolment_counts(course_ids=[course.pk])[course.pk]
    assert (counts.enrolled, counts.completed, counts.withdrawn) == (2, 1, 1)
    narrowed = api.enrolment_counts(course_ids=[course.pk], user_ids=[users[1].pk])
    assert narrowed[course.pk].enrolled == 1
