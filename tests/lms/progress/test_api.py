import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lms.progress import api
from lms.progress.data import ItemKind, ItemSpec
from lms.progress.models import WatchRecord
from lms.progress.signals import course_completed, item_completed
from tests.factories import UserFactory

from .conftest import video_item

LONG_AGO = timezone.now() - datetime.timedelta(hours=1)


@pytest.fixture
def two_items(course):
    api.sync_course_items(course=course, items=[video_item("v1"), video_item("v2")])
    return course


def watch(user, course, segments, key="v1", since=LONG_AGO, position=0):
    return api.record_watch(
        user=user,
        course_id=course.pk,
        item_key=key,
        segments=segments,
        position=position,
        since=since,
    )


def test_completing_an_item_twice_counts_once_and_signals_once(
    two_items, learner, django_capture_on_commit_callbacks
):
    received = []
    item_completed.connect(lambda **kw: received.append(kw["item"].key), weak=False)
    with django_capture_on_commit_callbacks(execute=True):
        first = api.submit_completion(
            user=learner, course_id=two_items.pk, item_key="v1", source="test"
        )
        second = api.submit_completion(
            user=learner, course_id=two_items.pk, item_key="v1", source="test"
        )
    assert first.item_completed_now and not second.item_completed_now
    assert received.count("v1") == 1
    assert api.course_progress(user=learner, course_id=two_items.pk).percent == 50


def test_the_course_completes_when_every_required_item_is_done(
    two_items, learner, django_capture_on_commit_callbacks
):
    done = []
    course_completed.connect(lambda **kw: done.append(kw["course_id"]), weak=False)
    with django_capture_on_commit_callbacks(execute=True):
        for key in ["v1", "v2"]:
            api.submit_completion(
                user=learner, course_id=two_items.pk, item_key=key, source="test"
            )
    summary = api.course_progress(user=learner, course_id=two_items.pk)
    assert summary.completed and summary.percent == 100
    assert done == [two_items.pk]


def test_a_learner_not_enrolled_cannot_complete_anything(two_items):
    stranger = UserFactory(username="nguoi-la")
    with pytest.raises(api.ProgressError):
        api.submit_completion(
            user=stranger, course_id=two_items.pk, item_key="v1", source="test"
        )


def test_an_unknown_or_removed_item_is_refused(two_items, learner):
    api.sync_course_items(course=two_items, items=[video_item("v2")])
    with pytest.raises(api.ProgressError):
        api.submit_completion(
            user=learner, course_id=two_items.pk, item_key="v1", source="test"
        )


def test_seeking_to_the_end_does_not_count_as_watching(two_items, learner):
    watch(learner, two_items, [[0, 10]])
    result = watch(learner, two_items, [[95, 100]])  # jumped from 10 to 95
    assert result.watched_seconds == pytest.approx(15)
    assert not result.completed


def test_rewatching_a_part_does_not_count_twice(two_items, learner):
    watch(learner, two_items, [[0, 30]])
    result = watch(learner, two_items, [[0, 30], [10, 20]])
    assert result.watched_seconds == pytest.approx(30)


def test_the_item_completes_exactly_at_the_threshold(two_items, learner):
    below = watch(learner, two_items, [[0, 89.4]])
    assert not below.completed
    at = watch(learner, two_items, [[89.4, 90.0]])
    assert at.completed
    assert "v1" in api.completed_item_keys(user=learner, course_id=two_items.pk)


def test_a_lesson_can_set_its_own_threshold(course, learner):
    api.sync_course_items(course=course, items=[video_item("v1", threshold=0.5)])
    assert watch(learner, course, [[0, 50]]).completed


def test_impossible_segments_are_refused_and_change_nothing(two_items, learner):
    for bad in [[[50, 40]], [[-5, 10]], [[0, 500]], [["a", 3]], "x"]:
        with pytest.raises(api.ProgressError):
            watch(learner, two_items, bad)
    assert api.watched_share(user=learner, course_id=two_items.pk, item_key="v1") == 0


def test_more_watched_time_than_the_clock_allows_is_refused(two_items, learner):
    just_served = timezone.now()
    with pytest.raises(api.ProgressError):
        watch(learner, two_items, [[0, 100]], since=just_served)


def test_quick_reports_cannot_add_up_to_more_than_the_clock_allows(two_items, learner):
    """The slack is given once, not with every report: a script posting
    segments faster than 2x speed is refused from its second report on."""
    ten_seconds_ago = timezone.now() - datetime.timedelta(seconds=10)
    watch(learner, two_items, [[0, 30]], since=ten_seconds_ago)  # 20 s + 20 s slack
    with pytest.raises(api.ProgressError):
        watch(learner, two_items, [[30, 45]], since=ten_seconds_ago)
    assert api.watched_share(user=learner, course_id=two_items.pk, item_key="v1") == 0.3


def test_time_watched_offline_counts_when_its_report_arrives(two_items, learner):
    watch(learner, two_items, [[0, 10]])
    record = WatchRecord.objects.get(user=learner, item__key="v1")
    record.reported_at = timezone.now() - datetime.timedelta(minutes=2)
    record.save()  # two minutes offline, then the kept segments arrive at once
    assert watch(learner, two_items, [[10, 100]]).completed


def test_a_video_report_for_a_non_video_item_is_refused(course, learner):
    doc = ItemSpec(key="d1", kind=ItemKind.DOCUMENT, title="Tài liệu")
    api.sync_course_items(course=course, items=[doc])
    with pytest.raises(api.ProgressError):
        watch(learner, course, [[0, 1]], key="d1")


def test_the_resume_position_is_the_last_reported_one(two_items, learner):
    watch(learner, two_items, [[0, 42]], position=42)
    assert (
        api.resume_position(user=learner, course_id=two_items.pk, item_key="v1") == 42
    )


def completion_queries(course, user, item_count):
    api.sync_course_items(
        course=course, items=[video_item(f"v{n}") for n in range(item_count)]
    )
    with CaptureQueriesContext(connection) as queries:
        api.submit_completion(user=user, course_id=course.pk, item_key="v3", source="t")
    return len(queries)


def test_completing_an_item_costs_the_same_queries_however_big_the_course(
    course, learner
):
    from wagtail.models import Page

    big = Page.get_first_root_node().add_child(instance=Page(title="Lớn", slug="lon"))
    api.enrol(user=learner, course=big)
    assert completion_queries(course, learner, 10) == completion_queries(
        big, learner, 500
    )
