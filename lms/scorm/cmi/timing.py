"""Durations in the two notations of the SCORM data model.

SCORM 1.2 writes CMITimespan, ``HHHH:MM:SS.SS``; SCORM 2004 writes an
ISO 8601 duration, ``PT1H2M3.5S``. Years, months and weeks in an ISO
duration have no fixed length; like scorm-again we count a year as 365
days and a month as 30, which is only ever used for totals of time spent.
"""

import math
import re

from django.utils.translation import gettext as _

TIMESPAN_12 = re.compile(r"^(\d{2,4}):([0-5]\d):([0-5]\d)(\.\d{1,2})?$")
ISO_DURATION = re.compile(
    r"^P(?:(?P<years>\d+)Y)?(?:(?P<months>\d+)M)?(?:(?P<weeks>\d+)W)?"
    r"(?:(?P<days>\d+)D)?(?:T(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?"
    r"(?:(?P<seconds>\d+(?:\.\d+)?)S)?)?$"
)
SECONDS_IN = {
    "years": 365 * 86400,
    "months": 30 * 86400,
    "weeks": 7 * 86400,
    "days": 86400,
    "hours": 3600,
    "minutes": 60,
    "seconds": 1,
}
# CMITimespan has at most four digits of hours.
LONGEST_TIMESPAN_12 = 9999 * 3600 + 59 * 60 + 59.99


def timespan_12_seconds(value: str) -> float:
    """Seconds in a SCORM 1.2 CMITimespan such as ``0000:01:30.00``."""
    match = TIMESPAN_12.match(value) if isinstance(value, str) else None
    if match is None:
        raise ValueError(
            _("“%(value)s” is not a SCORM 1.2 time span such as 0000:01:30.00.")
            % {"value": value}
        )
    hours, minutes, seconds, fraction = match.groups()
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds + (fraction or ""))


def iso_duration_seconds(value: str) -> float:
    """Seconds in an ISO 8601 duration such as ``PT1H2M3.5S`` or ``P1DT2H``."""
    match = ISO_DURATION.match(value) if isinstance(value, str) else None
    # "P" alone and a "T" with nothing after it match the pattern but are
    # not durations.
    if match is None or value == "P" or value.endswith("T"):
        raise ValueError(
            _("“%(value)s” is not an ISO 8601 duration such as PT1M30S.")
            % {"value": value}
        )
    parts = match.groupdict(default="0")
    return sum(float(parts[name]) * size for name, size in SECONDS_IN.items())


def seconds_to_timespan_12(seconds: float) -> str:
    """``HHHH:MM:SS.SS``; beyond 9999 hours the longest timespan is given."""
    hundredths = _hundredths(min(_checked_seconds(seconds), LONGEST_TIMESPAN_12))
    hours, rest = divmod(hundredths, 360000)
    minutes, rest = divmod(rest, 6000)
    whole, fraction = divmod(rest, 100)
    return f"{hours:04d}:{minutes:02d}:{whole:02d}.{fraction:02d}"


def seconds_to_iso_duration(seconds: float) -> str:
    """``PT1H2M3.5S``, to the hundredth of a second; ``PT0S`` for zero."""
    hours, rest = divmod(_hundredths(_checked_seconds(seconds)), 360000)
    minutes, rest = divmod(rest, 6000)
    parts = [f"{hours}H" if hours else "", f"{minutes}M" if minutes else ""]
    if rest or not (hours or minutes):
        parts.append(_iso_seconds(rest))
    return "PT" + "".join(parts)


def _iso_seconds(hundredths: int) -> str:
    whole, fraction = divmod(hundredths, 100)
    if not fraction:
        return f"{whole}S"
    return f"{whole}." + f"{fraction:02d}".rstrip("0") + "S"


def _hundredths(seconds: float) -> int:
    return round(seconds * 100)


def _checked_seconds(seconds: float) -> float:
    is_number = isinstance(seconds, int | float) and not isinstance(seconds, bool)
    if not is_number or not math.isfinite(seconds) or seconds < 0:
        raise ValueError(
            _("“%(value)s” is not a number of seconds that a duration can hold.")
            % {"value": seconds}
        )
    return float(seconds)
