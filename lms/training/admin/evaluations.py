"""Admin screens for class evaluations and their results.

Evaluations are seen for the classes the user sees and edited for the
classes the user manages (``scoping``); anything else is not found (404).
Questions that already have answers cannot be changed or deleted."""

import io

from django.contrib import messages
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button, HeaderButton

from lms.org.ui import LocalDateColumn

from .. import evaluation as use_cases
from .. import scoping
from ..models import Evaluation, Instructor

VIEW_PERMISSION = "training.view_evaluation"


def visible_evaluations(user):
    return Evaluation.objects.filter(
        training_class__in=scoping.classes_visible_to(user)
    )


def managed_evaluations(user):
    return Evaluation.objects.filter(
        training_class__in=scoping.classes_managed_by(user)
    )


def results_button(instance, priority=5):
    url = reverse("training_evaluations:results", args=[quote(instance.pk)])
    return Button(_("Results"), url=url, icon_name="table", priority=priority)


# -------------------------------------------------------------------- forms


class EvaluationCreateForm(WagtailAdminModelForm):
    """A class the user manages that has no evaluation yet; the default
    questions come with it and are edited afterwards."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opens_at"].required = False
        self.fields["opens_at"].help_text = _("Empty: open now.")
        if self.for_user is not None:
            classes = scoping.classes_managed_by(self.for_user)
            self.fields["training_class"].queryset = classes.filter(
                evaluation__isnull=True
            )

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The evaluation must close after it opens."))
        return data


class EvaluationEditForm(WagtailAdminModelForm):
    """Refuses to change or delete questions that already have answers, and
    to change anonymity once there are responses."""

    protected_fields = ("target", "kind", "text")

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The evaluation must close after it opens."))
        if self.instance.pk and "anonymous" in self.changed_data:
            if self.instance.responses.exists():
                self.add_error(
                    "anonymous",
                    _("Learners have answered already, so this cannot change."),
                )
        return data

    def is_valid(self):
        valid = super().is_valid()
        return self._check_answered_questions() and valid

    def _check_answered_questions(self) -> bool:
        formset = self.formsets.get("questions")
        if formset is None or not self.instance.pk:
            return True
        answered = set(
            self.instance.questions.filter(answers__isnull=False).values_list(
                "pk", flat=True
            )
        )
        ok = True
        for form in formset.forms:
            if form.instance.pk not in answered:
                continue
            deleted = formset.can_delete and formset._should_delete_form(form)
            changed = set(form.changed_data) & set(self.protected_fields)
            if deleted or changed:
                form.add_error(
                    None,
                    _(
                        "This question already has answers, so it cannot be "
                        "changed or deleted."
                    ),
                )
                ok = False
        return ok


# -------------------------------------------------------------------- views


class EvaluationIndexView(generic.IndexView):
    any_permission_required = ["view", "add", "change", "delete"]
    instructors_url_name = "training_admin:evaluation_instructors"

    def get_base_queryset(self):
        visible = visible_evaluations(self.request.user).values("pk")
        return (
            super()
            .get_base_queryset()
            .filter(pk__in=visible)
            .select_related("training_class")
            .annotate(response_count=Count("responses"))
        )

    @cached_property
    def managed_ids(self):
        return set(managed_evaluations(self.request.user).values_list("pk", flat=True))

    def get_edit_url(self, instance):
        if instance.pk in self.managed_ids:
            return super().get_edit_url(instance)

    def get_delete_url(self, instance):
        if instance.pk in self.managed_ids:
            return super().get_delete_url(instance)

    def get_list_more_buttons(self, instance):
        return [results_button(instance), *super().get_list_more_buttons(instance)]

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        buttons.append(
            HeaderButton(
                _("Instructor results"),
                url=reverse(self.instructors_url_name),
                icon_name="user",
            )
        )
        return buttons


class EvaluationCreateView(generic.CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        evaluation = use_cases.create_evaluation(
            training_class=data["training_class"],
            anonymous=data["anonymous"],
            opens_at=data.get("opens_at"),
            closes_at=data.get("closes_at"),
        )
        if data.get("introduction"):
            evaluation.introduction = data["introduction"]
            evaluation.save(update_fields=["introduction"])
        return evaluation

    def get_success_url(self):
        return reverse("training_evaluations:edit", args=[quote(self.object.pk)])


class ManagedMixin:
    def get_queryset(self):
        return managed_evaluations(self.request.user)


class EvaluationEditView(ManagedMixin, generic.EditView):
    @cached_property
    def header_more_buttons(self):
        return [results_button(self.object), *super().header_more_buttons]


class EvaluationDeleteView(ManagedMixin, generic.DeleteView):
    def form_valid(self, form):
        if self.object.responses.exists():
            messages.error(
                self.request,
                _("Learners have answered this evaluation, so it cannot be deleted."),
            )
            return redirect(self.get_delete_url())
        return super().form_valid(form)


class EvaluationResultsView(generic.InspectView):
    """The class's results: every question with its mean and distribution,
    the comments, and a section per instructor."""

    permission_required = "view"
    template_name = "training/admin/evaluation/results.html"
    page_title = gettext_lazy("Results")

    def get_object(self, queryset=None):
        evaluations = visible_evaluations(self.request.user).select_related(
            "training_class"
        )
        return get_object_or_404(evaluations, pk=self.pk)

    def get_edit_url(self):
        if managed_evaluations(self.request.user).filter(pk=self.object.pk).exists():
            return super().get_edit_url()

    def get_delete_url(self):
        return None

    @cached_property
    def header_more_buttons(self):
        url = reverse("training_evaluations:results_xlsx", args=[quote(self.pk)])
        download = Button(
            _("Download (.xlsx)"), url=url, icon_name="download", priority=5
        )
        return [download, *super().header_more_buttons]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["results"] = use_cases.class_results(evaluation=self.object)
        return context


class EvaluationResultsDownloadView(EvaluationResultsView):
    def get(self, request, *args, **kwargs):
        results = use_cases.class_results(evaluation=self.object)
        response = HttpResponse(
            results_workbook(results),
            content_type="application/vnd.openxmlformats-officedocument."
            "spreadsheetml.sheet",
        )
        name = slugify(self.object.training_class.code) or "lop"
        response["Content-Disposition"] = f'attachment; filename="danh-gia-{name}.xlsx"'
        return response


def results_workbook(results) -> bytes:
    """The results as a one-sheet .xlsx file."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = _("Results")[:31]
    sheet.append([results.class_title])
    sheet.append([_("Responses"), results.responses, _("Enrolled"), results.enrolled])
    sheet.append([])
    sheet.append(
        [_("About"), _("Question"), _("Answers"), _("Mean"), "1", "2", "3", "4", "5"]
    )
    sections = [(_("The course"), results.course)] + [
        (section.name, section.questions) for section in results.instructors
    ]
    for about, questions in sections:
        for question in questions:
            mean = float(question.mean) if question.mean is not None else None
            sheet.append(
                [about, question.text, question.count, mean]
                + (list(question.distribution) if question.is_likert else [])
            )
    sheet.append([])
    sheet.append([_("About"), _("Question"), _("Comment")])
    for about, questions in sections:
        for question in questions:
            for comment in question.comments:
                sheet.append([about, question.text, comment])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


class InstructorResultsMixin(WagtailAdminTemplateMixin):
    """Instructors' results over the classes the user sees."""

    header_icon = "user"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(VIEW_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def classes(self):
        return scoping.classes_visible_to(self.request.user)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("training_evaluations:index"),
                "label": _("Class evaluations"),
            },
            {
                "url": reverse("training_admin:evaluation_instructors"),
                "label": _("Instructor results"),
            },
        ]


class InstructorsView(InstructorResultsMixin, TemplateView):
    template_name = "training/admin/evaluation/instructors.html"
    page_title = gettext_lazy("Instructor results")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = use_cases.instructors_summary(classes=self.classes)
        return context


class InstructorView(InstructorResultsMixin, TemplateView):
    template_name = "training/admin/evaluation/instructor.html"
    page_title = gettext_lazy("Instructor results")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        instructor = get_object_or_404(Instructor, pk=self.kwargs["pk"])
        results = use_cases.instructor_results(
            instructor=instructor, classes=self.classes
        )
        if not results.classes:
            raise Http404  # nothing of theirs the user may see
        context.update(instructor=instructor, results=results)
        return context

    def get_page_subtitle(self):
        return ""


# ------------------------------------------------------------------ viewset


class EvaluationViewSet(ModelViewSet):
    model = Evaluation
    name = "training_evaluations"
    url_prefix = "training/evaluations"
    icon = "form"
    menu_label = gettext_lazy("Class evaluations")
    index_view_class = EvaluationIndexView
    add_view_class = EvaluationCreateView
    edit_view_class = EvaluationEditView
    delete_view_class = EvaluationDeleteView
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = [
        Column("training_class", label=gettext_lazy("Class")),
        LocalDateColumn("opens_at", label=gettext_lazy("Opens"), sort_key="opens_at"),
        LocalDateColumn("closes_at", label=gettext_lazy("Closes")),
        BooleanColumn("anonymous", label=gettext_lazy("Anonymous")),
        Column(
            "response_count",
            label=gettext_lazy("Responses"),
            sort_key="response_count",
        ),
    ]
    search_fields = ["training_class__title", "training_class__code"]
    search_backend_name = None
    add_handler = ObjectList(
        [
            FieldPanel("training_class"),
            FieldPanel("anonymous"),
            FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
            FieldPanel("introduction"),
        ],
        base_form_class=EvaluationCreateForm,
    )
    edit_handler = ObjectList(
        [
            FieldPanel("anonymous"),
            FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
            FieldPanel("introduction"),
            InlinePanel(
                "questions",
                heading=gettext_lazy("Questions"),
                label=gettext_lazy("Question"),
                panels=[
                    FieldRowPanel([FieldPanel("target"), FieldPanel("kind")]),
                    FieldPanel("text"),
                    FieldPanel("required"),
                ],
            ),
        ],
        base_form_class=EvaluationEditForm,
    )

    def get_add_view_kwargs(self, **kwargs):
        panel = self.add_handler.bind_to_model(self.model)
        return super().get_add_view_kwargs(
            panel=panel, form_class=panel.get_form_class(), **kwargs
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "results/<int:pk>/",
                self.construct_view(EvaluationResultsView),
                name="results",
            ),
            path(
                "results/<int:pk>/xlsx/",
                self.construct_view(EvaluationResultsDownloadView),
                name="results_xlsx",
            ),
        ]


def viewsets():
    """Viewsets of this module, put in the "Training" menu group."""
    return [EvaluationViewSet()]


def admin_urls():
    """Extra admin URLs (under /admin/training/)."""
    return [
        path(
            "evaluations/instructors/",
            InstructorsView.as_view(),
            name="evaluation_instructors",
        ),
        path(
            "evaluations/instructors/<int:pk>/",
            InstructorView.as_view(),
            name="evaluation_instructor",
        ),
    ]
