"""Sending messages to people: other apps call ``notify`` and nothing else.

A notification is a row per user, key and channel (one channel per backend
in HOCVIEN_NOTIFICATION_BACKENDS), queued in bulk and delivered by a
background task (tasks.deliver_notifications_task) once the caller's
transaction commits. ``manage.py send_notifications`` delivers whatever a
lost task left behind."""

import logging
from collections import Counter

from django.db import connections, router, transaction
from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext as _

from . import backends, conf
from .backends import DeliveryFailed
from .data import DeliveryReport, Message, Status
from .models import Notification

__all__ = ["DeliveryReport", "Message", "Status", "deliver_pending", "notify"]

logger = logging.getLogger(__name__)
# Users queued per round of queries, and notifications per delivery task.
BATCH = 500


def notify(*, users, message: Message, key: str, kind: str = "") -> int:
    """Queue ``message`` for each of ``users`` (a queryset or an iterable of
    users) on every configured channel, once per user, ``key`` and channel:
    a second call with the same key queues nothing more, so a reminder job
    may run twice. ``kind`` is a short word to filter by in the admin, e.g.
    "session_reminder".

    Takes a fixed number of queries per 500 users (SQLite, which allows
    999 parameters a query, also splits the insert every 83 rows). Delivery
    is enqueued when the current transaction commits (nothing is sent if it
    rolls back). Returns how many notifications were new. Raises ValueError
    when ``key`` is empty or ``key``, ``kind`` or the url is longer than its
    field."""
    _check(message, key=key, kind=kind)
    channels = list(backends.configured())
    user_ids = _user_ids(users)
    queued = 0
    for start in range(0, len(user_ids) if channels else 0, BATCH):
        batch = user_ids[start : start + BATCH]
        queued += _queue(batch, channels, message=message, key=key, kind=kind)
    return queued


def deliver_pending(*, ids=None, limit=500, retry_failed=False) -> DeliveryReport:
    """Send the notifications waiting, oldest first: only those in ``ids``
    if given, at most ``limit`` of them (None: all). With ``retry_failed``,
    failed ones are tried again too, up to HOCVIEN_NOTIFICATION_MAX_ATTEMPTS
    attempts in all.

    Each notification is claimed before it is sent, so two workers running
    at once never send one twice; one a worker already holds is left to it
    and not counted. A send that fails is recorded on the notification
    (status failed, the reason, one more attempt), never raised."""
    channels = backends.configured()
    waiting = _deliverable(retry_failed)
    if ids is not None:
        waiting = waiting.filter(pk__in=ids)
    pks = waiting.order_by("created_at", "pk").values_list("pk", flat=True)
    outcomes = Counter(
        _deliver_one(_deliverable(retry_failed).filter(pk=pk), channels)
        for pk in list(pks[:limit])
    )
    return DeliveryReport(
        sent=outcomes[Status.SENT],
        failed=outcomes[Status.FAILED],
        skipped=outcomes[Status.SKIPPED],
    )


def _check(message: Message, *, key: str, kind: str) -> None:
    if not key:
        raise ValueError(_("A notification needs a key."))
    for name, value in (("key", key), ("kind", kind), ("url", message.url)):
        field = Notification._meta.get_field(name)
        if len(value) > field.max_length:
            raise ValueError(
                _("A notification's %(field)s may have at most %(most)d characters.")
                % {"field": field.verbose_name, "most": field.max_length}
            )


def _user_ids(users) -> list:
    if isinstance(users, QuerySet):
        ids = users.values_list("pk", flat=True)
    else:
        ids = (user.pk for user in users)
    return list(dict.fromkeys(ids))  # once each, in order


def _queue(user_ids, channels, *, message: Message, key: str, kind: str) -> int:
    mine = Notification.objects.filter(key=key, user_id__in=user_ids)
    existing = set(mine.values_list("user_id", "channel"))
    rows = [
        Notification(
            user_id=user_id,
            key=key,
            kind=kind,
            channel=channel,
            subject=str(message.subject),
            body=str(message.body),
            url=str(message.url),
        )
        for user_id in user_ids
        for channel in channels
        if (user_id, channel) not in existing
    ]
    if not rows:
        return 0
    # A concurrent call with the same key may have inserted some meanwhile:
    # the constraint keeps one row, and the claim in delivery sends it once.
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    pending = mine.filter(status=Status.PENDING).values_list("pk", flat=True)
    _schedule(list(pending))
    return len(rows)


def _schedule(ids: list[int]) -> None:
    def enqueue():
        from .tasks import deliver_notifications_task

        deliver_notifications_task.enqueue(ids)

    if ids:
        transaction.on_commit(enqueue)


def _deliverable(retry_failed: bool) -> QuerySet:
    due = Q(status=Status.PENDING)
    if retry_failed:
        most = conf.get("HOCVIEN_NOTIFICATION_MAX_ATTEMPTS")
        due |= Q(status=Status.FAILED, attempts__lt=most)
    return Notification.objects.filter(due)


def _deliver_one(claimable: QuerySet, channels) -> str | None:
    """Claim, send and record one notification in one transaction; its new
    status, or None when there was nothing to claim."""
    with transaction.atomic():
        notification = _claim(claimable)
        if notification is None:
            return None
        _send(notification, channels.get(notification.channel))
        notification.save(update_fields=["status", "attempts", "error", "sent_at"])
        return notification.status


def _claim(claimable: QuerySet) -> Notification | None:
    features = connections[router.db_for_write(Notification)].features
    if features.has_select_for_update_skip_locked:
        return claimable.select_for_update(skip_locked=True).first()
    # No row locks (SQLite): the first write of a transaction takes the
    # database's write lock, so a second worker's update waits for this
    # transaction and then no longer matches the row.
    if not claimable.update(status=F("status")):
        return None
    return claimable.first()


def _send(notification: Notification, backend) -> None:
    if backend is None:
        notification.mark_failed(
            _("No notification backend is configured for the channel “%(channel)s”.")
            % {"channel": notification.channel}
        )
        return
    address = backend.address_of(notification.user)
    if not address:
        notification.mark_skipped()
        return
    try:
        backend.send(notification, address)
    except DeliveryFailed as failure:
        logger.warning("Notification %s not sent: %s", notification.pk, failure)
        notification.mark_failed(failure.reason)
    except Exception as error:  # a faulty backend must not stop the others
        logger.exception("Notification backend %r crashed", backend)
        notification.mark_failed(f"{error.__class__.__name__}: {error}")
    else:
        notification.mark_sent()
