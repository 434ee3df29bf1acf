"""Learning hours as the certificates write them."""

from decimal import Decimal

import pytest

from lms.certificates.hours import hours_label, hours_text


@pytest.mark.parametrize(
    ("hours", "expected"),
    [(Decimal("40.0"), "40"), (Decimal("4.5"), "4,5"), (Decimal("0.0"), ""), (0, "")],
)
def test_learning_hours_are_written_the_vietnamese_way(hours, expected):
    assert hours_text(hours) == expected


@pytest.mark.usefixtures("english")
def test_hours_are_written_with_a_decimal_comma_and_one_hour_is_singular():
    assert hours_label(Decimal("4.50")) == "4,5 hours"
    assert hours_label(Decimal("1.0")) == "1 hour"
    assert hours_label(Decimal("0")) == "0 hours"
    assert hours_label("12.5") == "12,5 hours"  # as the signed claims hold it
