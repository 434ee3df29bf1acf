"""Phone numbers: stored in E.164 (+84912345678), shown and typed the local way."""

import phonenumbers

DEFAULT_REGION = "VN"


class InvalidPhoneNumber(ValueError):
    pass


def normalize_phone(raw: str, region: str = DEFAULT_REGION) -> str:
    """E.164 form of a typed phone number, or InvalidPhoneNumber."""
    text = str(raw).strip()
    if not text:
        raise InvalidPhoneNumber(raw)
    if text.isdigit() and len(text) == 9 and region == "VN":
        text = "0" + text  # spreadsheets drop the leading zero of a number cell
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as error:
        raise InvalidPhoneNumber(raw) from error
    if not phonenumbers.is_valid_number(number):
        raise InvalidPhoneNumber(raw)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def local_phone(e164: str, region: str = DEFAULT_REGION) -> str:
    """The national digits people type: +84912345678 -> 0912345678."""
    number = phonenumbers.parse(e164, region)
    if phonenumbers.region_code_for_number(number) != region:
        return e164
    national = phonenumbers.format_number(
        number, phonenumbers.PhoneNumberFormat.NATIONAL
    )
    return "".join(ch for ch in national if ch.isdigit())
