"""Roll call on a phone: the session's learners with four marks each."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from lms.org import api as org

from .. import attendance
from ..data import AttendanceStatus
from ..errors import TrainingError
from ..models import Session
from ..permissions import may_take_attendance


def _rows(session):
    marks = attendance.marks_of(session)
    people = org.people_for_users(attendance.learner_ids(session))
    return [{"person": person, "mark": marks.get(person.user_id)} for person in people]


def _posted_marks(post, rows):
    everyone_present = "all_present" in post
    for row in rows:
        user_id = row["person"].user_id
        status = post.get(f"status-{user_id}", "")
        if everyone_present and not row["mark"] and not status:
            status = AttendanceStatus.PRESENT
        if status:
            note = post.get(f"note-{user_id}", "").strip()
            yield attendance.Mark(user_id, status, note)


@login_required
def roll_call(request, session_id):
    session = get_object_or_404(
        Session.objects.select_related("training_class"), pk=session_id
    )
    if not may_take_attendance(request.user, session.training_class):
        raise PermissionDenied
    rows = _rows(session)
    if request.method == "POST":
        try:
            changed = attendance.record(
                session=session,
                marks=_posted_marks(request.POST, rows),
                by=request.user,
            )
        except TrainingError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("Attendance saved (%(count)s changed).") % {"count": changed}
            )
            return redirect("training:roll_call", session_id=session.pk)
    return render(
        request,
        "training/roll_call.html",
        {"session": session, "rows": rows, "statuses": AttendanceStatus.choices},
    )
