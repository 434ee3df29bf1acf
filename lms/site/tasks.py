from django_tasks import task


@task()
def ping_task(nonce: str) -> str:
    """Return ``nonce``: proof that a worker is taking jobs from the queue."""
    return nonce
