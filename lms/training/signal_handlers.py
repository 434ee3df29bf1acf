"""Signal receivers of lms.training (connected by apps.ready)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import schedule
from .models import Session


@receiver(post_save, sender=Session, dispatch_uid="training_session_saved")
@receiver(post_delete, sender=Session, dispatch_uid="training_session_deleted")
def session_changed(sender, instance, signal, **kwargs):
    """Sessions are progress items of their class's cohort: keep them so.
    A session saved is also reminded of in time (tasks.schedule_reminder)."""
    from django.db import transaction

    from .tasks import schedule_reminder

    schedule.sync_sessions(instance.training_class)
    if signal is post_save:
        transaction.on_commit(lambda: schedule_reminder(instance))
