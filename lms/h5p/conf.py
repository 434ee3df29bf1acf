"""Settings of lms.h5p, read when used. Every name has the HOCVIEN_H5P_
prefix; the default and the reason are beside it. Limits on uploaded zips
and the content origin are lms.packages' (HOCVIEN_PACKAGE_*,
HOCVIEN_CONTENT_ORIGIN)."""

import datetime

from django.conf import settings

DEFAULTS = {
    # How long a player page may go on using its launch link.
    "HOCVIEN_H5P_LAUNCH_EXPIRY": datetime.timedelta(hours=12),
    # Seconds between saves of a learner's state (H5P's saveFreq).
    "HOCVIEN_H5P_SAVE_SECONDS": 30,
    # An external LRS that receives a copy of every statement (xAPI 1.0.3),
    # e.g. {"endpoint": "https://lrs.example.vn/xapi/", "username": "...",
    # "password": "..."}; None keeps statements here only.
    "HOCVIEN_H5P_LRS": None,
    # Statements sent to the LRS in one request, and seconds to wait for it.
    "HOCVIEN_H5P_LRS_BATCH": 50,
    "HOCVIEN_H5P_LRS_TIMEOUT": 10,
    # Seconds before a failed forwarding is tried again: doubles from the
    # first value each time up to the second.
    "HOCVIEN_H5P_LRS_RETRY": (30, 3600),
}


def get(name: str):
    return getattr(settings, name, DEFAULTS[name])
