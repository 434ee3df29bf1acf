"""Applications awaiting the user's decision: those of the people of their
units, for any class."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from lms.org import api as org

from .. import enrolment, scoping
from ..data import MemberStatus
from ..errors import TrainingError
from ..models import ClassMember


def pending_for(user):
    pending = ClassMember.objects.filter(status=MemberStatus.PENDING)
    people = scoping.people_user_ids(user)
    if people is not None:
        pending = pending.filter(user_id__in=people)
    return pending.select_related("training_class").order_by("created_at")


class ApplicationsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "training/admin/applications.html"
    page_title = gettext_lazy("Applications to classes")
    header_icon = "tick-inverse"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(enrolment.APPROVE_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        applications = list(pending_for(self.request.user)[:200])
        people = {
            p.user_id: p
            for p in org.people_for_users([a.user_id for a in applications])
        }
        rows = [{"member": a, "person": people.get(a.user_id)} for a in applications]
        return super().get_context_data(rows=rows, **kwargs)

    def post(self, request, *args, **kwargs):
        member = get_object_or_404(
            pending_for(request.user), pk=request.POST.get("member")
        )
        try:
            if request.POST.get("decision") == "approve":
                member = enrolment.approve(member=member, by=request.user)
                messages.success(
                    request,
                    _("Approved: %(status)s.")
                    % {"status": member.get_status_display()},
                )
            else:
                enrolment.decline(
                    member=member,
                    by=request.user,
                    reason=request.POST.get("reason", ""),
                )
                messages.success(request, _("The application was declined."))
        except TrainingError as error:
            messages.error(request, str(error))
        return redirect("training_admin:applications")


def urls():
    return [path("applications/", ApplicationsView.as_view(), name="applications")]
