"""Forwarding statements to an external LRS: a real HTTP server standing in
for the LRS, and the real database queue."""

import base64
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from lms.h5p import api, forwarding
from lms.h5p.models import Statement
from tests.queues import run_db_worker

from .conftest import make_ticket, statement


class StubLRS:
    """An LRS on a local port that records what it receives and answers
    with ``status`` (a list: one answer per request, the last repeated)."""

    def __init__(self, statuses=(200,)):
        self.statuses = list(statuses)
        self.received = []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                stub.received.append((self.path, self.headers, json.loads(body)))
                status = (
                    stub.statuses.pop(0) if len(stub.statuses) > 1 else stub.statuses[0]
                )
                self.send_response(status)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"[]")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def endpoint(self):
        return f"http://127.0.0.1:{self.server.server_port}/xapi/"

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def lrs(settings):
    stub = StubLRS()
    settings.HOCVIEN_H5P_LRS = {
        "endpoint": stub.endpoint,
        "username": "hocvien",
        "password": "bí-mật",
    }
    yield stub
    stub.close()


def record(learner, course, version, count=1):
    ticket = make_ticket(learner, course, version)
    api.record_statements(
        ticket, [statement(version, "interacted") for _ in range(count)]
    )


@pytest.mark.django_db
def test_statements_go_to_the_lrs_with_our_actor_and_basic_auth(
    lrs, learner, course, multichoice
):
    record(learner, course, multichoice, count=3)
    report = forwarding.forward_due()
    assert (report.sent, report.failed) == (3, 0)
    path, headers, body = lrs.received[0]
    assert path == "/xapi/statements"
    assert headers["X-Experience-API-Version"] == "1.0.3"
    assert (
        base64.b64decode(headers["Authorization"].split()[1]).decode()
        == "hocvien:bí-mật"
    )
    assert {s["id"] for s in body} == {
        str(pk) for pk in Statement.objects.values_list("pk", flat=True)
    }
    assert all(s["actor"]["account"]["name"] == str(learner.pk) for s in body)
    assert not Statement.objects.filter(forwarded_at__isnull=True).exists()
    assert forwarding.forward_due().sent == 0  # nothing twice


@pytest.mark.django_db
def test_a_down_lrs_keeps_every_statement_and_backs_off(
    settings, learner, course, multichoice
):
    settings.HOCVIEN_H5P_LRS = {
        "endpoint": "http://127.0.0.1:9/xapi/"
    }  # nothing listens
    record(learner, course, multichoice, count=2)
    report = forwarding.forward_due()
    assert report.failed == 2 and report.error
    first = Statement.objects.first()
    assert first.forwarded_at is None and first.forward_attempts == 1
    assert first.forward_after > timezone.now()
    assert forwarding.forward_due().failed == 0  # not due yet
    Statement.objects.update(forward_after=timezone.now())
    forwarding.forward_due()
    first.refresh_from_db()
    assert first.forward_attempts == 2
    delay = (first.forward_after - timezone.now()).total_seconds()
    assert 50 < delay <= 60  # 30 s, then 60 s


@pytest.mark.django_db
def test_a_failing_lrs_then_a_working_one(lrs, learner, course, multichoice):
    lrs.statuses = [503, 200]
    record(learner, course, multichoice)
    assert forwarding.forward_due().failed == 1
    Statement.objects.update(forward_after=timezone.now())
    assert forwarding.forward_due().sent == 1
    assert Statement.objects.get().forward_error == ""


@pytest.mark.django_db
def test_an_lrs_that_has_them_already_counts_as_sent(lrs, learner, course, multichoice):
    lrs.statuses = [409]
    record(learner, course, multichoice)
    assert forwarding.forward_due().sent == 1


@pytest.mark.django_db
def test_without_an_lrs_nothing_is_sent_or_scheduled(learner, course, multichoice):
    record(learner, course, multichoice)
    assert forwarding.forward_due().sent == 0
    assert Statement.objects.get().forwarded_at is None


@pytest.mark.django_db(transaction=True)
@override_settings(
    TASKS={
        "default": {
            "BACKEND": "django_tasks_db.DatabaseBackend",
            "QUEUES": ["default", "video"],
        }
    }
)
def test_recording_enqueues_forwarding_that_the_db_worker_runs(
    lrs, learner, course, multichoice
):
    from django.core.cache import cache

    cache.delete(forwarding.SCHEDULED_KEY)
    record(learner, course, multichoice, count=2)
    assert DBTaskResult.objects.count() == 1
    run_db_worker()
    assert len(lrs.received) == 1
    assert not Statement.objects.filter(forwarded_at__isnull=True).exists()


@pytest.mark.django_db(transaction=True)
@override_settings(
    TASKS={
        "default": {
            "BACKEND": "django_tasks_db.DatabaseBackend",
            "QUEUES": ["default", "video"],
        }
    }
)
def test_a_failed_forwarding_enqueues_itself_for_later(
    settings, learner, course, multichoice
):
    from django.core.cache import cache

    cache.delete(forwarding.SCHEDULED_KEY)
    settings.HOCVIEN_H5P_LRS = {"endpoint": "http://127.0.0.1:9/xapi/"}
    record(learner, course, multichoice)
    run_db_worker()
    waiting = DBTaskResult.objects.filter(status="READY")
    assert waiting.count() == 1
    assert waiting.get().run_after > timezone.now()
    assert Statement.objects.get().forward_attempts == 1
