"""Learners' results per H5P activity: listing, CSV, one learner's answers,
and who may see whose results."""

import csv
import io

import pytest
from django.urls import reverse

from lms.org import api as org
from lms.org.data import Role
from tests.factories import UserFactory, make_person

from .conftest import allow_results, answer

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def url(name, *args):
    return reverse(f"h5p_contents:{name}", args=args)


def names(response):
    return {row.user.get_full_name() for row in response.context["object_list"]}


@pytest.fixture
def people(tree):
    return {
        "a": make_person(tree["commune_a"], full_name="Lò Thị Hoa"),
        "b": make_person(tree["commune_b"], full_name="Hồ Thị Bích"),
    }


@pytest.fixture
def answered(people, course, multichoice):
    answer(people["a"].user, course, multichoice, raw=3, max_score=3, response="0[,]2")
    answer(people["b"].user, course, multichoice, raw=1, max_score=3)
    answer(people["b"].user, course, multichoice, raw=2, max_score=3)


@pytest.fixture
def manager_a(tree):
    user = UserFactory(username="quan-ly-h5p")
    org.grant_role(user=user, role=Role.UNIT_MANAGER, units=[tree["province_a"]])
    allow_results(user)
    return user


def test_the_results_list_each_learner_attempts_and_scores(
    admin_client, answered, multichoice
):
    response = admin_client.get(url("results", multichoice.content_id))
    assert response.status_code == 200
    assert names(response) == {"Lò Thị Hoa", "Hồ Thị Bích"}
    rows = {row.user.get_full_name(): row for row in response.context["object_list"]}
    assert (rows["Hồ Thị Bích"].attempts, rows["Hồ Thị Bích"].best_scaled) == (
        2,
        0.6667,
    )
    assert rows["Lò Thị Hoa"].passed and not rows["Hồ Thị Bích"].passed
    assert "100%" in response.content.decode()


def test_the_results_export_as_csv(admin_client, answered, multichoice):
    response = admin_client.get(
        url("results", multichoice.content_id), {"export": "csv"}
    )
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    header, *rows = list(csv.reader(io.StringIO(text)))
    assert len(header) == 9
    assert {row[0] for row in rows} == {"Lò Thị Hoa", "Hồ Thị Bích"}
    assert {row[5] for row in rows} == {"100%", "67%"}  # best scores


def test_a_learner_page_shows_the_answers(admin_client, answered, multichoice, people):
    listing = admin_client.get(url("results", multichoice.content_id))
    hoa = next(
        row for row in listing.context["object_list"] if row.user == people["a"].user
    )
    response = admin_client.get(url("learner", multichoice.content_id, hoa.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert "0[,]2" in html and "Câu 1" in html and "answered" in html


def test_a_manager_sees_only_the_learners_of_their_units(
    client, manager_a, answered, multichoice, people
):
    client.force_login(manager_a)
    response = client.get(url("results", multichoice.content_id))
    assert names(response) == {"Lò Thị Hoa"}
    others = [
        row for row in response.context["object_list"] if row.user == people["b"].user
    ]
    assert others == []


def test_someone_without_the_permission_sees_no_results(client, answered, multichoice):
    client.force_login(UserFactory(username="khong-quyen", is_staff=True))
    response = client.get(url("results", multichoice.content_id))
    assert response.status_code in (302, 403)
