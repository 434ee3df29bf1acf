import pytest
from django.urls import reverse

from lms.org import api
from lms.org.data import Role
from lms.org.models import ManagedUnit
from tests.factories import UserFactory, make_person


@pytest.fixture
def admin_client(client, db):
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    return client


def test_a_site_admin_gives_a_cadre_a_unit_by_their_phone_number(admin_client, tree):
    person = make_person(tree["province_a"], phone="+84912500001")
    response = admin_client.post(
        reverse("managedunit:add"),
        {"login": "0912 500 001", "unit": tree["province_a"].pk},
    )
    assert response.status_code == 302
    assert ManagedUnit.objects.get().user == person.user


def test_an_unknown_login_is_refused_with_a_message(admin_client, tree):
    response = admin_client.post(
        reverse("managedunit:add"),
        {"login": "0912999999", "unit": tree["province_a"].pk},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["login"]
    assert not ManagedUnit.objects.exists()


def test_the_same_unit_twice_is_refused(admin_client, tree):
    person = make_person(tree["province_a"], phone="+84912500002")
    ManagedUnit.objects.create(user=person.user, unit=tree["province_a"])
    response = admin_client.post(
        reverse("managedunit:add"),
        {"login": "0912500002", "unit": tree["province_a"].pk},
    )
    assert response.status_code == 200
    assert ManagedUnit.objects.count() == 1


def test_managers_cannot_hand_out_scope(client, tree):
    manager = UserFactory(username="manager")
    api.grant_role(user=manager, role=Role.UNIT_MANAGER, units=[tree["province_a"]])
    client.force_login(manager)
    response = client.post(
        reverse("managedunit:add"), {"login": "manager", "unit": tree["central"].pk}
    )
    assert response.status_code == 302  # Wagtail sends them back to the dashboard
    assert ManagedUnit.objects.filter(unit=tree["central"]).count() == 0
