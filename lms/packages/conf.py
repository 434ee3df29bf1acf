"""Settings shared by the package apps (SCORM, H5P), read when used. Every
name has the HOCVIEN_PACKAGE_ prefix; the default and the reason are beside it."""

from pathlib import Path

from django.conf import settings

DEFAULTS = {
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
