"""Serving a READY lecture's HLS files and captions, behind the
``before_serve_lecture`` hook (see README)."""

import posixpath
import re

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe
from wagtail import hooks

from . import conf
from .data import VideoStatus
from .models import Video

MIME_TYPES = {
    ".m3u8": "application/vnd.apple.mpegurl",
    ".ts": "video/mp2t",
    ".m4s": "video/iso.segment",
    ".mp4": "video/mp4",
    ".aac": "audio/aac",
    ".m4a": "audio/mp4",
    ".vtt": "text/vtt; charset=utf-8",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
}
# Each transcode attempt writes to its own v<N> folder, so a file never
# changes under its URL; playlists and captions may be replaced.
FOREVER = "private, max-age=31536000, immutable"
BRIEFLY = "private, max-age=60"
CAPTION = re.compile(r"^captions/([A-Za-z0-9-]{2,12})\.vtt$")
RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def clean_path(path: str) -> str | None:
    """The path if it names a file below the folder, None for anything odd."""
    if not path or "\\" in path or "\x00" in path or path.startswith("/"):
        return None
    if posixpath.normpath(path) != path or ".." in path.split("/"):
        return None
    return path


def storage_name(video: Video, path: str) -> str:
    """Where a URL path of the video is stored; Http404 if nowhere."""
    caption = CAPTION.match(path)
    if caption:
        found = get_object_or_404(video.captions, language=caption[1])
        return found.file.name
    if not video.output_dir:
        raise Http404
    return f"{video.output_dir}/{path}"


def refusal(video: Video, request) -> HttpResponse | None:
    for hook in hooks.get_hooks("before_serve_lecture"):
        result = hook(video, request)
        if isinstance(result, HttpResponse):
            return result
    return None


def byte_range(header: str, size: int) -> tuple[int, int] | None | bool:
    """(first, last) of a single satisfiable range; None when there is no
    usable Range header (serve it all); False when it cannot be satisfied."""
    match = RANGE.match(header.strip())
    if not match or match.groups() == ("", ""):
        return None
    first, last = match.groups()
    if not first:  # the last N bytes
        suffix = int(last)
        return (max(size - suffix, 0), size - 1) if suffix and size else False
    first, last = int(first), min(int(last) if last else size - 1, size - 1)
    return (first, last) if first <= last else False


def partial_response(name: str, size: int, first: int, last: int, mime: str):
    with default_storage.open(name, "rb") as handle:
        handle.seek(first)
        response = HttpResponse(handle.read(last - first + 1), content_type=mime)
    response.status_code = 206
    response["Content-Range"] = f"bytes {first}-{last}/{size}"
    return response


def file_response(request, name: str, mime: str):
    if conf.get("HOCVIEN_VIDEO_SERVE_METHOD") == "x-accel-redirect":
        prefix = conf.get("HOCVIEN_VIDEO_ACCEL_PREFIX")
        response = HttpResponse(content_type=mime)
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + name
        return response
    size = default_storage.size(name)
    wanted = byte_range(request.headers.get("Range", ""), size)
    if wanted is False:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return response
    if wanted:
        return partial_response(name, size, *wanted, mime)
    response = FileResponse(default_storage.open(name, "rb"), content_type=mime)
    response["Content-Length"] = size
    return response


@require_safe
def serve_lecture_file(request, video_id: int, path: str):
    """A file of a READY lecture (playlists, segments, poster, sprite,
    thumbnails, captions/<lang>.vtt); 404 for anything else."""
    video = get_object_or_404(Video, pk=video_id, status=VideoStatus.READY)
    path = clean_path(path)
    mime = MIME_TYPES.get(posixpath.splitext(path or "")[1].lower())
    if path is None or mime is None:
        raise Http404
    name = storage_name(video, path)
    if not default_storage.exists(name):
        raise Http404
    refused = refusal(video, request)
    if refused is not None:
        return refused
    response = file_response(request, name, mime)
    response["Accept-Ranges"] = "bytes"
    response["X-Content-Type-Options"] = "nosniff"
    playlist_or_text = mime.startswith(("application/vnd.apple", "text/"))
    response["Cache-Control"] = BRIEFLY if playlist_or_text else FOREVER
    return response
