"""QR check-in: the learner's tiny page (opened by scanning the screen's
code) and the session screen that shows the code."""

import segno
from django.contrib.auth import authenticate, login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from .. import checkin, conf
from ..errors import TrainingError
from ..models import Session
from ..permissions import may_take_attendance


def _session(session_id):
    return get_object_or_404(
        Session.objects.select_related("training_class"), pk=session_id
    )


@never_cache
def check_in(request, session_id, code):
    """GET: check the scanned code and show a button (with a login form for
    a learner not logged in). POST: check in with the page's claim."""
    session = _session(session_id)
    context = {"session": session}
    try:
        if request.method == "POST":
            user = _user_for(request)
            result = checkin.check_in(
                session=session, claim=request.POST.get("claim", ""), user=user
            )
            context["result"] = result
        else:
            context["claim"] = checkin.claim_for(
                session=session, code=code, user=request.user
            )
    except TrainingError as error:
        context["error"] = str(error)
    status = 400 if "error" in context else 200
    return render(request, "training/check_in.html", context, status=status)


def _user_for(request):
    if request.user.is_authenticated:
        return request.user
    user = authenticate(
        request,
        username=request.POST.get("username", ""),
        password=request.POST.get("password", ""),
    )
    if user is None:
        raise TrainingError(_login_failed())
    login(request, user)
    return user


def _login_failed():
    from django.utils.translation import gettext as _

    return _("The phone number or password is not correct.")


def _screen_session(request, session_id):
    session = _session(session_id)
    if not may_take_attendance(request.user, session.training_class):
        raise PermissionDenied
    return session


def _code_state(request, session):
    code = checkin.screen_code(session)
    url = request.build_absolute_uri(
        reverse("training:check_in", args=[session.pk, code])
    )
    return {
        "url": url,
        "svg": segno.make(url, error="m").svg_inline(border=2, omitsize=True),
        "checked_in": checkin.checked_in_count(session),
        "rotate_seconds": conf.get("HOCVIEN_TRAINING_CODE_ROTATE_SECONDS"),
    }


@login_required
@never_cache
def check_in_screen(request, session_id):
    """The screen shown on the projector: the code, renewed by the page."""
    session = _screen_session(request, session_id)
    state = _code_state(request, session)
    return render(
        request,
        "training/check_in_screen.html",
        {
            "session": session,
            "expected": len(checkin.attendance.learner_ids(session)),
            **state,
        },
    )


@login_required
@never_cache
def check_in_code(request, session_id):
    """A fresh code and the count of learners checked in, for the screen."""
    session = _screen_session(request, session_id)
    return JsonResponse(_code_state(request, session))
