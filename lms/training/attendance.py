"""Attendance marks (roll call, QR check-in, paper sheet), each feeding the
learner's progress: a session attended completes its item, a mark
corrected to absent takes the completion back."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.progress import api as progress

from .data import AttendanceMethod, AttendanceStatus, MemberStatus
from .errors import TrainingError
from .models import Attendance, ClassMember


@dataclass(frozen=True)
class Mark:
    user_id: int
    status: str  # AttendanceStatus
    note: str = ""


def learner_ids(session) -> set[int]:
    """The learners a session's attendance is taken for: the class's
    enrolled members."""
    return set(
        ClassMember.objects.filter(
            training_class_id=session.training_class_id,
            status=MemberStatus.ENROLLED,
        ).values_list("user_id", flat=True)
    )


def _feed_progress(session, user, status) -> None:
    if not session.counts_for_attendance:
        return
    course_id = session.training_class.course_id
    if status in AttendanceStatus.attended():
        progress.submit_completion(
            user=user,
            course_id=course_id,
            item_key=session.item_key,
            source="attendance",
        )
    else:
        progress.undo_completion(
            user=user, course_id=course_id, item_key=session.item_key
        )


def record(*, session, marks, by, method=AttendanceMethod.ROLL_CALL) -> int:
    """Store the marks (``Mark``) of learners of the session, in one
    transaction, and feed their progress. A learner not enrolled in the
    class refuses the whole batch (TrainingError). Unchanged marks are left
    alone; returns how many marks changed."""
    marks = list(marks)
    allowed = learner_ids(session)
    if any(mark.user_id not in allowed for mark in marks):
        raise TrainingError(
            _("Attendance can only be taken for learners of the class.")
        )
    if any(mark.status not in AttendanceStatus.values for mark in marks):
        raise TrainingError(_("The attendance mark is not valid."))
    existing = {a.user_id: a for a in Attendance.objects.filter(session=session)}
    changed = 0
    with transaction.atomic():
        for mark in marks:
            current = existing.get(mark.user_id)
            if current and (current.status, current.note) == (mark.status, mark.note):
                continue
            _store(session, mark, by, method)
            changed += 1
    return changed


def _store(session, mark, by, method) -> Attendance:
    attendance, _created = Attendance.objects.update_or_create(
        session=session,
        user_id=mark.user_id,
        defaults={
            "status": mark.status,
            "note": mark.note[:255],
            "method": method,
            "marked_by": by,
            "marked_at": timezone.now(),
        },
    )
    _feed_progress(session, attendance.user, mark.status)
    return attendance


def marks_of(session) -> dict[int, Attendance]:
    """The session's marks by learner id."""
    return {a.user_id: a for a in Attendance.objects.filter(session=session)}
