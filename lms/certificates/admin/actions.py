"""The certificates' admin screens beyond the listing: issue for a class,
re-issue with corrections, revoke. Each checks its permission (403) and
finds the certificate among those the user may see (404)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from lms.org import api as org

from .. import issuing
from ..data import CertificateStatus
from ..errors import CertificateError
from ..models import Certificate
from .forms import IssueForClassForm, ReissueForm, RevokeForm
from .permissions import APPROVE_CERTIFICATE, CHANGE_CERTIFICATE, REVOKE_CERTIFICATE
from .scope import certificates_visible_to

LISTING = "certificate_listing:index"


class PermissionRequiredMixin:
    permission = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class CertificateActionView(
    PermissionRequiredMixin, WagtailAdminTemplateMixin, FormView
):
    """A form acting on one certificate the user may see."""

    template_name = "certificates/admin/certificate_action.html"
    header_icon = "doc-full-inverse"
    submit_label = None

    @cached_property
    def certificate(self):
        visible = certificates_visible_to(self.request.user).select_related("issuer")
        return get_object_or_404(visible, pk=self.kwargs["pk"])

    def get_page_subtitle(self):
        return f"{self.certificate} – {self.certificate.full_name}"

    def inspect_url(self):
        return reverse("certificate_listing:inspect", args=[self.certificate.pk])

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(LISTING), "label": gettext_lazy("Certificates")},
            {"url": self.inspect_url(), "label": str(self.certificate)},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), **self.extra_form_kwargs()}

    def extra_form_kwargs(self):
        return {}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            certificate=self.certificate,
            submit_label=self.submit_label,
            cancel_url=self.inspect_url(),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            message = self.act(form)
        except CertificateError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, message)
        return redirect(self.inspect_url())


class ReissueView(CertificateActionView):
    permission = CHANGE_CERTIFICATE
    form_class = ReissueForm
    page_title = gettext_lazy("Re-issue the certificate")
    submit_label = gettext_lazy("Re-issue")

    def extra_form_kwargs(self):
        return {"certificate": self.certificate}

    def act(self, form):
        certificate = issuing.reissue(
            certificate=self.certificate,
            by=self.request.user,
            changes=form.changes(),
            note=form.cleaned_data["note"],
        )
        return _(
            "The certificate %(number)s was re-issued (revision %(revision)s)."
        ) % {
            "number": certificate.number,
            "revision": certificate.revision,
        }


class RevokeView(CertificateActionView):
    permission = REVOKE_CERTIFICATE
    form_class = RevokeForm
    page_title = gettext_lazy("Revoke the certificate")
    submit_label = gettext_lazy("Revoke")

    def act(self, form):
        certificate = issuing.revoke(
            certificate=self.certificate,
            by=self.request.user,
            reason=form.cleaned_data["reason"],
        )
        return _("The certificate %(number)s was revoked.") % {
            "number": certificate.number
        }


class IssueForClassView(PermissionRequiredMixin, WagtailAdminTemplateMixin, FormView):
    """Certificates for the learners of a class who completed the course,
    issued as one batch: their numbers are consecutive."""

    permission = APPROVE_CERTIFICATE
    form_class = IssueForClassForm
    template_name = "certificates/admin/issue_for_class.html"
    page_title = gettext_lazy("Issue certificates for a class")
    header_icon = "group"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(LISTING), "label": gettext_lazy("Certificates")},
            {"url": "", "label": self.get_page_title()},
        ]

    def form_valid(self, form):
        try:
            issued, before = issue_for_class(
                course=form.cleaned_data["course"].course,
                enrolments=form.enrolments(),
                by=self.request.user,
            )
        except CertificateError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Certificates issued: %(issued)s. Issued before: %(before)s.")
            % {"issued": issued, "before": before},
        )
        return redirect(reverse(LISTING))


def issue_for_class(*, course, enrolments, by) -> tuple[int, int]:
    """Issue the certificates of these completed enrolments in one
    transaction (the issuer's number sequence stays locked, so the batch
    takes consecutive numbers), in the learners' name order. Returns how
    many were issued now and how many had been issued before."""
    enrolments = {e.user_id: e for e in enrolments}
    issued = Certificate.objects.filter(
        course=course, user_id__in=enrolments, status=CertificateStatus.ISSUED
    )
    before = issued.count()
    people = org.people_for_users(list(enrolments))
    named = list(people.values_list("user_id", flat=True))
    ordered = [*named, *(pk for pk in enrolments if pk not in set(named))]
    with transaction.atomic():
        pending = []
        for user_id in ordered:
            enrolment = enrolments[user_id]
            certificate = issuing.request(
                user=enrolment.user,
                course_id=course.pk,
                completed_on=_day(enrolment.completed_at),
                by=by,
            )
            if certificate and certificate.status == CertificateStatus.PENDING:
                pending.append(certificate)
        if pending:
            issuing.approve(certificates=pending, by=by)
    return issued.count() - before, before


def _day(moment):
    return timezone.localdate(moment) if moment else None


def admin_urls():
    return [
        path("issue-for-class/", IssueForClassView.as_view(), name="issue_for_class"),
        path("<int:pk>/reissue/", ReissueView.as_view(), name="reissue"),
        path("<int:pk>/revoke/", RevokeView.as_view(), name="revoke"),
    ]
