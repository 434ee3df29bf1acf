"""The player and package files on the content origin: isolation headers,
host separation, tokens."""

import re

import pytest
from django.core import signing
from django.test import Client

from lms.scorm import views
from lms.scorm.launch import CompletionRule, LaunchTicket, launch_token

from .packages import import_fixture

pytestmark = pytest.mark.django_db
CONTENT = "content.testserver"


@pytest.fixture
def version():
    return import_fixture("RuntimeBasicCalls_SCORM12.zip")


def ticket_for(version, user_id=1, **changes):
    fields = {
        "user_id": user_id,
        "course_id": 1,
        "item_key": "lesson1:abc",
        "package_id": version.package_id,
        "rule": CompletionRule(),
        "frame_origin": "http://testserver",
        "language": "vi",
    }
    fields.update(changes)
    return LaunchTicket(**fields)


def files_token(version):
    scope = [version.storage_prefix, "http://testserver"]
    return signing.dumps(scope, salt=views.FILES_SALT)


def test_the_player_answers_on_the_content_host_with_a_policy_framing_it_from_the_lms(
    version,
):
    token = launch_token(ticket_for(version))
    response = Client().get(f"/scorm/play/{token}/", HTTP_HOST=CONTENT)
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "frame-ancestors http://testserver" in policy
    assert "connect-src 'self'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "no-referrer"
    assert "X-Frame-Options" not in response
    assert "Mục lục" in response.content.decode()


def test_the_player_never_answers_on_the_lms_host(version):
    token = launch_token(ticket_for(version))
    assert Client().get(f"/scorm/play/{token}/").status_code == 404


def test_lms_pages_do_not_answer_on_the_content_host():
    client = Client()
    assert client.get("/admin/login/", HTTP_HOST=CONTENT).status_code == 404
    assert client.get("/", HTTP_HOST=CONTENT).status_code == 404


def test_a_forged_or_expired_launch_link_shows_a_clear_message(version, settings):
    token = launch_token(ticket_for(version))
    forged = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    response = Client().get(f"/scorm/play/{forged}/", HTTP_HOST=CONTENT)
    assert response.status_code == 403
    assert "hết hạn" in response.content.decode()


def test_package_files_are_served_with_their_type_and_isolation_headers(version):
    url = f"/scorm/files/{files_token(version)}/shared/launchpage.html"
    response = Client().get(url, HTTP_HOST=CONTENT)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    # framed by the player, itself framed by the lesson page on the LMS host
    assert (
        "frame-ancestors 'self' http://testserver"
        in response["Content-Security-Policy"]
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "no-referrer"


def test_javascript_files_get_a_javascript_type(version):
    url = f"/scorm/files/{files_token(version)}/shared/scormfunctions.js"
    response = Client().get(url, HTTP_HOST=CONTENT)
    assert response["Content-Type"] == "text/javascript"


@pytest.mark.parametrize(
    "path", ["../imsmanifest.xml", "shared/../../x", "nothing-here.html", "shared//a"]
)
def test_paths_outside_the_package_or_missing_files_are_404(version, path):
    url = f"/scorm/files/{files_token(version)}/{path}"
    assert Client().get(url, HTTP_HOST=CONTENT).status_code == 404


def test_a_forged_files_token_is_404(version):
    token = signing.dumps("scorm/other", salt="something-else")
    url = f"/scorm/files/{token}/shared/launchpage.html"
    assert Client().get(url, HTTP_HOST=CONTENT).status_code == 404


def test_no_cookie_is_set_on_the_content_host(version):
    token = launch_token(ticket_for(version))
    response = Client().get(f"/scorm/play/{token}/", HTTP_HOST=CONTENT)
    assert not response.cookies


def test_the_player_page_is_light(version):
    token = launch_token(ticket_for(version))
    html = Client().get(f"/scorm/play/{token}/", HTTP_HOST=CONTENT).content
    assert len(html) < 4000
    # scorm-again is loaded later, only the build the package needs
    assert not re.search(rb"<script[^>]*scorm-again", html)
