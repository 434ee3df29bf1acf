"""Running background tasks through the real database queue in tests."""

from django.core.management import call_command

# settings.TASKS for a test that enqueues into the database queue.
DATABASE_QUEUE = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "video"],
    }
}


def run_db_worker():
    """Run the database queue's worker until no task is due, as a deployed
    worker would, then return."""
    call_command(
        "db_worker",
        queue_name="*",
        batch=True,
        startup_delay=False,
        reload=False,
        verbosity=0,
    )
