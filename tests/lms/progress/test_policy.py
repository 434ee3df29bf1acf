"""A course's completion policy: required items, elective modules (N of M),
the final assessment's pass mark, learning time, and what is still missing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Page

from lms.progress import api
from lms.progress.data import ItemKind, ItemSpec, RuleKind
from lms.progress.models import Item, ItemCompletion, WatchRecord
from lms.progress.signals import course_completed
from lms.progress.tasks import refresh_course_progress_task
from tests.factories import UserFactory

from .conftest import video_item


@pytest.fixture(autouse=True)
def english():
    """The sentences are checked in English, whatever the catalogues hold."""
    with translation.override("en"):
        yield


def item(key, *, group="", required=True, kind=ItemKind.DOCUMENT, **extra):
    return ItemSpec(
        key=key,
        kind=kind,
        title=f"Hoạt động {key}",
        group=group,
        required=required,
        **extra,
    )


def final_item(key="exam", **extra):
    return item(key, kind=ItemKind.H5P, group="module9", final=True, **extra)


def complete(user, course, *keys, score=None):
    for key in keys:
        api.submit_completion(
            user=user, course_id=course.pk, item_key=key, source="test", score=score
        )


def rules(user, course):
    found = api.requirements(user=user, course_id=course.pk)
    return {rule.kind: rule for rule in found.rules}


@pytest.fixture
def electives(course):
    """One required activity and three elective modules; two are asked for."""
    api.sync_course_items(
        course=course,
        items=[
            item("r1", group="module1"),
            item("a1", group="module2", required=False),
            item("a2", group="module2", required=False),
            item("b1", group="module3", required=False),
            item("c1", group="module4", required=False),
        ],
    )
    api.set_completion_rule(course=course, electives_required=2)
    return course


def test_two_of_three_elective_modules_complete_the_course(electives, learner):
    complete(learner, electives, "r1", "a1", "b1")
    summary = api.course_progress(user=learner, course_id=electives.pk)
    # 1 required item + 2 elective modules = 3 parts; module2 is half done.
    assert (summary.completed_items, summary.total_items) == (2, 3)
    assert not summary.completed
    complete(learner, electives, "a2")
    assert api.course_progress(user=learner, course_id=electives.pk).completed


def test_an_elective_module_counts_only_when_all_its_items_are_done(electives, learner):
    complete(learner, electives, "r1", "a1", "c1")
    electives_rule = rules(learner, electives)[RuleKind.ELECTIVES]
    assert (electives_rule.target, electives_rule.achieved) == (2, 1)
    assert not electives_rule.met


def test_an_optional_item_of_a_required_module_is_no_elective_module(course, learner):
    api.sync_course_items(
        course=course,
        items=[
            item("r1", group="module1"),
            item("o1", group="module1", required=False),
        ],
    )
    api.set_completion_rule(course=course, electives_required=1)
    complete(learner, course, "r1", "o1")
    electives_rule = rules(learner, course)[RuleKind.ELECTIVES]
    assert electives_rule.achieved == 0
    assert not electives_rule.possible
    assert not api.course_progress(user=learner, course_id=course.pk).completed


def test_without_an_electives_rule_a_course_of_optional_items_needs_them_all(
    course, learner
):
    api.sync_course_items(
        course=course,
        items=[
            item("a1", group="m1", required=False),
            item("b1", group="m2", required=False),
        ],
    )
    complete(learner, course, "a1")
    assert not api.course_progress(user=learner, course_id=course.pk).completed
    api.set_completion_rule(course=course, electives_required=1)
    assert api.refresh_progress(course_id=course.pk, user_ids=[learner.pk]) == 1


@pytest.fixture
def examined(course):
    api.sync_course_items(course=course, items=[item("r1"), final_item()])
    api.set_completion_rule(course=course, final_pass_percent=80)
    return course


def test_a_final_score_below_the_pass_mark_is_refused_and_not_recorded(
    examined, learner
):
    complete(learner, examined, "r1")
    for low in [0.79, None]:
        with pytest.raises(api.ProgressError, match="80%"):
            complete(learner, examined, "exam", score=low)
    assert not ItemCompletion.objects.filter(item__key="exam").exists()
    final = rules(learner, examined)[RuleKind.FINAL]
    assert (final.met, final.possible) == (False, True)
    assert "80%" in final.shortfall


def test_a_final_score_at_the_pass_mark_completes_the_course(
    examined, learner, django_capture_on_commit_callbacks
):
    done = []
    course_completed.connect(lambda **kw: done.append(kw["course_id"]), weak=False)
    complete(learner, examined, "r1")
    with django_capture_on_commit_callbacks(execute=True):
        complete(learner, examined, "exam", score=0.8)
    summary = api.course_progress(user=learner, course_id=examined.pk)
    # r1, the exam as a required item, and the exam's pass mark.
    assert (summary.completed_items, summary.total_items) == (3, 3)
    assert summary.completed and done == [examined.pk]
    assert rules(learner, examined)[RuleKind.FINAL].achieved == 80


def test_a_raised_pass_mark_is_met_by_a_better_later_score(examined, learner):
    complete(learner, examined, "exam", score=0.85)
    api.set_completion_rule(course=examined, final_pass_percent=90)
    complete(learner, examined, "r1")
    assert not api.course_progress(user=learner, course_id=examined.pk).completed
    complete(learner, examined, "exam", score=0.7)  # a worse one changes nothing
    assert ItemCompletion.objects.get(item__key="exam").score == 0.85
    result = api.submit_completion(
        user=learner, course_id=examined.pk, item_key="exam", source="h5p", score=0.95
    )
    assert not result.item_completed_now and result.course_completed_now


def test_without_a_final_assessment_the_pass_mark_can_never_be_met(course, learner):
    api.sync_course_items(course=course, items=[item("r1")])
    api.set_completion_rule(course=course, final_pass_percent=50)
    complete(learner, course, "r1")
    assert not api.course_progress(user=learner, course_id=course.pk).completed
    final = rules(learner, course)[RuleKind.FINAL]
    assert not final.met and not final.possible
    assert "does not have" in final.shortfall


def test_without_a_pass_mark_a_final_assessment_completes_as_any_item(course, learner):
    api.sync_course_items(course=course, items=[final_item()])
    complete(learner, course, "exam")
    assert api.course_progress(user=learner, course_id=course.pk).completed


def session(key, minutes):
    return ItemSpec(
        key=key, kind=ItemKind.SESSION, title=key, required=False, duration=minutes * 60
    )


@pytest.fixture
def timed(course):
    """A ten-minute video, a document of five, and a class of two hours."""
    api.sync_course_items(
        course=course,
        items=[video_item("v1", duration=600.0), item("d1", duration=300.0)],
    )
    api.sync_course_items(
        course=course,
        items=[session("class1:s1", 60), session("class1:s2", 60)],
        cohort="class1",
    )
    api.set_completion_rule(course=course, min_learning_minutes=75)
    return course


def watched(user, course, key, seconds):
    WatchRecord.objects.create(
        user=user,
        item=Item.objects.get(course=course, key=key),
        intervals=[[0, seconds]],
        watched_seconds=seconds,
    )


def test_learning_time_adds_watched_video_attended_sessions_and_declared_time(
    timed,
):
    user = UserFactory()
    api.enrol(user=user, course=timed, cohort="class1")
    watched(user, timed, "v1", 240.0)  # 4 minutes really watched
    complete(user, timed, "class1:s1", "d1")  # 60 + 5 minutes
    time_rule = rules(user, timed)[RuleKind.LEARNING_TIME]
    assert (time_rule.target, time_rule.achieved, time_rule.met) == (75, 69, False)
    assert time_rule.shortfall == "6 more minutes of learning"
    complete(user, timed, "class1:s2")
    time_rule = rules(user, timed)[RuleKind.LEARNING_TIME]
    assert time_rule.met and time_rule.achieved == 129


def test_a_completed_video_counts_only_the_time_really_watched(timed, learner):
    watched(learner, timed, "v1", 30.0)
    complete(learner, timed, "v1", "d1")
    assert rules(learner, timed)[RuleKind.LEARNING_TIME].achieved == 5


def test_requirements_list_exactly_what_is_missing(course):
    api.sync_course_items(
        course=course,
        items=[
            item("r1", group="module1"),
            item("r2", group="module1"),
            item("a1", group="module2", required=False),
            final_item(),
        ],
    )
    api.sync_course_items(
        course=course, items=[session("class1:s1", 90)], cohort="class1"
    )
    api.set_completion_rule(
        course=course,
        min_attendance_percent=100,
        electives_required=1,
        final_pass_percent=70,
        min_learning_minutes=120,
    )
    user = UserFactory()
    api.enrol(user=user, course=course, cohort="class1")
    complete(user, course, "r1", "class1:s1")
    found = api.requirements(user=user, course_id=course.pk)
    assert not found.completed and not found.met
    by_kind = {rule.kind: rule for rule in found.unmet}
    assert set(by_kind) == {
        RuleKind.ITEMS,
        RuleKind.ELECTIVES,
        RuleKind.FINAL,
        RuleKind.LEARNING_TIME,
    }
    assert by_kind[RuleKind.ITEMS].missing == ("Hoạt động r2", "Hoạt động exam")
    assert by_kind[RuleKind.ELECTIVES].shortfall == "1 more elective module"
    assert by_kind[RuleKind.LEARNING_TIME].shortfall == "30 more minutes of learning"
    assert [rule.kind for rule in found.rules if rule.met] == [RuleKind.ATTENDANCE]
    # parts: 3 items + 1 module + 1 pass mark + 1 session + 1 learning time
    assert (found.parts_done, found.parts) == (2, 7)
    summary = api.course_progress(user=user, course_id=course.pk)
    assert (summary.completed_items, summary.total_items) == (2, 7)


def test_many_missing_titles_are_shortened(course, learner):
    api.sync_course_items(course=course, items=[item(f"r{n}") for n in range(8)])
    rule = rules(learner, course)[RuleKind.ITEMS]
    assert len(rule.missing) == 8
    assert rule.shortfall.endswith("Hoạt động r4 and 3 more")


def test_bad_policies_are_refused_and_change_nothing(course):
    assert api.set_completion_rule(course=course, electives_required=2)
    for bad in [
        {"final_pass_percent": 101},
        {"electives_required": -1},
        {"min_learning_minutes": -5},
        {"min_attendance_percent": 1.5},
    ]:
        with pytest.raises(api.ProgressError):
            api.set_completion_rule(course=course, **bad)
    assert not api.set_completion_rule(course=course, electives_required=2)
    assert api.set_completion_rule(course=course)


def test_an_unchanged_empty_policy_is_no_change(course):
    assert not api.set_completion_rule(course=course)


@pytest.fixture
def two_learners(electives):
    done, learning = UserFactory(), UserFactory()
    for user in (done, learning):
        api.enrol(user=user, course=electives)
    complete(done, electives, "r1", "a1", "a2", "b1")
    complete(learning, electives, "r1", "c1")
    return done, learning


def test_editing_a_policy_re_evaluates_learners_still_learning(electives, two_learners):
    done, learning = two_learners
    api.set_completion_rule(course=electives, electives_required=1)
    assert refresh_course_progress_task.call(electives.pk) == {"completed": 1}
    assert api.course_progress(user=learning, course_id=electives.pk).completed


def test_a_stricter_policy_never_takes_a_completion_away(electives, two_learners):
    done, learning = two_learners
    api.set_completion_rule(
        course=electives, electives_required=3, min_learning_minutes=600
    )
    api.refresh_course_progress(course_id=electives.pk)
    api.refresh_progress(course_id=electives.pk, user_ids=[done.pk])
    assert api.course_progress(user=done, course_id=electives.pk).completed
    assert api.requirements(user=done, course_id=electives.pk).completed
    assert not api.course_progress(user=learning, course_id=electives.pk).completed


def test_the_refresh_is_queued_after_the_commit(
    electives, two_learners, django_capture_on_commit_callbacks
):
    _done, learning = two_learners
    api.set_completion_rule(course=electives, electives_required=1)
    with django_capture_on_commit_callbacks(execute=True):
        api.refresh_course_progress_later(course_id=electives.pk)
        assert not api.course_progress(user=learning, course_id=electives.pk).completed
    assert api.course_progress(user=learning, course_id=electives.pk).completed


def policy_queries(course, user, size):
    items = [video_item(f"v{n}") for n in range(size)]
    items += [
        item(f"e{n}", group=f"module{n % 5}", required=False) for n in range(size)
    ]
    items += [final_item()]
    api.sync_course_items(course=course, items=items)
    api.sync_course_items(
        course=course, items=[session(f"c:s{n}", 60) for n in range(size)], cohort="c"
    )
    api.set_completion_rule(
        course=course,
        min_attendance_percent=50,
        electives_required=2,
        final_pass_percent=60,
        min_learning_minutes=60,
    )
    api.enrol(user=user, course=course, cohort="c")
    complete(user, course, *[f"e{n}" for n in range(0, size, 2)])
    with CaptureQueriesContext(connection) as queries:
        complete(user, course, "v3")
        complete(user, course, "exam", score=0.9)
        api.requirements(user=user, course_id=course.pk)
    return len(queries)


def test_the_policy_costs_the_same_queries_however_big_the_course(course, learner):
    big = Page.get_first_root_node().add_child(instance=Page(title="Lớn", slug="lon"))
    assert policy_queries(course, learner, 10) == policy_queries(big, learner, 200)
