"""Public use cases of the lecture library. Other apps import this module,
``data`` and ``signals`` only (plus the ``blocks`` and template tags that
pages compose)."""

import contextlib
import dataclasses
import shutil
import tempfile
from pathlib import Path

from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.utils.file import hash_filelike

from . import conf
from .captions import CaptionRejected as CaptionRejected
from .captions import to_webvtt
from .data import VideoStatus
from .models import Caption, Chapter, Video
from .probe import ProbeError, probe
from .signals import video_failed, video_ready
from .transcoding import TranscodeError, get_transcoder
from .validation import VideoRejected as VideoRejected
from .validation import local_path, validate_media_file


def enqueue_transcode(video: Video):
    """Queue the transcode once the current transaction commits."""
    from .tasks import transcode_video_task

    transaction.on_commit(lambda: transcode_video_task.enqueue(video.pk))


def retry_transcode(*, video: Video) -> bool:
    """Queue a failed or stalled video again; False when it needs no retry."""
    with transaction.atomic():
        video = Video.objects.select_for_update().get(pk=video.pk)
        stalled = video.is_stalled(
            now=timezone.now(), timeout=conf.get("HOCVIEN_VIDEO_STALL_AFTER")
        )
        if video.status != VideoStatus.FAILED and not stalled:
            return False
        video.status = VideoStatus.UPLOADED
        video.progress = 0
        video.save(update_fields=["status", "progress"])
        enqueue_transcode(video)
    return True


def recover_stalled_videos() -> int:
    """Mark videos whose worker died mid-transcode as failed (so they can be
    retried); returns how many. Safe to run at any time."""
    cutoff = timezone.now() - conf.get("HOCVIEN_VIDEO_STALL_AFTER")
    stalled = Video.objects.filter(
        status=VideoStatus.PROCESSING, heartbeat_at__lt=cutoff
    )
    return stalled.update(
        status=VideoStatus.FAILED,
        failure_reason=_("The transcoding worker stopped before finishing. Retry it."),
    )


def _claim(video_id: int) -> Video | None:
    """Mark the video processing, unless it is gone, done or being worked on."""
    with transaction.atomic():
        video = Video.objects.select_for_update().filter(pk=video_id).first()
        if video is None or video.status == VideoStatus.READY:
            return None
        timeout = conf.get("HOCVIEN_VIDEO_STALL_AFTER")
        busy = video.status == VideoStatus.PROCESSING
        if busy and not video.is_stalled(now=timezone.now(), timeout=timeout):
            return None
        video.mark_processing()
        return video


@contextlib.contextmanager
def _local_source(video: Video):
    """A local path of the original, downloading it from remote storage if needed."""
    try:
        yield Path(video.file.path)
        return
    except NotImplementedError:
        pass
    with tempfile.NamedTemporaryFile(suffix=Path(video.file.name).suffix) as copy:
        with video.file.open("rb") as original:
            shutil.copyfileobj(original, copy)
        copy.flush()
        yield Path(copy.name)


def _store_outputs(local_dir: Path, storage_dir: str):
    for path in sorted(p for p in local_dir.rglob("*") if p.is_file()):
        name = f"{storage_dir}/{path.relative_to(local_dir).as_posix()}"
        with path.open("rb") as handle:
            default_storage.save(name, File(handle))


def transcode(*, video_id: int):
    """Transcode a video into its HLS ladder and mark it ready, or failed with
    the reason. Returns at once when the video is ready, gone, or being
    transcoded by a live worker, so running it twice does no harm."""
    video = _claim(video_id)
    if video is None:
        return
    storage_dir = f"lectures/hls/{video.pk}/v{video.attempts}"
    try:
        with _local_source(video) as source, tempfile.TemporaryDirectory() as work:
            found = probe(source)
            result = get_transcoder().transcode(
                source=source,
                probe=found,
                output_dir=Path(work),
                on_progress=video.record_progress,
            )
            _store_outputs(Path(work), storage_dir)
    except (ProbeError, TranscodeError, OSError) as error:
        video.mark_failed(_("Transcoding failed: %(reason)s") % {"reason": error})
        video_failed.send(sender=Video, video=video)
        return
    video.mark_ready(dataclasses.replace(result, output_dir=storage_dir))
    video_ready.send(sender=Video, video=video)


def _store_video(video: Video, *, tags) -> Video:
    try:
        with transaction.atomic():
            video.save()
            if tags:
                video.tags.add(*tags)
            enqueue_transcode(video)
    except BaseException:
        if video.file.name and video.file._committed:
            video.file.storage.delete(video.file.name)
        raise
    return video


def create_video(
    *, file, title, user=None, collection=None, tags=(), description=""
) -> Video:
    """Validate a video or audio file, store it as a new Video (status
    UPLOADED, with duration, size and hash) and queue its transcode for when
    the transaction commits. ``file`` is a Django File or upload. Raises
    VideoRejected with the reason, leaving no row and no stored file."""
    with local_path(file) as path:
        found = validate_media_file(path, file.size)
    video = Video(
        title=title,
        description=description,
        file=File(file, name=Path(file.name).name),
        file_size=file.size,
        file_hash=hash_filelike(file),
        duration=found.duration,
        width=found.width,
        height=found.height,
        has_video=found.has_video,
        uploaded_by_user=user,
    )
    if collection is not None:
        video.collection = collection
    return _store_video(video, tags=list(tags))


def add_caption(*, video: Video, language: str, label: str, file) -> Caption:
    """Store a .srt or .vtt file as the WebVTT captions of ``video`` in
    ``language``, replacing the previous ones in that language. Raises
    CaptionRejected (not UTF-8, no cue) and stores nothing then."""
    file.seek(0)
    vtt = to_webvtt(file.read())
    content = ContentFile(vtt.encode("utf-8"), name=f"{video.pk}-{language}.vtt")
    with transaction.atomic():
        old = Caption.objects.filter(video=video, language=language).first()
        if old is not None:
            old_name = old.file.name
            old.delete()
            transaction.on_commit(lambda: default_storage.delete(old_name))
        return Caption.objects.create(
            video=video, language=language, label=label, file=content
        )


def set_chapters(*, video: Video, chapters: list[tuple[float, str]]):
    """Replace the chapters of ``video`` with ``(start seconds, title)`` pairs;
    a repeated start keeps its last title."""
    by_start = {round(float(start), 3): title.strip() for start, title in chapters}
    with transaction.atomic():
        video.chapters.all().delete()
        Chapter.objects.bulk_create(
            Chapter(video=video, start=start, title=title)
            for start, title in sorted(by_start.items())
        )
