"""Remove resumable lecture uploads that were not finished in time."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from media.uploads import service


class Command(BaseCommand):
    help = _(
        "Remove lecture uploads not finished within HOCVIEN_VIDEO_UPLOAD_EXPIRY, "
        "with their partial files, and partial files no upload owns."
    )

    def handle(self, *args, **options):
        removed = service.clear_expired(strays=True)
        self.stdout.write(
            ngettext(
                "Removed %(count)d unfinished upload.",
                "Removed %(count)d unfinished uploads.",
                removed,
            )
            % {"count": removed}
        )
