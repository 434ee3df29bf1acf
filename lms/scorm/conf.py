"""Settings of lms.scorm, read when used. Every name has the HOCVIEN_SCORM_
prefix; the default and the reason are beside it. Limits on uploaded zips
and the content origin are lms.packages'
(HOCVIEN_PACKAGE_*, HOCVIEN_CONTENT_ORIGIN)."""

import datetime

from django.conf import settings

DEFAULTS = {
    # How long a player page may go on using its launch link.
    "HOCVIEN_SCORM_LAUNCH_EXPIRY": datetime.timedelta(hours=12),
    # Seconds the browser batches values before it commits them.
    "HOCVIEN_SCORM_AUTOCOMMIT_SECONDS": 15,
}


def get(name: str):
    return getattr(settings, name, DEFAULTS[name])
