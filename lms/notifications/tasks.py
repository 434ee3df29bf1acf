from django_tasks import task

from . import api


@task()
def deliver_notifications_task(ids: list[int]):
    """Send those of the notifications ``ids`` still waiting; safe to run
    twice (see api.deliver_pending)."""
    report = api.deliver_pending(ids=ids, limit=None)
    return {"sent": report.sent, "failed": report.failed, "skipped": report.skipped}
