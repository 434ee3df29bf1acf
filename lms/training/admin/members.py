"""Enrolling people into a class (choose, preview, confirm) and taking a
member out of it."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages

from lms.org import api as org
from lms.org.ui import PeoplePickerViewMixin

from .. import enrolment, scoping
from ..data import MemberStatus
from .dashboard import ClassMixin

PREVIEW_SHOWN = 20


class ManagedClassMixin(ClassMixin):
    """A class the user manages, with a permission to change its members."""

    scope = staticmethod(scoping.classes_managed_by)
    permission = "training.add_classmember"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def back(self):
        return redirect("training_admin:class_dashboard", self.training_class.pk)


class EnrolIntoClassView(PeoplePickerViewMixin, ManagedClassMixin, TemplateView):
    template_name = "training/admin/enrol_people.html"
    page_title = gettext_lazy("Enrol people")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            training_class=self.training_class,
            free_seats=enrolment.free_seats(self.training_class),
            **kwargs,
        )

    def preview_context(self, form):
        selection = form.selection()
        in_class = self.training_class.members.filter(
            status__in=MemberStatus.holding_a_place(),
            user_id__in=selection.values("user_id"),
        ).count()
        return self.get_context_data(
            form=form,
            preview=True,
            total=selection.count(),
            in_class=in_class,
            sample=selection.select_related("unit", "title")[:PREVIEW_SHOWN],
        )

    def confirm(self, selection):
        accounts = [org.ensure_account(p) for p in selection.filter(user__isnull=True)]
        people = org.people_for_users(selection.values("user_id"))
        users = get_user_model().objects.in_bulk([p.user_id for p in people])
        report = enrolment.enrol_people(
            training_class=self.training_class,
            users=[users[p.user_id] for p in people],
            by=self.request.user,
        )
        message = (
            _(
                "Enrolled: %(enrolled)s. On the waiting list: %(waitlisted)s. "
                "Already in the class: %(unchanged)s."
            )
            % report.__dict__
        )
        if accounts:
            message += " " + _("Login accounts created: %(count)s.") % {
                "count": len(accounts)
            }
        messages.success(self.request, message)
        return self.back()


class WithdrawMemberView(ManagedClassMixin, TemplateView):
    template_name = "training/admin/withdraw_member.html"
    page_title = gettext_lazy("Take out of the class")
    permission = "training.change_classmember"

    @cached_property
    def member(self):
        visible = self.training_class.members.filter(
            status__in=MemberStatus.holding_a_place()
        )
        people = scoping.people_user_ids(self.request.user)
        if people is not None:
            visible = visible.filter(user_id__in=people)
        return get_object_or_404(visible, pk=self.kwargs["member_id"])

    def get_context_data(self, **kwargs):
        person = org.people_for_users([self.member.user_id]).first()
        return super().get_context_data(member=self.member, person=person, **kwargs)

    def post(self, request, *args, **kwargs):
        promoted = enrolment.withdraw(member=self.member)
        message = _("The learner was taken out of the class.")
        if promoted:
            message += " " + _(
                "Given the freed seat from the waiting list: %(count)s."
            ) % {"count": len(promoted)}
        messages.success(request, message)
        return self.back()


def urls():
    return [
        path(
            "classes/<int:pk>/enrol/",
            EnrolIntoClassView.as_view(),
            name="enrol_people",
        ),
        path(
            "classes/<int:pk>/members/<int:member_id>/withdraw/",
            WithdrawMemberView.as_view(),
            name="withdraw_member",
        ),
    ]
