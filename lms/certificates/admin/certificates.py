"""The certificates listing (scoped to the user's issuers), its inspect page
with the audit trail, and the bulk approval of certificates awaiting it."""

import django_filters
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_list_or_404, get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property, classproperty
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import (
    BulkActionsCheckboxColumn,
    Column,
    DateColumn,
    TitleColumn,
)
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button, HeaderButton, ListingButton
from wagtail.models import Page

from .. import issuing
from ..data import CertificateStatus
from ..errors import CertificateError
from ..models import Certificate
from .permissions import APPROVE_CERTIFICATE, CHANGE_CERTIFICATE, REVOKE_CERTIFICATE
from .scope import (
    VisibleIndexMixin,
    certificates_visible_to,
    course_settings_visible_to,
    issuers_visible_to,
)


def approve_url(certificate_ids, next_url="") -> str:
    """The approval screen (the bulk action) for these certificates."""
    query = [("id", pk) for pk in certificate_ids]
    if next_url:
        query.append(("next", next_url))
    url = reverse(
        "wagtail_bulk_action", args=["certificates", "certificate", "approve"]
    )
    return f"{url}?{urlencode(query)}"


def action_buttons(certificate, user, next_url=""):
    """The actions the user may take on the certificate, as buttons."""
    buttons = []
    if certificate.status == CertificateStatus.PENDING:
        if user.has_perm(APPROVE_CERTIFICATE):
            buttons.append(
                (_("Approve"), approve_url([certificate.pk], next_url), "tick", 10)
            )
    elif certificate.status == CertificateStatus.ISSUED:
        if user.has_perm(CHANGE_CERTIFICATE):
            url = reverse("certificates_admin:reissue", args=[certificate.pk])
            buttons.append((_("Re-issue"), url, "repeat", 20))
        if user.has_perm(REVOKE_CERTIFICATE):
            url = reverse("certificates_admin:revoke", args=[certificate.pk])
            buttons.append((_("Revoke"), url, "cross", 30))
    return buttons


def _courses(request):
    visible = course_settings_visible_to(request.user).values("course_id")
    return Page.objects.filter(pk__in=visible).order_by("title")


def _issuers(request):
    return issuers_visible_to(request.user).order_by("name")


class CertificateFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=CertificateStatus.choices
    )
    issuer = django_filters.ModelChoiceFilter(label=_("Issuer"), queryset=_issuers)
    course = django_filters.ModelChoiceFilter(label=_("Course"), queryset=_courses)

    class Meta:
        model = Certificate
        fields = ["status", "issuer", "course"]


class CertificateIndexView(VisibleIndexMixin, ModelViewSet.index_view_class):
    scope = staticmethod(certificates_visible_to)
    template_name = "certificates/admin/certificate_index.html"
    default_ordering = "-pk"

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.request.user.has_perm(APPROVE_CERTIFICATE):
            buttons.append(
                HeaderButton(
                    _("Issue for a class"),
                    url=reverse("certificates_admin:issue_for_class"),
                    icon_name="group",
                )
            )
        return buttons

    @cached_property
    def columns(self):
        title = self._get_title_column_class(TitleColumn)(
            "number",
            label=_("Number"),
            accessor=str,
            sort_key="number",
            get_url=self.get_inspect_url,
            get_title_id=lambda instance: f"certificate_{instance.pk}_title",
        )
        return [
            BulkActionsCheckboxColumn("bulk_actions", obj_type="certificate"),
            title,
            Column("full_name", label=_("Full name"), sort_key="full_name"),
            Column("course_title", label=_("Course"), sort_key="course_title"),
            Column("status", label=_("Status"), accessor="get_status_display"),
            DateColumn("issued_on", label=_("Issued on"), sort_key="issued_on"),
        ]

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        actions = action_buttons(instance, self.request.user, self.request.path)
        for label, url, icon, priority in actions:
            buttons.append(
                ListingButton(label, url=url, icon_name=icon, priority=priority)
            )
        return buttons


class CertificateInspectView(ModelViewSet.inspect_view_class):
    template_name = "certificates/admin/certificate_inspect.html"

    def get_object(self, queryset=None):
        visible = certificates_visible_to(self.request.user)
        return get_object_or_404(visible.select_related("issuer"), pk=self.pk)

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        actions = action_buttons(self.object, self.request.user, self.request.path)
        for label, url, icon, priority in actions:
            buttons.append(Button(label, url=url, icon_name=icon, priority=priority))
        return buttons

    def get_context_data(self, **kwargs):
        events = [
            {"event": event, "changes": _changes(event)}
            for event in self.object.events.select_related("by")
        ]
        return super().get_context_data(events=events, **kwargs)


def _changes(event):
    """(label, before, after) of each field a re-issue corrected."""
    before, after = event.changes.get("before", {}), event.changes.get("after", {})
    return [
        (Certificate._meta.get_field(name).verbose_name, old, after.get(name, ""))
        for name, old in before.items()
    ]


class CertificateViewSet(ModelViewSet):
    model = Certificate
    icon = "doc-full-inverse"
    menu_label = _("Certificates")
    url_prefix = "certificates/list"
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = CertificateIndexView
    inspect_view_class = CertificateInspectView
    filterset_class = CertificateFilterSet
    search_fields = ["number", "full_name"]
    # Never offered (the permission policy refuses add, change and delete).
    form_fields = ["full_name"]
    inspect_view_fields = [
        "number",
        "revision",
        "status",
        "full_name",
        "birth_date",
        "unit_name",
        "course_title",
        "learning_hours",
        "completed_on",
        "class_code",
        "issued_on",
        "expires_on",
        "revocation_reason",
    ]
    list_export = ["number", "full_name", "course_title", "status", "issued_on"]
    export_filename = "chung-chi"

    def get_queryset(self, request):
        return Certificate.objects.select_related("issuer")


class ApproveBulkAction(BulkAction):
    """Issue the selected certificates awaiting approval, as one batch:
    their numbers are consecutive. Others selected are left as they are."""

    display_name = _("Approve selected")
    action_type = "approve"
    aria_label = _("Approve the selected certificates")
    template_name = "certificates/admin/confirm_approve.html"
    action_priority = 10

    @classproperty
    def models(cls):
        return [Certificate]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(APPROVE_CERTIFICATE):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self, model, object_ids):
        visible = certificates_visible_to(self.request.user).filter(pk__in=object_ids)
        return get_list_or_404(visible.order_by("full_name", "pk"))

    def get_all_objects_in_listing_query(self, parent_id):
        visible = certificates_visible_to(self.request.user)
        pending = visible.filter(status=CertificateStatus.PENDING)
        return pending.values_list("pk", flat=True)

    def check_perm(self, certificate):
        return certificate.status == CertificateStatus.PENDING

    def get_execution_context(self):
        return {"by": self.request.user}

    @classmethod
    def execute_action(cls, objects, by=None, **kwargs):
        return issuing.approve(certificates=objects, by=by), 0

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except CertificateError as error:
            messages.error(self.request, str(error))
            return redirect(self.next_url)

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d certificate was issued.",
            "%(count)d certificates were issued.",
            num_parent_objects,
        ) % {"count": num_parent_objects}


def viewsets():
    return [CertificateViewSet("certificate_listing")]
