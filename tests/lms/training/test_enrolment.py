import datetime

import pytest
from django.core import mail

from lms.progress import api as progress
from lms.training import enrolment
from lms.training.data import MemberSource, MemberStatus
from lms.training.errors import TrainingError
from lms.training.models import ClassMember

from .conftest import make_class, person_user


def learners(tree, count, unit="commune_a"):
    return [
        person_user(tree[unit], f"Học viên {n}", f"09120000{n:02d}")
        for n in range(count)
    ]


def status_of(training_class, user):
    return ClassMember.objects.get(training_class=training_class, user=user).status


def test_staff_enrol_learners_up_to_capacity_and_the_rest_wait(course, tree, staff):
    small = make_class(course, tree["province_a"], capacity=2)
    people = learners(tree, 3)
    report = enrolment.enrol_people(training_class=small, users=people, by=staff)
    assert (report.enrolled, report.waitlisted, report.unchanged) == (2, 1, 0)
    assert [status_of(small, u) for u in people] == [
        MemberStatus.ENROLLED,
        MemberStatus.ENROLLED,
        MemberStatus.WAITLISTED,
    ]
    assert progress.is_enrolled(user=people[0], course=course)
    assert not progress.is_enrolled(user=people[2], course=course)


def test_enrolling_again_changes_nothing(course, tree, staff, training_class):
    people = learners(tree, 2)
    enrolment.enrol_people(training_class=training_class, users=people, by=staff)
    report = enrolment.enrol_people(
        training_class=training_class, users=people, by=staff
    )
    assert (report.enrolled, report.unchanged) == (0, 2)


def test_a_freed_seat_goes_to_the_first_in_line(course, tree, staff):
    small = make_class(course, tree["province_a"], capacity=1)
    first, second, third = learners(tree, 3)
    for user in (first, second, third):
        enrolment.enrol_people(training_class=small, users=[user], by=staff)
    member = ClassMember.objects.get(training_class=small, user=first)
    promoted = enrolment.withdraw(member=member)
    assert [m.user for m in promoted] == [second]
    assert status_of(small, second) == MemberStatus.ENROLLED
    assert status_of(small, third) == MemberStatus.WAITLISTED
    assert status_of(small, first) == MemberStatus.WITHDRAWN
    assert progress.is_enrolled(user=second, course=course)
    assert not progress.is_enrolled(user=first, course=course)


def test_the_promoted_learner_is_told(course, tree, staff, on_commit):
    small = make_class(course, tree["province_a"], capacity=1)
    first, second = learners(tree, 2)
    second.email = "hoa@example.vn"
    second.save()
    enrolment.enrol_people(training_class=small, users=[first, second], by=staff)
    mail.outbox.clear()
    with on_commit(execute=True):
        enrolment.withdraw(
            member=ClassMember.objects.get(training_class=small, user=first)
        )
    assert [m.to for m in mail.outbox] == [["hoa@example.vn"]]
    assert small.title in mail.outbox[0].subject


def test_raising_the_capacity_seats_the_waiting_list_in_order(course, tree, staff):
    small = make_class(course, tree["province_a"], capacity=1)
    people = learners(tree, 4)
    for user in people:
        enrolment.enrol_people(training_class=small, users=[user], by=staff)
    small.capacity = 3
    small.save()
    promoted = enrolment.fill_seats(small)
    assert [m.user for m in promoted] == people[1:3]
    assert status_of(small, people[3]) == MemberStatus.WAITLISTED


def test_a_withdrawn_learner_enrolled_again_keeps_no_old_queue_place(
    course, tree, staff
):
    small = make_class(course, tree["province_a"], capacity=1)
    first, second = learners(tree, 2)
    enrolment.enrol_people(training_class=small, users=[first, second], by=staff)
    enrolment.withdraw(
        member=ClassMember.objects.get(training_class=small, user=second)
    )
    enrolment.enrol_people(training_class=small, users=[second], by=staff)
    member = ClassMember.objects.get(training_class=small, user=second)
    assert member.status == MemberStatus.WAITLISTED
    assert member.waitlisted_at is not None


# --- applications


def test_an_application_waits_for_the_nearest_unit_manager(
    training_class, learner_a, manager_a, staff, on_commit
):
    manager_a.email = "duyet@example.vn"
    manager_a.save()
    mail.outbox.clear()
    with on_commit(execute=True):
        member = enrolment.apply(
            training_class=training_class, user=learner_a, note="Tôi là chi hội trưởng"
        )
    assert member.status == MemberStatus.PENDING
    assert member.source == MemberSource.APPLICATION
    # Province A's manager is nearer to commune A than the central staff.
    assert [m.to for m in mail.outbox] == [["duyet@example.vn"]]
    assert not progress.is_enrolled(user=learner_a, course=training_class.course)


def test_the_approver_is_found_up_the_tree_when_the_unit_has_no_manager(
    training_class, learner_a, staff, on_commit
):
    staff.email = "quan@example.vn"
    staff.save()
    mail.outbox.clear()
    with on_commit(execute=True):
        enrolment.apply(training_class=training_class, user=learner_a)
    assert [m.to for m in mail.outbox] == [["quan@example.vn"]]


def test_an_approved_application_takes_a_seat(training_class, learner_a, manager_a):
    member = enrolment.apply(training_class=training_class, user=learner_a)
    enrolment.approve(member=member, by=manager_a)
    member.refresh_from_db()
    assert member.status == MemberStatus.ENROLLED
    assert member.decided_by == manager_a
    assert progress.is_enrolled(user=learner_a, course=training_class.course)


def test_an_approved_application_to_a_full_class_waits(
    course, tree, staff, manager_a, learner_a
):
    full = make_class(course, tree["province_a"], capacity=1, accepts_applications=True)
    enrolment.enrol_people(training_class=full, users=learners(tree, 1), by=staff)
    member = enrolment.apply(training_class=full, user=learner_a)
    enrolment.approve(member=member, by=manager_a)
    assert status_of(full, learner_a) == MemberStatus.WAITLISTED


def test_a_manager_of_another_province_cannot_decide(
    training_class, learner_a, manager_b
):
    member = enrolment.apply(training_class=training_class, user=learner_a)
    with pytest.raises(TrainingError):
        enrolment.approve(member=member, by=manager_b)
    assert status_of(training_class, learner_a) == MemberStatus.PENDING


def test_a_learner_cannot_approve_their_own_application(training_class, learner_a):
    member = enrolment.apply(training_class=training_class, user=learner_a)
    with pytest.raises(TrainingError):
        enrolment.approve(member=member, by=learner_a)


def test_a_declined_application_says_why_and_may_be_made_again(
    training_class, learner_a, manager_a, on_commit
):
    learner_a.email = "hoa@example.vn"
    learner_a.save()
    member = enrolment.apply(training_class=training_class, user=learner_a)
    mail.outbox.clear()
    with on_commit(execute=True):
        enrolment.decline(member=member, by=manager_a, reason="Lớp dành cho cán bộ mới")
    assert status_of(training_class, learner_a) == MemberStatus.REJECTED
    assert "Lớp dành cho cán bộ mới" in mail.outbox[0].body
    with pytest.raises(TrainingError):
        enrolment.approve(member=member, by=manager_a)
    again = enrolment.apply(training_class=training_class, user=learner_a)
    assert again.status == MemberStatus.PENDING


def test_applying_twice_is_refused(training_class, learner_a):
    enrolment.apply(training_class=training_class, user=learner_a)
    with pytest.raises(TrainingError):
        enrolment.apply(training_class=training_class, user=learner_a)


def test_learners_outside_the_classes_units_cannot_apply(training_class, learner_b):
    with pytest.raises(TrainingError):
        enrolment.apply(training_class=training_class, user=learner_b)
    assert not ClassMember.objects.exists()


def test_learners_of_a_partner_unit_may_apply(training_class, tree, learner_b):
    training_class.partners.add(tree["district_b"])
    enrolment.apply(training_class=training_class, user=learner_b)


def test_a_class_without_applications_or_past_its_closing_day_refuses_them(
    course, tree, learner_a
):
    closed = make_class(course, tree["province_a"])
    with pytest.raises(TrainingError):
        enrolment.apply(training_class=closed, user=learner_a)
    past = make_class(
        course,
        tree["province_a"],
        accepts_applications=True,
        applications_close_on=datetime.date.today() - datetime.timedelta(days=1),
    )
    with pytest.raises(TrainingError):
        enrolment.apply(training_class=past, user=learner_a)
    assert not ClassMember.objects.exists()
