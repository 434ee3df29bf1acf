"""Admin screens for training-needs surveys: build a survey with its topics,
send it, and read its results (tables and an .xlsx file).

Scope: a user manages (edits, sends, deletes) the surveys run by a unit in
their subtrees, and sees the results of those and of the surveys sent to
units whose subtrees meet theirs, narrowed to their own units. Surveys
elsewhere are not found (404)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from lms.org import api as org
from lms.org.data import Level

from .. import needs
from ..data import NeedPriority
from ..models import NeedsSurvey, TopicNeed
from ..scoping import surveys_managed_by, surveys_visible_to

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class SurveyPermissionPolicy(ModelPermissionPolicy):
    """Model permissions narrowed to the user's units: seeing follows
    ``surveys_visible_to``, every other action ``surveys_managed_by``."""

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        if "view" in actions and self.user_has_permission(user, "view"):
            return surveys_visible_to(user)
        return surveys_managed_by(user)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        allowed = self.instances_user_has_any_permission_for(user, actions)
        return allowed.filter(pk=instance.pk).exists()

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)


policy = SurveyPermissionPolicy(NeedsSurvey)


def surveys_for(user, action):
    return policy.instances_user_has_permission_for(user, action)


def results_units(user):
    """The units whose answers ``user`` may read; None for everything."""
    return None if user.is_superuser else org.units_visible_to(user)


# ----------------------------------------------------------------------- form


class NeedsSurveyForm(WagtailAdminModelForm):
    """Owner and target units among the user's units; topics that already
    have answers may be reordered but neither changed nor removed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None:
            units = org.units_visible_to(self.for_user)
            self.fields["owner"].queryset = units
            self.fields["target_units"].queryset = units

    def clean(self):
        cleaned = super().clean()
        opens, closes = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error(
                "closes_on", _("The survey must close on or after the day it opens.")
            )
        self._refuse_changes_to_answered_topics()
        return cleaned

    def _refuse_changes_to_answered_topics(self):
        if not self.instance.pk:
            return
        answered = set(
            TopicNeed.objects.filter(topic__survey=self.instance).values_list(
                "topic_id", flat=True
            )
        )
        formset = self.formsets["topics"]
        for form in formset.forms:
            if form.instance.pk not in answered or not form.is_valid():
                continue
            removed = formset.can_delete and formset._should_delete_form(form)
            if removed or set(form.changed_data) - {"ORDER"}:
                raise ValidationError(
                    _(
                        "The topic “%(topic)s” already has answers, so it can "
                        "no longer be changed or removed."
                    )
                    % {"topic": form.initial.get("title", "")}
                )


# ---------------------------------------------------------------------- views


class SurveyIndexView(generic.IndexView):
    @cached_property
    def managed_ids(self):
        return set(
            surveys_for(self.request.user, "change").values_list("pk", flat=True)
        )

    def get_base_queryset(self):
        visible = surveys_for(self.request.user, "view").values("pk")
        queryset = super().get_base_queryset().filter(pk__in=visible)
        return queryset.select_related("owner")

    def get_edit_url(self, instance):
        if instance.pk in self.managed_ids:
            return super().get_edit_url(instance)

    def get_delete_url(self, instance):
        if instance.pk in self.managed_ids:
            return super().get_delete_url(instance)

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        url = reverse("needs_surveys:results", args=[instance.pk])
        buttons.append(Button(_("Results"), url=url, icon_name="table", priority=5))
        if instance.pk in self.managed_ids:
            url = reverse("needs_surveys:send", args=[instance.pk])
            buttons.append(Button(_("Send"), url=url, icon_name="mail", priority=6))
        return buttons


class SurveyCreateView(generic.CreateView):
    def save_instance(self):
        survey = super().save_instance()
        survey.created_by = self.request.user
        survey.save(update_fields=["created_by"])
        return survey


class ScopedMixin:
    def get_queryset(self):
        return surveys_for(self.request.user, self.permission_required)


class SurveyEditView(ScopedMixin, generic.EditView):
    pass


class SurveyDeleteView(ScopedMixin, generic.DeleteView):
    pass


class SurveyHistoryView(generic.HistoryView):
    def get_base_object_queryset(self):
        return surveys_for(self.request.user, "view")


class SurveyUsageView(generic.UsageView):
    def get_base_object_queryset(self):
        return surveys_for(self.request.user, "view")


class SurveyPageMixin(WagtailAdminTemplateMixin):
    """A survey found among those the user may ``action`` (else 404)."""

    action = "view"
    header_icon = "list-ul"

    def dispatch(self, request, pk):
        if not policy.user_has_permission(request.user, self.action):
            raise PermissionDenied
        self.survey = get_object_or_404(surveys_for(request.user, self.action), pk=pk)
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return str(self.survey)

    def get_breadcrumbs_items(self):
        index = {
            "url": reverse("needs_surveys:index"),
            "label": NeedsSurvey._meta.verbose_name_plural,
        }
        return [*self.breadcrumbs_items, index, {"url": "", "label": str(self.survey)}]


class SendView(SurveyPageMixin, TemplateView):
    """Confirm, then open the survey and notify the people it asks."""

    action = "change"
    template_name = "training/admin/surveys/send.html"
    page_title = gettext_lazy("Send the survey")

    def get_context_data(self, **kwargs):
        asked = needs.people_to_ask(survey=self.survey).count()
        return super().get_context_data(survey=self.survey, asked=asked, **kwargs)

    def post(self, request, pk):
        try:
            count = needs.send_survey(survey=self.survey, user=request.user)
        except needs.NeedsSurveyError as error:
            messages.error(request, str(error))
            return redirect("needs_surveys:send", pk=self.survey.pk)
        messages.success(
            request,
            ngettext(
                "The survey is open; %(count)d person was notified.",
                "The survey is open; %(count)d people were notified.",
                count,
            )
            % {"count": count},
        )
        return redirect("needs_surveys:index")


class UnitFilterForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=gettext_lazy("Unit"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("All my units"),
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class ResultsMixin(SurveyPageMixin):
    """The units the figures come from: the user's, within the one chosen."""

    @cached_property
    def filter_form(self):
        units = needs.units_asked(survey=self.survey).filter(level__lte=Level.DISTRICT)
        mine = results_units(self.request.user)
        if mine is not None:
            units = units.filter(pk__in=mine.values("pk"))
        return UnitFilterForm(self.request.GET or None, units=units)

    @cached_property
    def units(self):
        mine = results_units(self.request.user)
        chosen = self.filter_form.is_valid() and self.filter_form.cleaned_data["unit"]
        if not chosen:
            return mine
        subtree = needs.units_asked(survey=self.survey).model._default_manager
        subtree = subtree.filter(path__startswith=chosen.path)
        return subtree if mine is None else subtree.filter(pk__in=mine.values("pk"))


class ResultsView(ResultsMixin, TemplateView):
    template_name = "training/admin/surveys/results.html"
    page_title = gettext_lazy("Survey results")

    def get_context_data(self, **kwargs):
        summary = needs.aggregate(survey=self.survey, units=self.units)
        export_url = reverse("needs_surveys:export", args=[self.survey.pk])
        query = self.request.GET.urlencode()
        return super().get_context_data(
            survey=self.survey,
            summary=summary,
            priority_labels=NeedPriority.labels,
            level_names=[level.label for level in summary.levels],
            title_names=[name for _pk, name in summary.titles],
            filter_form=self.filter_form,
            export_url=f"{export_url}?{query}" if query else export_url,
            **kwargs,
        )


class ExportView(ResultsMixin, TemplateView):
    def get(self, request, pk):
        content = needs.export_xlsx(survey=self.survey, units=self.units)
        response = HttpResponse(content, content_type=XLSX)
        filename = f"nhu-cau-dao-tao-{self.survey.pk}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


# -------------------------------------------------------------------- viewset


class NeedsSurveyViewSet(ModelViewSet):
    model = NeedsSurvey
    name = "needs_surveys"
    url_prefix = "training/needs-surveys"
    icon = "list-ul"
    menu_label = gettext_lazy("Training-needs surveys")
    index_view_class = SurveyIndexView
    add_view_class = SurveyCreateView
    edit_view_class = SurveyEditView
    delete_view_class = SurveyDeleteView
    history_view_class = SurveyHistoryView
    usage_view_class = SurveyUsageView
    copy_view_enabled = False
    inspect_view_enabled = False
    search_fields = ["title"]
    search_backend_name = None
    list_filter = ["status", "plan_year"]
    list_display = [
        "title",
        "plan_year",
        Column("owner", label=gettext_lazy("Run by unit")),
        Column("get_status_display", label=gettext_lazy("Status")),
        DateColumn("opens_on", label=gettext_lazy("Opens on")),
        DateColumn("closes_on", label=gettext_lazy("Closes on")),
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("plan_year"),
            FieldPanel("description"),
            FieldPanel("owner"),
            FieldPanel("target_units", widget=forms.CheckboxSelectMultiple),
            FieldRowPanel([FieldPanel("opens_on"), FieldPanel("closes_on")]),
            InlinePanel(
                "topics",
                panels=[FieldPanel("title"), FieldPanel("description")],
                heading=gettext_lazy("Topics"),
                label=gettext_lazy("Topic"),
                min_num=1,
            ),
        ],
        base_form_class=NeedsSurveyForm,
    )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("send/<int:pk>/", SendView.as_view(), name="send"),
            path("results/<int:pk>/", ResultsView.as_view(), name="results"),
            path("results/<int:pk>/xlsx/", ExportView.as_view(), name="export"),
        ]


def viewsets():
    """Viewsets of this module, put in the "Training" menu group."""
    register_permission_policy(NeedsSurvey, policy)
    return [NeedsSurveyViewSet()]


def admin_urls():
    """Extra admin URLs (under /admin/training/): none, the viewset has them."""
    return []
