from django.core.management.base import BaseCommand, CommandError

from lms.site.jobs import check_worker


class Command(BaseCommand):
    help = "Enqueue a ping job and wait for a worker to run it (monitoring probe)."

    def add_arguments(self, parser):
        parser.add_argument("--timeout", type=float, default=30.0)
        parser.add_argument("--queue", default="default")

    def handle(self, *args, timeout, queue, **options):
        check = check_worker(timeout=timeout, queue_name=queue)
        if not check.ok:
            raise CommandError(
                f"No worker ran the ping job on {check.backend} within {timeout:g} s."
            )
        self.stdout.write(f"{check.backend}: worker answered in {check.seconds:.2f} s")
