import pytest

from lms.org.phones import InvalidPhoneNumber, local_phone, normalize_phone


@pytest.mark.parametrize(
    "typed",
    ["0912345678", "0912 345 678", "+84 912 345 678", "84912345678", "912345678"],
)
def test_the_ways_people_type_a_mobile_number_give_one_e164_form(typed):
    assert normalize_phone(typed) == "+84912345678"


@pytest.mark.parametrize("typed", ["", "abc", "0123", "09123456789999"])
def test_a_wrong_number_is_refused(typed):
    with pytest.raises(InvalidPhoneNumber):
        normalize_phone(typed)


def test_local_form_is_what_people_type():
    assert local_phone("+84912345678") == "0912345678"
