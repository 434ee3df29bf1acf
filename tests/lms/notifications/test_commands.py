"""send_notifications: the repair path for a lost task and for failures."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from lms.notifications import api
from lms.notifications.data import Message, Status
from lms.notifications.models import Notification
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

MESSAGE = Message(subject="Chứng chỉ đã cấp", body="Đồng chí đã hoàn thành khóa học.")


def send(*args):
    out = StringIO()
    call_command("send_notifications", *args, stdout=out)
    return out.getvalue().strip()


def test_the_command_sends_what_a_lost_task_left_waiting():
    users = [
        UserFactory(username="a", email="a@example.vn"),
        UserFactory(username="b", email=""),
    ]
    api.notify(users=users, message=MESSAGE, key="cert:1")  # never committed
    assert send() == "1 sent, 0 failed, 1 skipped (no address)."
    assert [m.to for m in mail.outbox] == [["a@example.vn"]]
    assert send() == "0 sent, 0 failed, 0 skipped (no address)."


def test_a_failed_notification_is_sent_later_with_retry_failed(flaky, outbox):
    api.notify(users=[UserFactory(username="a")], message=MESSAGE, key="cert:1")
    assert send() == "0 sent, 1 failed, 0 skipped (no address)."
    flaky.down = False
    assert send() == "0 sent, 0 failed, 0 skipped (no address)."  # not without it
    assert send("--retry-failed") == "1 sent, 0 failed, 0 skipped (no address)."
    notification = Notification.objects.get()
    assert (notification.status, notification.attempts) == (Status.SENT, 2)
    assert notification.error == ""
    assert [item.key for item in outbox] == ["cert:1"]


def test_retry_failed_gives_up_after_the_most_attempts(settings, flaky):
    settings.HOCVIEN_NOTIFICATION_MAX_ATTEMPTS = 3
    api.notify(users=[UserFactory(username="a")], message=MESSAGE, key="cert:1")
    for _ in range(4):
        send("--retry-failed")
    notification = Notification.objects.get()
    assert (notification.status, notification.attempts) == (Status.FAILED, 3)


def test_the_summary_is_translated_into_vietnamese():
    from django.utils import translation

    with translation.override("vi"):
        assert send() == "Đã gửi 0, lỗi 0, bỏ qua 0 (không có địa chỉ)."
