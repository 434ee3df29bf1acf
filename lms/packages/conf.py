"""Settings shared by the package apps (SCORM, H5P), read when used. Every
name has the HOCVIEN_PACKAGE_ prefix; the default and the reason are beside it."""

from pathlib import Path

from django.conf import settings

DEFAULTS = {
    # Scheme, host and port that serve package players and files, e.g.
    # "https://content.hocvien.vn". A host of its own keeps packages away
    # from the LMS session (lms.packages.isolation). "" serves them from the
    # LMS host, with a system-check warning.
    "HOCVIEN_CONTENT_ORIGIN": "",
    # Content-Security-Policy of players and package files; {frame_ancestors}
    # is the LMS origin for a player, 'self' and the LMS origin for files.
    # Packages run their own inline scripts, load libraries from CDNs (authoring
    # tools link jQuery from Google's), show pictures, media and frames from
    # the web, but may only send data back to the content origin.
    "HOCVIEN_CONTENT_CSP": (
        "default-src 'self' 'unsafe-inline' 'unsafe-eval' data: blob: https:; "
        "img-src * data: blob:; media-src * data: blob:; font-src * data:; "
        "style-src 'self' 'unsafe-inline' https:; frame-src 'self' https:; "
        "connect-src 'self'; form-action 'self'; base-uri 'self'; "
        "frame-ancestors {frame_ancestors}"
    ),
    # Largest zip accepted; packages with narrated video reach a few hundred MB.
    "HOCVIEN_PACKAGE_MAX_UPLOAD_BYTES": 1024**3,
    # Most bytes a package may unpack to (checked before anything is written).
    "HOCVIEN_PACKAGE_MAX_UNPACKED_BYTES": 2 * 1024**3,
    # Most files in a package; authoring tools write a few thousand at most.
    "HOCVIEN_PACKAGE_MAX_ENTRIES": 20_000,
    # A file unpacking to more than this many times its packed size (and to
    # more than 1 MiB) is taken for a zip bomb; real text compresses ~10x.
    "HOCVIEN_PACKAGE_MAX_RATIO": 200,
    # Where unpacked packages live: a storage alias of settings.STORAGES, or
    # None for the folder below (outside MEDIA_ROOT: never served as media).
    "HOCVIEN_PACKAGE_STORAGE": None,
    "HOCVIEN_PACKAGE_ROOT": None,
}


def get(name: str):
    return getattr(settings, name, DEFAULTS[name])


def package_root() -> Path:
    folder = get("HOCVIEN_PACKAGE_ROOT")
    if folder:
        return Path(folder)
    return Path(settings.MEDIA_ROOT).parent / "packages"
