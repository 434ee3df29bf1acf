import datetime

import pytest
from django.core import signing
from django.utils import timezone

from lms.progress import api as progress
from lms.training import checkin, enrolment
from lms.training.data import AttendanceStatus
from lms.training.errors import TrainingError
from lms.training.models import Attendance, CheckIn, Session

pytestmark = pytest.mark.usefixtures("english")


def make_session(training_class, *, starts_in_minutes=-5, length=120, **fields):
    start = timezone.localtime() + datetime.timedelta(minutes=starts_in_minutes)
    end = start + datetime.timedelta(minutes=length)
    if end.date() != start.date():  # keep the session within one day
        start = start.replace(hour=8, minute=0)
        end = start + datetime.timedelta(minutes=length)
    fields.setdefault("title", "Kỹ năng tuyên truyền")
    return Session.objects.create(
        training_class=training_class,
        date=start.date(),
        start_time=start.time().replace(microsecond=0),
        end_time=end.time().replace(microsecond=0),
        **fields,
    )


@pytest.fixture
def session(training_class, learner_a, learner_b, staff, tree):
    training_class.partners.add(tree["province_b"])
    enrolment.enrol_people(
        training_class=training_class, users=[learner_a, learner_b], by=staff
    )
    return make_session(training_class)


def scan(session, user, code=None):
    """What the learner's phone does: open the page of the screen's code."""
    return checkin.claim_for(
        session=session, code=code or checkin.screen_code(session), user=user
    )


def test_a_learner_checks_in_with_the_code_on_the_screen(session, learner_a):
    result = checkin.check_in(
        session=session, claim=scan(session, learner_a), user=learner_a
    )
    assert result.status == AttendanceStatus.PRESENT
    mark = Attendance.objects.get(session=session, user=learner_a)
    assert (mark.status, mark.method) == ("present", "qr")
    assert checkin.checked_in_count(session) == 1


def test_checking_in_completes_the_sessions_progress_item(session, learner_a):
    checkin.check_in(session=session, claim=scan(session, learner_a), user=learner_a)
    keys = progress.completed_item_keys(
        user=learner_a, course_id=session.training_class.course_id
    )
    assert keys == {session.item_key}


def test_an_expired_code_is_refused(session, learner_a, settings):
    code = checkin.screen_code(session)
    settings.HOCVIEN_TRAINING_CODE_SECONDS = -1
    with pytest.raises(TrainingError, match="expired"):
        scan(session, learner_a, code)
    assert not Attendance.objects.exists()


def test_an_expired_check_in_page_is_refused(session, learner_a, settings):
    claim = scan(session, learner_a)
    settings.HOCVIEN_TRAINING_CHECK_IN_PAGE_SECONDS = -1
    with pytest.raises(TrainingError, match="expired"):
        checkin.check_in(session=session, claim=claim, user=learner_a)
    assert not Attendance.objects.exists()


def test_a_code_of_another_session_is_refused(session, learner_a, training_class):
    other = make_session(training_class, title="Thảo luận nhóm")
    with pytest.raises(TrainingError, match="another session"):
        scan(session, learner_a, checkin.screen_code(other))
    claim = scan(other, learner_a)
    with pytest.raises(TrainingError, match="another session"):
        checkin.check_in(session=session, claim=claim, user=learner_a)
    assert not Attendance.objects.exists()


def test_a_replayed_code_is_refused(session, learner_a):
    claim = scan(session, learner_a)
    checkin.check_in(session=session, claim=claim, user=learner_a)
    first = Attendance.objects.get()
    with pytest.raises(TrainingError, match="already been used"):
        checkin.check_in(session=session, claim=claim, user=learner_a)
    assert Attendance.objects.get().marked_at == first.marked_at
    assert CheckIn.objects.count() == 1


def test_a_code_opened_by_another_learner_is_refused(session, learner_a, learner_b):
    claim = scan(session, learner_a)
    with pytest.raises(TrainingError, match="another learner"):
        checkin.check_in(session=session, claim=claim, user=learner_b)
    assert not Attendance.objects.exists()
    # The learner it was opened by can still use it.
    checkin.check_in(session=session, claim=claim, user=learner_a)


def test_a_forged_code_is_refused(session, learner_a):
    forged = signing.dumps([session.pk, "abcd"], salt="another salt")
    with pytest.raises(TrainingError, match="not valid"):
        scan(session, learner_a, forged)
    with pytest.raises(TrainingError, match="not valid"):
        checkin.check_in(session=session, claim=forged, user=learner_a)


def test_a_learner_not_in_the_class_is_refused(session, tree):
    from .conftest import person_user

    stranger = person_user(tree["commune_a"], "Đỗ Thị Lạ", "0911999999")
    with pytest.raises(TrainingError, match="not on the list"):
        checkin.check_in(session=session, claim=scan(session, stranger), user=stranger)


def test_check_in_is_closed_long_before_and_after_the_session(
    training_class, learner_a, staff
):
    enrolment.enrol_people(training_class=training_class, users=[learner_a], by=staff)
    tomorrow = make_session(training_class, starts_in_minutes=24 * 60)
    tomorrow.date = timezone.localdate() + datetime.timedelta(days=1)
    tomorrow.save()
    with pytest.raises(TrainingError, match="not open"):
        checkin.check_in(
            session=tomorrow, claim=scan(tomorrow, learner_a), user=learner_a
        )


def test_a_learner_after_the_grace_period_is_late(training_class, learner_a, staff):
    enrolment.enrol_people(training_class=training_class, users=[learner_a], by=staff)
    started = make_session(training_class, starts_in_minutes=-30)
    result = checkin.check_in(
        session=started, claim=scan(started, learner_a), user=learner_a
    )
    assert result.status == AttendanceStatus.LATE


def test_checking_in_twice_with_two_codes_keeps_the_first_time(session, learner_a):
    checkin.check_in(session=session, claim=scan(session, learner_a), user=learner_a)
    first = Attendance.objects.get()
    again = checkin.check_in(
        session=session, claim=scan(session, learner_a), user=learner_a
    )
    assert again.checked_in_at == first.marked_at
    assert Attendance.objects.count() == 1


def test_an_anonymous_page_checks_in_whoever_logs_in_with_it(session, learner_b):
    from django.contrib.auth.models import AnonymousUser

    claim = scan(session, AnonymousUser())
    checkin.check_in(session=session, claim=claim, user=learner_b)
    assert Attendance.objects.get().user == learner_b
