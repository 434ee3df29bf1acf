"""Cohort items (a class's sessions) and the course's attendance rule."""

import pytest

from lms.progress import api
from lms.progress.data import ItemKind, ItemSpec
from tests.factories import UserFactory

from .conftest import video_item


def sessions(cohort, count):
    return [
        ItemSpec(key=f"{cohort}:s{n}", kind=ItemKind.SESSION, title=f"Buổi {n}")
        for n in range(count)
    ]


@pytest.fixture
def blended(course):
    """One video for everybody, and two classes of four sessions each."""
    api.sync_course_items(course=course, items=[video_item("v1")])
    api.sync_course_items(course=course, items=sessions("class1", 4), cohort="class1")
    api.sync_course_items(course=course, items=sessions("class2", 4), cohort="class2")
    api.set_completion_rule(course=course, min_attendance_percent=75)
    return course


def attend(user, course, cohort, count):
    for n in range(count):
        api.submit_completion(
            user=user,
            course_id=course.pk,
            item_key=f"{cohort}:s{n}",
            source="attendance",
        )


def test_syncing_a_cohort_leaves_the_content_and_other_cohorts_alone(blended):
    api.sync_course_items(course=blended, items=sessions("class1", 2), cohort="class1")
    keys = set(api.item_keys(course_id=blended.pk))
    assert "v1" in keys
    assert {"class2:s0", "class2:s3"} <= keys
    assert api.item_keys(course_id=blended.pk, cohort="class1") == [
        "class1:s0",
        "class1:s1",
    ]
    api.sync_course_items(course=blended, items=[video_item("v1")])
    assert len(api.item_keys(course_id=blended.pk)) == 7


def test_the_course_needs_the_required_share_of_the_learners_own_sessions(blended):
    user = UserFactory()
    api.enrol(user=user, course=blended, cohort="class1")
    api.submit_completion(
        user=user, course_id=blended.pk, item_key="v1", source="video"
    )
    attend(user, blended, "class1", 2)
    summary = api.course_progress(user=user, course_id=blended.pk)
    # 1 video + 3 of 4 sessions (75 %, rounded up) = 4 parts; 3 done.
    assert (summary.completed_items, summary.total_items, summary.completed) == (
        3,
        4,
        False,
    )
    attend(user, blended, "class1", 3)
    assert api.course_progress(user=user, course_id=blended.pk).completed


def test_sessions_of_another_class_do_not_count(blended):
    user = UserFactory()
    api.enrol(user=user, course=blended, cohort="class1")
    api.submit_completion(
        user=user, course_id=blended.pk, item_key="v1", source="video"
    )
    attend(user, blended, "class2", 4)  # a mistake: marked in the other class
    assert not api.course_progress(user=user, course_id=blended.pk).completed
    assert api.attendance_summary(user=user, course_id=blended.pk).attended == 0


def test_a_learner_in_no_class_cannot_meet_an_attendance_rule(blended):
    user = UserFactory()
    api.enrol(user=user, course=blended)
    result = api.submit_completion(
        user=user, course_id=blended.pk, item_key="v1", source="video"
    )
    assert not result.course_completed_now
    assert api.course_progress(user=user, course_id=blended.pk).total_items == 2


def test_without_a_rule_sessions_are_not_needed(course):
    api.sync_course_items(course=course, items=[video_item("v1")])
    api.sync_course_items(course=course, items=sessions("class1", 4), cohort="class1")
    user = UserFactory()
    api.enrol(user=user, course=course, cohort="class1")
    result = api.submit_completion(
        user=user, course_id=course.pk, item_key="v1", source="video"
    )
    assert result.course_completed_now


def test_undoing_an_attendance_lowers_progress_but_never_uncompletes(blended):
    user = UserFactory()
    api.enrol(user=user, course=blended, cohort="class1")
    attend(user, blended, "class1", 2)
    assert api.course_progress(user=user, course_id=blended.pk).completed_items == 2
    assert api.undo_completion(user=user, course_id=blended.pk, item_key="class1:s0")
    assert api.course_progress(user=user, course_id=blended.pk).completed_items == 1
    assert not api.undo_completion(
        user=user, course_id=blended.pk, item_key="class1:s0"
    )
    api.submit_completion(
        user=user, course_id=blended.pk, item_key="v1", source="video"
    )
    attend(user, blended, "class1", 3)
    assert api.course_progress(user=user, course_id=blended.pk).completed
    api.undo_completion(user=user, course_id=blended.pk, item_key="class1:s2")
    assert api.course_progress(user=user, course_id=blended.pk).completed


def test_moving_a_learner_to_another_class_counts_that_class(blended):
    user = UserFactory()
    api.enrol(user=user, course=blended, cohort="class1")
    attend(user, blended, "class2", 3)
    api.enrol(user=user, course=blended, cohort="class2")
    assert api.attendance_summary(user=user, course_id=blended.pk).attended == 3


def test_lowering_the_rule_completes_learners_on_refresh(blended):
    user = UserFactory()
    api.enrol(user=user, course=blended, cohort="class1")
    api.submit_completion(
        user=user, course_id=blended.pk, item_key="v1", source="video"
    )
    attend(user, blended, "class1", 1)
    api.set_completion_rule(course=blended, min_attendance_percent=25)
    assert api.refresh_progress(course_id=blended.pk, user_ids=[user.pk]) == 1
    assert api.course_progress(user=user, course_id=blended.pk).completed


def test_an_impossible_rule_is_refused(course):
    with pytest.raises(api.ProgressError):
        api.set_completion_rule(course=course, min_attendance_percent=101)
