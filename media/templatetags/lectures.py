"""``{% lecture_player video %}``: the lecture player a lesson page places.

Playback and watch tracking run in ``static/lectures/player.js``; this tag only
renders the markup and hands the script its settings and translated strings
through data attributes. See ``static/lectures/player.js`` for the report
protocol.
"""

from django import template

register = template.Library()

RATES = ("0.75", "1", "1.25", "1.5", "2")


@register.inclusion_tag("lectures/player.html")
def lecture_player(
    video,
    *,
    report_url="",
    report_token="",
    resume_at=None,
    resume_updated_at=None,
    threshold=None,
    report_every=15,
):
    """Render the player of ``video`` (a ``media.models.Video``).

    Without ``report_url`` nothing is reported. ``resume_at`` is the last
    position the server knows (seconds) and ``resume_updated_at`` when it was
    recorded (an aware datetime); the script prefers a newer position saved on
    the device. ``threshold`` (0–1) is only shown to the learner: the server
    decides completion. ``report_every`` is the heartbeat period in seconds.
    """
    audio = next((r for r in video.renditions.all() if not r.height), None)
    return {
        "video": video,
        "ready": video.is_ready and bool(video.master_playlist),
        "captions": [
            {"caption": c, "path": f"captions/{c.language}.vtt"}
            for c in video.captions.all()
        ],
        "chapters": list(video.chapters.all()),
        "audio_rendition": audio if video.has_video else None,
        "rates": RATES,
        "report_url": report_url,
        "report_token": report_token,
        "resume_at": "" if resume_at is None else f"{float(resume_at):.3f}",
        "resume_updated_at": (
            ""
            if resume_updated_at is None
            else int(resume_updated_at.timestamp() * 1000)
        ),
        "threshold_percent": None if threshold is None else round(threshold * 100),
        "report_every": report_every,
    }


@register.filter
def clock(seconds):
    """12.5 → "0:12"; 3725 → "1:02:05" (chapter start times)."""
    total = int(seconds or 0)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"
