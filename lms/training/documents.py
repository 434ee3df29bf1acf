"""Printed documents of a class, as PDF (WeasyPrint): the schedule and the
sign-in sheet of a session.

They are HTML templates (``training/documents/``) on A4, set in the Noto
fonts of the system (Debian fonts-noto-core), in the active language."""

import itertools
from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import number_format

from lms.org import api as org

from .data import MemberStatus


def learners_of(training_class) -> list:
    """The enrolled members of the class as people (full_name, unit, title,
    local_phone, date_of_birth, user_id), in Vietnamese name order; an
    account without a person record comes last, under its account name."""
    members = training_class.members.filter(status=MemberStatus.ENROLLED)
    ids = set(members.values_list("user_id", flat=True))
    people = list(org.people_for_users(ids))
    missing = ids - {person.user_id for person in people}
    accounts = get_user_model().objects.filter(pk__in=missing).order_by("pk")
    return people + [_account_row(user) for user in accounts]


def _account_row(user):
    return SimpleNamespace(
        user_id=user.pk,
        full_name=user.get_full_name() or user.get_username(),
        unit=None,
        title=None,
        local_phone="",
        date_of_birth=None,
    )


def _pdf(template: str, context: dict) -> bytes:
    # Imported here: loading WeasyPrint is slow and logs CSS-parsing noise,
    # which every process would pay for at start-up otherwise.
    from weasyprint import HTML

    context = {**context, "printed_on": timezone.localdate()}
    return HTML(string=render_to_string(template, context)).write_pdf()


def _sessions_by_day(training_class):
    sessions = training_class.sessions.select_related("instructor").order_by(
        "date", "start_time", "pk"
    )
    return [
        (day, list(group))
        for day, group in itertools.groupby(sessions, key=lambda s: s.date)
    ]


def schedule_pdf(*, training_class) -> bytes:
    """The class's schedule ("Lịch học"), portrait A4: the class, its course,
    dates and venue, then its sessions day by day."""
    return _pdf(
        "training/documents/schedule.html",
        {
            "training_class": training_class,
            "organiser": training_class.organiser,
            "days": _sessions_by_day(training_class),
        },
    )


def sign_in_sheet_pdf(*, session) -> bytes:
    """The sign-in sheet ("Danh sách ký tên") of one session, portrait A4:
    one row per enrolled learner, in name order, with room to sign; the
    table header is repeated on every page."""
    training_class = session.training_class
    learners = learners_of(training_class)
    return _pdf(
        "training/documents/sign_in_sheet.html",
        {
            "session": session,
            "training_class": training_class,
            "organiser": training_class.organiser,
            "learners": learners,
            "total": number_format(len(learners), force_grouping=True),
        },
    )
