"""QR check-in. The session screen shows a code that changes every few
seconds; a learner scans it with their phone, which opens the check-in page
for that session; the page carries a claim bound to the learner, which they
send to check in.

- The screen code is signed (session, nonce) and dated: a code of another
  session or one older than HOCVIEN_TRAINING_CODE_SECONDS is refused.
- The claim is signed (session, learner, nonce): a claim sent by another
  learner than the one it was issued to is refused, and its nonce is stored
  when used (``CheckIn.nonce`` is unique), so a replayed claim is refused.
"""

import datetime
import secrets
from dataclasses import dataclass

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import attendance, conf
from .data import AttendanceMethod, AttendanceStatus
from .errors import TrainingError
from .models import Attendance, CheckIn

CODE_SALT = "lms.training.check-in.code"
CLAIM_SALT = "lms.training.check-in.claim"
ANONYMOUS = 0


@dataclass(frozen=True)
class CheckInResult:
    status: str  # AttendanceStatus: present or late
    checked_in_at: datetime.datetime


def screen_code(session) -> str:
    """A fresh code for the session's check-in screen."""
    return signing.dumps(
        [session.pk, secrets.token_hex(4)], salt=CODE_SALT, compress=False
    )


def _load(token, salt, max_age, expired_message):
    try:
        return signing.loads(str(token), salt=salt, max_age=max_age)
    except signing.SignatureExpired:
        raise TrainingError(expired_message) from None
    except signing.BadSignature:
        raise TrainingError(_("This check-in code is not valid.")) from None


def claim_for(*, session, code: str, user) -> str:
    """Check a scanned screen code and give the learner's page its claim
    (bound to ``user``, or to whoever logs in with it when anonymous)."""
    expired = _("This code has expired. Scan the code on the screen again.")
    payload = _load(code, CODE_SALT, conf.get("HOCVIEN_TRAINING_CODE_SECONDS"), expired)
    if payload[0] != session.pk:
        raise TrainingError(_("This code is for another session."))
    user_id = user.pk if user.is_authenticated else ANONYMOUS
    return signing.dumps([session.pk, user_id, secrets.token_hex(16)], salt=CLAIM_SALT)


def check_window(session, now=None) -> None:
    now = now or timezone.now()
    opens = session.starts_at - datetime.timedelta(
        minutes=conf.get("HOCVIEN_TRAINING_CHECK_IN_OPENS_MINUTES")
    )
    if not opens <= now <= session.ends_at:
        raise TrainingError(_("Check-in for this session is not open now."))


def _status_at(session, now) -> str:
    late_after = datetime.timedelta(
        minutes=conf.get("HOCVIEN_TRAINING_LATE_AFTER_MINUTES")
    )
    if now > session.starts_at + late_after:
        return AttendanceStatus.LATE
    return AttendanceStatus.PRESENT


def check_in(*, session, claim: str, user) -> CheckInResult:
    """Check ``user`` in to the session with the claim their page carried.
    Raises TrainingError, changing nothing, for an expired or forged claim,
    one of another session or another learner, one already used, a learner
    not in the class, or outside the check-in time."""
    expired = _("This page has expired. Scan the code on the screen again.")
    session_id, user_id, nonce = _load(
        claim,
        CLAIM_SALT,
        conf.get("HOCVIEN_TRAINING_CHECK_IN_PAGE_SECONDS"),
        expired,
    )
    if session_id != session.pk:
        raise TrainingError(_("This code is for another session."))
    if user_id not in (ANONYMOUS, user.pk):
        raise TrainingError(
            _(
                "This code was opened by another learner. "
                "Scan the code on the screen yourself."
            )
        )
    if user.pk not in attendance.learner_ids(session):
        raise TrainingError(_("You are not on the list of this class."))
    now = timezone.now()
    check_window(session, now)
    already = Attendance.objects.filter(
        session=session, user=user, status__in=AttendanceStatus.attended()
    ).first()
    if CheckIn.objects.filter(nonce=nonce).exists():
        raise TrainingError(_("This code has already been used."))
    if already is not None:
        return CheckInResult(already.status, already.marked_at)
    return _record(session, user, nonce, now)


def _record(session, user, nonce, now) -> CheckInResult:
    status = _status_at(session, now)
    try:
        with transaction.atomic():
            CheckIn.objects.create(session=session, user=user, nonce=nonce)
            attendance.record(
                session=session,
                marks=[attendance.Mark(user.pk, status)],
                by=user,
                method=AttendanceMethod.QR,
            )
    except IntegrityError:  # the same claim sent twice at once
        raise TrainingError(_("This code has already been used.")) from None
    return CheckInResult(status, now)


def checked_in_count(session) -> int:
    return Attendance.objects.filter(
        session=session, status__in=AttendanceStatus.attended()
    ).count()
