"""notify and deliver_pending with the immediate task backend: what is
queued, what is sent, on which channels, and how many queries it takes."""

import pytest
from django.core import mail
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from lms.notifications import api
from lms.notifications.data import Message, Status
from lms.notifications.models import Notification
from tests.factories import UserFactory

from .conftest import EMAIL, MEMORY

pytestmark = pytest.mark.django_db

REMINDER = Message(
    subject="Nhắc lịch học: Công tác hội",
    body="Buổi học bắt đầu lúc 8 giờ sáng mai.",
    url="http://testserver/lop-hoc/cong-tac-hoi/",
)


def learners(count, **fields):
    return [
        UserFactory(username=f"hoc-vien-{n}", email=f"hv{n}@example.vn", **fields)
        for n in range(count)
    ]


def notify(users, key="session:7:reminder", message=REMINDER, **kwargs):
    return api.notify(users=users, message=message, key=key, **kwargs)


def test_notify_sends_one_email_per_user(django_capture_on_commit_callbacks):
    users = learners(3)
    with django_capture_on_commit_callbacks(execute=True):
        assert notify(users, kind="session_reminder") == 3
    assert sorted(m.to[0] for m in mail.outbox) == [u.email for u in users]
    assert all(m.subject == REMINDER.subject for m in mail.outbox)
    assert Notification.objects.filter(status=Status.SENT, attempts=1).count() == 3
    first = Notification.objects.first()
    assert (first.kind, first.channel, first.sent_at is not None) == (
        "session_reminder",
        "email",
        True,
    )


def test_a_queryset_of_users_is_notified_like_a_list(
    django_capture_on_commit_callbacks,
):
    learners(2)
    with django_capture_on_commit_callbacks(execute=True):
        assert notify(UserFactory._meta.model.objects.all()) == 2
    assert len(mail.outbox) == 2


def test_the_same_key_twice_sends_once(django_capture_on_commit_callbacks):
    users = learners(2)
    with django_capture_on_commit_callbacks(execute=True):
        assert notify(users) == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert notify(users) == 0
        assert notify([*users, users[0]]) == 0  # a user listed twice too
    assert len(mail.outbox) == 2
    assert Notification.objects.count() == 2


def test_a_new_key_notifies_the_same_users_again(django_capture_on_commit_callbacks):
    users = learners(2)
    with django_capture_on_commit_callbacks(execute=True):
        notify(users, key="session:7:reminder")
        notify(users, key="session:8:reminder")
    assert len(mail.outbox) == 4


def test_a_user_without_email_is_skipped_not_failed(
    django_capture_on_commit_callbacks,
):
    reachable = UserFactory(username="co-email", email="a@example.vn")
    unreachable = UserFactory(username="khong-email", email="")
    with django_capture_on_commit_callbacks(execute=True):
        notify([reachable, unreachable])
    assert [m.to for m in mail.outbox] == [["a@example.vn"]]
    skipped = Notification.objects.get(user=unreachable)
    assert (skipped.status, skipped.attempts, skipped.error) == (Status.SKIPPED, 0, "")


def test_a_refusing_backend_marks_the_notification_failed_with_its_reason(
    flaky, outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notify(learners(1))
    failed = Notification.objects.get()
    assert (failed.status, failed.attempts) == (Status.FAILED, 1)
    assert failed.error == "Gateway out of credit"
    assert failed.sent_at is None and outbox == []


def test_two_backends_give_two_notifications_per_user(
    settings, outbox, django_capture_on_commit_callbacks
):
    settings.HOCVIEN_NOTIFICATION_BACKENDS = [EMAIL, MEMORY]
    users = learners(2)
    with django_capture_on_commit_callbacks(execute=True):
        assert notify(users) == 4
    assert len(mail.outbox) == 2
    assert sorted(item.address for item in outbox) == [u.email for u in users]
    assert outbox[0].url == REMINDER.url
    assert sorted(Notification.objects.values_list("channel", flat=True)) == [
        "email",
        "email",
        "memory",
        "memory",
    ]


def test_a_channel_added_later_gets_the_same_key_once(
    settings, outbox, django_capture_on_commit_callbacks
):
    users = learners(2)
    with django_capture_on_commit_callbacks(execute=True):
        notify(users)
    settings.HOCVIEN_NOTIFICATION_BACKENDS = [EMAIL, MEMORY]
    with django_capture_on_commit_callbacks(execute=True):
        assert notify(users) == 2
    assert (len(mail.outbox), len(outbox)) == (2, 2)


@pytest.mark.parametrize("as_queryset", [False, True])
def test_queuing_takes_as_many_queries_for_fifty_users_as_for_five(as_queryset):
    users = learners(50)
    User = UserFactory._meta.model

    def queries(count, key):
        chosen = User.objects.filter(pk__in=[u.pk for u in users[:count]])
        with CaptureQueriesContext(connection) as captured:
            assert notify(chosen if as_queryset else users[:count], key=key) == (count)
        return len(captured)

    assert queries(5, "a") == queries(50, "b")


def test_notify_in_a_transaction_that_rolls_back_sends_nothing(
    django_capture_on_commit_callbacks,
):
    users = learners(2)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            notify(users)
            raise RuntimeError("the caller changed its mind")
    assert callbacks == []
    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_messages_are_stored_as_given_and_delivered_later_if_never_committed():
    users = learners(1)
    notify(users)  # the test's transaction never commits: no task ran
    waiting = Notification.objects.get()
    assert (waiting.status, waiting.subject, waiting.body, waiting.url) == (
        Status.PENDING,
        REMINDER.subject,
        REMINDER.body,
        REMINDER.url,
    )
    report = api.deliver_pending()
    assert (report.sent, report.failed, report.skipped, report.total) == (1, 0, 0, 1)
    assert api.deliver_pending().total == 0  # nothing twice


def test_deliver_pending_only_sends_the_ids_it_is_given_up_to_its_limit():
    users = learners(3)
    notify(users)
    first, second, third = Notification.objects.order_by("pk")
    assert api.deliver_pending(ids=[second.pk, third.pk], limit=1).sent == 1
    second.refresh_from_db()
    first.refresh_from_db()
    assert (first.status, second.status) == (Status.PENDING, Status.SENT)


def test_a_channel_no_longer_configured_fails_with_a_sentence(settings, english):
    notify(learners(1))
    settings.HOCVIEN_NOTIFICATION_BACKENDS = [MEMORY]
    assert api.deliver_pending().failed == 1
    assert Notification.objects.get().error == (
        "No notification backend is configured for the channel “email”."
    )


@pytest.mark.parametrize(
    "changes",
    [{"key": ""}, {"key": "k" * 201}, {"kind": "k" * 41}],
)
def test_a_key_or_kind_that_does_not_fit_is_refused(changes):
    with pytest.raises(ValueError):
        notify(learners(1), **changes)


def test_a_link_that_does_not_fit_is_refused(english):
    long_link = Message(subject="s", body="b", url="http://x.vn/" + "a" * 500)
    with pytest.raises(ValueError, match="at most 500 characters"):
        notify(learners(1), message=long_link)


def test_no_users_queue_nothing():
    assert notify([]) == 0
    assert not Notification.objects.exists()
