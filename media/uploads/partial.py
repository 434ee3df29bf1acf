"""The bytes of an unfinished upload: one file per upload in the upload
folder, named after its id. The file's size is the upload's offset, so a
crashed or restarted server knows exactly where each upload stands.

Writers take an exclusive, non-blocking ``flock`` on the file: a second
request on the same upload fails at once with ``Busy`` instead of
interleaving its bytes."""

import contextlib
import fcntl
import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

from .. import conf

# Bytes read from the request and written at a time.
BLOCK = 64 * 1024
SUFFIX = ".part"


class Busy(Exception):
    """Another request is writing (or finishing) this upload right now."""


class Gone(Exception):
    """The partial file no longer exists (terminated, finished or expired)."""


def folder() -> Path:
    return conf.upload_dir()


def path_for(upload_id: uuid.UUID) -> Path:
    return folder() / f"{uuid.UUID(str(upload_id)).hex}{SUFFIX}"


def create(upload_id: uuid.UUID) -> Path:
    """An empty partial file, readable by this user only."""
    path = path_for(upload_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
    return path


def size(upload_id: uuid.UUID) -> int:
    """The offset: how many bytes have arrived. Raises Gone."""
    try:
        return path_for(upload_id).stat().st_size
    except FileNotFoundError:
        raise Gone from None


def free_bytes() -> int:
    path = folder()
    while not path.exists() and path != path.parent:
        path = path.parent
    return shutil.disk_usage(path).free


def remove(upload_id: uuid.UUID):
    path_for(upload_id).unlink(missing_ok=True)


@contextlib.contextmanager
def locked(upload_id: uuid.UUID) -> Iterator[int]:
    """Hold the upload's exclusive lock; yields a write descriptor positioned
    at the end. Raises Gone or Busy."""
    try:
        fd = os.open(path_for(upload_id), os.O_WRONLY | os.O_APPEND)
    except FileNotFoundError:
        raise Gone from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Busy from None
        if os.fstat(fd).st_nlink == 0:  # removed while we waited to open it
            raise Gone
        yield fd
    finally:
        os.close(fd)  # also releases the lock


def current_size(fd: int) -> int:
    return os.fstat(fd).st_size


def append(fd: int, read: Callable[[int], bytes], count: int) -> int:
    """Copy up to ``count`` bytes from ``read`` (a stream's read method) to
    the locked file, ``BLOCK`` bytes at a time, never holding more than one
    block in memory. Stops early when the stream ends or breaks (a dropped
    connection): whatever arrived stays written. Returns the bytes written."""
    written = 0
    while written < count:
        try:
            block = read(min(BLOCK, count - written))
        except OSError:  # the client went away mid-body
            break
        if not block:
            break
        block = block[: count - written]
        view = memoryview(block)
        while view:
            view = view[os.write(fd, view) :]
        written += len(block)
    return written


def stray_files(known: set[str], *, older_than: float) -> list[Path]:
    """Partial files no upload row names (a deleted user, a crash between
    the file and the row), last touched before ``older_than`` (epoch s)."""
    base = folder()
    if not base.is_dir():
        return []
    return [
        path
        for path in base.glob(f"*{SUFFIX}")
        if path.name.removesuffix(SUFFIX) not in known
        and path.stat().st_mtime < older_than
    ]
