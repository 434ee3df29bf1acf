from django.contrib.auth import authenticate

from lms.org import api
from tests.factories import UserFactory, make_person


def test_a_cadre_logs_in_with_the_phone_number_typed_any_usual_way(tree):
    person = make_person(tree["commune_a"], phone="+84912000011")
    password = api.set_temporary_password(person=person)
    for typed in ["0912000011", "0912 000 011", "+84912000011"]:
        assert authenticate(username=typed, password=password) == person.user


def test_a_cadre_logs_in_with_email_in_any_case(tree):
    person = make_person(tree["commune_a"], email="Hoa.Nguyen@Example.vn")
    password = api.set_temporary_password(person=person)
    assert (
        authenticate(username="HOA.NGUYEN@example.vn", password=password) == person.user
    )


def test_wrong_password_or_unknown_number_fails(tree):
    person = make_person(tree["commune_a"], phone="+84912000012")
    api.set_temporary_password(person=person)
    assert authenticate(username="0912000012", password="sai-mat-khau") is None
    assert authenticate(username="0912999999", password="sai-mat-khau") is None
    assert authenticate(username="not a number", password="x") is None


def test_staff_without_a_cadre_record_still_log_in_with_username(db):
    UserFactory(username="quantri")
    assert authenticate(username="quantri", password="mat-khau-123") is not None
