"""Reading the media playlists ffmpeg wrote, measuring each rendition from
its segments, and writing the master playlist players start from."""

import re
from dataclasses import dataclass
from pathlib import Path

from .. import ladder
from ..data import ProbeResult, RenditionResult, Rung

PLAYLIST = "index.m3u8"
MASTER = "master.m3u8"
AUDIO_CODEC = "mp4a.40.2"  # AAC-LC
VIDEO_CODEC = "avc1.64001f"  # High@3.1, when ffmpeg's own master names none
CODECS_PATTERN = re.compile(r'CODECS="([^"]+)"')
# a short last segment would make the peak meaningless
MIN_PEAK_SECONDS = ladder.SEGMENT_SECONDS / 2


@dataclass(frozen=True)
class Segment:
    uri: str
    duration: float
    size_bytes: int

    @property
    def bits_per_second(self) -> float:
        return self.size_bytes * 8 / self.duration if self.duration else 0.0


def read_segments(playlist: Path) -> list[Segment]:
    """The segments of a media playlist, with their durations and sizes."""
    segments, duration = [], None
    for line in playlist.read_text().splitlines():
        if line.startswith("#EXTINF:"):
            duration = float(line[len("#EXTINF:") :].split(",")[0])
        elif line and not line.startswith("#") and duration is not None:
            size = (playlist.parent / line).stat().st_size
            segments.append(Segment(line, duration, size))
            duration = None
    return segments


def peak_bandwidth(segments: list[Segment]) -> int:
    """The busiest segment, never below the average."""
    full = [s for s in segments if s.duration >= MIN_PEAK_SECONDS] or segments
    peak = max((s.bits_per_second for s in full), default=0)
    return max(round(peak), average_bandwidth(segments))


def average_bandwidth(segments: list[Segment]) -> int:
    seconds = sum(s.duration for s in segments)
    return round(sum(s.size_bytes for s in segments) * 8 / seconds) if seconds else 0


def measure(output_dir: Path, rung: Rung, probe: ProbeResult) -> RenditionResult:
    """One rendition's row, from the segments ffmpeg wrote for it."""
    playlist = f"{rung.name}/{PLAYLIST}"
    segments = read_segments(output_dir / playlist)
    width, height = (
        ladder.frame_size(probe, rung.height) if rung.height else (None,) * 2
    )
    return RenditionResult(
        name=rung.name,
        playlist=playlist,
        width=width,
        height=height,
        bandwidth=peak_bandwidth(segments),
        average_bandwidth=average_bandwidth(segments),
        size_bytes=sum(s.size_bytes for s in segments),
    )


def codecs_by_playlist(master: str) -> dict[str, str]:
    """The CODECS ffmpeg wrote in its master playlist, by media playlist."""
    lines = master.splitlines()
    found = {}
    for tag, uri in zip(lines, lines[1:], strict=False):
        match = CODECS_PATTERN.search(tag)
        if tag.startswith("#EXT-X-STREAM-INF:") and match:
            found[uri.strip()] = match.group(1)
    return found


def default_codecs(rendition: RenditionResult, has_audio: bool) -> str:
    if rendition.height is None:
        return AUDIO_CODEC
    return f"{VIDEO_CODEC},{AUDIO_CODEC}" if has_audio else VIDEO_CODEC


def stream_inf(rendition: RenditionResult, codecs: str) -> str:
    attributes = [
        f"BANDWIDTH={rendition.bandwidth}",
        f"AVERAGE-BANDWIDTH={rendition.average_bandwidth}",
    ]
    if rendition.height:
        attributes.append(f"RESOLUTION={rendition.width}x{rendition.height}")
    attributes.append(f'CODECS="{codecs}"')
    return f"#EXT-X-STREAM-INF:{','.join(attributes)}\n{rendition.playlist}\n"


def write_master(
    output_dir: Path, renditions: tuple[RenditionResult, ...], has_audio: bool
):
    """Replace ffmpeg's master playlist by one listing every rendition,
    lightest video first (players start there), the audio-only one last."""
    path = output_dir / MASTER
    found = codecs_by_playlist(path.read_text()) if path.exists() else {}
    header = "#EXTM3U\n#EXT-X-VERSION:6\n#EXT-X-INDEPENDENT-SEGMENTS\n"
    body = "".join(
        stream_inf(r, found.get(r.playlist) or default_codecs(r, has_audio))
        for r in renditions
    )
    path.write_text(header + body)
