"""Reminding enrolled learners of a session shortly before it starts.

A reminder goes through lms.notifications (email today, any channel added
later), once per learner and session start: the key carries the start, so
a rescheduled session is reminded again and a repeat sends nothing. The
background task (tasks.send_session_reminders_task, enqueued when a session
is saved) and ``manage.py send_session_reminders`` (cron) both call
``send_due_reminders``; either may run any number of times."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lms.notifications.api import notify
from lms.notifications.data import Message

from . import conf
from .data import ClassStatus, MemberStatus
from .messages import absolute
from .models import Session

KIND = "session_reminder"


def due_sessions(*, now=None):
    """Sessions of published classes starting after ``now`` and at most
    HOCVIEN_TRAINING_REMINDER_HOURS after it, soonest first."""
    now = timezone.localtime(now or timezone.now())
    until = now + datetime.timedelta(hours=conf.get("HOCVIEN_TRAINING_REMINDER_HOURS"))
    return (
        Session.objects.filter(training_class__status=ClassStatus.PUBLISHED)
        .filter(_after(now), _not_after(timezone.localtime(until)))
        .select_related("training_class", "instructor")
        .order_by("date", "start_time", "pk")
    )


def _after(moment) -> Q:
    # A session's start is a local date and time in two columns.
    return Q(date__gt=moment.date()) | Q(
        date=moment.date(), start_time__gt=moment.time()
    )


def _not_after(moment) -> Q:
    return Q(date__lt=moment.date()) | Q(
        date=moment.date(), start_time__lte=moment.time()
    )


def reminder_key(session) -> str:
    return f"session-reminder:{session.pk}:{session.starts_at:%Y%m%d%H%M}"


def remind(*, session) -> int:
    """Queue a reminder of ``session`` for each learner enrolled in its class
    (not those waiting, withdrawn or refused), written in the site's
    language. Returns how many notifications were new: 0 when everyone was
    already reminded of the session at this start."""
    enrolled = session.training_class.members.filter(status=MemberStatus.ENROLLED)
    learners = get_user_model().objects.filter(pk__in=enrolled.values("user_id"))
    return notify(
        users=learners, message=message(session), key=reminder_key(session), kind=KIND
    )


def message(session) -> Message:
    training_class = session.training_class
    with translation.override(settings.LANGUAGE_CODE):
        when = f"{session.start_time:%H:%M} {session.date:%d/%m/%Y}"
        subject = _("Session reminder: %(topic)s, %(when)s") % {
            "topic": session.title,
            "when": when,
        }
        body = "\n".join(_body_lines(session))
    url = absolute(reverse("training:class_detail", args=[training_class.code]))
    return Message(subject=subject, body=body, url=url)


def _body_lines(session):
    yield _("Class: %(class)s") % {"class": session.training_class.title}
    yield _("Topic: %(topic)s (%(kind)s)") % {
        "topic": session.title,
        "kind": session.get_kind_display(),
    }
    yield _("When: %(start)s–%(end)s, %(date)s") % {
        "start": f"{session.start_time:%H:%M}",
        "end": f"{session.end_time:%H:%M}",
        "date": f"{session.date:%d/%m/%Y}",
    }
    if session.place:
        yield _("Venue: %(venue)s") % {"venue": session.place}
    if session.meeting_url:
        yield _("Online meeting link: %(url)s") % {"url": session.meeting_url}
    if session.instructor:
        yield _("Instructor: %(name)s") % {"name": session.instructor}


def send_due_reminders(*, now=None) -> int:
    """Remind the learners of every session due (see ``due_sessions``);
    how many notifications were new."""
    return sum(remind(session=session) for session in due_sessions(now=now))
