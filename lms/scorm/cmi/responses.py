"""What an interaction's response and correct-response pattern may look
like, by interaction type.

SCORM 1.2 calls these CMIFeedback; SCORM 2004 gives each type its own
format with ``[,]`` between items and ``[.]`` inside a pair. The checks are
on shape, not on every limit of the standard: real packages bend the
smaller rules (choice letters in 1.2, item counts in 2004) and a refused
response is lost for reporting.
"""

import re
from collections.abc import Callable

from django.utils.translation import gettext as _

from .types import (
    TYPE,
    Invalid,
    Validator,
    characters,
    localized,
    real,
    short_identifier,
)

ITEMS = "[,]"
PAIR = "[.]"
BOUNDS = "[:]"
MOST_ITEMS = 250
MOST_FILL_IN_ITEMS = 10
NO_SPACE_12 = re.compile(r"^\S+$")
PATTERN_FLAGS = re.compile(r"^\{(case_matters|order_matters)=(true|false)\}")


def response_12(interaction_type: str | None) -> Validator:
    """CMIFeedback for the type; any 255 characters when the type is unknown."""
    check = FEEDBACK_12.get(interaction_type, characters(255))

    def validate(text: str) -> str:
        characters(255)(text)
        return _as_response(check, text, interaction_type)

    return validate


def response_2004(interaction_type: str) -> Validator:
    check = RESPONSES_2004.get(interaction_type, characters(4000))
    return lambda text: _as_response(check, text, interaction_type)


def pattern_2004(interaction_type: str) -> Validator:
    """A correct-response pattern: like a response, after its {flags}, and
    a numeric one is a ``min[:]max`` range."""
    check = PATTERNS_2004.get(interaction_type) or RESPONSES_2004.get(
        interaction_type, characters(4000)
    )

    def validate(text: str) -> str:
        _as_response(check, _without_flags(text), interaction_type)
        return text

    return validate


def _as_response(check: Validator, text: str, interaction_type) -> str:
    try:
        return check(text)
    except Invalid as error:
        raise Invalid(
            TYPE,
            _("%(element)s is not a valid response for a “%(type)s” interaction."),
            type=interaction_type,
        ) from error


def _without_flags(text: str) -> str:
    while flag := PATTERN_FLAGS.match(text):
        text = text[flag.end() :]
    return text


def _refuse() -> None:
    raise Invalid(TYPE, "")


def _each(items: list[str], check: Callable[[str], object], most=MOST_ITEMS):
    if len(items) > most:
        _refuse()
    for item in items:
        check(item)


# ------------------------------------------------------------- SCORM 1.2


def _true_false_12(text: str) -> str:
    if text.lower() not in {"0", "1", "t", "f", "true", "false"}:
        _refuse()
    return text


def _token_12(text: str) -> str:
    if not NO_SPACE_12.match(text):
        _refuse()
    return text


def _choices_12(text: str) -> str:
    """Comma-separated choices, optionally in braces: ``{a,b}``."""
    inner = text[1:-1] if text.startswith("{") and text.endswith("}") else text
    _each(inner.split(","), _token_12)
    return text


def _pair_12(text: str) -> None:
    source, dot, target = text.partition(".")
    if not dot:
        _refuse()
    _token_12(source)
    _token_12(target)


def _matching_12(text: str) -> str:
    _each(text.split(","), _pair_12)
    return text


FEEDBACK_12 = {
    "true-false": _true_false_12,
    "choice": _choices_12,
    "sequencing": _choices_12,
    "likert": _token_12,
    "matching": _matching_12,
    "numeric": real(),
}

# ------------------------------------------------------------- SCORM 2004


def _true_false(text: str) -> str:
    if text not in {"true", "false"}:
        _refuse()
    return text


def _identifiers(text: str) -> str:
    _each(text.split(ITEMS), short_identifier)
    return text


def _choice(text: str) -> str:
    """Any number of distinct identifiers; none at all is a blank answer."""
    if text == "":
        return text
    items = text.split(ITEMS)
    if len(set(items)) != len(items):
        _refuse()
    _each(items, short_identifier)
    return text


def _fill_in(text: str) -> str:
    _each(text.split(ITEMS), localized(250), MOST_FILL_IN_ITEMS)
    return text


def _identifier_pair(text: str) -> None:
    source, dot, target = text.partition(PAIR)
    if not dot:
        _refuse()
    short_identifier(source)
    short_identifier(target)


def _matching(text: str) -> str:
    _each(text.split(ITEMS), _identifier_pair)
    return text


def _step(text: str) -> None:
    """``step_name[.]step_answer``; either side may be left out."""
    name, _dot, answer = text.rpartition(PAIR)
    if name:
        short_identifier(name)
    characters(250)(answer)


def _performance(text: str) -> str:
    _each(text.split(ITEMS), _step)
    return text


def _numeric_range(text: str) -> str:
    """``min[:]max`` with either end open, or a single number."""
    for end in text.split(BOUNDS, 1):
        if end:
            real()(end)
    return text


RESPONSES_2004 = {
    "true-false": _true_false,
    "choice": _choice,
    "fill-in": _fill_in,
    "long-fill-in": localized(4000),
    "likert": short_identifier,
    "matching": _matching,
    "performance": _performance,
    "sequencing": _identifiers,
    "numeric": real(),
    "other": characters(4000),
}
PATTERNS_2004 = {"numeric": _numeric_range}
