"""The life of a resumable upload, whatever carries it: create, report the
offset, append, finish into a lecture (through ``api.create_video``),
terminate, expire. Each step is for the upload's own user only; the HTTP
views in media.admin map the exceptions to status codes."""

import datetime
import re
import time
import uuid
from pathlib import Path

from django.core.files import File
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import api, conf
from ..models import LectureUpload, Video
from ..validation import VideoRejected, check_size
from . import partial
from .partial import Busy as Busy

# A partial file without a row is left alone this long (its row may be about
# to be committed) before clear_expired removes it.
STRAY_GRACE = datetime.timedelta(hours=1)
CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class UploadError(Exception):
    """Base of the refusals below; ``str()`` is a translated sentence."""


class NotFound(UploadError):
    """No such upload for this user (or someone else's)."""


class Expired(UploadError):
    """The upload expired, was removed, or lost its bytes."""


class NoSpace(UploadError):
    """Not enough free disk space for the announced length."""


class OffsetMismatch(UploadError):
    def __init__(self, offset: int):
        super().__init__(
            _("The upload is at byte %(offset)d; send the data from there.")
            % {"offset": offset}
        )
        self.offset = offset


class Overflow(UploadError):
    """The data would go past the announced length."""


class Incomplete(UploadError):
    """Finishing before every byte arrived."""


def clean_filename(name: str | None) -> str:
    """The file's own name, without folders or control characters, at most
    255 characters (keeping the extension)."""
    name = CONTROL.sub("", re.split(r"[\\/]", name or "")[-1]).strip()
    if not name:
        return "lecture"
    if len(name) > 255:
        suffix = Path(name).suffix[:16]
        name = name[: 255 - len(suffix)] + suffix
    return name


def default_title(filename: str) -> str:
    """The file name without its extension, as the title to start from."""
    return Path(filename).stem.strip() or filename


def create(*, user, length: int, metadata: dict[str, str]) -> LectureUpload:
    """A new, empty upload of ``length`` bytes. Raises VideoRejected (empty or
    above HOCVIEN_VIDEO_MAX_BYTES) or NoSpace."""
    check_size(length)
    if partial.free_bytes() < length:
        raise NoSpace(
            _(
                "The server does not have %(size)s of free space for this file. "
                "Tell the administrator."
            )
            % {"size": filesizeformat(length)}
        )
    upload = LectureUpload(
        user=user,
        filename=clean_filename(metadata.get("filename")),
        length=length,
        metadata=metadata,
        expires_at=timezone.now() + conf.get("HOCVIEN_VIDEO_UPLOAD_EXPIRY"),
    )
    partial.create(upload.pk)
    try:
        upload.save(force_insert=True)
    except BaseException:
        partial.remove(upload.pk)
        raise
    return upload


def _gone() -> Expired:
    return Expired(_("This upload is no longer on the server. Upload the file again."))


def find(user, upload_id) -> LectureUpload:
    """The user's upload; NotFound for anyone else's. Raises Expired (and
    removes what is left) when it expired or lost its partial file."""
    try:
        upload_id = uuid.UUID(str(upload_id))
    except ValueError:
        raise NotFound(_("There is no such upload.")) from None
    upload = LectureUpload.objects.filter(pk=upload_id, user=user).first()
    if upload is None:
        raise NotFound(_("There is no such upload."))
    if upload.expires_at <= timezone.now() or not partial.path_for(upload.pk).exists():
        discard(upload)
        raise _gone()
    return upload


def offset(upload: LectureUpload) -> int:
    try:
        return partial.size(upload.pk)
    except partial.Gone:
        discard(upload)
        raise _gone() from None


def append(upload: LectureUpload, *, offset: int, read, count: int) -> int:
    """Write ``count`` bytes from ``read`` at ``offset``; returns the new
    offset, which is smaller than ``offset + count`` when the stream broke
    off. Raises Overflow, OffsetMismatch, Busy or Expired."""
    if offset + count > upload.length:
        raise Overflow(
            _("The data goes past the end of the file (%(length)d bytes).")
            % {"length": upload.length}
        )
    try:
        with partial.locked(upload.pk) as fd:
            current = partial.current_size(fd)
            if current != offset:
                raise OffsetMismatch(current)
            partial.append(fd, read, count)
            return partial.current_size(fd)
    except partial.Gone:
        discard(upload)
        raise _gone() from None


def discard(upload: LectureUpload):
    """Remove the upload's bytes and row."""
    partial.remove(upload.pk)
    LectureUpload.objects.filter(pk=upload.pk).delete()


def terminate(upload: LectureUpload):
    """The client gave up: remove everything. Raises Busy while a request is
    writing to it."""
    try:
        with partial.locked(upload.pk):
            discard(upload)
    except partial.Gone:
        discard(upload)


def finish(
    upload: LectureUpload, *, title="", collection=None, tags=(), description=""
) -> Video:
    """Turn the complete upload into a lecture with ``api.create_video`` and
    remove the upload. On VideoRejected nothing is left behind (no row, no
    stored file, no partial file). Raises Incomplete, Busy or Expired."""
    try:
        with partial.locked(upload.pk) as fd:
            received = partial.current_size(fd)
            if received != upload.length:
                raise Incomplete(
                    _(
                        "The upload is not complete: %(received)s of %(length)s "
                        "arrived. Let it finish first."
                    )
                    % {
                        "received": filesizeformat(received),
                        "length": filesizeformat(upload.length),
                    }
                )
            try:
                with partial.path_for(upload.pk).open("rb") as handle:
                    video = api.create_video(
                        file=File(handle, name=upload.filename),
                        title=title.strip() or default_title(upload.filename),
                        user=upload.user,
                        collection=collection,
                        tags=tags,
                        description=description,
                    )
            except VideoRejected:
                discard(upload)
                raise
            LectureUpload.objects.filter(pk=upload.pk).delete()
            partial.remove(upload.pk)
            return video
    except partial.Gone:
        discard(upload)
        raise _gone() from None


def clear_expired(*, strays: bool = False) -> int:
    """Remove the uploads past their expiry, with their bytes; with
    ``strays`` also partial files that no upload owns. Returns how many
    uploads (and stray files) were removed."""
    now = timezone.now()
    removed = 0
    for upload in LectureUpload.objects.filter(expires_at__lte=now):
        discard(upload)
        removed += 1
    if strays:
        known = {pk.hex for pk in LectureUpload.objects.values_list("pk", flat=True)}
        cutoff = time.time() - STRAY_GRACE.total_seconds()
        for path in partial.stray_files(known, older_than=cutoff):
            path.unlink(missing_ok=True)
            removed += 1
    return removed
