"""Settings of lms.scorm, read when used. Every name has the HOCVIEN_SCORM_
prefix; the default and the reason are beside it. Limits on uploaded zips
are lms.packages' (HOCVIEN_PACKAGE_*)."""

import datetime

from django.conf import settings

DEFAULTS = {
    # Scheme, host and port that serve package files and the player, e.g.
    # "https://content.hocvien.vn". A host of its own keeps packages away
    # from the LMS session (see README). "" serves them from the LMS host,
    # with a system-check warning.
    "HOCVIEN_SCORM_CONTENT_ORIGIN": "",
    # How long a player page may go on using its launch link.
    "HOCVIEN_SCORM_LAUNCH_EXPIRY": datetime.timedelta(hours=12),
    # Content-Security-Policy of the player and package files; {frame_ancestors}
    # is the LMS origin for the player, 'self' and the LMS origin for files.
    # Packages run their own inline scripts, load libraries from CDNs (authoring
    # tools link jQuery from Google's), show pictures, media and frames from
    # the web, but may only send data back to the content origin.
    "HOCVIEN_SCORM_CONTENT_CSP": (
        "default-src 'self' 'unsafe-inline' 'unsafe-eval' data: blob: https:; "
        "img-src * data: blob:; media-src * data: blob:; font-src * data:; "
        "style-src 'self' 'unsafe-inline' https:; frame-src 'self' https:; "
        "connect-src 'self'; form-action 'self'; base-uri 'self'; "
        "frame-ancestors {frame_ancestors}"
    ),
    # Seconds the browser batches values before it commits them.
    "HOCVIEN_SCORM_AUTOCOMMIT_SECONDS": 15,
}


def get(name: str):
    return getattr(settings, name, DEFAULTS[name])
