"""A class's overview in the admin: its facts, members by status, sessions
with their attendance and printed documents, and budget totals."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, Sum
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from lms.org import api as org

from .. import enrolment, scoping
from ..data import AttendanceStatus, MemberStatus
from ..models import ClassMember
from ..permissions import may_take_attendance


class ClassMixin(WagtailAdminTemplateMixin):
    """A view of one class the user may see (404 otherwise)."""

    header_icon = "group"
    scope = staticmethod(scoping.classes_visible_to)

    @cached_property
    def training_class(self):
        if not self.request.user.has_perm("training.view_trainingclass"):
            if not scoping.classes_taught_by(self.request.user).exists():
                raise PermissionDenied
            self.scope = scoping.classes_taught_by
        return get_object_or_404(
            self.scope(self.request.user).select_related("organiser"),
            pk=self.kwargs["pk"],
        )

    def get_page_subtitle(self):
        return self.training_class.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("training_classes:index"), "label": _("Classes")},
            {
                "url": reverse(
                    "training_admin:class_dashboard", args=[self.kwargs["pk"]]
                ),
                "label": self.training_class.title,
            },
        ]


def member_rows(training_class, user):
    """The class's members the user may see (their units' people; all for
    staff of the organising unit), with their person record."""
    members = ClassMember.objects.filter(training_class=training_class)
    if not scoping.classes_managed_by(user).filter(pk=training_class.pk).exists():
        members = members.filter(user_id__in=scoping.people_user_ids(user) or [])
    people = {p.user_id: p for p in org.people_for_users(members.values("user_id"))}
    rows = [{"member": m, "person": people.get(m.user_id)} for m in members]
    return sorted(rows, key=lambda row: (row["member"].status, _sort_key(row)))


def _sort_key(row):
    member = row["member"]
    if member.status == MemberStatus.WAITLISTED:
        return str(member.waitlisted_at)
    return row["person"].sort_key if row["person"] else ""


class ClassDashboardView(ClassMixin, TemplateView):
    template_name = "training/admin/class_dashboard.html"
    page_title = _("Class overview")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        training_class = self.training_class
        user = self.request.user
        managed = scoping.classes_managed_by(user).filter(pk=training_class.pk)
        attended = Q(attendance__status__in=AttendanceStatus.attended())
        context.update(
            training_class=training_class,
            manages=managed.exists(),
            takes_attendance=may_take_attendance(user, training_class),
            free_seats=enrolment.free_seats(training_class),
            status_counts=dict(
                training_class.members.values_list("status").annotate(Count("pk"))
            ),
            rows=member_rows(training_class, user),
            sessions=training_class.sessions.select_related("instructor").annotate(
                attended=Count("attendance", filter=attended)
            ),
            budget=training_class.budget_lines.aggregate(
                planned=Sum("planned"), spent=Sum("spent")
            ),
            budget_lines=training_class.budget_lines.all(),
            statuses=MemberStatus,
        )
        return context


def urls():
    return [
        path(
            "classes/<int:pk>/overview/",
            ClassDashboardView.as_view(),
            name="class_dashboard",
        )
    ]
