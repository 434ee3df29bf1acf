"""The HLS ladder of a lecture: which renditions a source gets and how each
is encoded. Pure: no ffmpeg, no Django models.

Lectures are watched on cheap phones over weak 3G and are mostly static
slides, so the rungs are capped CRF (quality where it is cheap, a hard
ceiling where it is not), tuned for still images, with 4 s segments and an
audio-only rendition for the weakest links."""

import math
from dataclasses import dataclass

from .data import ProbeResult, Rung

SEGMENT_SECONDS = 4
CRF = 23
PRESET = "veryfast"
TUNE = "stillimage"
AUDIO_RATE = 48_000
VIDEO_AUDIO_KBPS = 64
AUDIO_ONLY_KBPS = 40  # AAC-LC mono; Debian's ffmpeg has no HE-AAC encoder
# (height, maxrate in kb/s) as in the reference ladder
VIDEO_RUNGS = ((240, 300), (360, 600), (480, 1100), (720, 2200))
BUFSIZE_FACTOR = 2  # VBV buffer of two seconds at the cap, as the reference
DEFAULT_FRAME_RATE = 30.0

SPRITE_INTERVAL = 10  # seconds of video per thumbnail tile
SPRITE_TILE_WIDTH = 160
SPRITE_COLUMNS = 10


@dataclass(frozen=True)
class SpriteGrid:
    """Thumbnails for seeking previews, one tile per ``interval`` seconds."""

    count: int
    columns: int
    rows: int
    tile_width: int
    tile_height: int
    interval: int = SPRITE_INTERVAL


def even(value: float) -> int:
    return max(2, 2 * round(value / 2))


def audio_rung() -> Rung:
    return Rung("audio", None, AUDIO_ONLY_KBPS, AUDIO_ONLY_KBPS)


def _video_rung(height: int, max_kbps: int, probe: ProbeResult) -> Rung:
    audio_kbps = VIDEO_AUDIO_KBPS if probe.has_audio else 0
    return Rung(f"{height}p", height, max_kbps, audio_kbps)


def video_rungs(probe: ProbeResult) -> tuple[Rung, ...]:
    """Every rung not taller than the source; a source smaller than the
    lowest rung keeps its own height with the lowest cap."""
    if not probe.has_video:
        return ()
    source = probe.height or VIDEO_RUNGS[0][0]
    fitting = [(h, kbps) for h, kbps in VIDEO_RUNGS if h <= source]
    fitting = fitting or [(max(2, source // 2 * 2), VIDEO_RUNGS[0][1])]
    return tuple(_video_rung(h, kbps, probe) for h, kbps in fitting)


def plan(probe: ProbeResult) -> tuple[Rung, ...]:
    """The video rungs, then the audio-only rendition when there is sound."""
    return video_rungs(probe) + ((audio_rung(),) if probe.has_audio else ())


def frame_size(probe: ProbeResult, height: int) -> tuple[int, int]:
    """Width and height of a rung: the source's aspect ratio, even numbers."""
    if not (probe.width and probe.height):
        return even(height * 16 / 9), even(height)
    return even(probe.width * height / probe.height), even(height)


def bufsize_kbps(rung: Rung) -> int:
    return rung.max_kbps * BUFSIZE_FACTOR


def gop_frames(probe: ProbeResult) -> int:
    """Frames per segment, so that x264 puts a keyframe at each cut."""
    return max(1, round((probe.frame_rate or DEFAULT_FRAME_RATE) * SEGMENT_SECONDS))


def keyframe_expression() -> str:
    """Forced keyframes every segment, by time (phones record variable rates)."""
    return f"expr:gte(t,n_forced*{SEGMENT_SECONDS})"


def poster_time(duration: float) -> float:
    """10 % into the lecture (past a title card), 1 s for very short clips."""
    return round(max(duration * 0.1, min(1.0, duration / 2)), 3)


def sprite_grid(probe: ProbeResult) -> SpriteGrid:
    count = max(1, math.ceil(probe.duration / SPRITE_INTERVAL))
    columns = min(count, SPRITE_COLUMNS)
    width, height = frame_size(probe, probe.height or 90)
    tile_height = even(SPRITE_TILE_WIDTH * height / width)
    rows = math.ceil(count / columns)
    return SpriteGrid(count, columns, rows, SPRITE_TILE_WIDTH, tile_height)
