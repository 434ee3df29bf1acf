"""Remind learners of the sessions due (from cron every 15 minutes)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lms.training import reminders


class Command(BaseCommand):
    help = _(
        "Remind enrolled learners of the sessions starting within "
        "HOCVIEN_TRAINING_REMINDER_HOURS hours. Safe to run any number of "
        "times: a learner is reminded once per session."
    )

    def handle(self, *args, **options):
        count = reminders.send_due_reminders()
        self.stdout.write(
            ngettext(
                "%(count)d session reminder queued.",
                "%(count)d session reminders queued.",
                count,
            )
            % {"count": count}
        )
