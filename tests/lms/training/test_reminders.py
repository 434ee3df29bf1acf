"""Reminders of a session to its enrolled learners: which sessions are due,
one email per learner and start, the cron command, the admin button, and
the task a saved session enqueues on a real queue."""

import datetime
from io import StringIO

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult
from wagtail.models import Page

from lms.notifications.models import Notification
from lms.training import enrolment, reminders
from lms.training.data import ClassStatus, MemberSource, MemberStatus
from lms.training.models import ClassMember, Instructor, Session
from tests.factories import ensure_wagtail_site, make_tree
from tests.queues import DATABASE_QUEUE, run_db_worker

from .conftest import admin_login, make_class, person_user

pytestmark = pytest.mark.usefixtures("english")


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(hour, minute))
    )


def session_at(training_class, start: datetime.datetime, minutes=90, **fields):
    """A session starting at ``start`` (kept within one day, as sessions are)."""
    start = timezone.localtime(start).replace(second=0, microsecond=0)
    end = min(
        start + datetime.timedelta(minutes=minutes), start.replace(hour=23, minute=59)
    )
    fields.setdefault("title", "Kỹ năng tuyên truyền")
    return Session.objects.create(
        training_class=training_class,
        date=start.date(),
        start_time=start.time(),
        end_time=end.time(),
        **fields,
    )


def tomorrow_at(hour):
    return at(timezone.localdate() + datetime.timedelta(days=1), hour)


def in_two_hours():
    starts = timezone.now() + datetime.timedelta(hours=2)
    if timezone.localtime(starts).hour == 23:  # room for the session that day
        starts -= datetime.timedelta(minutes=59)
    return starts


def with_email(user, address):
    user.email = address
    user.save(update_fields=["email"])
    return user


@pytest.fixture
def site_in_english(settings):
    """The reminders are written in the site's language: English here, so
    that the texts compared do not depend on the Vietnamese catalogue."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def learners(training_class, learner_a, learner_b, staff, tree):
    training_class.partners.add(tree["province_b"])
    with_email(learner_a, "hoa@example.vn")
    with_email(learner_b, "nam@example.vn")
    enrolment.enrol_people(
        training_class=training_class, users=[learner_a, learner_b], by=staff
    )
    return [learner_a, learner_b]


@pytest.fixture
def session(training_class, learners):
    teacher = Instructor.objects.create(full_name="Đỗ Minh Khoa", academic_title="TS.")
    training_class.venue = "Hội trường A, Trường Chính trị tỉnh"
    training_class.save()
    return session_at(
        training_class,
        tomorrow_at(9),
        instructor=teacher,
        meeting_url="https://meet.example.vn/kn-01",
    )


def reminders_sent():
    return [m for m in mail.outbox if m.subject.startswith("Session reminder")]


# ------------------------------------------------------------- due sessions


def test_due_sessions_are_those_of_published_classes_starting_within_the_window(
    training_class, course, tree
):
    now = at(datetime.date(2030, 3, 10), 8)
    soon = session_at(training_class, now + datetime.timedelta(hours=1))
    last = session_at(training_class, now + datetime.timedelta(hours=24))
    session_at(training_class, now + datetime.timedelta(hours=24, minutes=1))
    session_at(training_class, now - datetime.timedelta(hours=1))
    session_at(training_class, now)  # starting this minute: too late to remind
    for status in (ClassStatus.DRAFT, ClassStatus.CANCELLED):
        other = make_class(course, tree["province_a"], status=status)
        session_at(other, now + datetime.timedelta(hours=2))
    assert list(reminders.due_sessions(now=now)) == [soon, last]


def test_the_window_follows_the_reminder_hours_setting(training_class, settings):
    settings.HOCVIEN_TRAINING_REMINDER_HOURS = 48
    now = at(datetime.date(2030, 3, 10), 22)
    two_days = session_at(training_class, now + datetime.timedelta(hours=40))
    assert list(reminders.due_sessions(now=now)) == [two_days]
    settings.HOCVIEN_TRAINING_REMINDER_HOURS = 24
    assert not reminders.due_sessions(now=now).exists()


# ------------------------------------------------------------------- remind


@pytest.mark.usefixtures("site_in_english")
def test_each_enrolled_learner_with_an_email_gets_one_reminder(
    session, learners, tree, training_class, staff, on_commit
):
    no_email = person_user(tree["commune_a"], "Vũ Thị Lan", "0911000301")
    enrolment.enrol_people(training_class=training_class, users=[no_email], by=staff)
    with on_commit(execute=True):
        queued = reminders.remind(session=session)
    assert queued == 3  # the learner without an address is skipped, not failed
    sent = reminders_sent()
    assert sorted(m.to[0] for m in sent) == ["hoa@example.vn", "nam@example.vn"]
    when = f"09:00 {session.date:%d/%m/%Y}"
    assert sent[0].subject == f"Session reminder: Kỹ năng tuyên truyền, {when}"
    body = sent[0].body
    assert "Lớp bồi dưỡng kỹ năng chi hội trưởng" in body
    assert f"09:00–10:30, {session.date:%d/%m/%Y}" in body
    assert "Hội trường A, Trường Chính trị tỉnh" in body
    assert "https://meet.example.vn/kn-01" in body
    assert "TS. Đỗ Minh Khoa" in body
    detail = reverse("training:class_detail", args=[training_class.code])
    assert f"http://testserver{detail}" in body
    notification = Notification.objects.filter(kind="session_reminder").first()
    assert notification.url == f"http://testserver{detail}"


@pytest.mark.usefixtures("site_in_english")
def test_a_reminder_is_written_in_the_sites_language_not_the_current_one(session):
    with translation.override("vi"):
        subject = reminders.message(session).subject
    assert subject.startswith("Session reminder:")


def test_reminding_twice_sends_nothing_more(session, on_commit):
    with on_commit(execute=True):
        assert reminders.remind(session=session) == 2
    with on_commit(execute=True):
        assert reminders.remind(session=session) == 0
    assert len(mail.outbox) == 2


def test_a_rescheduled_session_is_reminded_again(session, on_commit):
    with on_commit(execute=True):
        reminders.remind(session=session)
    session.start_time, session.end_time = datetime.time(14), datetime.time(16)
    session.save()
    with on_commit(execute=True):
        assert reminders.remind(session=session) == 2
    assert len(mail.outbox) == 4
    assert "14:00" in mail.outbox[-1].subject


def test_learners_waiting_withdrawn_or_not_yet_approved_get_nothing(
    session, training_class, learner_a, tree, on_commit
):
    enrolment.withdraw(member=training_class.members.get(user=learner_a))
    for status, phone in [
        (MemberStatus.WAITLISTED, "0911000302"),
        (MemberStatus.PENDING, "0911000303"),
        (MemberStatus.REJECTED, "0911000304"),
    ]:
        user = with_email(
            person_user(tree["commune_a"], f"Người {status}", phone),
            f"{status}@example.vn",
        )
        ClassMember.objects.create(
            training_class=training_class,
            user=user,
            status=status,
            source=MemberSource.APPLICATION,
        )
    with on_commit(execute=True):
        assert reminders.remind(session=session) == 1
    assert [m.to for m in mail.outbox] == [["nam@example.vn"]]


def test_send_due_reminders_reminds_only_the_sessions_due(
    session, training_class, settings, on_commit
):
    settings.HOCVIEN_TRAINING_REMINDER_HOURS = 48  # tomorrow 9:00 is due
    session_at(training_class, tomorrow_at(9) + datetime.timedelta(days=3))
    with on_commit(execute=True):
        assert reminders.send_due_reminders() == 2
    assert {m.to[0] for m in mail.outbox} == {"hoa@example.vn", "nam@example.vn"}


# ------------------------------------------------------------------ command


def test_the_command_reminds_the_sessions_due_and_can_run_again(
    session, settings, on_commit
):
    settings.HOCVIEN_TRAINING_REMINDER_HOURS = 48
    out = StringIO()
    with on_commit(execute=True):
        call_command("send_session_reminders", stdout=out)
        call_command("send_session_reminders", stdout=out)
    assert out.getvalue().splitlines() == [
        "2 session reminders queued.",
        "0 session reminders queued.",
    ]
    assert len(mail.outbox) == 2


# -------------------------------------------------------------------- admin


def remind_url(session):
    return reverse("training_admin:remind_session", args=[session.pk])


def shown_messages(response):
    return [str(m).strip() for m in get_messages(response.wsgi_request)]


def test_staff_remind_a_session_from_the_class_overview(
    client, session, staff, on_commit
):
    admin_login(client, staff)
    with on_commit(execute=True):
        response = client.post(remind_url(session))
    assert response.status_code == 302
    assert response.url == reverse(
        "training_admin:class_dashboard", args=[session.training_class_id]
    )
    assert shown_messages(response) == ["2 reminders of the session queued."]
    assert len(mail.outbox) == 2
    again = client.post(remind_url(session))
    assert "already been reminded" in shown_messages(again)[-1]


def test_reminding_is_a_post(client, session, staff):
    admin_login(client, staff)
    assert client.get(remind_url(session)).status_code == 405
    assert not Notification.objects.filter(kind="session_reminder").exists()


def test_a_learner_cannot_remind(client, session, learner_a):
    admin_login(client, learner_a)
    response = client.post(remind_url(session))
    assert response.status_code in (302, 403)  # Wagtail sends them to log in
    if response.status_code == 302:
        assert "login" in response.url
    assert not Notification.objects.filter(kind="session_reminder").exists()


def test_another_provinces_manager_cannot_remind(
    client, session, manager_b, training_class, tree
):
    admin_login(client, manager_b)
    training_class.partners.clear()
    assert client.post(remind_url(session)).status_code == 404
    # A partner unit's manager sees the class but does not take its attendance.
    training_class.partners.add(tree["province_b"])
    assert client.post(remind_url(session)).status_code == 403
    assert not Notification.objects.filter(kind="session_reminder").exists()


def test_a_session_of_a_draft_class_or_past_is_not_reminded(
    client, session, staff, training_class
):
    admin_login(client, staff)
    training_class.status = ClassStatus.DRAFT
    training_class.save()
    response = client.post(remind_url(session))
    assert "still to come of a published class" in shown_messages(response)[-1]
    training_class.status = ClassStatus.PUBLISHED
    training_class.save()
    past = session_at(training_class, timezone.now() - datetime.timedelta(days=2))
    response = client.post(remind_url(past))
    assert "still to come of a published class" in shown_messages(response)[-1]
    assert not Notification.objects.filter(kind="session_reminder").exists()


# ------------------------------------------------------------ scheduling

TASK_PATH = "lms.training.tasks.send_session_reminders_task"


@override_settings(TASKS=DATABASE_QUEUE)
def test_a_session_saved_is_reminded_of_the_reminder_hours_before_it(
    training_class, on_commit
):
    start = tomorrow_at(9) + datetime.timedelta(days=3)
    with on_commit(execute=True):
        session_at(training_class, start)
        session_at(training_class, timezone.now() - datetime.timedelta(days=1))
    enqueued = DBTaskResult.objects.get(task_path=TASK_PATH)
    assert enqueued.run_after == start - datetime.timedelta(hours=24)


def test_a_queue_that_cannot_wait_is_left_to_the_command(
    training_class, learners, on_commit
):
    with on_commit(execute=True):  # the immediate backend of the tests
        session_at(training_class, in_two_hours(), minutes=30)
    assert not Notification.objects.filter(kind="session_reminder").exists()


# ------------------------------------------------------------- real queue


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_QUEUE, LANGUAGE_CODE="en")
def test_a_session_saved_enqueues_its_reminder_that_the_db_worker_sends():
    ensure_wagtail_site()
    tree = make_tree()
    course = Page.get_first_root_node().add_child(
        instance=Page(title="Kỹ năng vận động hội viên", slug="ky-nang")
    )
    training_class = make_class(course, tree["province_a"])
    staff = person_user(tree["central"], "Trần Văn Quản", "0911000101")
    learner = with_email(
        person_user(tree["commune_a"], "Nguyễn Thị Hoa", "0911000201"),
        "hoa@example.vn",
    )
    enrolment.enrol_people(training_class=training_class, users=[learner], by=staff)
    session_at(training_class, in_two_hours(), minutes=30)

    enqueued = DBTaskResult.objects.filter(task_path=TASK_PATH)
    assert enqueued.count() == 1
    assert enqueued.get().run_after <= timezone.now()
    run_db_worker()
    assert [m.to for m in reminders_sent()] == [["hoa@example.vn"]]
