"""A manager sees and changes only their unit's subtree, even by URL guessing."""

import pytest
from django.urls import reverse

from lms.org import api
from lms.org.data import Role
from lms.org.models import Person
from tests.factories import UserFactory, make_person


@pytest.fixture
def people(tree):
    return {
        "a": make_person(
            tree["commune_a"], full_name="Nguyễn Văn A", phone="+84912100001"
        ),
        "b": make_person(
            tree["commune_b"], full_name="Trần Thị B", phone="+84912100002"
        ),
    }


@pytest.fixture
def manager_a(tree):
    user = UserFactory(username="manager-a")
    api.grant_role(user=user, role=Role.UNIT_MANAGER, units=[tree["province_a"]])
    return user


@pytest.fixture
def client_a(client, manager_a):
    client.force_login(manager_a)
    return client


def test_the_people_listing_shows_only_the_managers_subtree(client_a, people):
    response = client_a.get(reverse("person:index"))
    assert response.status_code == 200
    assert "Nguyễn Văn A" in response.text
    assert "Trần Thị B" not in response.text


@pytest.mark.parametrize("view", ["edit", "delete", "inspect", "history", "usage"])
def test_a_person_of_another_province_is_not_found_by_direct_url(
    client_a, people, view
):
    response = client_a.get(reverse(f"person:{view}", args=[people["b"].pk]))
    assert response.status_code == 404


def test_posting_an_edit_to_a_person_of_another_province_changes_nothing(
    client_a, people
):
    url = reverse("person:edit", args=[people["b"].pk])
    response = client_a.post(url, {"full_name": "Đã sửa", "unit": people["a"].unit_id})
    assert response.status_code == 404
    people["b"].refresh_from_db()
    assert people["b"].full_name == "Trần Thị B"


def test_a_manager_cannot_move_someone_into_another_province(client_a, people, tree):
    url = reverse("person:edit", args=[people["a"].pk])
    response = client_a.post(
        url,
        {
            "full_name": "Nguyễn Văn A",
            "unit": tree["commune_b"].pk,
            "phone": "0912100001",
        },
    )
    assert response.status_code == 200  # the form comes back with an error
    people["a"].refresh_from_db()
    assert people["a"].unit == tree["commune_a"]


def test_a_manager_edits_their_own_person_and_the_move_enters_the_history(
    client_a, people, tree
):
    url = reverse("person:edit", args=[people["a"].pk])
    response = client_a.post(
        url,
        {
            "full_name": "Nguyễn Văn A",
            "unit": tree["district_a"].pk,
            "title": tree["chair"].pk,
            "phone": "0912100001",
            "position_since": "01/06/2026",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    person = Person.objects.get(pk=people["a"].pk)
    assert (person.unit, person.title) == (tree["district_a"], tree["chair"])
    assert [a.unit for a in person.assignments.order_by("start_date")] == [
        tree["commune_a"],
        tree["district_a"],
    ]


def test_the_manager_adds_a_person_only_inside_their_subtree(client_a, tree):
    data = {
        "full_name": "Lò Thị Mai",
        "phone": "0912100009",
        "unit": tree["commune_b"].pk,
    }
    response = client_a.post(reverse("person:add"), data)
    assert response.status_code == 200
    assert not Person.objects.filter(full_name="Lò Thị Mai").exists()
    data["unit"] = tree["commune_a"].pk
    response = client_a.post(reverse("person:add"), data)
    assert response.status_code == 302
    person = Person.objects.get(full_name="Lò Thị Mai")
    assert person.phone == "+84912100009"
    assert person.assignments.count() == 1


def test_units_listing_and_unit_urls_are_scoped_too(client_a, tree):
    response = client_a.get(reverse("unit:index"))
    assert "Tỉnh Lào Cai" in response.text
    assert "Tỉnh Nghệ An" not in response.text
    for view in ["edit", "delete", "history", "usage"]:
        url = reverse(f"unit:{view}", args=[tree["province_b"].pk])
        assert client_a.get(url).status_code == 404, view


def test_admin_search_ignores_diacritics(client_a, people):
    response = client_a.get(reverse("person:index"), {"q": "nguyen van a"})
    assert "Nguyễn Văn A" in response.text


def test_filter_by_unit_includes_the_units_below_it(client_a, people, tree):
    response = client_a.get(reverse("person:index"), {"unit": tree["district_a"].pk})
    assert "Nguyễn Văn A" in response.text


def test_a_learner_cannot_open_the_admin(client, people):
    client.force_login(people["a"].user)
    response = client.get(reverse("person:index"))
    assert response.status_code in (302, 403)


def test_academy_staff_with_the_root_unit_see_every_province(client, tree, people):
    staff = UserFactory(username="staff")
    api.grant_role(user=staff, role=Role.ACADEMY_STAFF, units=[tree["central"]])
    client.force_login(staff)
    response = client.get(reverse("person:index"))
    assert "Nguyễn Văn A" in response.text and "Trần Thị B" in response.text


def test_the_people_listing_does_not_query_once_per_row(
    client_a, tree, django_assert_max_num_queries
):
    for n in range(12):
        make_person(tree["commune_a"], full_name=f"Người {n}", phone=f"+8491210{n:04d}")
    with django_assert_max_num_queries(20):
        response = client_a.get(reverse("person:index"))
    assert response.text.count("Người ") >= 12


def test_the_units_listing_indents_units_under_their_parents(client_a, tree):
    html = client_a.get(reverse("unit:index")).text
    assert "— — Xã a" in html  # commune: two levels below the province
