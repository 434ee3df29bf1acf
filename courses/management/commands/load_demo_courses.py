from django.core.management.base import BaseCommand

from courses.demo import build


class Command(BaseCommand):
    help = "Create the demo catalogue and course with a generated lecture (idempotent)."

    def handle(self, *args, **options):
        course = build()
        self.stdout.write(f"Khóa học demo / Demo course: {course.url}")
