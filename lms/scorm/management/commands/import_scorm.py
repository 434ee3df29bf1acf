"""Import SCORM zip packages from disk."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from lms.scorm.models import Package
from lms.scorm.packages import PackageRejected, import_package


class Command(BaseCommand):
    help = _(
        "Import SCORM 1.2 or SCORM 2004 zip packages. With --package, the file "
        "becomes a new version of that package."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help=_("Zip files."))
        parser.add_argument(
            "--package", type=int, help=_("Id of the package to give a new version.")
        )
        parser.add_argument("--title", default="", help=_("Title of a new package."))

    def handle(self, *args, files, package=None, title="", **options):
        target = self.package(package)
        refused = 0
        for path in map(Path, files):
            refused += not self.import_one(path, package=target, title=title)
        if refused:
            raise CommandError(_("%(count)d file(s) refused.") % {"count": refused})

    def package(self, package_id):
        if package_id is None:
            return None
        found = Package.objects.filter(pk=package_id).first()
        if found is None:
            raise CommandError(_("There is no package %(id)s.") % {"id": package_id})
        return found

    def import_one(self, path: Path, *, package, title) -> bool:
        try:
            with path.open("rb") as file:
                version = import_package(
                    file=file, file_name=path.name, package=package, title=title
                )
        except (OSError, PackageRejected) as error:
            self.stderr.write(
                _("%(file)s: refused. %(reason)s") % {"file": path, "reason": error}
            )
            return False
        self.stdout.write(
            _(
                "%(file)s: imported as “%(title)s” (package %(id)s, version "
                "%(number)s, %(scorm)s)."
            )
            % {
                "file": path,
                "title": version.package.title,
                "id": version.package_id,
                "number": version.number,
                "scorm": version.get_scorm_version_display(),
            }
        )
        return True
