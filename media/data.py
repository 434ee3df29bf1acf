"""Plain data types of the video lecture library (no Django models)."""

from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _


class VideoStatus(models.TextChoices):
    UPLOADED = "uploaded", _("Uploaded")
    PROCESSING = "processing", _("Processing")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


@dataclass(frozen=True)
class ProbeResult:
    """What ffprobe found in an uploaded file."""

    container: str
    duration: float  # seconds
    has_video: bool
    has_audio: bool
    width: int | None = None
    height: int | None = None
    video_codec: str | None = None
    audio_codec: str | None = None
    audio_channels: int | None = None
    frame_rate: float | None = None


@dataclass(frozen=True)
class Rung:
    """One rendition of the HLS ladder."""

    name: str  # "240p", "360p", "480p", "720p" or "audio"
    height: int | None  # None for audio-only
    max_kbps: int  # cap of the capped-CRF encode (video) or audio bitrate
    audio_kbps: int


@dataclass(frozen=True)
class RenditionResult:
    """One finished rendition; paths are relative to the video's output folder."""

    name: str
    playlist: str
    width: int | None
    height: int | None
    bandwidth: int  # peak bits per second, for the master playlist
    average_bandwidth: int
    size_bytes: int


@dataclass(frozen=True)
class TranscodeResult:
    """What a transcoder backend returns; Video.mark_ready stores it."""

    output_dir: str  # storage path of the folder holding everything below
    master_playlist: str
    renditions: tuple[RenditionResult, ...]
    poster: str = ""
    thumbnails_vtt: str = ""  # WebVTT of sprite tiles, for seeking previews
    extra: dict = field(default_factory=dict)
