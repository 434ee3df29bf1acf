"""Settings of lms.certificates. Every one has the prefix ``HOCVIEN_`` and is
read when used, not at import, so tests can override it with ``settings``.

``HOCVIEN_ANNUAL_TRAINING_HOURS`` (number or None, None): the learning hours
a cadre must complete each year; the learner's transcript shows their
progress towards it. None shows no target.
"""

from decimal import Decimal

from django.conf import settings


class CertificateSettings:
    def _get(self, name, default):
        return getattr(settings, f"HOCVIEN_{name}", default)

    @property
    def ANNUAL_TRAINING_HOURS(self) -> Decimal | None:
        value = self._get("ANNUAL_TRAINING_HOURS", None)
        return None if value in (None, "") else Decimal(str(value))


app_settings = CertificateSettings()
