"""Learners' results per package: a listing of attempts (filtered, exported
as a spreadsheet) and one attempt's SCOs, interactions and objectives.
Only for holders of scorm.view_scorm_results, and only the learners of the
units they manage: an attempt outside their scope is not found (404)."""

from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView

from .. import results
from ..models import Attempt, Package
from .filters import AttemptFilterSet


def learner_name(attempt) -> str:
    return attempt.user.get_full_name() or attempt.user.get_username()


def local_datetime(value) -> str:
    return date_format(localtime(value), "SHORT_DATETIME_FORMAT") if value else ""


def status_of(attempt) -> str:
    return results.status_label(attempt.completion_status, attempt.success_status)


def attempt_url(attempt) -> str:
    return reverse(
        "scorm_packages:attempt", args=[attempt.package_id, quote(attempt.pk)]
    )


EXPORT = {
    "learner": (_("Learner"), learner_name),
    "username": (_("Username"), lambda a: a.user.get_username()),
    "course": (_("Course"), lambda a: a.course.title),
    "number": (_("Attempt"), lambda a: a.number),
    "status": (_("Status"), status_of),
    "score": (_("Score"), lambda a: results.percent(a.score_scaled)),
    "time": (_("Time spent"), lambda a: results.clock(a.total_seconds)),
    "active_time": (_("Active time"), lambda a: results.clock(a.active_seconds)),
    "started_at": (_("Started"), lambda a: local_datetime(a.started_at)),
    "updated_at": (_("Last activity"), lambda a: local_datetime(a.updated_at)),
}


class PackageResultsMixin:
    """The package of the URL, for users who may see results."""

    header_icon = "form"

    def dispatch(self, request, *args, **kwargs):
        if not results.may_see_results(request.user):
            raise PermissionDenied
        self.package = get_object_or_404(Package, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("scorm_packages:index"),
                "label": Package._meta.verbose_name_plural,
            },
            {"url": self.results_url, "label": str(self.package)},
            {"url": "", "label": self.get_page_title()},
        ]

    @cached_property
    def results_url(self):
        return reverse("scorm_packages:results", args=[quote(self.package.pk)])


class ResultsView(PackageResultsMixin, ReportView):
    page_title = _("Results")
    model = Attempt
    filterset_class = AttemptFilterSet
    default_ordering = "-updated_at"
    list_export = list(EXPORT)
    export_headings = {key: label for key, (label, _get) in EXPORT.items()}
    columns = [
        TitleColumn(
            "learner", label=_("Learner"), accessor=learner_name, get_url=attempt_url
        ),
        Column("course", label=_("Course"), accessor=EXPORT["course"][1]),
        Column("number", label=_("Attempt"), sort_key="number"),
        Column("status", label=_("Status"), accessor=status_of),
        Column("score", label=_("Score"), accessor=EXPORT["score"][1]),
        Column("time", label=_("Time spent"), accessor=EXPORT["time"][1]),
        Column("active", label=_("Active time"), accessor=EXPORT["active_time"][1]),
        Column(
            "started_at",
            label=_("Started"),
            accessor=EXPORT["started_at"][1],
            sort_key="started_at",
        ),
        Column(
            "updated_at",
            label=_("Last activity"),
            accessor=EXPORT["updated_at"][1],
            sort_key="updated_at",
        ),
    ]

    def get_page_subtitle(self):
        return str(self.package)

    @cached_property
    def attempts(self):
        return results.package_attempts(self.request.user, self.package)

    def get_base_queryset(self):
        return self.attempts

    def get_filterset_kwargs(self):
        return {**super().get_filterset_kwargs(), "attempts": self.attempts}

    def get_index_url(self):
        return self.results_url

    def get_index_results_url(self):
        return reverse("scorm_packages:results_results", args=[quote(self.package.pk)])

    def get_filename(self):
        return f"scorm-{self.package.pk}-results"

    def to_row_dict(self, item):
        return {key: get(item) for key, (_label, get) in EXPORT.items()}


class AttemptView(PackageResultsMixin, WagtailAdminTemplateMixin, View):
    template_name = "scorm/admin/attempt.html"
    page_title = _("Attempt")

    def get(self, request, pk, attempt_pk):
        visible = results.attempts_visible_to(request.user).filter(package=pk)
        self.attempt = get_object_or_404(
            visible.select_related("user", "course", "version"), pk=attempt_pk
        )
        context = self.get_context_data(
            attempt=self.attempt,
            learner=learner_name(self.attempt),
            status=status_of(self.attempt),
            row={key: get(self.attempt) for key, (_label, get) in EXPORT.items()},
            scos=results.sco_reports(self.attempt),
            results_url=self.results_url,
        )
        return TemplateResponse(request, self.template_name, context)

    def get_page_subtitle(self):
        return learner_name(self.attempt)
