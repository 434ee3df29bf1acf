from django_tasks import task

from . import forwarding


@task()
def forward_statements_task():
    """Send the statements due to the external LRS; enqueues itself again
    for later when the LRS fails (see forwarding)."""
    report = forwarding.forward_due()
    return {"sent": report.sent, "failed": report.failed, "error": report.error}
