"""Places and check-ins under overlapping requests: the last seat is given
once, a freed seat goes to one learner, and one check-in page sent twice at
the same moment is recorded once."""

import pytest

from lms.training import checkin, enrolment
from lms.training.models import Attendance, CheckIn, ClassMember
from tests.threads import at_once

from .conftest import make_class, person_user
from .test_checkin import make_session

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def people(tree):
    return [
        person_user(tree["commune_a"], f"Học viên {n}", f"09140000{n:02d}")
        for n in range(4)
    ]


def test_four_approvals_at_once_give_the_last_seat_to_one(
    course, tree, manager_a, people
):
    full = make_class(course, tree["province_a"], capacity=1, accepts_applications=True)
    members = [enrolment.apply(training_class=full, user=u) for u in people]
    _results, errors = at_once(
        4, lambda n: enrolment.approve(member=members[n], by=manager_a)
    )
    assert not errors, errors
    statuses = sorted(ClassMember.objects.values_list("status", flat=True))
    assert statuses == ["enrolled", "waitlisted", "waitlisted", "waitlisted"]


def test_two_learners_leaving_at_once_seat_the_first_two_waiting(
    course, tree, staff, people
):
    small = make_class(course, tree["province_a"], capacity=2)
    for user in people:
        enrolment.enrol_people(training_class=small, users=[user], by=staff)
    leaving = list(ClassMember.objects.filter(status="enrolled"))
    _results, errors = at_once(2, lambda n: enrolment.withdraw(member=leaving[n]))
    assert not errors, errors
    enrolled = set(
        ClassMember.objects.filter(status="enrolled").values_list("user", flat=True)
    )
    assert enrolled == {people[2].pk, people[3].pk}


def test_one_check_in_page_sent_twice_at_once_is_recorded_once(
    course, tree, staff, people
):
    training_class = make_class(course, tree["province_a"])
    enrolment.enrol_people(training_class=training_class, users=people[:1], by=staff)
    session = make_session(training_class)
    learner = people[0]
    claim = checkin.claim_for(
        session=session, code=checkin.screen_code(session), user=learner
    )
    results, errors = at_once(
        2, lambda n: checkin.check_in(session=session, claim=claim, user=learner)
    )
    assert len(results) + len(errors) == 2
    assert len(results) >= 1
    assert CheckIn.objects.count() == 1
    assert Attendance.objects.count() == 1
