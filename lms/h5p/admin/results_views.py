"""Learners' results per H5P activity: a listing (exported as a
spreadsheet) and one learner's answers. Only for holders of
h5p.view_h5p_results, and only the learners of the units they manage: a
result outside their scope is not found (404)."""

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
from ..models import Content, Result


def learner_name(result) -> str:
    return result.user.get_full_name() or result.user.get_username()


def local_datetime(value) -> str:
    return date_format(localtime(value), "SHORT_DATETIME_FORMAT") if value else ""


def percent(scaled) -> str:
    return "" if scaled is None else f"{round(scaled * 100)}%"


def result_url(result) -> str:
    return reverse("h5p_contents:learner", args=[result.content_id, quote(result.pk)])


def completion(result) -> str:
    return str(_("Completed")) if result.passed else str(_("Not yet"))


EXPORT = {
    "learner": (_("Learner"), learner_name),
    "username": (_("Username"), lambda r: r.user.get_username()),
    "course": (_("Course"), lambda r: r.course.title),
    "attempts": (_("Attempts"), lambda r: r.attempts),
    "last_score": (_("Last score"), lambda r: percent(r.last_scaled)),
    "best_score": (_("Best score"), lambda r: percent(r.best_scaled)),
    "completion": (_("Completion"), completion),
    "completed_at": (_("Completed at"), lambda r: local_datetime(r.completed_at)),
    "last_activity": (_("Last activity"), lambda r: local_datetime(r.last_activity_at)),
}


class ContentResultsMixin:
    """The activity of the URL, for users who may see results."""

    header_icon = "pick"

    def dispatch(self, request, *args, **kwargs):
        if not results.may_see_results(request.user):
            raise PermissionDenied
        self.content = get_object_or_404(Content, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("h5p_contents:index"),
                "label": Content._meta.verbose_name_plural,
            },
            {"url": self.results_url, "label": str(self.content)},
            {"url": "", "label": self.get_page_title()},
        ]

    @cached_property
    def results_url(self):
        return reverse("h5p_contents:results", args=[quote(self.content.pk)])


class ResultsView(ContentResultsMixin, ReportView):
    page_title = _("Results")
    model = Result
    default_ordering = "-last_activity_at"
    list_export = list(EXPORT)
    export_headings = {key: label for key, (label, _get) in EXPORT.items()}
    columns = [
        TitleColumn(
            "learner", label=_("Learner"), accessor=learner_name, get_url=result_url
        ),
        Column("course", label=_("Course"), accessor=EXPORT["course"][1]),
        Column("attempts", label=_("Attempts"), sort_key="attempts"),
        Column("last_score", label=_("Last score"), accessor=EXPORT["last_score"][1]),
        Column(
            "best_score",
            label=_("Best score"),
            accessor=EXPORT["best_score"][1],
            sort_key="best_scaled",
        ),
        Column("completion", label=_("Completion"), accessor=completion),
        Column(
            "last_activity_at",
            label=_("Last activity"),
            accessor=EXPORT["last_activity"][1],
            sort_key="last_activity_at",
        ),
    ]

    def get_page_subtitle(self):
        return str(self.content)

    def get_base_queryset(self):
        return results.content_results(self.request.user, self.content)

    def get_index_url(self):
        return self.results_url

    def get_index_results_url(self):
        return reverse("h5p_contents:results_results", args=[quote(self.content.pk)])

    def get_filename(self):
        return f"h5p-{self.content.pk}-results"

    def to_row_dict(self, item):
        return {key: get(item) for key, (_label, get) in EXPORT.items()}


class LearnerView(ContentResultsMixin, WagtailAdminTemplateMixin, View):
    """One learner's standing and answers (newest first), the activity's
    own and those of its parts."""

    template_name = "h5p/admin/learner.html"
    page_title = _("Answers")

    def get(self, request, pk, result_pk):
        visible = results.results_visible_to(request.user).filter(content=pk)
        self.result = get_object_or_404(
            visible.select_related("user", "course"), pk=result_pk
        )
        answers = [
            {
                "what": results.statement_label(statement),
                "verb": results.verb_label(statement),
                "part": not statement.top_level,
                "score": percent(statement.score_scaled),
                "response": (statement.result or {}).get("response", ""),
                "success": (statement.result or {}).get("success"),
                "time": local_datetime(statement.timestamp),
                "version": statement.version.number,
            }
            for statement in results.learner_statements(self.result)[:300]
        ]
        context = self.get_context_data(
            result=self.result,
            learner=learner_name(self.result),
            row={key: get(self.result) for key, (_label, get) in EXPORT.items()},
            answers=answers,
            results_url=self.results_url,
        )
        return TemplateResponse(request, self.template_name, context)

    def get_page_subtitle(self):
        return learner_name(self.result)
