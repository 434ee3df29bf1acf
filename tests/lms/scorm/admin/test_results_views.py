"""Learners' results per package: listing, filters, CSV, one attempt's
interactions, and who may see whose results."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from lms.org import api as org
from lms.org.data import Role
from tests.factories import UserFactory, make_person

from ..packages import import_fixture
from .conftest import allow_results, play

pytestmark = pytest.mark.django_db

ANSWERED = {
    "cmi.core.lesson_status": "completed",
    "cmi.core.score.raw": "80",
    "cmi.core.session_time": "0000:05:00",
    "cmi.interactions.0.id": "cau-1",
    "cmi.interactions.0.type": "choice",
    "cmi.interactions.0.student_response": "b",
    "cmi.interactions.0.correct_responses.0.pattern": "a",
    "cmi.interactions.0.result": "wrong",
    "cmi.interactions.0.latency": "0000:00:12",
    "cmi.interactions.0.time": "10:15:00",
    "cmi.objectives.0.id": "muc-tieu-1",
    "cmi.objectives.0.status": "passed",
}


def url(name, *args):
    return reverse(f"scorm_packages:{name}", args=args)


def names(response):
    return {row.user.get_full_name() for row in response.context["object_list"]}


@pytest.fixture
def people(tree):
    return {
        "a": make_person(tree["commune_a"], full_name="Lò Thị Hoa"),
        "b": make_person(tree["commune_b"], full_name="Hồ Thị Bích"),
    }


@pytest.fixture
def attempts(people, course, single_12):
    return {
        "a": play(people["a"].user, course, single_12, ANSWERED),
        "b": play(
            people["b"].user,
            course,
            single_12,
            {"cmi.core.lesson_status": "incomplete"},
        ),
    }


@pytest.fixture
def manager_a(tree):
    user = UserFactory(username="quan-ly-lao-cai")
    org.grant_role(user=user, role=Role.UNIT_MANAGER, units=[tree["province_a"]])
    allow_results(user)
    return user


def test_the_results_list_every_learners_attempt(admin_client, attempts, single_12):
    response = admin_client.get(url("results", single_12.package_id))
    assert response.status_code == 200
    assert names(response) == {"Lò Thị Hoa", "Hồ Thị Bích"}
    html = response.content.decode()
    assert url("attempt", single_12.package_id, attempts["a"].pk) in html
    assert "80%" in html and "0:05:00" in html


def test_the_results_filter_by_status_and_course(admin_client, attempts, single_12):
    results_url = url("results", single_12.package_id)
    completed = admin_client.get(results_url, {"status": "completed"})
    assert names(completed) == {"Lò Thị Hoa"}
    incomplete = admin_client.get(results_url, {"status": "incomplete"})
    assert names(incomplete) == {"Hồ Thị Bích"}
    by_course = admin_client.get(results_url, {"course": attempts["a"].course_id})
    assert len(names(by_course)) == 2


def test_the_results_export_as_csv(admin_client, attempts, single_12):
    response = admin_client.get(url("results", single_12.package_id), {"export": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == 3
    hoa = next(row for row in rows if row[0] == "Lò Thị Hoa")
    assert hoa[2] == "Kỹ năng số"
    assert "80%" in hoa and "0:05:00" in hoa


def test_an_attempt_shows_its_interactions_question_by_question(
    admin_client, attempts, single_12
):
    attempt = attempts["a"]
    response = admin_client.get(url("attempt", single_12.package_id, attempt.pk))
    assert response.status_code == 200
    (sco,) = response.context["scos"]
    (row,) = sco.interactions
    assert (row.id, row.learner_response, row.correct_responses) == (
        "cau-1",
        "b",
        ("a",),
    )
    assert (row.result, row.latency, row.time) == ("wrong", "0:00:12", "10:15:00")
    assert [o.id for o in sco.objectives] == ["muc-tieu-1"]
    html = response.content.decode()
    assert 'data-interaction="cau-1"' in html and 'data-result="wrong"' in html
    assert 'data-objective="muc-tieu-1"' in html


def test_a_manager_sees_only_the_learners_of_their_units(
    client, manager_a, attempts, single_12
):
    client.force_login(manager_a)
    response = client.get(url("results", single_12.package_id))
    assert names(response) == {"Lò Thị Hoa"}
    csv_text = b"".join(
        client.get(
            url("results", single_12.package_id), {"export": "csv"}
        ).streaming_content
    ).decode()
    assert "Hồ Thị Bích" not in csv_text
    mine = url("attempt", single_12.package_id, attempts["a"].pk)
    theirs = url("attempt", single_12.package_id, attempts["b"].pk)
    assert client.get(mine).status_code == 200
    assert client.get(theirs).status_code == 404


def test_a_manager_with_results_reaches_them_from_the_listing(
    client, manager_a, attempts, single_12
):
    client.force_login(manager_a)
    response = client.get(url("index"))
    assert response.status_code == 200
    assert url("results", single_12.package_id) in response.content.decode()
    assert url("edit", single_12.package_id) not in response.content.decode()


def test_the_attempt_url_must_match_its_package(admin_client, attempts, single_12):
    other = import_fixture("RuntimeMinimumCalls_SCORM12.zip")
    wrong = url("attempt", other.package_id, attempts["a"].pk)
    assert admin_client.get(wrong).status_code == 404


def test_an_admin_user_without_the_results_permission_sees_none(
    client, tree, attempts, single_12
):
    user = UserFactory(username="bien-tap-vien")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get(url("results", single_12.package_id)).status_code in (302, 403)
    detail = url("attempt", single_12.package_id, attempts["a"].pk)
    assert client.get(detail).status_code in (302, 403)


def test_a_learner_gets_nothing(client, people, attempts, single_12):
    client.force_login(people["a"].user)
    for target in [
        url("results", single_12.package_id),
        url("attempt", single_12.package_id, attempts["a"].pk),
        url("index"),
    ]:
        assert client.get(target).status_code in (302, 403)


def test_a_scorm_2004_attempt_shows_its_own_element_names(
    admin_client, course, learner
):
    version = import_fixture("RuntimeBasicCalls_SCORM20043rdEdition.zip")
    attempt = play(
        learner,
        course,
        version,
        {
            "cmi.completion_status": "completed",
            "cmi.success_status": "passed",
            "cmi.score.scaled": "0.9",
            "cmi.location": "slide-4",
            "cmi.interactions.0.id": "cau-1",
            "cmi.interactions.0.type": "true-false",
            "cmi.interactions.0.learner_response": "true",
            "cmi.interactions.0.correct_responses.0.pattern": "false",
            "cmi.interactions.0.result": "incorrect",
            "cmi.interactions.0.latency": "PT1M5S",
            "cmi.interactions.0.timestamp": "2026-01-02T10:00:00",
            "cmi.interactions.0.description": "Trái Đất phẳng?",
        },
    )
    response = admin_client.get(url("attempt", version.package_id, attempt.pk))
    (sco,) = response.context["scos"]
    assert (sco.score, sco.location) == ("90%", "slide-4")
    (row,) = sco.interactions
    assert (row.learner_response, row.correct_responses) == ("true", ("false",))
    assert (row.latency, row.time) == ("0:01:05", "2026-01-02T10:00:00")
    assert "Trái Đất phẳng?" in response.content.decode()


def test_the_menu_offers_the_packages_to_whoever_may_see_results(
    client, tree, manager_a
):
    index = url("index")
    client.force_login(manager_a)
    assert index in client.get("/admin/").content.decode()
    other = UserFactory(username="bien-tap-vien")
    other.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(other)
    assert index not in client.get("/admin/").content.decode()
