"""Subtitle files: SubRip (.srt) or WebVTT in, WebVTT out. Pure text work."""

import re

from django.utils.translation import gettext as _

TIMESTAMP = r"(?:\d+:)?\d{1,2}:\d{2}[,.]\d{3}"
TIMING = re.compile(rf"^\s*({TIMESTAMP})\s*-->\s*({TIMESTAMP})(.*)$")


class CaptionRejected(Exception):
    """The subtitle file cannot be used; ``str()`` is the translated reason."""


def decode(data: bytes) -> str:
    """UTF-8 text without a byte-order mark, with plain newlines."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CaptionRejected(
            _(
                "The subtitle file is not saved as UTF-8. Open it in a text "
                "editor, save it with the UTF-8 encoding and upload it again."
            )
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _timestamp(text: str) -> str:
    """WebVTT wants a dot before the milliseconds and two-digit hours."""
    text = text.replace(",", ".")
    parts = text.split(":")
    if len(parts) == 3:
        parts[0] = parts[0].zfill(2)
    parts[-1] = parts[-1].zfill(6)
    return ":".join(parts)


def _cue(block: list[str]) -> str | None:
    """A cue of WebVTT from one block of SubRip (index line, timing, text)."""
    for index, line in enumerate(block):
        match = TIMING.match(line)
        if match:
            start, end = _timestamp(match[1]), _timestamp(match[2])
            text = [t for t in block[index + 1 :] if t.strip()]
            return "\n".join([f"{start} --> {end}", *text])
    return None


def srt_to_webvtt(text: str) -> str:
    blocks = [b.split("\n") for b in re.split(r"\n\s*\n", text.strip())]
    cues = [cue for cue in map(_cue, blocks) if cue]
    return "WEBVTT\n\n" + "\n\n".join(cues) + "\n"


def to_webvtt(data: bytes) -> str:
    """WebVTT text from the bytes of an .srt or .vtt file; CaptionRejected
    when it is not UTF-8 or holds no cue."""
    text = decode(data)
    if text.lstrip().startswith("WEBVTT"):
        vtt = text.lstrip()
    else:
        vtt = srt_to_webvtt(text)
    if not any(TIMING.match(line) for line in vtt.split("\n")):
        raise CaptionRejected(
            _(
                "The subtitle file holds no subtitles. Upload a SubRip (.srt) "
                "or WebVTT (.vtt) file with timed lines."
            )
        )
    return vtt
