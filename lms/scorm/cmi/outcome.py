"""What an attempt on a SCO amounts to, decided by the LMS from the data
the SCO stored and the rules of the standard."""

import math
from dataclasses import dataclass

from .timing import iso_duration_seconds, timespan_12_seconds
from .versions import is_2004

COMPLETED_12 = {"passed", "failed", "completed", "browsed"}
SUCCESS_12 = {"passed", "failed"}
COMPLETION_STATUSES = {"completed", "incomplete", "not attempted", "unknown"}
SUCCESS_STATUSES = {"passed", "failed", "unknown"}


@dataclass(frozen=True)
class ScoOutcome:
    """``score_scaled`` is 0..1 when worked out from a raw score; a SCORM
    2004 SCO's own ``cmi.score.scaled`` is passed on as it is (-1..1)."""

    completion_status: str  # completed, incomplete, not attempted, unknown
    success_status: str  # passed, failed, unknown
    score_scaled: float | None
    session_seconds: float


def outcome(
    version: str,
    data: dict,
    *,
    mastery_score: float | None = None,
    completion_threshold: float | None = None,
    scaled_passing_score: float | None = None,
    credit: bool = True,
) -> ScoOutcome:
    """The outcome of the flat data stored for one attempt. Values that are
    missing or not numbers count as not set, never as an error."""
    if is_2004(version):
        return _outcome_2004(data, completion_threshold, scaled_passing_score)
    return _outcome_12(data, mastery_score if credit else None)


# ------------------------------------------------------------- SCORM 1.2


def _outcome_12(data: dict, mastery_score: float | None) -> ScoOutcome:
    status = str(data.get("cmi.core.lesson_status", ""))
    raw = _number(data, "cmi.core.score.raw")
    # RTE 3.4.2: with a mastery score, the LMS judges the raw score itself.
    if mastery_score is not None and raw is not None:
        status = "passed" if raw >= mastery_score else "failed"
    return ScoOutcome(
        completion_status=_completion_12(status),
        success_status=status if status in SUCCESS_12 else "unknown",
        score_scaled=_scaled_from_raw(data, "cmi.core.score", default_max=100),
        session_seconds=_seconds(
            data.get("cmi.core.session_time"), timespan_12_seconds
        ),
    )


def _completion_12(status: str) -> str:
    if status in COMPLETED_12:
        return "completed"
    if status == "incomplete":
        return "incomplete"
    return "not attempted"


# ------------------------------------------------------------- SCORM 2004


def _outcome_2004(data: dict, threshold, passing_score) -> ScoOutcome:
    scaled = _number(data, "cmi.score.scaled")
    return ScoOutcome(
        completion_status=_completion_2004(data, threshold),
        success_status=_success_2004(data, scaled, passing_score),
        score_scaled=scaled
        if scaled is not None
        else _scaled_from_raw(data, "cmi.score"),
        session_seconds=_seconds(data.get("cmi.session_time"), iso_duration_seconds),
    )


def _completion_2004(data: dict, threshold: float | None) -> str:
    """RTE 4.2.4.1: a threshold and a progress measure override the SCO."""
    progress = _number(data, "cmi.progress_measure")
    if threshold is not None and progress is not None:
        return "completed" if progress >= threshold else "incomplete"
    return _reported(data, "cmi.completion_status", COMPLETION_STATUSES)


def _success_2004(data: dict, scaled: float | None, passing_score) -> str:
    """RTE 4.2.22.1: a passing score and a scaled score override the SCO."""
    if passing_score is not None and scaled is not None:
        return "passed" if scaled >= passing_score else "failed"
    return _reported(data, "cmi.success_status", SUCCESS_STATUSES)


def _reported(data: dict, name: str, allowed: set[str]) -> str:
    status = str(data.get(name, ""))
    return status if status in allowed else "unknown"


# ------------------------------------------------------------- shared


def _scaled_from_raw(data: dict, prefix: str, default_max=None) -> float | None:
    """Raw between min (0 if unset) and max, as 0..1; None without a max."""
    raw = _number(data, f"{prefix}.raw")
    low = _number(data, f"{prefix}.min")
    high = _number(data, f"{prefix}.max")
    low = 0.0 if low is None else low
    high = default_max if high is None else high
    if raw is None or high is None or high <= low:
        return None
    return min(1.0, max(0.0, (raw - low) / (high - low)))


def _number(data: dict, name: str) -> float | None:
    value = data.get(name)
    if isinstance(value, bool) or value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _seconds(value, parse) -> float:
    try:
        return parse(value) if value else 0.0
    except ValueError:
        return 0.0
