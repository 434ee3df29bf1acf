"""The H5P player, its files and endpoints on the content origin:
isolation headers, host separation, tokens, and what H5P sends."""

import json
import uuid
from urllib.parse import urlencode

import pytest
from django.test import Client

from lms.h5p import views
from lms.h5p.launch import launch_token
from lms.h5p.models import Library, Statement, UserState

from .conftest import make_ticket, statement

pytestmark = pytest.mark.django_db
CONTENT = "content.testserver"


def content_client():
    return Client(HTTP_HOST=CONTENT)


def config_of(response) -> dict:
    html = response.content.decode()
    start = html.index('<script id="h5p-config" type="application/json">') + len(
        '<script id="h5p-config" type="application/json">'
    )
    return json.loads(html[start : html.index("</script>", start)])


def test_the_player_answers_on_the_content_host_framed_only_by_the_lms(
    learner, course, multichoice
):
    token = launch_token(make_ticket(learner, course, multichoice))
    response = content_client().get(f"/h5p/play/{token}/")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "frame-ancestors http://testserver" in policy
    assert "connect-src 'self'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["Cache-Control"] == "no-store"
    assert "X-Frame-Options" not in response
    assert not response.cookies
    options = config_of(response)["options"]
    assert (
        options["xAPIObjectIRI"]
        == f"http://testserver/h5p/activities/{multichoice.content_id}"
    )
    assert options["h5pJsonPath"].startswith("/h5p/files/")
    assert options["librariesPath"] == "/h5p/libraries"
    assert options["translations"]["H5P"]["fullscreen"] == "Toàn màn hình"
    assert "contentUserData" not in options


def test_the_player_never_answers_on_the_lms_host(learner, course, multichoice):
    token = launch_token(make_ticket(learner, course, multichoice))
    assert Client().get(f"/h5p/play/{token}/").status_code == 404
    assert (
        Client().get("/h5p/libraries/H5P.MultiChoice-1.16/library.json").status_code
        == 404
    )


def test_a_forged_link_gets_an_explanation_and_nothing_else():
    response = content_client().get("/h5p/play/forged/")
    assert response.status_code == 403
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert (
        content_client()
        .post("/h5p/play/forged/statements/", "[]", content_type="application/json")
        .status_code
        == 404
    )


def test_saved_state_is_handed_to_h5p_when_the_player_opens(
    learner, course, multichoice
):
    ticket = make_ticket(learner, course, multichoice)
    UserState.objects.create(
        user=learner,
        course=course,
        item_key=ticket.item_key,
        version=multichoice,
        sub_content_id="0",
        data_type="state",
        data='{"answers":[0]}',
    )
    response = content_client().get(f"/h5p/play/{launch_token(ticket)}/")
    assert config_of(response)["options"]["contentUserData"] == {
        "0": {"state": '{"answers":[0]}'}
    }


def test_h5p_saves_and_reads_state_in_its_own_form(learner, course, multichoice):
    token = launch_token(make_ticket(learner, course, multichoice))
    url = f"/h5p/play/{token}/state/0/state/"
    client = content_client()
    assert client.get(url).json() == {"success": True, "data": False}
    body = urlencode({"data": '{"progress":2}', "preload": 1, "invalidate": 1})
    response = client.post(
        url, body, content_type="application/x-www-form-urlencoded; charset=UTF-8"
    )
    assert response.json() == {"success": True}
    assert client.get(url).json() == {"success": True, "data": '{"progress":2}'}
    client.post(
        url, urlencode({"data": 0}), content_type="application/x-www-form-urlencoded"
    )
    assert not UserState.objects.exists()


def test_statements_arrive_by_fetch_and_by_beacon(learner, course, multichoice):
    token = launch_token(make_ticket(learner, course, multichoice))
    url = f"/h5p/play/{token}/statements/"
    client = content_client()
    sent = [statement(multichoice, "interacted", id=str(uuid.uuid4()))]
    response = client.post(url, json.dumps(sent), content_type="application/json")
    assert response.json() == {
        "success": True,
        "stored": 1,
        "duplicates": 0,
        "completed": False,
    }
    final = [statement(multichoice, raw=3, max_score=3, id=str(uuid.uuid4()))]
    response = client.post(
        url, json.dumps(final), content_type="text/plain;charset=UTF-8"
    )
    assert response.json()["completed"] is True
    assert Statement.objects.count() == 2


def test_a_refused_statement_says_why_in_the_learner_language(
    learner, course, multichoice
):
    token = launch_token(make_ticket(learner, course, multichoice))
    bad = statement(multichoice, raw=5, max_score=3)
    response = content_client().post(
        f"/h5p/play/{token}/statements/",
        json.dumps([bad]),
        content_type="application/json",
    )
    assert response.status_code == 403
    assert "ngoài" in response.json()["message"]  # "out of range", in Vietnamese
    assert not Statement.objects.exists()


def test_garbage_is_refused(learner, course, multichoice):
    token = launch_token(make_ticket(learner, course, multichoice))
    url = f"/h5p/play/{token}/statements/"
    assert (
        content_client().post(url, "{nope", content_type="application/json").status_code
        == 400
    )
    assert content_client().get(url).status_code == 405


def test_content_files_are_served_by_their_token_and_nothing_else(
    learner, course, multichoice
):
    token = views.files_token(multichoice, "http://testserver")
    client = content_client()
    response = client.get(f"/h5p/files/{token}/h5p.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "immutable" in response["Cache-Control"]
    assert client.get(f"/h5p/files/{token}/content/content.json").status_code == 200
    for path in [
        "../h5p.json",
        "content/../../x",
        "H5P.MultiChoice-1.16/library.json",
        "content/none.json",
    ]:
        assert client.get(f"/h5p/files/{token}/{path}").status_code == 404
    assert client.get("/h5p/files/forged/h5p.json").status_code == 404


def test_libraries_are_served_from_the_store_by_the_name_h5p_asks(multichoice):
    client = content_client()
    response = client.get("/h5p/libraries/H5P.MultiChoice-1.16/library.json")
    assert response.status_code == 200
    assert (
        json.loads(b"".join(response.streaming_content))["patchVersion"]
        == Library.objects.get(machine_name="H5P.MultiChoice").patch_version
    )
    assert response["Cache-Control"].startswith("public")
    script = client.get("/h5p/libraries/H5P.MultiChoice-1.16/js/multichoice.js")
    assert script["Content-Type"] == "text/javascript"
    for path in [
        "H5P.MultiChoice-9.9/library.json",
        "H5P.MultiChoice-1.16/../x",
        "bad name-1.0/x",
        "H5P.MultiChoice/library.json",
    ]:
        assert client.get(f"/h5p/libraries/{path}").status_code == 404
