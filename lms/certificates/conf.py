"""Settings of lms.certificates. Every one has the prefix ``HOCVIEN_`` and is
read when used, not at import, so tests can override it with ``settings``.

``HOCVIEN_ANNUAL_TRAINING_HOURS`` (positive number, None or ""; None): the hours
a cadre must complete each year; the learner's transcript shows their
progress towards it. None shows no target.
"""

from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class CertificateSettings:
    def _get(self, name, default):
        return getattr(settings, f"HOCVIEN_{name}", default)

    @property
    def ANNUAL_TRAINING_HOURS(self) -> Decimal | None:
        value = self._get("ANNUAL_TRAINING_HOURS", None)
        if value in (None, ""):
            return None
        try:
            hours = Decimal(str(value))
        except InvalidOperation:
            hours = None
        if hours is None or not hours.is_finite() or hours <= 0:
            raise ImproperlyConfigured(
                "HOCVIEN_ANNUAL_TRAINING_HOURS must be a positive number of hours."
            )
        return hours


app_settings = CertificateSettings()
