"""A learner's transcript of learning hours per calendar year: the courses
completed that year (by the local date of completion), the hours each
credits, the year's total and, when the academy sets one
(``HOCVIEN_ANNUAL_TRAINING_HOURS``), the annual training target. Cadres have
annual training duties; this is what they show for them. A course certified
without a completion recorded here (a class staff issued in one batch)
counts on its certificate's completion date.

A course credits the hours of the learner's issued certificate (what it
certifies, as issued); without one, the hours the course declares; nothing
when its certificate was revoked. A constant number of queries whatever
the number of courses.

The PDF (A4 portrait) is rendered on request with the certificates'
WeasyPrint set-up, always in Vietnamese like them: it is a paper for the
learner's unit."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import Page

from lms.org import api as org
from lms.progress import api as progress

from .conf import app_settings
from .data import CertificateStatus
from .hours import hours_label, hours_text
from .models import Certificate
from .rendering import dmy, html_to_pdf, nfc

# Years a transcript may be asked for (a URL may hold any number).
FIRST_YEAR, LAST_YEAR = 1900, 9999


@dataclass(frozen=True)
class TranscriptRow:
    course_id: int
    title: str
    completed_on: datetime.date
    hours: Decimal  # credited: 0 when the certificate was revoked
    certificate: Certificate | None = None  # the learner's issued certificate
    revoked: bool = False  # their certificate was revoked, none replaced it

    @property
    def hours_label(self) -> str:
        return hours_label(self.hours)


@dataclass(frozen=True)
class Transcript:
    year: int
    rows: tuple[TranscriptRow, ...]
    years: tuple[int, ...]  # to choose from, newest first
    target: Decimal | None  # the annual training hours; None: no target

    @property
    def total(self) -> Decimal:
        return sum((row.hours for row in self.rows), Decimal(0))

    @property
    def total_label(self) -> str:
        return hours_label(self.total)

    @property
    def target_label(self) -> str:
        """ "32/40 giờ"."""
        return _("%(done)s/%(target)s hours") % {
            "done": hours_text(self.total) or "0",
            "target": hours_text(self.target) or "0",
        }

    @property
    def target_met(self) -> bool:
        return self.target is not None and self.total >= self.target


def is_valid_year(year: int) -> bool:
    return FIRST_YEAR <= year <= LAST_YEAR


@dataclass(frozen=True)
class _Completion:
    course_id: int
    title: str
    completed_on: datetime.date


def completions(user, certificates) -> list[_Completion]:
    """The courses ``user`` completed, oldest first: those lms.progress
    recorded (by the local date of completion) and those certified without
    a completion here, e.g. a class staff issued in one batch (by the
    certificate's completion date). ``certificates``: ``_certificates``."""
    found = {
        course.course_id: _Completion(
            course.course_id, course.title, timezone.localdate(course.completed_at)
        )
        for course in progress.completed_courses(user=user)
    }
    for course_id, certificate in certificates.items():
        if certificate.status == CertificateStatus.ISSUED and course_id not in found:
            day = certificate.completed_on or certificate.issued_on
            found[course_id] = _Completion(course_id, certificate.course_title, day)
    return sorted(found.values(), key=lambda c: (c.completed_on, c.course_id))


def transcript_for(*, user, year: int) -> Transcript:
    """The logged-in ``user``'s transcript of ``year``, its courses in the
    order they were completed. The years to choose from are those the
    learner completed a course in, the current year and ``year``."""
    certificates = _certificates(user)
    completed = completions(user, certificates)
    in_year = [c for c in completed if c.completed_on.year == year]
    years = {course.completed_on.year for course in completed}
    years |= {timezone.localdate().year, year}
    return Transcript(
        year=year,
        rows=tuple(_rows(in_year, certificates)),
        years=tuple(sorted(years, reverse=True)),
        target=app_settings.ANNUAL_TRAINING_HOURS,
    )


def _rows(courses, certificates) -> list[TranscriptRow]:
    if not courses:
        return []
    undecided = [
        course.course_id
        for course in courses
        if _status(certificates.get(course.course_id)) is None
    ]
    declared = _declared_hours(undecided)
    return [
        _row(course, certificates.get(course.course_id), declared) for course in courses
    ]


def _status(certificate) -> str | None:
    """ISSUED or REVOKED; None when the certificate does not decide the hours
    (there is none, or it awaits approval)."""
    if certificate is None or certificate.status == CertificateStatus.PENDING:
        return None
    return certificate.status


def _row(course, certificate, declared) -> TranscriptRow:
    status = _status(certificate)
    if status == CertificateStatus.ISSUED:
        hours = certificate.learning_hours
    elif status == CertificateStatus.REVOKED:
        hours = Decimal(0)
    else:
        hours = declared.get(course.course_id, Decimal(0))
    return TranscriptRow(
        course_id=course.course_id,
        title=course.title,
        completed_on=course.completed_on,
        hours=hours,
        certificate=certificate if status == CertificateStatus.ISSUED else None,
        revoked=status == CertificateStatus.REVOKED,
    )


def _certificates(user) -> dict[int, Certificate]:
    """The learner's certificate of each course (one query): the live one
    (issued or awaiting approval; there is at most one) over any revoked
    one."""
    found: dict[int, Certificate] = {}
    rows = Certificate.objects.filter(user=user)
    for certificate in rows.order_by("pk"):
        kept = found.get(certificate.course_id)
        if kept is None or kept.status == CertificateStatus.REVOKED:
            found[certificate.course_id] = certificate
    return found


def _declared_hours(course_ids) -> dict[int, Decimal]:
    """The learning hours each course page declares, read through the page's
    specific class as issuing does (this app may not import the courses
    app); one query, plus one per page type."""
    if not course_ids:
        return {}
    pages = Page.objects.filter(pk__in=course_ids).specific()
    return {page.pk: Decimal(getattr(page, "learning_hours", 0) or 0) for page in pages}


# ------------------------------------------------------------------ the PDF


def render_pdf(*, user, year: int) -> bytes:
    """The logged-in ``user``'s transcript of ``year`` as PDF bytes."""
    with translation.override(settings.LANGUAGE_CODE):
        context = document_context(transcript_for(user=user, year=year), user)
        html = render_to_string("certificates/pdf/transcript.html", context)
    return html_to_pdf(html)


def document_context(transcript: Transcript, user) -> dict:
    """Plain, NFC-normalised strings: the PDF's text is what a search or a
    copy expects."""
    person = org.person_for_user(user)
    return {
        "full_name": nfc(person.full_name if person else user.get_full_name()),
        "birth_date": dmy(person.date_of_birth) if person else "",
        "unit_name": nfc(person.unit) if person else "",
        "year": transcript.year,
        "rows": [_document_row(row) for row in transcript.rows],
        "total": hours_text(transcript.total) or "0",
        "target": transcript.target_label if transcript.target is not None else "",
        "printed_on": dmy(timezone.localdate()),
        "verify_url": _absolute(reverse("certificates:verify_form")),
    }


def _document_row(row: TranscriptRow) -> dict:
    return {
        "title": nfc(row.title),
        "completed_on": dmy(row.completed_on),
        "hours": hours_text(row.hours) or "0",
        "number": nfc(row.certificate.number) if row.certificate else "",
        "revoked": row.revoked,
    }


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
