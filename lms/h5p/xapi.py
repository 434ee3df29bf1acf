"""Checking the xAPI statements the browser relays from H5P.

Nothing in a statement is trusted: the actor is replaced by the learner of
the launch link, the object must be this activity or one of its parts,
scores must lie within their own bounds, and sizes are limited. A refused
statement raises StatementRefused with a translated reason."""

import json
import math
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

VERB_COMPLETED = "http://adlnet.gov/expapi/verbs/completed"
VERB_ANSWERED = "http://adlnet.gov/expapi/verbs/answered"
SCORED_VERBS = {VERB_COMPLETED, VERB_ANSWERED}
SUB_CONTENT = "?subContentId="
MAX_STATEMENT_BYTES = 64 * 1024
MAX_IRI = 1000


class StatementRefused(Exception):
    """A statement that is malformed, not about this activity, or scored
    out of range; ``str(error)`` is a translated sentence."""


@dataclass(frozen=True)
class CheckedStatement:
    id: uuid.UUID
    verb: str
    object_id: str
    top_level: bool
    result: dict | None
    context: dict | None
    score_scaled: float | None
    success: bool | None
    timestamp: datetime
    raw: dict

    @property
    def scored_end(self) -> bool:
        """A completed or answered statement of the whole activity: what
        H5P sends when the learner has done it (with its score, if any)."""
        return self.top_level and self.verb in SCORED_VERBS

    @property
    def response(self) -> str:
        value = (self.result or {}).get("response")
        return value if isinstance(value, str) else ""


def activity_iri(lms_origin: str, content_id: int) -> str:
    """The xAPI object id of an H5P content in this LMS; H5P appends
    ``?subContentId=…`` for the parts of a container."""
    return f"{lms_origin.rstrip('/')}/h5p/activities/{content_id}"


def _refused(reason: str) -> StatementRefused:
    return StatementRefused(_("A result was refused: %(reason)s") % {"reason": reason})


def _iri(holder, key: str) -> str:
    value = holder.get(key) if isinstance(holder, dict) else None
    if not isinstance(value, str) or not value or len(value) > MAX_IRI:
        raise _refused(_("it has no valid “%(field)s”.") % {"field": key})
    return value


def check(raw, iri: str) -> CheckedStatement:
    if not isinstance(raw, dict):
        raise _refused(_("it is not a statement."))
    if len(json.dumps(raw)) > MAX_STATEMENT_BYTES:
        raise _refused(_("it is too large."))
    verb = _iri(raw.get("verb"), "id")
    object_id = _iri(raw.get("object"), "id")
    if object_id != iri and not object_id.startswith(iri + SUB_CONTENT):
        raise _refused(_("it is about another activity."))
    context = raw.get("context") if isinstance(raw.get("context"), dict) else None
    result = raw.get("result")
    if result is not None and not isinstance(result, dict):
        raise _refused(_("its result is not valid."))
    scaled = _scaled(result.get("score") if result else None)
    success = result.get("success") if result else None
    return CheckedStatement(
        id=_statement_id(raw.get("id")),
        verb=verb[:255],
        object_id=object_id,
        top_level=object_id == iri and not _has_parent(context),
        result=result,
        context=context,
        score_scaled=scaled,
        success=success if isinstance(success, bool) else None,
        timestamp=_timestamp(raw.get("timestamp")),
        raw=raw,
    )


def _number(score: dict, key: str) -> float | None:
    value = score.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _refused(_("its score is not a number."))
    if not math.isfinite(value):
        raise _refused(_("its score is not a number."))
    return float(value)


def _scaled(score) -> float | None:
    """The score as a share of the maximum, checked against its own bounds
    (xAPI: min ≤ raw ≤ max, -1 ≤ scaled ≤ 1)."""
    if score is None:
        return None
    if not isinstance(score, dict):
        raise _refused(_("its score is not valid."))
    raw, low, high = (_number(score, key) for key in ("raw", "min", "max"))
    scaled = _number(score, "scaled")
    out_of_range = _refused(_("its score is out of range."))
    if low is not None and high is not None and low > high:
        raise out_of_range
    if raw is not None and (
        (low is not None and raw < low) or (high is not None and raw > high)
    ):
        raise out_of_range
    if scaled is not None and not -1 <= scaled <= 1:
        raise out_of_range
    if raw is not None and high:
        if raw < 0 and low is None:
            raise out_of_range
        return round(raw / high, 4)  # what H5P reports, computed here
    return scaled


def _has_parent(context: dict | None) -> bool:
    activities = (context or {}).get("contextActivities")
    return isinstance(activities, dict) and bool(activities.get("parent"))


def _statement_id(value) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return uuid.uuid4()


def _timestamp(value) -> datetime:
    now = timezone.now()
    try:
        parsed = parse_datetime(value) if isinstance(value, str) else None
    except ValueError:
        parsed = None
    if parsed is None:
        return now
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, UTC)
    return min(parsed, now)  # a device clock ahead of ours
