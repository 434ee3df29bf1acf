"""Issuing certificates: on completion (or after approval), in batches,
re-issued with a new revision, revoked. What a certificate certifies is
copied from the learner's record and the course when it is made."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.org import api as org
from lms.org import names

from . import numbering, signing
from .claims import claims_of
from .data import CertificateStatus, EventKind
from .errors import CertificateError
from .models import Certificate, CertificateEvent, CourseCertificate
from .tasks import render_certificate_pdf_task as render_pdf_task
from .tasks import render_certificate_pdfs_task as render_pdfs_task


def live(queryset):
    return queryset.exclude(status=CertificateStatus.REVOKED)


def setting_for(course_id) -> CourseCertificate | None:
    return (
        CourseCertificate.objects.filter(course_id=course_id, is_active=True)
        .select_related("issuer", "course")
        .first()
    )


def _snapshot(user, course, setting, completed_on, person=None) -> Certificate:
    person = person or org.person_for_user(user)
    specific = course.specific
    return Certificate(
        issuer=setting.issuer,
        user=user,
        course=course,
        title=setting.title,
        full_name=person.full_name if person else user.get_full_name(),
        birth_date=person.date_of_birth if person else None,
        unit_name=str(person.unit) if person else "",
        course_title=course.title,
        learning_hours=getattr(specific, "learning_hours", 0) or 0,
        completed_on=completed_on,
    )


def request(*, user, course_id, completed_on=None, by=None) -> Certificate | None:
    """The learner met the course's policy: issue their certificate, or
    leave it awaiting approval when the course asks for one. Idempotent:
    a learner with a live certificate gets it back. None when the course
    gives no certificate."""
    setting = setting_for(course_id)
    if setting is None:
        return None
    existing = live(Certificate.objects.filter(user=user, course_id=course_id)).first()
    if existing is not None:
        return existing
    certificate = _snapshot(
        user, setting.course, setting, completed_on or timezone.localdate()
    )
    try:
        with transaction.atomic():
            certificate.status = CertificateStatus.PENDING
            certificate.save()
            _event(certificate, EventKind.REQUESTED, by)
            if not setting.requires_approval:
                _issue([certificate], setting, by)
    except IntegrityError:  # a concurrent request made it first
        return live(Certificate.objects.filter(user=user, course_id=course_id)).first()
    return certificate


def approve(*, certificates, by) -> int:
    """Issue certificates awaiting approval (a batch takes consecutive
    numbers); returns how many were issued."""
    issued = 0
    with transaction.atomic():
        pending = list(
            Certificate.objects.select_for_update()
            .filter(
                pk__in=[c.pk for c in certificates], status=CertificateStatus.PENDING
            )
            .order_by("pk")
        )
        pending.sort(key=in_name_order)
        by_course = {}
        for certificate in pending:
            by_course.setdefault(certificate.course_id, []).append(certificate)
        for course_id, batch in by_course.items():
            _issue(batch, setting_for(course_id), by)
            issued += len(batch)
    return issued


def in_name_order(certificate) -> str:
    """A batch is numbered in the order of its printed list: by given name,
    then family and middle names, in the Vietnamese alphabet."""
    return names.sort_key(certificate.full_name)


def _months_later(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


RENDER_BATCH = 100  # certificates a PDF rendering task takes at once
ISSUED_FIELDS = [
    "year",
    "serial",
    "number",
    "issued_on",
    "status_index",
    "expires_on",
    "status",
    "key",
    "signature",
]


def _issue(certificates, setting, by) -> None:
    """Number, date, sign and mark issued (inside the caller's transaction),
    in a constant number of queries for the whole batch; their PDFs are
    rendered in the background."""
    if setting is None:
        raise CertificateError(_("This course gives no certificate."))
    issuer, today = setting.issuer, timezone.localdate()
    serials = numbering.take(issuer, today.year, len(certificates))
    bits = numbering.take(issuer, numbering.STATUS_BITS, len(certificates))
    key = signing.current_key(issuer)
    for certificate, serial, bit in zip(certificates, serials, bits, strict=True):
        certificate.year, certificate.serial = today.year, serial
        certificate.number = issuer.format_number(serial, today.year)
        certificate.issued_on, certificate.status_index = today, bit
        if setting.validity_months:
            certificate.expires_on = _months_later(today, setting.validity_months)
        certificate.status = CertificateStatus.ISSUED
        certificate.key = key
        certificate.signature = signing.sign(key, claims_of(certificate))
    Certificate.objects.bulk_update(certificates, ISSUED_FIELDS, batch_size=1000)
    _events(certificates, EventKind.ISSUED, by)
    ids = [certificate.pk for certificate in certificates]
    for start in range(0, len(ids), RENDER_BATCH):
        chunk = ids[start : start + RENDER_BATCH]
        transaction.on_commit(lambda chunk=chunk: render_pdfs_task.enqueue(chunk))


def issue_for(*, course_id, users, by=None) -> int:
    """Make the certificates of many learners of a course at once (a whole
    class): those without one get theirs, issued in one batch with
    consecutive numbers, or left for approval when the course asks for it.
    A constant number of queries per 1,000 learners; returns how many were
    made."""
    setting = setting_for(course_id)
    if setting is None:
        raise CertificateError(_("This course gives no certificate."))
    having = set(
        Certificate.objects.filter(course_id=course_id).values_list(
            "user_id", flat=True
        )
    )
    users = [user for user in users if user.pk not in having]
    people = {p.user_id: p for p in org.people_for_users([u.pk for u in users])}
    today = timezone.localdate()
    made = [
        _snapshot(user, setting.course, setting, today, person=people.get(user.pk))
        for user in users
    ]
    made.sort(key=in_name_order)
    for certificate in made:
        certificate.status = CertificateStatus.PENDING
    with transaction.atomic():
        Certificate.objects.bulk_create(made, batch_size=1000)
        _events(made, EventKind.REQUESTED, by)
        if not setting.requires_approval:
            _issue(made, setting, by)
    return len(made)


def reissue(*, certificate, by, changes: dict, note: str = "") -> Certificate:
    """Correct a certificate (e.g. the name): same number, next revision,
    signed again; the old values are kept in the audit trail."""
    allowed = {"full_name", "birth_date", "unit_name", "course_title", "learning_hours"}
    if not changes or set(changes) - allowed:
        raise CertificateError(
            _(
                "Only the learner's name, date of birth, unit, course and "
                "hours can be corrected."
            )
        )
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if certificate.status != CertificateStatus.ISSUED:
            raise CertificateError(_("Only a valid certificate can be re-issued."))
        before = {name: str(getattr(certificate, name)) for name in changes}
        for name, value in changes.items():
            setattr(certificate, name, value)
        certificate.revision += 1
        certificate.key = signing.current_key(certificate.issuer)
        certificate.signature = signing.sign(certificate.key, claims_of(certificate))
        certificate.save()
        transaction.on_commit(lambda pk=certificate.pk: render_pdf_task.enqueue(pk))
        after = {name: str(value) for name, value in changes.items()}
        _event(
            certificate,
            EventKind.REISSUED,
            by,
            note=note,
            changes={"before": before, "after": after},
        )
    return certificate


def revoke(*, certificate, by, reason: str) -> Certificate:
    """Revoke a certificate, with the reason the verification page shows."""
    if not reason.strip():
        raise CertificateError(_("Give the reason for revoking the certificate."))
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if certificate.status == CertificateStatus.REVOKED:
            raise CertificateError(_("This certificate has already been revoked."))
        certificate.status = CertificateStatus.REVOKED
        certificate.revoked_at = timezone.now()
        certificate.revocation_reason = reason.strip()
        certificate.save()
        _event(certificate, EventKind.REVOKED, by, note=certificate.revocation_reason)
    return certificate


def _events(certificates, kind, by):
    by = by if by is not None and by.is_authenticated else None
    CertificateEvent.objects.bulk_create(
        [
            CertificateEvent(certificate=c, kind=kind, by=by, revision=c.revision)
            for c in certificates
        ],
        batch_size=1000,
    )


def _event(certificate, kind, by, *, note="", changes=None):
    CertificateEvent.objects.create(
        certificate=certificate,
        kind=kind,
        by=by if by is not None and by.is_authenticated else None,
        revision=certificate.revision,
        note=note,
        changes=changes or {},
    )
