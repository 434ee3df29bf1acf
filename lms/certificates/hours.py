"""Learning hours as the certificates write them, a comma decimal in every
language: "4,5", "4,5 giờ"."""

from decimal import Decimal

from django.utils.translation import ngettext


def hours_text(hours) -> str:
    """4,5 or 40; empty for none."""
    text = f"{Decimal(hours or 0):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "" if text in ("", "0") else text.replace(".", ",")


def hours_label(hours) -> str:
    """ "4,5 giờ" ("4,5 hours"); "0 giờ" for none."""
    text = hours_text(hours) or "0"
    # ngettext counts whole things; only exactly one hour is singular.
    count = 1 if Decimal(hours or 0) == 1 else 2
    return ngettext("%(hours)s hour", "%(hours)s hours", count) % {"hours": text}
