from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from lms.org import api


class Command(BaseCommand):
    help = (
        "Import people from an .xlsx or .csv file: every row or, if any row is "
        "bad, none (the errors are printed)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path of the .xlsx or .csv file.")
        parser.add_argument("--as-user", help="Apply this username's unit scope.")
        parser.add_argument("--dry-run", action="store_true", help="Only validate.")

    def handle(self, *args, file, as_user, dry_run, **options):
        user = find_user(as_user) if as_user else None
        try:
            with open(file, "rb") as stream:
                report = api.import_people(
                    file=stream, filename=file, user=user, dry_run=dry_run
                )
        except (OSError, api.OrgError) as error:
            raise CommandError(str(error)) from error
        for error in report.errors:
            self.stderr.write(str(error))
        if not report.ok:
            raise CommandError(f"{len(report.errors)} errors; nothing was imported.")
        verb = "would be" if dry_run else "were"
        self.stdout.write(
            f"{report.created} created, {report.updated} updated, "
            f"{report.unchanged} unchanged ({verb} written)."
        )


def find_user(username):
    try:
        return get_user_model().objects.get(username=username)
    except get_user_model().DoesNotExist:
        raise CommandError(f"No user named {username}.") from None
