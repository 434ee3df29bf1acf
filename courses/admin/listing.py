"""The courses with their learners, and one course's enrolments: who,
where, since when, how far, with search, filters and a CSV download."""

import django_filters
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.base import (
    BaseListingView,
    WagtailAdminTemplateMixin,
)
from wagtail.admin.widgets.button import HeaderButton

from lms.progress import api as progress
from lms.progress.data import EnrolmentSource, EnrolmentStatus

from ..models import CoursePage
from . import columns as cols
from .scope import ADD, CHANGE, CourseEnrolmentMixin, EnrolmentPermissionMixin

URL_NAMESPACE = "courses_enrolments"


def url(name, *args):
    return reverse(f"{URL_NAMESPACE}:{name}", args=args)


class CourseActionView(CourseEnrolmentMixin, WagtailAdminTemplateMixin, TemplateView):
    """A page acting on one course's enrolments: the action as its title,
    the course as subtitle, breadcrumbs back through the enrolment lists."""

    header_icon = "group"
    action_title = ""

    def get_page_title(self):
        return self.action_title

    def get_page_subtitle(self):
        return self.course.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": url("courses"), "label": _("Enrolments")},
            {"url": url("index", self.course.pk), "label": self.course.title},
            {"url": "", "label": self.action_title},
        ]


class CourseListView(EnrolmentPermissionMixin, BaseListingView):
    """Entry point from the admin menu, for staff who do not browse pages."""

    page_title = _("Enrolments")
    header_icon = "group"
    paginate_by = 50
    is_searchable = True
    search_fields = ["title"]
    search_backend_name = None  # plain ORM search on the title
    default_ordering = "title"
    verbose_name_plural = _("courses")
    index_url_name = f"{URL_NAMESPACE}:courses"
    index_results_url_name = f"{URL_NAMESPACE}:courses_results"
    columns = [
        TitleColumn(
            "title",
            label=_("Course"),
            get_url=lambda course: url("index", course.pk),
            sort_key="title",
        ),
        Column("learners", label=_("Learners")),
        Column("completed", label=_("Completed")),
    ]

    def get_base_queryset(self):
        return CoursePage.objects.all()

    def get_table(self, object_list):
        courses = list(object_list)
        counts = progress.enrolment_counts(
            course_ids=[c.pk for c in courses],
            user_ids=self.scope.learner_ids,
        )
        for course in courses:
            found = counts.get(course.pk)
            course.learners = found.enrolled if found else 0
            course.completed = found.completed if found else 0
        return super().get_table(courses)


class EnrolmentFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=EnrolmentStatus.choices
    )
    source = django_filters.ChoiceFilter(
        label=_("Enrolled by"), choices=EnrolmentSource.choices
    )


class EnrolmentIndexView(CourseEnrolmentMixin, BaseListingView):
    header_icon = "group"
    paginate_by = 50
    is_searchable = True
    filterset_class = EnrolmentFilterSet
    default_ordering = "name_key"
    verbose_name_plural = _("learners")

    def get_page_title(self):
        return _("Enrolments")

    def get_page_subtitle(self):
        return self.course.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": url("courses"), "label": _("Enrolments")},
            {"url": "", "label": self.course.title},
        ]

    def get_index_url(self):
        return url("index", self.course.pk)

    def get_index_results_url(self):
        return url("index_results", self.course.pk)

    @cached_property
    def columns(self):
        may_change = self.request.user.has_perm(CHANGE)
        return [
            TitleColumn(
                "name", label=_("Name"), accessor=cols.learner_name, sort_key="name_key"
            ),
            Column("unit", label=_("Unit"), accessor=cols.person_value("unit")),
            Column(
                "title", label=_("Position title"), accessor=cols.person_value("title")
            ),
            Column(
                "phone",
                label=_("Phone number"),
                accessor=cols.person_value("local_phone"),
            ),
            cols.LocalDateColumn(
                "enrolled_at", label=_("Enrolled at"), sort_key="enrolled_at"
            ),
            Column("source", label=_("Enrolled by"), accessor=cols.source_label),
            Column("status", label=_("Status"), accessor="get_status_display"),
            Column(
                "percent",
                label=_("Progress"),
                accessor=cols.percent_label,
                sort_key="percent",
            ),
            cols.LocalDateColumn(
                "completed_at", label=_("Completed at"), sort_key="completed_at"
            ),
            cols.EnrolmentActionsColumn(
                "actions", label="", course=self.course, may_change=may_change
            ),
        ]

    def get_base_queryset(self):
        people = self.scope.people.filter(user_id=OuterRef("user_id"))
        name_key = Subquery(people.values("sort_key")[:1])
        return self.scope.enrolments(self.course).annotate(name_key=name_key)

    def get_filterset_kwargs(self):
        # The filter set has no model: give it the rows it filters.
        return {**super().get_filterset_kwargs(), "queryset": self.get_base_queryset()}

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        found = self.scope.people.search(self.search_query)
        return queryset.filter(user_id__in=found.values("user_id"))

    def order_queryset(self, queryset):
        # pk last: a stable order across pages when names or dates tie
        return queryset.order_by(self.ordering or self.default_ordering, "pk")

    def get_table(self, object_list):
        return super().get_table(self.scope.attach_people(object_list))

    @cached_property
    def header_buttons(self):
        buttons = []
        if self.request.user.has_perm(ADD):
            buttons.append(
                HeaderButton(
                    _("Enrol people"), url=url("add", self.course.pk), icon_name="plus"
                )
            )
        query = self.request.GET.urlencode()
        export = url("export", self.course.pk) + (f"?{query}" if query else "")
        buttons.append(
            HeaderButton(_("Download CSV"), url=export, icon_name="download")
        )
        return buttons
