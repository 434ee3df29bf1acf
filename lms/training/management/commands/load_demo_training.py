from django.core.management.base import BaseCommand

from lms.training.demo import build


class Command(BaseCommand):
    help = (
        "Create the demo classes, sessions, evaluation and needs survey (idempotent)."
    )

    def handle(self, *args, **options):
        training_class = build()
        if training_class is not None:
            self.stdout.write(
                f"Lớp học demo / Demo class: /lop-hoc/{training_class.code}/"
            )
