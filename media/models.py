"""The lecture library: a video (or audio) lecture, its HLS renditions,
captions and chapters. Knows nothing of courses or learners."""

import unicodedata
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase
from wagtail.models import CollectionMember
from wagtail.search import index

from .data import TranscodeResult, VideoStatus


def fold(text: str) -> str:
    """Lower case without diacritics (đ as d), for searching Vietnamese titles."""
    bare = unicodedata.normalize("NFD", text.casefold()).replace("đ", "d")
    return "".join(ch for ch in bare if not unicodedata.combining(ch))


def original_path(video, filename):
    return f"lectures/originals/{filename}"


class TaggedVideo(TaggedItemBase):
    content_object = ParentalKey(
        "lectures.Video", on_delete=models.CASCADE, related_name="tagged_items"
    )


class Video(CollectionMember, index.Indexed, ClusterableModel):
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    file = models.FileField(_("file"), upload_to=original_path, max_length=255)
    file_size = models.PositiveBigIntegerField(null=True, editable=False)
    file_hash = models.CharField(
        max_length=64, blank=True, editable=False, db_index=True
    )
    duration = models.FloatField(_("duration (seconds)"), null=True, editable=False)
    width = models.PositiveIntegerField(null=True, editable=False)
    height = models.PositiveIntegerField(null=True, editable=False)
    has_video = models.BooleanField(
        _("has a picture"),
        default=True,
        editable=False,
        help_text=_("False for an audio lecture."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=VideoStatus.choices,
        default=VideoStatus.UPLOADED,
        editable=False,
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, editable=False
    )
    failure_reason = models.TextField(
        _("reason for failure"), blank=True, editable=False
    )
    attempts = models.PositiveSmallIntegerField(default=0, editable=False)
    # A running transcode touches this; one left untouched too long is stalled.
    heartbeat_at = models.DateTimeField(null=True, editable=False)
    output_dir = models.CharField(max_length=255, blank=True, editable=False)
    master_playlist = models.CharField(max_length=255, blank=True, editable=False)
    poster = models.CharField(max_length=255, blank=True, editable=False)
    thumbnails_vtt = models.CharField(max_length=255, blank=True, editable=False)
    search_text = models.TextField(default="", editable=False)
    created_at = models.DateTimeField(
        _("uploaded at"), auto_now_add=True, db_index=True
    )
    uploaded_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        verbose_name=_("uploaded by"),
    )
    tags = TaggableManager(through=TaggedVideo, blank=True, verbose_name=_("tags"))

    search_fields = [
        index.SearchField("title", boost=10),
        index.AutocompleteField("title"),
        index.SearchField("description"),
        index.FilterField("status"),
        index.FilterField("collection"),
    ]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("video lecture")
        verbose_name_plural = _("video lectures")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.title} {self.description}")
        super().save(*args, **kwargs)

    @property
    def is_ready(self) -> bool:
        return self.status == VideoStatus.READY

    def mark_processing(self):
        self.status = VideoStatus.PROCESSING
        self.progress = 0
        self.failure_reason = ""
        self.attempts += 1
        self.heartbeat_at = timezone.now()
        self.save(
            update_fields=[
                "status",
                "progress",
                "failure_reason",
                "attempts",
                "heartbeat_at",
            ]
        )

    def record_progress(self, percent: int):
        """Store progress and refresh the heartbeat, without touching other fields."""
        type(self).objects.filter(pk=self.pk).update(
            progress=max(0, min(100, int(percent))), heartbeat_at=timezone.now()
        )

    def mark_ready(self, result: TranscodeResult):
        self.renditions.all().delete()
        self.renditions.bulk_create(
            VideoRendition.from_result(video=self, result=r) for r in result.renditions
        )
        self.status = VideoStatus.READY
        self.progress = 100
        self.output_dir = result.output_dir
        self.master_playlist = result.master_playlist
        self.poster = result.poster
        self.thumbnails_vtt = result.thumbnails_vtt
        self.save(
            update_fields=[
                "status",
                "progress",
                "output_dir",
                "master_playlist",
                "poster",
                "thumbnails_vtt",
            ]
        )

    def mark_failed(self, reason: str):
        self.status = VideoStatus.FAILED
        self.failure_reason = reason
        self.save(update_fields=["status", "failure_reason"])

    def is_stalled(self, *, now, timeout) -> bool:
        """Processing, but no heartbeat for ``timeout`` (a killed worker)."""
        return self.status == VideoStatus.PROCESSING and (
            self.heartbeat_at is None or now - self.heartbeat_at > timeout
        )


class VideoRendition(models.Model):
    """One rung of the ladder (or the audio-only rendition) of a video."""

    video = models.ForeignKey(
        Video, on_delete=models.CASCADE, related_name="renditions"
    )
    name = models.CharField(max_length=20)
    playlist = models.CharField(max_length=255)
    width = models.PositiveIntegerField(null=True)
    height = models.PositiveIntegerField(null=True)
    bandwidth = models.PositiveIntegerField()
    average_bandwidth = models.PositiveIntegerField()
    size_bytes = models.PositiveBigIntegerField()

    class Meta:
        ordering = ["video", "bandwidth"]
        constraints = [
            models.UniqueConstraint(
                fields=["video", "name"], name="lectures_rendition_unique"
            )
        ]

    def __str__(self):
        return f"{self.video} – {self.name}"

    @classmethod
    def from_result(cls, *, video, result):
        return cls(
            video=video,
            name=result.name,
            playlist=result.playlist,
            width=result.width,
            height=result.height,
            bandwidth=result.bandwidth,
            average_bandwidth=result.average_bandwidth,
            size_bytes=result.size_bytes,
        )


class Caption(models.Model):
    """Subtitles of a video in one language, stored as WebVTT."""

    video = models.ForeignKey(Video, on_delete=models.CASCADE, related_name="captions")
    language = models.CharField(
        _("language"),
        max_length=12,
        help_text=_("Language code, e.g. vi, en, hmn, tyz."),
    )
    label = models.CharField(_("label"), max_length=60)
    file = models.FileField(
        _("WebVTT file"), upload_to="lectures/captions/", max_length=255
    )

    class Meta:
        ordering = ["video", "language"]
        verbose_name = _("caption")
        verbose_name_plural = _("captions")
        constraints = [
            models.UniqueConstraint(
                fields=["video", "language"], name="lectures_caption_one_per_language"
            )
        ]

    def __str__(self):
        return f"{self.video} – {self.label}"


class Chapter(models.Model):
    video = models.ForeignKey(Video, on_delete=models.CASCADE, related_name="chapters")
    start = models.FloatField(_("starts at (seconds)"))
    title = models.CharField(_("title"), max_length=200)

    class Meta:
        ordering = ["video", "start"]
        verbose_name = _("chapter")
        verbose_name_plural = _("chapters")
        constraints = [
            models.UniqueConstraint(
                fields=["video", "start"], name="lectures_chapter_unique_start"
            )
        ]

    def __str__(self):
        return self.title


class LectureUpload(models.Model):
    """A resumable (tus) upload under way: its bytes so far are a partial file
    named after the id (see media.uploads), whose size is the offset."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="lecture_uploads",
        verbose_name=_("user"),
    )
    filename = models.CharField(_("file name"), max_length=255)
    length = models.PositiveBigIntegerField(_("length (bytes)"))
    created_at = models.DateTimeField(_("started at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"), db_index=True)
    metadata = models.JSONField(_("metadata"), default=dict, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("lecture upload")
        verbose_name_plural = _("lecture uploads")

    def __str__(self):
        return self.filename
