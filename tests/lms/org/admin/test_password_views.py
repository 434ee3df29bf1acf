import pytest
from django.contrib.auth import authenticate
from django.urls import reverse

from lms.org import api
from lms.org.data import Role
from tests.factories import UserFactory, make_person


@pytest.fixture
def manager_a(tree, client):
    user = UserFactory(username="manager-a")
    api.grant_role(user=user, role=Role.UNIT_MANAGER, units=[tree["province_a"]])
    client.force_login(user)
    return user


def test_a_manager_sets_a_temporary_password_that_works_once_shown(
    client, manager_a, tree
):
    person = make_person(tree["commune_a"], phone="+84912400001")
    url = reverse("person:password", args=[person.pk])
    assert "mật khẩu" in client.get(url).text.lower()
    response = client.post(url, {"confirm": "1"})
    password = response.context["password"]
    assert len(password) == 10
    assert authenticate(username="0912400001", password=password) == person.user


def test_the_edit_page_offers_the_temporary_password_button(client, manager_a, tree):
    person = make_person(tree["commune_a"], phone="+84912400002")
    response = client.get(reverse("person:edit", args=[person.pk]))
    assert reverse("person:password", args=[person.pk]) in response.text


def test_a_person_of_another_province_gets_no_password_from_this_manager(
    client, manager_a, tree
):
    person = make_person(tree["commune_b"], phone="+84912400003")
    response = client.post(
        reverse("person:password", args=[person.pk]), {"confirm": "1"}
    )
    assert response.status_code == 404
    person.user.refresh_from_db()
    assert not person.user.has_usable_password()


def test_a_manager_cannot_take_over_an_account_with_wider_powers(
    client, manager_a, tree
):
    # Recorded in Lào Cai, but managing the whole organisation.
    staff = make_person(tree["commune_a"], phone="+84912400004")
    api.grant_role(user=staff.user, role=Role.ACADEMY_STAFF, units=[tree["central"]])
    superuser = make_person(tree["commune_a"], phone="+84912400005")
    superuser.user.is_superuser = True
    superuser.user.save()
    for target in [staff, superuser]:
        url = reverse("person:password", args=[target.pk])
        response = client.post(url, {"confirm": "1"})
        assert "password" not in (response.context or {})
        target.user.refresh_from_db()
        assert not target.user.has_usable_password()


def test_without_confirmation_nothing_changes(client, manager_a, tree):
    person = make_person(tree["commune_a"], phone="+84912400006")
    response = client.post(reverse("person:password", args=[person.pk]))
    assert response.status_code == 302
    person.user.refresh_from_db()
    assert not person.user.has_usable_password()
