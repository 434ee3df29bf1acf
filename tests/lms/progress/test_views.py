import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from lms.progress import api, watching
from tests.factories import UserFactory

from .conftest import video_item


@pytest.fixture
def item(course):
    api.sync_course_items(course=course, items=[video_item("v1")])
    return course


def old_token(user, course, monkeypatch):
    """A token for a page served an hour ago, so the clock allows the report."""
    hour_ago = (timezone.now() - datetime.timedelta(hours=1)).timestamp()
    monkeypatch.setattr(watching.time, "time", lambda: hour_ago)
    token = api.report_token(user=user, course_id=course.pk, item_key="v1")
    monkeypatch.undo()
    return token


def post(client, body, content_type="application/json"):
    return client.post(
        reverse("progress:watch_report"), body, content_type=content_type
    )


def test_a_beacon_report_in_text_plain_is_accepted_without_a_csrf_token(
    item, learner, monkeypatch
):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    body = {"token": old_token(learner, item, monkeypatch), "segments": [[0, 50]]}
    response = post(client, json.dumps(body), content_type="text/plain;charset=UTF-8")
    assert response.status_code == 200, response.content
    assert response.json() == {"ok": True, "watched_share": 0.5, "completed": False}


def test_a_report_with_another_learners_token_is_refused(
    item, learner, client, monkeypatch
):
    other = UserFactory(username="khac")
    api.enrol(user=other, course=item)
    client.force_login(other)
    body = {"token": old_token(learner, item, monkeypatch), "segments": [[0, 50]]}
    response = post(client, json.dumps(body))
    assert response.status_code == 403
    assert api.watched_share(user=learner, course_id=item.pk, item_key="v1") == 0


def test_an_anonymous_or_garbled_report_is_refused(item, learner, client, monkeypatch):
    body = {"token": old_token(learner, item, monkeypatch), "segments": [[0, 50]]}
    assert post(client, json.dumps(body)).status_code == 403
    client.force_login(learner)
    assert post(client, "{not json").status_code == 400
    assert (
        post(client, json.dumps({"token": "forged", "segments": []})).status_code == 400
    )
