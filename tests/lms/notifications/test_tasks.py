"""The delivery task: through the real database queue, run twice, and run
by two workers at once."""

import threading

import pytest
from django.core import mail
from django.db import connection
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from lms.notifications import api
from lms.notifications.data import Message, Status
from lms.notifications.models import Notification
from lms.notifications.tasks import deliver_notifications_task
from tests.factories import UserFactory
from tests.queues import run_db_worker

DUMMY_TASKS = "django_tasks.backends.dummy.DummyBackend"
MESSAGE = Message(subject="Lớp học đã mở", body="Mời đồng chí đăng ký.")


def learners(count):
    return [
        UserFactory(username=f"hv-{n}", email=f"hv{n}@example.vn") for n in range(count)
    ]


@pytest.mark.django_db(transaction=True)
@override_settings(
    TASKS={
        "default": {
            "BACKEND": "django_tasks_db.DatabaseBackend",
            "QUEUES": ["default", "video"],
        }
    }
)
def test_notify_enqueues_delivery_that_the_db_worker_runs():
    api.notify(users=learners(2), message=MESSAGE, key="class:3:opened")
    assert DBTaskResult.objects.count() == 1
    assert mail.outbox == []  # not before a worker runs it
    run_db_worker()
    assert len(mail.outbox) == 2
    assert set(Notification.objects.values_list("status", flat=True)) == {Status.SENT}


@pytest.mark.django_db
def test_the_task_run_twice_sends_once():
    api.notify(users=learners(2), message=MESSAGE, key="class:3:opened")
    ids = list(Notification.objects.values_list("pk", flat=True))
    first = deliver_notifications_task.call(ids)
    second = deliver_notifications_task.call(ids)
    assert first == {"sent": 2, "failed": 0, "skipped": 0}
    assert second == {"sent": 0, "failed": 0, "skipped": 0}
    assert len(mail.outbox) == 2


def in_parallel(count, work):
    barrier = threading.Barrier(count)
    errors = []

    def run():
        try:
            barrier.wait()
            work()
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_each_notification_once(settings, outbox):
    settings.HOCVIEN_NOTIFICATION_BACKENDS = [
        "tests.lms.notifications.stubs.SlowBackend"
    ]
    # Queued, not run: the workers below take the task's place.
    settings.TASKS = {"default": {"BACKEND": DUMMY_TASKS, "QUEUES": ["default"]}}
    api.notify(users=learners(6), message=MESSAGE, key="class:3:opened")
    assert outbox == []
    ids = list(Notification.objects.values_list("pk", flat=True))
    in_parallel(3, lambda: deliver_notifications_task.call(ids))
    assert sorted(item.address for item in outbox) == [
        f"hv{n}@example.vn" for n in range(6)
    ]
    assert set(Notification.objects.values_list("attempts", flat=True)) == {1}
