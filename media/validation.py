"""The rules an uploaded lecture file must pass, in one place: the admin form
field and ``api.create_video`` both call ``validate_media_file``."""

import contextlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import conf
from .data import ProbeResult
from .probe import ProbeError, probe, run_ffprobe

# Demuxers ffmpeg uses for text and still pictures (and "*_pipe" image
# demuxers): it "plays" a renamed text file or a JPEG, but neither is a lecture.
NOT_MEDIA_FORMATS = {"tty", "image2", "gif", "webp", "apng"}
NOT_MEDIA_CODECS = {"ansi"}
# How much of the start and of the end is decoded to catch a damaged upload.
DECODE_CHECK_SECONDS = 5


class VideoRejected(Exception):
    """The file cannot become a lecture; ``str()`` is the translated reason."""

    def __init__(self, message: str, *, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


def human_duration(seconds: float) -> str:
    """ "3 hours", "1 hour 30 minutes", "45 seconds"."""
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    parts = []
    if hours:
        parts.append(ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours})
    if minutes:
        parts.append(
            ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}
        )
    if secs or not parts:
        parts.append(ngettext("%(n)d second", "%(n)d seconds", secs) % {"n": secs})
    return " ".join(parts)


@contextlib.contextmanager
def local_path(file) -> Iterator[Path]:
    """A path on local disk holding the file's content, copied only when the
    upload is not already a file on disk."""
    if hasattr(file, "temporary_file_path"):
        yield Path(file.temporary_file_path())
        return
    name = getattr(getattr(file, "file", None), "name", None)
    if isinstance(name, str) and os.path.isfile(name):
        yield Path(name)
        return
    with tempfile.NamedTemporaryFile(suffix=Path(file.name or "").suffix) as copy:
        file.seek(0)
        for chunk in file.chunks():
            copy.write(chunk)
        copy.flush()
        file.seek(0)
        yield Path(copy.name)


def _reject(message: str, code: str):
    raise VideoRejected(message, code=code)


def check_size(size: int):
    if not size:
        _reject(_("The file is empty."), "empty")
    limit = conf.get("HOCVIEN_VIDEO_MAX_BYTES")
    if size > limit:
        _reject(
            _("The file is %(size)s, larger than the limit of %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)},
            "too_large",
        )


def _not_media():
    _reject(
        _(
            "This is not a video or audio file that can be played. It may be "
            "another kind of file, or it may be damaged or incomplete."
        ),
        "not_media",
    )


def _is_text_or_picture(info: dict) -> bool:
    container = info.get("format", {}).get("format_name", "")
    codecs = {s.get("codec_name") for s in info.get("streams", [])}
    return (
        container in NOT_MEDIA_FORMATS
        or container.endswith("_pipe")
        or bool(codecs & NOT_MEDIA_CODECS)
    )


def read_streams(path: Path) -> ProbeResult:
    try:
        info = run_ffprobe(path)
    except ProbeError:
        _not_media()
    if _is_text_or_picture(info):
        _not_media()
    try:
        return probe(path)
    except ProbeError:
        _reject(_("The file contains neither a picture nor sound."), "no_streams")


def check_duration(found: ProbeResult):
    if not found.duration or found.duration <= 0:
        _not_media()
    limit = conf.get("HOCVIEN_VIDEO_MAX_SECONDS")
    if found.duration > limit:
        _reject(
            _("The lecture lasts %(length)s, longer than the limit of %(limit)s.")
            % {
                "length": human_duration(found.duration),
                "limit": human_duration(limit),
            },
            "too_long",
        )


def _decodes(path: Path, *position: str) -> bool:
    command = [
        shutil.which("ffmpeg") or "ffmpeg",
        *("-nostdin", "-v", "error", "-xerror"),
        *position,
        *("-i", str(path), "-t", str(DECODE_CHECK_SECONDS), "-f", "null", "-"),
    ]
    try:
        done = subprocess.run(  # noqa: S603 - fixed program, file path argument
            command, capture_output=True, timeout=120, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def check_decodes(path: Path):
    """Decode a few seconds at the start and at the end: a cut-off upload
    fails at the end even when its header is whole."""
    end = ("-sseof", f"-{DECODE_CHECK_SECONDS}")
    if not (_decodes(path) and _decodes(path, *end)):
        _reject(
            _(
                "The file is damaged or incomplete: it cannot be played to the "
                "end. Upload it again, or export it again from the recording."
            ),
            "damaged",
        )


def validate_media_file(path: Path, size: int) -> ProbeResult:
    """What ffprobe found in an acceptable lecture file; raises VideoRejected
    with the reason otherwise. Audio-only files are acceptable."""
    check_size(size)
    found = read_streams(Path(path))
    check_duration(found)
    check_decodes(Path(path))
    return found
