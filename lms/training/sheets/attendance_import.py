"""Reading a filled attendance sheet back and recording its marks, all or
nothing."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from .. import attendance
from ..data import AttendanceMethod, MemberStatus
from ..errors import TrainingError
from ..models import Attendance
from .attendance_sheet import (
    FIRST_LEARNER_ROW,
    FIRST_SESSION,
    KEY,
    MARKER,
    NAME,
    STATUS_OF,
)
from .cells import cell, column_letter
from .reading import Refused, read_rows
from .report import RowError, SheetImportReport


@dataclass
class MarksFile:
    """What an attendance file asks: marks per session id, or errors."""

    errors: list[RowError] = field(default_factory=list)
    planned: dict[int, list[attendance.Mark]] = field(default_factory=dict)
    unchanged: int = 0


def import_attendance(*, training_class, file, filename, by) -> SheetImportReport:
    """Read a filled attendance sheet of the class back and record its
    marks (method "paper sheet") for ``by``, all in one transaction. Letters
    C, M, P, V in any case; an empty cell or the mark already stored leaves
    the mark (and its note) as it is. Any unknown letter, learner row or
    session column, or a changed mark of a learner no longer enrolled,
    writes nothing and is reported."""
    try:
        rows = read_rows(file, filename)
        columns = session_columns(rows, training_class)
    except Refused as error:
        return SheetImportReport.refused(str(error))
    sessions = {s.pk: s for s in training_class.sessions.all()}
    marks = read_marks(rows, columns, sessions, training_class)
    if marks.errors:
        return SheetImportReport(ok=False, errors=marks.errors)
    try:
        with transaction.atomic():
            changed = sum(
                attendance.record(
                    session=sessions[pk],
                    marks=planned,
                    by=by,
                    method=AttendanceMethod.IMPORT,
                )
                for pk, planned in marks.planned.items()
            )
    except TrainingError as error:  # the class changed while we were reading
        return SheetImportReport.refused(str(error))
    counts = {"changed": changed, "unchanged": marks.unchanged}
    return SheetImportReport(ok=True, counts=counts)


def session_columns(rows, training_class) -> dict[int, str]:
    """Column index -> the session id (text) its hidden heading holds."""
    ids = dict(rows).get(1, [])
    marker = cell(ids, KEY)
    if marker != f"{MARKER}{training_class.pk}":
        if marker.startswith(MARKER):
            raise Refused(
                _(
                    "This is the attendance sheet of another class. Download "
                    "the sheet of this class, fill it in and upload it."
                )
            )
        raise Refused(
            _(
                "This is not an attendance sheet of this class. Download the "
                "sheet from this page, fill it in and upload it."
            )
        )
    return {i: text for i, text in enumerate(ids) if i >= FIRST_SESSION}


def read_marks(rows, columns, sessions, training_class) -> MarksFile:
    marks = MarksFile()
    learners = [(n, cells) for n, cells in rows if n >= FIRST_LEARNER_ROW]
    usable = check_columns(learners, columns, sessions, marks.errors)
    members = {m.user_id: m for m in training_class.members.all()}
    stored = {
        (a.session_id, a.user_id): a
        for a in Attendance.objects.filter(session__in=list(sessions.values()))
    }
    seen = {}
    for number, cells in learners:
        filled = {i: cell(cells, i) for i in usable if cell(cells, i)}
        if not filled:
            continue
        member = row_member(number, cells, members, seen, marks.errors)
        for index, text in filled.items():
            plan_mark(marks, number, index, text, member, usable[index], stored)
    return marks


def check_columns(learners, columns, sessions, errors) -> dict[int, int]:
    """Columns holding a session of the class (index -> session id); a
    column with marks but no such session is an error."""
    usable, used = {}, {}
    width = max((len(cells) for _n, cells in learners), default=0)
    for index in range(FIRST_SESSION, max(width, max(columns, default=0) + 1)):
        key = columns.get(index, "")
        pk = int(key) if key.isdigit() else None
        filled = [n for n, cells in learners if cell(cells, index)]
        if pk in sessions and pk not in used:
            usable[index], used[pk] = pk, index
        elif filled:
            errors.append(column_error(filled[0], index, key, pk, used))
    return usable


def column_error(row, index, key, pk, used) -> RowError:
    if pk in used:
        message = _("This column repeats the session of column %(column)s.") % {
            "column": column_letter(used[pk])
        }
    elif key:
        message = _(
            "This column is for a session that is not in this class (it may "
            "have been deleted)."
        )
    else:
        message = _(
            "This column has marks but no session of the class. Add the "
            "session to the class, then download a new sheet."
        )
    return RowError(row, column_letter(index), message)


def row_member(number, cells, members, seen, errors):
    """The class member of a row with marks, or None (and an error)."""
    key = cell(cells, KEY)
    member = members.get(int(key)) if key.isdigit() else None
    if member is None:
        problem = _(
            "This row is not a learner of the class. Add the learner to the "
            "class, then download a new sheet."
        )
    elif member.user_id in seen:
        problem = _("This learner is on row %(row)s too.") % {
            "row": seen[member.user_id]
        }
    else:
        seen[member.user_id] = number
        return member
    errors.append(RowError(number, column_letter(NAME), problem))
    return None


def plan_mark(marks, number, index, text, member, session_id, stored) -> None:
    status = STATUS_OF.get(text.strip().upper())
    if status is None:
        message = _(
            "“%(value)s” is not a mark: write C, M, P or V, or leave the cell empty."
        ) % {"value": text[:20]}
        marks.errors.append(RowError(number, column_letter(index), message))
        return
    if member is None:
        return
    current = stored.get((session_id, member.user_id))
    if current is not None and current.status == status:
        marks.unchanged += 1
        return
    if member.status != MemberStatus.ENROLLED:
        message = _(
            "This learner is no longer enrolled in the class, so their marks "
            "cannot change."
        )
        marks.errors.append(RowError(number, column_letter(index), message))
        return
    note = current.note if current is not None else ""
    mark = attendance.Mark(member.user_id, status, note)
    marks.planned.setdefault(session_id, []).append(mark)
