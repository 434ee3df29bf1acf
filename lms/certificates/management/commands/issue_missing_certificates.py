from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from lms.certificates.repair import issue_missing


class Command(BaseCommand):
    help = (
        "Issue the certificates of learners who completed a course but have "
        "none (a lost signal or a failed job). Safe to run any number of times."
    )

    def handle(self, *args, **options):
        made = issue_missing()
        self.stdout.write(_("Certificates made: %(count)s.") % {"count": made})
