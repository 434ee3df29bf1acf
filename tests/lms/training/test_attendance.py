import pytest

from lms.progress import api as progress
from lms.training import attendance, enrolment
from lms.training.attendance import Mark
from lms.training.data import AttendanceMethod
from lms.training.errors import TrainingError
from lms.training.models import Attendance

from .test_checkin import make_session


@pytest.fixture
def enrolled(training_class, learner_a, staff):
    enrolment.enrol_people(training_class=training_class, users=[learner_a], by=staff)
    return learner_a


def completed(user, training_class):
    return progress.completed_item_keys(user=user, course_id=training_class.course_id)


def test_a_roll_call_mark_is_stored_with_who_took_it(training_class, enrolled, staff):
    session = make_session(training_class)
    changed = attendance.record(
        session=session, marks=[Mark(enrolled.pk, "late", "Xe hỏng")], by=staff
    )
    mark = Attendance.objects.get()
    assert changed == 1
    assert (mark.status, mark.note, mark.method, mark.marked_by) == (
        "late",
        "Xe hỏng",
        AttendanceMethod.ROLL_CALL,
        staff,
    )


def test_an_unchanged_mark_is_not_written_again(training_class, enrolled, staff):
    session = make_session(training_class)
    attendance.record(session=session, marks=[Mark(enrolled.pk, "present")], by=staff)
    assert (
        attendance.record(
            session=session, marks=[Mark(enrolled.pk, "present")], by=staff
        )
        == 0
    )


def test_present_and_late_complete_the_session_and_absent_takes_it_back(
    training_class, enrolled, staff
):
    session = make_session(training_class)
    attendance.record(session=session, marks=[Mark(enrolled.pk, "late")], by=staff)
    assert completed(enrolled, training_class) == {session.item_key}
    attendance.record(session=session, marks=[Mark(enrolled.pk, "absent")], by=staff)
    assert completed(enrolled, training_class) == set()
    attendance.record(session=session, marks=[Mark(enrolled.pk, "excused")], by=staff)
    assert completed(enrolled, training_class) == set()


def test_a_session_that_does_not_count_feeds_nothing(training_class, enrolled, staff):
    visit = make_session(training_class, counts_for_attendance=False)
    attendance.record(session=visit, marks=[Mark(enrolled.pk, "present")], by=staff)
    assert completed(enrolled, training_class) == set()
    assert Attendance.objects.get().status == "present"


def test_a_learner_not_in_the_class_refuses_the_whole_roll_call(
    training_class, enrolled, learner_b, staff
):
    session = make_session(training_class)
    with pytest.raises(TrainingError):
        attendance.record(
            session=session,
            marks=[Mark(enrolled.pk, "present"), Mark(learner_b.pk, "present")],
            by=staff,
        )
    assert not Attendance.objects.exists()


def test_an_unknown_mark_is_refused(training_class, enrolled, staff):
    session = make_session(training_class)
    with pytest.raises(TrainingError):
        attendance.record(session=session, marks=[Mark(enrolled.pk, "here")], by=staff)


def test_attendance_completes_a_course_that_requires_it(
    training_class, enrolled, staff
):
    """The course has no other item and asks for 50 % of the sessions."""
    progress.set_completion_rule(
        course=training_class.course, min_attendance_percent=50
    )
    sessions = [make_session(training_class, title=f"Buổi {n}") for n in range(4)]
    summary = progress.course_progress(
        user=enrolled, course_id=training_class.course_id
    )
    assert (summary.total_items, summary.completed) == (2, False)
    for session in sessions[:2]:
        attendance.record(
            session=session, marks=[Mark(enrolled.pk, "present")], by=staff
        )
    summary = progress.course_progress(
        user=enrolled, course_id=training_class.course_id
    )
    assert summary.completed
    assert summary.percent == 100


def test_adding_a_session_raises_what_the_rule_asks(training_class, enrolled, staff):
    progress.set_completion_rule(
        course=training_class.course, min_attendance_percent=100
    )
    first = make_session(training_class)
    attendance.record(session=first, marks=[Mark(enrolled.pk, "present")], by=staff)
    assert progress.course_progress(
        user=enrolled, course_id=training_class.course_id
    ).completed
    # Completion stays (a certificate may rest on it), the counts follow.
    make_session(training_class, title="Buổi bổ sung")
    summary = progress.course_progress(
        user=enrolled, course_id=training_class.course_id
    )
    assert (summary.completed_items, summary.total_items) == (1, 2)


def test_deleting_a_session_removes_its_item(training_class, enrolled):
    session = make_session(training_class)
    key = session.item_key
    session.delete()
    assert key not in progress.item_keys(course_id=training_class.course_id)
