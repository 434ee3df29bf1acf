"""Import .h5p files from disk."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from lms.h5p.models import Content
from lms.h5p.packages import import_h5p
from lms.h5p.parsing import H5PRejected, MissingLibraries


class Command(BaseCommand):
    help = _(
        "Import H5P files. Files that lack libraries are tried again after the "
        "others, which may bring them. With --content, the file becomes a new "
        "version of that activity."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help=_(".h5p files."))
        parser.add_argument(
            "--content", type=int, help=_("Id of the activity to give a new version.")
        )
        parser.add_argument("--title", default="", help=_("Title of a new activity."))

    def handle(self, *args, files, content=None, title="", **options):
        target = self.content(content)
        waiting = []
        refused = 0
        for path in map(Path, files):
            outcome = self.import_one(path, content=target, title=title)
            if isinstance(outcome, MissingLibraries):
                waiting.append(path)
            elif outcome is not None:
                refused += 1
                self.refuse(path, outcome)
        for path in waiting:  # another file may have brought their libraries
            outcome = self.import_one(path, content=target, title=title)
            if outcome is not None:
                refused += 1
                self.refuse(path, outcome)
        if refused:
            raise CommandError(_("%(count)d file(s) refused.") % {"count": refused})

    def content(self, content_id):
        if content_id is None:
            return None
        found = Content.objects.filter(pk=content_id).first()
        if found is None:
            raise CommandError(
                _("There is no H5P activity %(id)s.") % {"id": content_id}
            )
        return found

    def import_one(self, path: Path, *, content, title):
        """None when imported, else the error."""
        try:
            with path.open("rb") as file:
                version = import_h5p(
                    file=file, file_name=path.name, content=content, title=title
                )
        except (OSError, H5PRejected) as error:
            return error
        self.stdout.write(
            _(
                "%(file)s: imported as “%(title)s” (activity %(id)s, version "
                "%(number)s, %(type)s)."
            )
            % {
                "file": path,
                "title": version.content.title,
                "id": version.content_id,
                "number": version.number,
                "type": version.main_library,
            }
        )
        return None

    def refuse(self, path, error):
        self.stderr.write(
            _("%(file)s: refused. %(reason)s") % {"file": path, "reason": error}
        )
