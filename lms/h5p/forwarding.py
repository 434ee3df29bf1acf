"""Forwarding statements to an external LRS (xAPI 1.0.3, basic auth),
configured by HOCVIEN_H5P_LRS.

Statements are stored here first and forwarded by a background task
(tasks.forward_statements_task) in batches, oldest first, each under a row
lock so that two workers never send the same batch. A failed request marks
the batch with the error and a later time to try again (backing off), and
the task is enqueued again for that time: a down LRS never loses a
statement nor slows a learner's request. ``manage.py forward_h5p_statements``
sends what is due by hand (or from cron)."""

import base64
import datetime
import json
import logging
import urllib.error
import urllib.request
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from . import conf
from .models import Statement

logger = logging.getLogger(__name__)
SCHEDULED_KEY = "lms.h5p.forwarding.scheduled"
XAPI_VERSION = "1.0.3"


@dataclass
class ForwardReport:
    sent: int = 0
    failed: int = 0
    error: str = ""
    retry_at: datetime.datetime | None = None


def lrs() -> dict | None:
    settings = conf.get("HOCVIEN_H5P_LRS")
    return settings if settings and settings.get("endpoint") else None


def schedule(run_after: datetime.datetime | None = None) -> None:
    """Enqueue forwarding once the current transaction commits (at most
    every few seconds per process: one task sends everything due)."""
    if lrs() is None:
        return
    if run_after is None and not cache.add(SCHEDULED_KEY, True, timeout=5):
        return

    def enqueue():
        from .tasks import forward_statements_task

        task = forward_statements_task
        if run_after is not None:
            task = task.using(run_after=run_after)
        task.enqueue()

    transaction.on_commit(enqueue)


def _due(now):
    return Statement.objects.filter(forwarded_at__isnull=True).filter(
        Q(forward_after__isnull=True) | Q(forward_after__lte=now)
    )


def forward_due(now=None) -> ForwardReport:
    """Send every statement due, batch by batch; stop at the first failure."""
    settings, report = lrs(), ForwardReport()
    if settings is None:
        return report
    batch_size = conf.get("HOCVIEN_H5P_LRS_BATCH")
    while True:
        now = now or timezone.now()
        with transaction.atomic():
            batch = list(
                _due(now)
                .select_for_update(skip_locked=True)
                .order_by("stored")[:batch_size]
            )
            if not batch:
                break
            error = send(settings, batch)
            if error:
                report.failed += len(batch)
                report.error = error
                report.retry_at = _mark_failed(batch, error, now)
                break
            Statement.objects.filter(pk__in=[s.pk for s in batch]).update(
                forwarded_at=now, forward_error=""
            )
            report.sent += len(batch)
        now = None
    if report.retry_at:
        schedule(run_after=report.retry_at)
    return report


def _mark_failed(batch, error: str, now) -> datetime.datetime:
    first, most = conf.get("HOCVIEN_H5P_LRS_RETRY")
    attempts = max(s.forward_attempts for s in batch) + 1
    delay = min(first * 2 ** (attempts - 1), most)
    retry_at = now + datetime.timedelta(seconds=delay)
    for statement in batch:
        statement.forward_attempts += 1
        statement.forward_error = error[:1000]
        statement.forward_after = retry_at
    Statement.objects.bulk_update(
        batch, ["forward_attempts", "forward_error", "forward_after"]
    )
    logger.warning("LRS refused %s statements: %s", len(batch), error)
    return retry_at


def as_xapi(statement: Statement) -> dict:
    """The statement as the LRS receives it: what H5P said, with our id,
    actor and time (the browser's actor is never passed on)."""
    data = {
        key: value
        for key, value in statement.raw.items()
        if key not in {"id", "actor", "timestamp", "stored", "authority", "version"}
    }
    data["id"] = str(statement.id)
    data["actor"] = statement.actor
    data["timestamp"] = statement.timestamp.isoformat()
    return data


def send(settings: dict, batch) -> str:
    """POST the batch to the LRS's statements resource; "" on success, else
    what went wrong."""
    url = settings["endpoint"].rstrip("/") + "/statements"
    body = json.dumps([as_xapi(statement) for statement in batch]).encode()
    credentials = f"{settings.get('username', '')}:{settings.get('password', '')}"
    request = urllib.request.Request(  # noqa: S310 - an https URL from settings
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "X-Experience-API-Version": XAPI_VERSION,
            "Authorization": "Basic " + base64.b64encode(credentials.encode()).decode(),
        },
    )
    timeout = conf.get("HOCVIEN_H5P_LRS_TIMEOUT")
    try:
        with urllib.request.urlopen(request, timeout=timeout):  # noqa: S310
            return ""
    except urllib.error.HTTPError as error:
        if error.code == 409:  # it has them already (xAPI: ids are kept once)
            return ""
        return f"HTTP {error.code}: {error.read(500).decode('utf-8', 'replace')}"
    except (urllib.error.URLError, OSError, ValueError) as error:
        return str(getattr(error, "reason", error))
