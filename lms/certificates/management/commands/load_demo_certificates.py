from django.core.management.base import BaseCommand

from lms.certificates.demo import build


class Command(BaseCommand):
    help = (
        "Create the demo issuer, the demo course's certificate and one "
        "issued certificate (idempotent)."
    )

    def handle(self, *args, **options):
        certificate = build()
        if certificate is not None:
            self.stdout.write(
                f"Chứng chỉ demo / Demo certificate: {certificate.number} "
                f"/chung-chi/{certificate.public_id}/"
            )
