"""Jobs run through real queues: the embedded database queue and Redis (RQ)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import redis
from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import override_settings
from django_tasks import TaskResultStatus

from lms.site.tasks import ping_task
from tests.queues import run_db_worker

REPO = Path(__file__).resolve().parents[3]


def tasks_setting(backend):
    return {"default": {"BACKEND": backend, "QUEUES": ["default", "video"]}}


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=tasks_setting("django_tasks_db.DatabaseBackend"))
def test_a_job_waits_in_the_database_until_the_db_worker_runs_it():
    result = ping_task.enqueue("xin-chao")
    assert result.status == TaskResultStatus.READY
    run_db_worker()
    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == "xin-chao"


@pytest.fixture
def rq_backend(settings):
    connection = redis.Redis.from_url(settings.REDIS_URL)
    connection.flushdb()
    settings.TASKS = tasks_setting("django_tasks_rq.RQBackend")
    yield connection
    connection.flushdb()


@pytest.mark.redis
def test_a_job_goes_through_redis_to_an_rq_worker_process(rq_backend):
    """The worker is a separate process started the way production starts it."""
    result = ping_task.enqueue("chao-rq")
    assert rq_backend.llen("rq:queue:default") == 1
    env = {
        **os.environ,
        "HOCVIEN_TASKS_BACKEND": "rq",
        "REDIS_URL": django_settings.REDIS_URL,
        "DJANGO_SETTINGS_MODULE": "lms.site.settings.demo",
    }
    completed = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "rqworker",
            "default",
            "--burst",
            "--job-class",
            "django_tasks_rq.Job",
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == "chao-rq"


def test_check_jobs_reports_a_working_queue(db, capsys):
    call_command("check_jobs", timeout=5)
    assert "ImmediateBackend: worker answered" in capsys.readouterr().out
