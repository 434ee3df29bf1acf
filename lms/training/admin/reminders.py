"""Reminding a session's learners now, from the class overview, rather than
waiting for the reminder job (HOCVIEN_TRAINING_REMINDER_HOURS before it)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django.views.defaults import permission_denied
from wagtail.admin import messages

from .. import reminders, scoping
from ..data import ClassStatus
from ..models import Session
from ..permissions import may_take_attendance


@require_POST
def remind_session(request, pk):
    """Those who take the class's attendance may remind its learners of a
    session still to come; a learner already reminded of it gets nothing."""
    visible = Session.objects.filter(
        training_class__in=scoping.classes_visible_to(request.user)
    )
    session = get_object_or_404(
        visible.select_related("training_class", "instructor"), pk=pk
    )
    if not may_take_attendance(request.user, session.training_class):
        # A 403, not Wagtail's redirect home: the button is never shown to
        # them, so this is a forged or stale request.
        return permission_denied(request, PermissionDenied())
    if not _may_be_reminded(session):
        messages.error(
            request,
            _("Only a session still to come of a published class can be reminded of."),
        )
    else:
        messages.success(request, _sent(reminders.remind(session=session)))
    return redirect("training_admin:class_dashboard", session.training_class_id)


def _may_be_reminded(session) -> bool:
    published = session.training_class.status == ClassStatus.PUBLISHED
    return published and session.starts_at > timezone.now()


def _sent(count: int) -> str:
    text = ngettext(
        "%(count)d reminder of the session queued.",
        "%(count)d reminders of the session queued.",
        count,
    ) % {"count": count}
    if not count:
        text += " " + _("Every enrolled learner has already been reminded of it.")
    return text


def admin_urls():
    return [
        path(
            "sessions/<int:pk>/remind/",
            remind_session,
            name="remind_session",
        )
    ]
