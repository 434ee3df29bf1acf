import datetime

from django.utils import timezone
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task, task_backends

from . import conf, reminders


@task()
def send_session_reminders_task():
    """Remind learners of the sessions due; safe to run twice (see reminders)."""
    return {"queued": reminders.send_due_reminders()}


def schedule_reminder(session) -> None:
    """Enqueue the reminder task for HOCVIEN_TRAINING_REMINDER_HOURS before
    ``session`` starts (at once when that is past but the session is still
    to come). Does nothing for a session already started, or when the task
    backend cannot run a task later: ``manage.py send_session_reminders``
    from cron covers that (and a session whose class is published later)."""
    now = timezone.now()
    if session.starts_at <= now:
        return
    if not task_backends[DEFAULT_TASK_BACKEND_ALIAS].supports_defer:
        return
    hours = conf.get("HOCVIEN_TRAINING_REMINDER_HOURS")
    run_after = max(session.starts_at - datetime.timedelta(hours=hours), now)
    send_session_reminders_task.using(run_after=run_after).enqueue()
