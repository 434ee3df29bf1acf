"""Checking that the configured job backend has a live worker."""

import secrets
import time
from dataclasses import dataclass

from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, TaskResultStatus, task_backends

from .tasks import ping_task


@dataclass(frozen=True)
class JobCheck:
    backend: str
    ok: bool
    seconds: float


def check_worker(*, timeout: float = 30.0, queue_name: str = "default") -> JobCheck:
    """Enqueue a ping and wait for a worker to run it, up to ``timeout`` seconds."""
    nonce = secrets.token_hex(8)
    started = time.monotonic()
    result = ping_task.using(queue_name=queue_name).enqueue(nonce)
    while result.status != TaskResultStatus.SUCCESSFUL:
        if time.monotonic() - started > timeout:
            break
        time.sleep(0.2)
        result.refresh()
    ok = result.status == TaskResultStatus.SUCCESSFUL and result.return_value == nonce
    backend = type(task_backends[DEFAULT_TASK_BACKEND_ALIAS]).__name__
    return JobCheck(backend=backend, ok=ok, seconds=time.monotonic() - started)
