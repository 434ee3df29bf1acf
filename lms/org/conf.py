"""Settings of lms.org. Every one has the prefix ``HOCVIEN_`` and is read when
used, not at import, so tests can override it with ``settings``.

``HOCVIEN_IMPORT_MAX_BYTES`` (int, 10 MB): the largest people file accepted;
an upload is read into memory whole, so this bounds what one request costs.

``HOCVIEN_IMPORT_MAX_ROWS`` (int, 20,000): the most data rows in one people
file; every row is validated and written in one transaction.
"""

from django.conf import settings


class OrgSettings:
    def _get(self, name, default):
        return getattr(settings, f"HOCVIEN_{name}", default)

    @property
    def IMPORT_MAX_BYTES(self) -> int:
        return int(self._get("IMPORT_MAX_BYTES", 10 * 1024 * 1024))

    @property
    def IMPORT_MAX_ROWS(self) -> int:
        return int(self._get("IMPORT_MAX_ROWS", 20_000))


app_settings = OrgSettings()
