"""Reading a media file with ffprobe."""

import json
import shutil
import subprocess
from pathlib import Path

from .data import ProbeResult


class ProbeError(Exception):
    """ffprobe could not read the file as audio or video."""


def ffprobe_path() -> str:
    return shutil.which("ffprobe") or "ffprobe"


def run_ffprobe(path: Path) -> dict:
    command = [
        ffprobe_path(),
        "-v",
        "error",
        "-print_format",
        "json",
        "-show_format",
        "-show_streams",
        str(path),
    ]
    try:
        completed = subprocess.run(  # noqa: S603 - fixed program, file path argument
            command, capture_output=True, text=True, timeout=120, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise ProbeError(str(error)) from error
    if completed.returncode != 0:
        raise ProbeError(completed.stderr.strip() or "ffprobe failed")
    return json.loads(completed.stdout or "{}")


def _frame_rate(text: str | None) -> float | None:
    if not text or "/" not in text:
        return None
    numerator, denominator = text.split("/")
    return float(numerator) / float(denominator) if float(denominator) else None


def probe(path: Path) -> ProbeResult:
    """What the file holds; ProbeError when it holds no audio or video."""
    info = run_ffprobe(path)
    streams = info.get("streams", [])
    video = next(
        (
            s
            for s in streams
            if s.get("codec_type") == "video"
            and not s.get("disposition", {}).get("attached_pic")
        ),
        None,
    )
    audio = next((s for s in streams if s.get("codec_type") == "audio"), None)
    if video is None and audio is None:
        raise ProbeError("no audio or video stream")
    duration = float(info.get("format", {}).get("duration") or 0)
    return ProbeResult(
        container=info.get("format", {}).get("format_name", ""),
        duration=duration,
        has_video=video is not None,
        has_audio=audio is not None,
        width=video and video.get("width"),
        height=video and video.get("height"),
        video_codec=video and video.get("codec_name"),
        audio_codec=audio and audio.get("codec_name"),
        audio_channels=audio and audio.get("channels"),
        frame_rate=video and _frame_rate(video.get("avg_frame_rate")),
    )
