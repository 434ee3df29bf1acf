"""Reading one cell: text in, a Person value out, or ``Invalid`` with the
reason in a sentence. Blank cells give the empty value of their kind."""

import datetime
import functools
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..data import Gender
from ..ethnicities import Ethnicity
from ..names import fold, normalize_name
from ..phones import InvalidPhoneNumber, normalize_phone

NAME_MAX_LENGTH = 150
DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d")
GENDERS = {
    "nam": Gender.MALE,
    "male": Gender.MALE,
    "nu": Gender.FEMALE,
    "female": Gender.FEMALE,
    "khac": Gender.OTHER,
    "other": Gender.OTHER,
}
YES = {"co", "x", "yes", "y", "true", "1"}
NO = {"", "khong", "no", "n", "false", "0"}
# Old ID cards have 9 digits, citizen ID cards 12; the first three of those
# are a province code from 001 to 096.
ID_LENGTHS = (9, 12)
PROVINCE_CODE_MAX = 96


class Invalid(ValueError):
    """``str(error)`` is why the cell cannot be read, for the user."""


def shown(text: str, limit: int = 40) -> str:
    """A cell's text quoted back in a message, cut short if it is long."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def compact(text: str) -> str:
    """Letters and digits only, folded: "Ê Đê" -> "ede", "H'Mông" -> "hmong"."""
    return re.sub(r"[^a-z0-9]", "", fold(text))


def full_name(text: str) -> str:
    name = normalize_name(text)
    if not name:
        raise Invalid(_("The full name is required."))
    if len(name) > NAME_MAX_LENGTH:
        raise Invalid(
            _("A full name has at most %(max)s characters.") % {"max": NAME_MAX_LENGTH}
        )
    return name


def date(text: str) -> datetime.date | None:
    if not text:
        return None
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise Invalid(
        _("“%(value)s” is not a date; write it as dd/mm/yyyy.") % {"value": shown(text)}
    )


def past_date(text: str) -> datetime.date | None:
    day = date(text)
    if day and day > timezone.localdate():
        raise Invalid(_("The date %(date)s is in the future.") % {"date": shown(text)})
    if day and day.year < 1900:
        raise Invalid(_("The date %(date)s is too long ago.") % {"date": shown(text)})
    return day


def gender(text: str) -> str:
    if not text:
        return ""
    try:
        return GENDERS[fold(text)]
    except KeyError:
        raise Invalid(
            _("“%(value)s” is not a gender; write Nam, Nữ or Khác.")
            % {"value": shown(text)}
        ) from None


@functools.cache
def ethnicity_codes() -> dict[str, str]:
    """Compact name -> code, with "foreign national" in every site language:
    the file's language need not be the user's."""
    codes = {compact(value): value for value in Ethnicity.values}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            codes.update(
                {compact(str(label)): code for code, label in Ethnicity.choices}
            )
    return codes


def ethnicity(text: str) -> str:
    if not text:
        return ""
    try:
        return ethnicity_codes()[compact(text)]
    except KeyError:
        raise Invalid(
            _("“%(value)s” is not one of the ethnic groups of Viet Nam.")
            % {"value": shown(text)}
        ) from None


def phone(text: str) -> str | None:
    if not text:
        return None
    try:
        return normalize_phone(text)
    except InvalidPhoneNumber:
        raise Invalid(
            _("“%(value)s” is not a valid phone number.") % {"value": shown(text)}
        ) from None


def email(text: str) -> str | None:
    if not text:
        return None
    try:
        validate_email(text)
    except ValidationError:
        raise Invalid(
            _("“%(value)s” is not a valid email address.") % {"value": shown(text)}
        ) from None
    return text.lower()


def national_id(text: str) -> str | None:
    digits = re.sub(r"[\s.]", "", text)
    if not digits:
        return None
    if digits.isdigit():
        digits = restore_leading_zeros(digits)
    if not digits.isdigit() or len(digits) not in ID_LENGTHS:
        raise Invalid(_("A citizen ID number has 12 digits (old ID cards: 9 digits)."))
    return digits


def restore_leading_zeros(digits: str) -> str:
    """Spreadsheets store an ID typed into a number cell as a number, which
    drops its leading zeros: 001085012345 becomes 1085012345."""
    if len(digits) == 8:
        return digits.zfill(9)
    if len(digits) in (10, 11) and int(digits.zfill(12)[:3]) <= PROVINCE_CODE_MAX:
        return digits.zfill(12)
    return digits


def yes_no(text: str) -> bool:
    word = fold(text)
    if word in YES or word in NO:
        return word in YES
    raise Invalid(
        _("“%(value)s” is not a yes or no; write Có or leave it empty.")
        % {"value": shown(text)}
    )
