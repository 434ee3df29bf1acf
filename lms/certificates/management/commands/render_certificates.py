from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from lms.certificates import rendering


class Command(BaseCommand):
    help = (
        "Render and store the PDFs of issued certificates (e.g. after their "
        "design changed); --missing: only those with no PDF of their current "
        "revision (a failed job). Safe to run any number of times."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--missing",
            action="store_true",
            help="Only certificates with no PDF of their current revision.",
        )

    def handle(self, *args, missing=False, **options):
        stored = 0
        for pk in rendering.issued_ids(missing_only=missing):
            stored += rendering.store_pdf(certificate_id=pk, force=not missing)
        self.stdout.write(_("Certificate PDFs stored: %(count)s.") % {"count": stored})
