"""Launching and committing: what the server stores, and what reaches
lms.progress."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from lms.progress import api as progress
from lms.progress.data import ItemKind, ItemSpec
from lms.scorm import api
from lms.scorm.data import AttemptStatus
from lms.scorm.launch import CompletionRule
from lms.scorm.models import Attempt, ScoData
from tests.factories import UserFactory, ensure_wagtail_site

from .conftest import ITEM_KEY, make_ticket
from .packages import import_fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def single_12():
    return import_fixture("RuntimeBasicCalls_SCORM12.zip")


@pytest.fixture
def ticket(learner, course, single_12):
    return make_ticket(learner, course, single_12)


def commit(ticket, delivery, values, sequence=1, **extra):
    payload = {"values": values, "launch": delivery.launch_id, "sequence": sequence}
    payload.update(extra)
    return api.commit(ticket=ticket, sco=delivery.sco, payload=payload)


def stored(delivery) -> dict:
    return ScoData.objects.get(sco=delivery.sco).cmi


def test_the_first_launch_starts_attempt_one_ab_initio(ticket, learner):
    delivery = api.deliver(ticket=ticket)
    assert delivery.sco and delivery.path == "shared/launchpage.html"
    assert delivery.values["cmi.core.student_id"] == str(learner.pk)
    assert delivery.values["cmi.core.entry"] == "ab-initio"
    attempt = Attempt.objects.get()
    assert (attempt.number, attempt.status) == (1, AttemptStatus.ACTIVE)
    assert [entry.title for entry in delivery.toc] == ["Golf Explained"]


def test_a_commit_is_validated_and_stored(ticket):
    delivery = api.deliver(ticket=ticket)
    result = commit(
        ticket,
        delivery,
        {
            "cmi.core.lesson_location": "page-3",
            "cmi.core.score.raw": 150,  # out of range: refused, the rest kept
            "cmi.suspend_data": "x" * 10_000,
            "cmi.core.student_id": "someone-else",  # read-only echo: ignored
        },
    )
    assert result.applied
    assert [(p.element, p.code) for p in result.problems] == [
        ("cmi.core.score.raw", 405)
    ]
    data = stored(delivery)
    assert data["cmi.core.lesson_location"] == "page-3"
    assert len(data["cmi.suspend_data"]) == 10_000
    assert "cmi.core.score.raw" not in data
    assert "cmi.core.student_id" not in data


def test_a_completed_status_completes_the_course_item_once(ticket, learner, course):
    delivery = api.deliver(ticket=ticket)
    first = commit(
        ticket,
        delivery,
        {"cmi.core.lesson_status": "completed", "cmi.core.score.raw": "80"},
    )
    again = commit(
        ticket, delivery, {"cmi.core.lesson_status": "completed"}, sequence=2
    )
    assert first.completed_now and not again.completed_now
    assert ITEM_KEY in progress.completed_item_keys(user=learner, course_id=course.pk)
    assert Attempt.objects.get().score_scaled == pytest.approx(0.8)


def test_an_older_commit_arriving_late_does_not_roll_data_back(ticket):
    delivery = api.deliver(ticket=ticket)
    commit(ticket, delivery, {"cmi.core.lesson_location": "p5"}, sequence=5)
    late = commit(ticket, delivery, {"cmi.core.lesson_location": "p4"}, sequence=4)
    assert not late.applied
    assert stored(delivery)["cmi.core.lesson_location"] == "p5"


def test_a_suspended_session_resumes_with_its_data(ticket):
    delivery = api.deliver(ticket=ticket)
    commit(
        ticket,
        delivery,
        {
            "cmi.core.exit": "suspend",
            "cmi.suspend_data": "s=3",
            "cmi.core.lesson_location": "p3",
            "cmi.core.session_time": "0000:05:00",
        },
    )
    again = api.deliver(ticket=ticket, request="resumeAll")
    assert again.values["cmi.core.entry"] == "resume"
    assert again.values["cmi.suspend_data"] == "s=3"
    assert again.values["cmi.core.lesson_location"] == "p3"
    assert again.values["cmi.core.total_time"].startswith("0000:05:00")
    assert "cmi.core.exit" not in again.values
    assert again.launch_id != delivery.launch_id


def test_session_times_add_up_across_launches(ticket):
    for minutes in (5, 7):
        delivery = api.deliver(ticket=ticket)
        commit(ticket, delivery, {"cmi.core.session_time": f"0000:{minutes:02d}:00"})
    delivery = api.deliver(ticket=ticket)
    assert delivery.values["cmi.core.total_time"].startswith("0000:12:00")
    assert Attempt.objects.get().total_seconds == 12 * 60


def test_each_learner_writes_only_their_own_attempt(ticket, course, single_12):
    other = UserFactory(username="hoc-vien-khac")
    progress.enrol(user=other, course=course)
    other_ticket = make_ticket(other, course, single_12)
    mine = api.deliver(ticket=ticket)
    theirs = api.deliver(ticket=other_ticket)
    commit(ticket, mine, {"cmi.core.lesson_location": "mine"})
    commit(other_ticket, theirs, {"cmi.core.lesson_location": "theirs"})
    rows = dict(ScoData.objects.values_list("attempt__user__username", "cmi"))
    assert rows["hoc-vien-scorm"]["cmi.core.lesson_location"] == "mine"
    assert rows["hoc-vien-khac"]["cmi.core.lesson_location"] == "theirs"


def test_a_learner_not_enrolled_cannot_launch(course, single_12):
    stranger = UserFactory(username="nguoi-la")
    with pytest.raises(api.ScormError, match="ghi danh"):
        api.deliver(ticket=make_ticket(stranger, course, single_12))


@pytest.mark.parametrize(
    "payload",
    [
        [],
        {"values": "x", "launch": "a", "sequence": 1},
        {"values": {}, "launch": "", "sequence": 1},
        {"values": {}, "launch": "a", "sequence": "1"},
        {"values": {}, "launch": "a", "sequence": -1},
        {"values": {}, "launch": "a" * 40, "sequence": 1},
    ],
)
def test_a_malformed_commit_is_refused_and_changes_nothing(ticket, payload):
    delivery = api.deliver(ticket=ticket)
    with pytest.raises(api.ScormError):
        api.commit(ticket=ticket, sco=delivery.sco, payload=payload)
    assert stored(delivery) == {}


def test_a_commit_for_a_part_the_package_lacks_is_refused(ticket):
    api.deliver(ticket=ticket)
    with pytest.raises(api.ScormError):
        api.commit(
            ticket=ticket,
            sco="nope",
            payload={"values": {}, "launch": "a", "sequence": 1},
        )


def test_a_running_attempt_stays_on_its_version_and_a_new_one_takes_the_new(
    ticket, single_12
):
    api.deliver(ticket=ticket)
    newer = import_fixture("RuntimeBasicCalls_SCORM12.zip", package=single_12.package)
    api.deliver(ticket=ticket)
    assert Attempt.objects.get().version == single_12
    api.start_new_attempt(ticket=ticket)
    api.deliver(ticket=ticket)
    latest = Attempt.objects.order_by("-number").first()
    assert (latest.number, latest.version) == (2, newer)


def test_passed_rule_waits_for_passed(learner, course, single_12):
    ticket = make_ticket(learner, course, single_12, rule=CompletionRule("passed"))
    delivery = api.deliver(ticket=ticket)
    assert not commit(
        ticket, delivery, {"cmi.core.lesson_status": "completed"}
    ).completed_now
    assert commit(
        ticket, delivery, {"cmi.core.lesson_status": "passed"}, sequence=2
    ).completed_now


def test_finish_rule_completes_on_terminate_without_any_status(learner, course):
    version = import_fixture("RuntimeMinimumCalls_SCORM12.zip")
    ticket = make_ticket(learner, course, version, rule=CompletionRule("finish"))
    delivery = api.deliver(ticket=ticket)
    results = []
    for identifier in [entry.id for entry in delivery.toc if entry.leaf]:
        part = api.deliver(ticket=ticket, request="choice", target=identifier)
        results.append(commit(ticket, part, {}, terminate=True).completed_now)
    assert results[-1] and not any(results[:-1])


def test_minutes_rule_counts_heartbeats_not_sleeping_tabs(learner, course, single_12):
    from datetime import timedelta

    from freezegun import freeze_time

    ticket = make_ticket(learner, course, single_12, rule=CompletionRule("minutes", 2))
    with freeze_time("2026-11-21 08:00:00") as clock:
        delivery = api.deliver(ticket=ticket)
        beat = {"beat": 1}
        commit(ticket, delivery, {}, sequence=0, **beat)
        clock.tick(timedelta(hours=3))  # a tab asleep counts at most 90 s
        assert not commit(ticket, delivery, {}, sequence=0, **beat).completed_now
        for _ in range(1):
            clock.tick(timedelta(seconds=60))
            done = commit(ticket, delivery, {}, sequence=0, **beat).completed_now
    assert done
    assert Attempt.objects.get().active_seconds == pytest.approx(150)


def test_assets_complete_when_launched(learner, course):
    version = import_fixture("ContentPackagingOneFilePerSCO_SCORM12.zip")
    ticket = make_ticket(learner, course, version)
    delivery = api.deliver(ticket=ticket)
    assert delivery.is_sco is False
    for entry in [entry for entry in delivery.toc if entry.leaf][1:]:
        api.deliver(ticket=ticket, request="choice", target=entry.id)
    assert ITEM_KEY in progress.completed_item_keys(user=learner, course_id=course.pk)


def test_previous_and_next_walk_the_parts_in_order(learner, course):
    version = import_fixture("RuntimeMinimumCalls_SCORM12.zip")
    ticket = make_ticket(learner, course, version)
    first = api.deliver(ticket=ticket)
    second = api.deliver(ticket=ticket, request="continue")
    back = api.deliver(ticket=ticket, request="previous")
    assert back.sco == first.sco != second.sco
    refused = api.deliver(ticket=ticket, request="previous")
    assert refused.sco is None and refused.message


def _course_with_items(count: int):
    root = ensure_wagtail_site().root_page
    course = root.add_child(instance=Page(title=f"K{count}", slug=f"k{count}"))
    items = [ItemSpec(key=ITEM_KEY, kind=ItemKind.SCORM, title="Gói")]
    items += [
        ItemSpec(key=f"d{i}", kind=ItemKind.DOCUMENT, title="d") for i in range(count)
    ]
    progress.sync_course_items(course=course, items=items)
    return course


def _completing_commit_queries(course, version) -> int:
    user = UserFactory(username=f"q{course.pk}")
    progress.enrol(user=user, course=course)
    ticket = make_ticket(user, course, version)
    delivery = api.deliver(ticket=ticket)
    commit(ticket, delivery, {"cmi.core.lesson_location": "1"})
    with CaptureQueriesContext(connection) as queries:
        commit(ticket, delivery, {"cmi.core.lesson_status": "completed"}, sequence=2)
    return len(queries)


def test_a_completing_commit_costs_the_same_queries_whatever_the_course_size(single_12):
    small = _completing_commit_queries(_course_with_items(10), single_12)
    large = _completing_commit_queries(_course_with_items(500), single_12)
    assert small == large


def test_scorm_12_interactions_of_a_new_session_are_kept_after_the_earlier_ones(ticket):
    for answer in ("a", "b"):
        delivery = api.deliver(ticket=ticket)
        commit(
            ticket,
            delivery,
            {
                "cmi.interactions.0.id": "q1",
                "cmi.interactions.0.type": "choice",
                "cmi.interactions.0.student_response": answer,
            },
        )
    data = stored(delivery)
    assert data["cmi.interactions.0.student_response"] == "a"
    assert data["cmi.interactions.1.student_response"] == "b"


def test_a_scorm_12_sco_finishing_without_a_status_is_completed(ticket):
    delivery = api.deliver(ticket=ticket)
    commit(ticket, delivery, {"cmi.core.lesson_location": "2"}, terminate=True)
    assert stored(delivery)["cmi.core.lesson_status"] == "completed"


def test_a_part_left_without_talking_counts_only_for_the_finish_rule(learner, course):
    version = import_fixture("singlesco_scorm12.zip")
    for rule, counted in (("package", False), ("finish", True)):
        ticket = make_ticket(
            learner, course, version, rule=CompletionRule(rule), item_key=rule
        )
        progress.sync_course_items(
            course=course,
            items=[
                ItemSpec(key=k, kind=ItemKind.SCORM, title=k)
                for k in ("package", "finish")
            ],
        )
        delivery = api.deliver(ticket=ticket)
        commit(ticket, delivery, {}, left=True)
        done = progress.completed_item_keys(user=learner, course_id=course.pk)
        assert (rule in done) is counted
        assert ScoData.objects.get(attempt__item_key=rule).cmi == {}


def test_a_late_commit_of_a_retried_part_is_not_applied(learner, course):
    from lms.scorm.models import ScoData as Row

    ticket = make_ticket(
        learner, course, import_fixture("RuntimeBasicCalls_SCORM12.zip")
    )
    old = api.deliver(ticket=ticket)
    commit(ticket, old, {"cmi.core.lesson_location": "old"})
    row = Row.objects.get()
    api._archive(row)  # as a sequencing retry does
    late = commit(ticket, old, {"cmi.core.lesson_location": "late"}, sequence=2)
    assert not late.applied
    assert Row.objects.get().cmi == {}
