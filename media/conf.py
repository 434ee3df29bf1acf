"""Settings of the lecture library, read when used. Every name has the
HOCVIEN_VIDEO_ prefix; the default and the reason are beside it."""

import datetime
from pathlib import Path

from django.conf import settings

DEFAULTS = {
    # Largest upload; lectures recorded on phones at 1080p run to a few GB.
    "HOCVIEN_VIDEO_MAX_BYTES": 4 * 1024**3,
    # Longest lecture (3 hours), so a wrong file cannot tie up a worker for days.
    "HOCVIEN_VIDEO_MAX_SECONDS": 3 * 60 * 60,
    # Backend doing the work; the dummy writes tiny fake playlists for tests.
    "HOCVIEN_VIDEO_TRANSCODER": {
        "BACKEND": "media.transcoding.ffmpeg.FFmpegTranscoder"
    },
    # "django" streams files from the app; "x-accel-redirect" lets nginx send
    # them after the permission check (see README).
    "HOCVIEN_VIDEO_SERVE_METHOD": "django",
    # The nginx "internal" location that maps to MEDIA_ROOT for x-accel-redirect.
    "HOCVIEN_VIDEO_ACCEL_PREFIX": "/protected-media/",
    # A processing video whose worker sent no heartbeat for this long is stalled.
    "HOCVIEN_VIDEO_STALL_AFTER": datetime.timedelta(minutes=10),
    # Folder of the partial files of resumable (tus) uploads. None: the
    # "lectures/incoming" folder of MEDIA_ROOT. Never serve it (see README).
    "HOCVIEN_VIDEO_UPLOAD_DIR": None,
    # An upload not finished within this time is removed with its bytes
    # (clear_lecture_uploads, and when the upload page is opened).
    "HOCVIEN_VIDEO_UPLOAD_EXPIRY": datetime.timedelta(days=7),
    # Bytes per PATCH the upload page sends: small enough to lose little on a
    # dropped connection, large enough to keep the request count low.
    "HOCVIEN_VIDEO_UPLOAD_CHUNK_BYTES": 8 * 1024**2,
}


def get(name: str):
    return getattr(settings, name, DEFAULTS[name])


def upload_dir() -> Path:
    folder = get("HOCVIEN_VIDEO_UPLOAD_DIR")
    if folder:
        return Path(folder)
    return Path(settings.MEDIA_ROOT) / "lectures" / "incoming"
