"""Video watching: reported segments are merged into the learner's record,
no faster than the clock allows, and complete the item at its threshold.
The lesson page gives the player a signed report token."""

import datetime
import time
from dataclasses import dataclass

from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import ranges
from .completion import active_item, require_enrolment, submit_completion
from .data import (
    ItemKind,
    WatchResult,
)
from .errors import ProgressError
from .models import (
    WatchRecord,
)

DEFAULT_VIDEO_THRESHOLD = 0.9


MAX_SEGMENTS_PER_REPORT = 500


# Watched time may grow at most this fast against the wall clock (2x speed),
# plus slack for clocks and buffering; a client claiming more is refused.
MAX_PLAYBACK_RATE = 2.0


SLACK_SECONDS = 20.0


def _checked_segments(segments, duration: float):
    if not isinstance(segments, list) or len(segments) > MAX_SEGMENTS_PER_REPORT:
        raise ProgressError(_("The watched segments are not valid."))
    try:
        parsed = [(float(start), float(end)) for start, end in segments]
    except (TypeError, ValueError):
        raise ProgressError(_("The watched segments are not valid.")) from None
    if not all(ranges.is_valid(interval, duration) for interval in parsed):
        raise ProgressError(_("The watched segments are not valid."))
    return parsed


def _watch_allowance(record, since, now, duration: float) -> float:
    """Seconds of new video the learner may report now: what the clock has
    allowed (at the fastest playback rate) since watching began, less what
    was already reported. The slack for clocks and buffering is given once
    per record, not once per report, so many quick reports cannot add up
    to more than the time that passed. The balance never exceeds the whole
    video, so time spent offline is still counted when its report arrives."""
    if record.reported_at is None:
        balance = SLACK_SECONDS + seconds_between(since, now) * MAX_PLAYBACK_RATE
    else:
        elapsed = seconds_between(record.reported_at, now)
        balance = record.allowance + elapsed * MAX_PLAYBACK_RATE
    return min(balance, duration + SLACK_SECONDS)


def seconds_between(start, end) -> float:
    return max(0.0, (end - start).total_seconds())


def record_watch(
    *, user, course_id: int, item_key: str, segments, position: float, since
) -> WatchResult:
    """Merge newly played ``segments`` of a video item into the learner's
    record and complete the item when the watched share reaches its
    threshold. ``since`` is when the page that reports was served: watched
    time cannot grow faster than the clock allows at 2x speed
    (``_watch_allowance``).

    Re-sent or overlapping segments never count twice. Raises ProgressError
    (nothing stored) for a learner not enrolled, an unknown item or
    impossible segments."""
    require_enrolment(user, course_id)
    item = active_item(course_id, item_key)
    if item.kind != ItemKind.VIDEO or not item.duration:
        raise ProgressError(_("This activity is not a video."))
    parsed = _checked_segments(segments, item.duration)
    with transaction.atomic():
        WatchRecord.objects.get_or_create(user=user, item=item)
        record = WatchRecord.objects.select_for_update().get(user=user, item=item)
        now = timezone.now()
        allowance = _watch_allowance(record, since, now, item.duration)
        added = ranges.added_by(parsed, record.intervals)
        if added > allowance:
            raise ProgressError(_("More time was reported than has passed."))
        record.allowance = allowance - added
        record.intervals = [list(i) for i in ranges.merge([*record.intervals, *parsed])]
        record.watched_seconds = ranges.total(record.intervals)
        record.position = max(0.0, min(float(position or 0), item.duration))
        record.reported_at = now
        record.save()
    share = min(1.0, record.watched_seconds / item.duration)
    threshold = item.threshold or DEFAULT_VIDEO_THRESHOLD
    completed = share >= threshold
    if completed:
        submit_completion(
            user=user, course_id=course_id, item_key=item_key, source="video"
        )
    return WatchResult(record.watched_seconds, share, completed)


def resume_position(*, user, course_id: int, item_key: str) -> float:
    """Where the learner stopped watching a video item (0 when never)."""
    record = (
        WatchRecord.objects.filter(
            user=user, item__course_id=course_id, item__key=item_key
        )
        .only("position")
        .first()
    )
    return record.position if record else 0.0


def watched_share(*, user, course_id: int, item_key: str) -> float:
    record = (
        WatchRecord.objects.filter(
            user=user, item__course_id=course_id, item__key=item_key
        )
        .select_related("item")
        .first()
    )
    if not record or not record.item.duration:
        return 0.0
    return min(1.0, record.watched_seconds / record.item.duration)


TOKEN_SALT = "lms.progress.watch"  # noqa: S105 - a signing namespace, not a secret


TOKEN_MAX_AGE = 24 * 60 * 60  # a lesson page left open for a day still reports


@dataclass(frozen=True)
class ReportTicket:
    user_id: int
    course_id: int
    item_key: str
    issued_at: datetime.datetime


def report_token(*, user, course_id: int, item_key: str) -> str:
    """A signed token the lesson page gives the player: it binds the reports
    to this learner and item, and dates the page (see record_watch)."""
    payload = {"u": user.pk, "c": course_id, "i": item_key, "t": time.time()}
    return signing.dumps(payload, salt=TOKEN_SALT, compress=True)


def read_report_token(token: str) -> ReportTicket:
    try:
        payload = signing.loads(str(token), salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        raise ProgressError(_("This page is too old; reload it.")) from None
    issued = datetime.datetime.fromtimestamp(payload["t"], tz=datetime.UTC)
    return ReportTicket(payload["u"], payload["c"], payload["i"], issued)
