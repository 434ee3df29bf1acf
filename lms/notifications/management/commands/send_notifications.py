"""Deliver the notifications a lost task left waiting (by hand or from cron)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from lms.notifications import api


class Command(BaseCommand):
    help = _(
        "Send the notifications still waiting. With --retry-failed, try the "
        "failed ones again too, up to HOCVIEN_NOTIFICATION_MAX_ATTEMPTS attempts."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--retry-failed",
            action="store_true",
            help=_("Also try again the notifications that failed."),
        )

    def handle(self, *args, retry_failed=False, **options):
        report = api.deliver_pending(limit=None, retry_failed=retry_failed)
        self.stdout.write(
            _("%(sent)d sent, %(failed)d failed, %(skipped)d skipped (no address).")
            % {"sent": report.sent, "failed": report.failed, "skipped": report.skipped}
        )
