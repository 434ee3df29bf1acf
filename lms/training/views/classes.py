"""Public pages of classes: the class page (with the learner's application
and place), and the learner's schedule."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.org import api as org

from .. import enrolment, schedule
from ..data import ClassStatus, MemberStatus
from ..errors import TrainingError
from ..models import ClassMember, TrainingClass


def _published(code):
    return get_object_or_404(
        TrainingClass.objects.select_related("organiser").exclude(
            status=ClassStatus.DRAFT
        ),
        code=code,
    )


def class_detail(request, code):
    training_class = _published(code)
    member = None
    may_apply = False
    if request.user.is_authenticated:
        member = ClassMember.objects.filter(
            training_class=training_class, user=request.user
        ).first()
        may_apply = training_class.accepts_applications and enrolment.may_apply(
            training_class, org.person_for_user(request.user)
        )
    context = {
        "training_class": training_class,
        "course": training_class.course.specific,
        "sessions": training_class.sessions.select_related("instructor"),
        "instructors": training_class.instructor_links.select_related("instructor"),
        "free_seats": enrolment.free_seats(training_class),
        "member": member,
        "holds_place": member is not None
        and member.status in MemberStatus.holding_a_place(),
        "may_apply": may_apply,
    }
    return render(request, "training/class_detail.html", context)


@login_required
@require_POST
def apply(request, code):
    training_class = _published(code)
    try:
        enrolment.apply(
            training_class=training_class,
            user=request.user,
            note=request.POST.get("note", ""),
        )
    except TrainingError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Your application was sent. Your unit's manager will decide on it."),
        )
    return redirect("training:class_detail", code=code)


@login_required
@require_POST
def leave(request, code):
    training_class = _published(code)
    member = get_object_or_404(
        ClassMember,
        training_class=training_class,
        user=request.user,
        status__in=MemberStatus.holding_a_place(),
    )
    enrolment.withdraw(member=member)
    messages.success(request, _("You have left the class."))
    return redirect("training:class_detail", code=code)


@login_required
def my_schedule(request):
    return render(
        request,
        "training/my_schedule.html",
        {"sessions": schedule.sessions_of(request.user)},
    )
