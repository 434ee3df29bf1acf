"""Uploaded zip packages (SCORM, H5P), treated as hostile until checked.

``open_archive`` reads the zip's directory and refuses, before a byte is
unpacked: anything that is not a zip, encrypted entries, absolute paths,
paths leaving the package (``..``), symlinks, names that differ only in case,
too many entries, too many unpacked bytes and compression-ratio bombs.
Junk that archivers add (``__MACOSX/``, ``.DS_Store``, ``Thumbs.db``) and
directory entries are left out. Unpacking never writes more than the sizes
the directory declared: ``zipfile`` stops each entry at its declared size
and checks its CRC.
"""

import contextlib
import hashlib
import posixpath
import stat
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from django.core.files import File
from django.utils.translation import gettext as _

from . import conf

JUNK_FOLDERS = {"__MACOSX"}
JUNK_FILES = {".DS_Store", "Thumbs.db", "desktop.ini"}
RATIO_FLOOR_BYTES = 1024**2  # small files may compress as well as they like


class ArchiveRejected(Exception):
    """A package refused; ``str(error)`` is a translated sentence."""


@dataclass(frozen=True)
class Limits:
    max_entries: int
    max_unpacked_bytes: int
    max_ratio: float

    @classmethod
    def from_settings(cls) -> "Limits":
        return cls(
            max_entries=conf.get("HOCVIEN_PACKAGE_MAX_ENTRIES"),
            max_unpacked_bytes=conf.get("HOCVIEN_PACKAGE_MAX_UNPACKED_BYTES"),
            max_ratio=conf.get("HOCVIEN_PACKAGE_MAX_RATIO"),
        )


class PackageArchive:
    """A checked zip: ``members`` maps each file's clean path to its entry."""

    def __init__(self, zip_file: zipfile.ZipFile, members: dict):
        self._zip = zip_file
        self.members: dict[str, zipfile.ZipInfo] = members

    def __contains__(self, name: str) -> bool:
        return name in self.members

    @property
    def unpacked_bytes(self) -> int:
        return sum(info.file_size for info in self.members.values())

    def read(self, name: str) -> bytes:
        return self._zip.read(self.members[name])

    def open(self, name: str):
        return self._zip.open(self.members[name])

    def extract(self, storage, prefix: str, names=None, folder: str = "") -> list[str]:
        """Write every member (or only ``names``) under ``prefix`` in
        ``storage``, without the leading ``folder/`` of their paths; on any
        error remove what was written and re-raise. Returns the stored names."""
        written = []
        try:
            for name in self.members if names is None else names:
                inside = name.removeprefix(f"{folder}/") if folder else name
                # Listed first: a failed save may leave part of the file.
                written.append(f"{prefix}/{inside}")
                with self.open(name) as source:
                    written[-1] = storage.save(written[-1], File(source, inside))
        except BaseException:
            for target in written:
                storage.delete(target)
            raise
        return written


@contextlib.contextmanager
def open_archive(file, limits: Limits | None = None) -> Iterator[PackageArchive]:
    """Check the zip ``file`` (a path or a binary file object) and yield it
    as a PackageArchive. Raises ArchiveRejected with the reason."""
    limits = limits or Limits.from_settings()
    try:
        zip_file = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ArchiveRejected(
            _("The file is not a zip archive, or the archive is damaged.")
        ) from error
    with zip_file:
        yield PackageArchive(zip_file, _checked_members(zip_file, limits))


def _checked_members(zip_file: zipfile.ZipFile, limits: Limits) -> dict:
    entries = zip_file.infolist()
    if len(entries) > limits.max_entries:
        raise ArchiveRejected(
            _("The package holds %(count)s files; at most %(limit)s are allowed.")
            % {"count": len(entries), "limit": limits.max_entries}
        )
    members, folded, total = {}, set(), 0
    for info in entries:
        name = clean_name(info)
        if name is None:
            continue
        _check_entry(info, name, limits)
        if name.casefold() in folded:
            raise ArchiveRejected(
                _("The package holds “%(name)s” twice.") % {"name": name}
            )
        folded.add(name.casefold())
        total += info.file_size
        if total > limits.max_unpacked_bytes:
            raise ArchiveRejected(
                _("The package unpacks to more than %(limit)s MB.")
                % {"limit": limits.max_unpacked_bytes // 1024**2}
            )
        members[name] = info
    return members


def clean_name(info: zipfile.ZipInfo) -> str | None:
    """The entry's path inside the package, or None for directories and
    junk. Raises ArchiveRejected for a path that could leave the package."""
    raw = info.filename
    unsafe = ArchiveRejected(
        _("The package holds an unsafe path: “%(name)s”.") % {"name": raw}
    )
    if "\x00" in raw:
        raise unsafe
    path = raw.replace("\\", "/")
    if path.startswith("/") or (len(path) > 1 and path[1] == ":"):
        raise unsafe
    parts = [part for part in path.split("/") if part not in ("", ".")]
    if ".." in parts:
        raise unsafe
    if not parts or info.is_dir() or path.endswith("/"):
        return None
    if parts[0] in JUNK_FOLDERS or parts[-1] in JUNK_FILES:
        return None
    return posixpath.join(*parts)


def _check_entry(info: zipfile.ZipInfo, name: str, limits: Limits):
    if stat.S_ISLNK(info.external_attr >> 16):
        raise ArchiveRejected(
            _("The package holds a symbolic link: “%(name)s”.") % {"name": name}
        )
    if info.flag_bits & 0x1:
        raise ArchiveRejected(
            _("The package holds an encrypted file: “%(name)s”.") % {"name": name}
        )
    if info.file_size > RATIO_FLOOR_BYTES and (
        info.file_size > limits.max_ratio * max(info.compress_size, 1)
    ):
        raise ArchiveRejected(
            _(
                "“%(name)s” unpacks to %(ratio)s times its packed size; the "
                "package looks like a zip bomb."
            )
            % {"name": name, "ratio": info.file_size // max(info.compress_size, 1)}
        )


def file_size(file) -> int:
    """Bytes in a binary file object (left at its start)."""
    file.seek(0, 2)
    size = file.tell()
    file.seek(0)
    return size


def sha256(file) -> str:
    """Hex SHA-256 of a binary file object (left at its start)."""
    digest = hashlib.sha256()
    for chunk in iter(lambda: file.read(1024**2), b""):
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()
