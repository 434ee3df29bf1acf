"""Validators for the data types of the SCORM run-time data model.

A validator takes the value as text and returns it normalised (numbers in
canonical decimal form), or raises :class:`Invalid`. Whether a refusal is a
type mismatch or a value out of range matters because SCORM 2004 gives the
two different error codes; SCORM 1.2 calls both "incorrect data type".
"""

import math
import re
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from .timing import iso_duration_seconds, timespan_12_seconds

TYPE = "type"
RANGE = "range"

Validator = Callable[[str], str]
SCALARS = (str, int, float, bool)

NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$")
INTEGER = re.compile(r"^[+-]?\d+$")
TIME_OF_DAY_12 = re.compile(r"^([01]\d|2[0-3]):([0-5]\d):([0-5]\d)(\.\d{1,2})?$")
TIMESTAMP = re.compile(
    r"^(?P<date>\d{4}(?:-\d{2}(?:-\d{2})?)?)"
    r"(?:T(?P<time>\d{2}(?::\d{2}(?::\d{2}(?:\.\d{1,7})?)?)?)"
    r"(?P<zone>Z|[+-]\d{2}(?::?\d{2})?)?)?$"
)
IDENTIFIER_12 = re.compile(r"^[^\s\x00-\x1f\x7f]{1,255}$")
SHORT_IDENTIFIER = re.compile(r"^[^\s\[\]\x00-\x1f\x7f]{1,250}$")
LONG_IDENTIFIER = re.compile(r"^[^\s\x00-\x1f\x7f]{1,4000}$")
URN = re.compile(r"^urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:\S+$", re.IGNORECASE)
LANGUAGE = re.compile(r"^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$")
LANGUAGE_PREFIX = re.compile(r"^\{lang=([^}]*)\}")


class Invalid(ValueError):
    """A refused value. ``template`` is a translated sentence with an
    ``%(element)s`` placeholder, filled in by whoever knows the element."""

    def __init__(self, kind: str, template: str, **params):
        super().__init__(template)
        self.kind = kind
        self.template = template
        self.params = params

    def sentence(self, element: str) -> str:
        return self.template % {"element": element, **self.params}


# ------------------------------------------------------------- numbers


def canonical_number(number: Decimal | float | int) -> str:
    """``85`` for 85.0, ``0.5`` for 0.50, never an exponent."""
    value = Decimal(repr(number)) if isinstance(number, float) else Decimal(number)
    if value == 0:
        return "0"
    return format(value.normalize(), "f")


def parse_number(text: str) -> Decimal:
    if not NUMBER.match(text.strip()):
        raise Invalid(TYPE, _("%(element)s must be a number."))
    try:
        return Decimal(text.strip())
    except InvalidOperation as error:
        raise Invalid(TYPE, _("%(element)s must be a number.")) from error


def real(low: float | None = None, high: float | None = None, *, blank=False):
    """A decimal number with no bounds, a lower one or both (the data model
    has no element bounded above only); ``blank`` also allows ""."""

    def validate(text: str) -> str:
        if blank and text == "":
            return ""
        number = parse_number(text)
        _check_bounds(number, low, high)
        return canonical_number(number)

    return validate


def integer(low: int, high: int) -> Validator:
    def validate(text: str) -> str:
        if not INTEGER.match(text.strip()):
            raise Invalid(TYPE, _("%(element)s must be a whole number."))
        number = int(text.strip())
        _check_bounds(Decimal(number), low, high)
        return str(number)

    return validate


def _check_bounds(number: Decimal, low, high) -> None:
    too_low = low is not None and number < Decimal(str(low))
    too_high = high is not None and number > Decimal(str(high))
    if not (too_low or too_high):
        return
    if high is None:
        raise Invalid(RANGE, _("%(element)s must be at least %(low)s."), low=low)
    raise Invalid(
        RANGE,
        _("%(element)s must be between %(low)s and %(high)s."),
        low=low,
        high=high,
    )


# ------------------------------------------------------------- strings


def characters(limit: int) -> Validator:
    def validate(text: str) -> str:
        if len(text) > limit:
            raise Invalid(
                RANGE,
                _("%(element)s is longer than %(limit)s characters."),
                limit=limit,
            )
        return text

    return validate


def localized(limit: int) -> Validator:
    """A string that may start with ``{lang=vi}``; the limit is on the text."""

    def validate(text: str) -> str:
        characters(limit)(_without_language(text))
        return text

    return validate


def _without_language(text: str) -> str:
    prefix = LANGUAGE_PREFIX.match(text)
    if prefix is None:
        return text
    if not LANGUAGE.match(prefix.group(1)):
        raise Invalid(
            TYPE, _("%(element)s starts with a {lang=…} tag that is not a language.")
        )
    return text[prefix.end() :]


def language(text: str) -> str:
    if text and not LANGUAGE.match(text):
        raise Invalid(
            TYPE, _("%(element)s must be a language code such as vi or en-US.")
        )
    return text


def vocabulary(*choices: str) -> Validator:
    def validate(text: str) -> str:
        if text not in choices:
            raise Invalid(
                TYPE,
                _("%(element)s must be one of: %(choices)s."),
                choices=_listed(choices),
            )
        return text

    return validate


def vocabulary_or_real(*choices: str) -> Validator:
    """An interaction result: a word of the vocabulary or a number."""
    words = vocabulary(*choices)

    def validate(text: str) -> str:
        try:
            return words(text)
        except Invalid:
            pass
        try:
            return real()(text)
        except Invalid as error:
            raise Invalid(
                TYPE,
                _("%(element)s must be a number or one of: %(choices)s."),
                choices=_listed(choices),
            ) from error

    return validate


def _listed(choices) -> str:
    return ", ".join(f"“{choice}”" for choice in choices)


# ------------------------------------------------------------- identifiers


def identifier_12(text: str) -> str:
    """CMIIdentifier: no white space, at most 255 characters."""
    return _identifier(text, IDENTIFIER_12, 255)


def short_identifier(text: str) -> str:
    return _identifier(text, SHORT_IDENTIFIER, 250)


def long_identifier(text: str) -> str:
    """A SCORM 2004 long identifier; one that claims to be a URN must be one."""
    _identifier(text, LONG_IDENTIFIER, 4000)
    if text.lower().startswith("urn:") and not URN.match(text):
        raise Invalid(TYPE, _("%(element)s starts with “urn:” but is not a valid URN."))
    return text


def _identifier(text: str, pattern: re.Pattern, limit: int) -> str:
    if not pattern.match(text):
        raise Invalid(
            TYPE,
            _(
                "%(element)s must be an identifier without spaces, at most "
                "%(limit)s characters long."
            ),
            limit=limit,
        )
    return text


# ------------------------------------------------------------- time


def time_of_day_12(text: str) -> str:
    """CMITime: HH:MM:SS with optional hundredths."""
    if not TIME_OF_DAY_12.match(text):
        raise Invalid(TYPE, _("%(element)s must be a time of day such as 13:45:00."))
    return text


def timespan_12(text: str) -> str:
    try:
        timespan_12_seconds(text)
    except ValueError as error:
        raise Invalid(
            TYPE, _("%(element)s must be a time span such as 0000:01:30.00.")
        ) from error
    return text


def iso_duration(text: str) -> str:
    try:
        iso_duration_seconds(text)
    except ValueError as error:
        raise Invalid(
            TYPE, _("%(element)s must be an ISO 8601 duration such as PT1M30S.")
        ) from error
    return text


def timestamp(text: str) -> str:
    """An ISO 8601 date and time, as precise as the SCO wants to be.

    More than the two decimal places the standard allows are accepted,
    because JavaScript's ``toISOString()`` writes three."""
    match = TIMESTAMP.match(text)
    if match is None or not _is_real_date(match):
        raise Invalid(
            TYPE,
            _("%(element)s must be a date and time such as 2026-01-31T13:45:00Z."),
        )
    return text


def _is_real_date(match: re.Match) -> bool:
    date = (match["date"] + "-01-01")[:10]
    clock = ((match["time"] or "00") + ":00:00")[:8]
    try:
        datetime.strptime(f"{date}T{clock}", "%Y-%m-%dT%H:%M:%S")
    except ValueError:
        return False
    return True


# ------------------------------------------------------------- navigation

NAVIGATION_REQUESTS = (
    "continue",
    "previous",
    "exit",
    "exitAll",
    "abandon",
    "abandonAll",
    "suspendAll",
    "_none_",
)
TARGETED_REQUEST = re.compile(r"^\{target=([^}]+)\}(choice|jump)$")


def navigation_request(text: str) -> str:
    target = TARGETED_REQUEST.match(text)
    if text in NAVIGATION_REQUESTS or (target and LONG_IDENTIFIER.match(target[1])):
        return text
    raise Invalid(TYPE, _("%(element)s is not a navigation request SCORM knows."))


def as_text(value: str | int | float | bool) -> str:
    """How a scalar sent by the browser reads as a data model value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return canonical_number(value) if math.isfinite(value) else str(value)
    return str(value)
