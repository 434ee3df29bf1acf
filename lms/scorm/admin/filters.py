import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.models import Collection, Page

from ..data import ScormVersion
from ..models import Attempt, Package

STATUSES = {
    "completed": Q(completion_status="completed"),
    "incomplete": Q(completion_status="incomplete"),
    "not_attempted": Q(completion_status="not attempted"),
    "passed": Q(success_status="passed"),
    "failed": Q(success_status="failed"),
}


class PackageFilterSet(WagtailFilterSet):
    scorm_version = django_filters.ChoiceFilter(
        label=_("SCORM version"),
        field_name="current_version__scorm_version",
        choices=ScormVersion.choices,
    )
    collection = django_filters.ModelChoiceFilter(
        label=_("Collection"), queryset=Collection.objects.all()
    )

    class Meta:
        model = Package
        fields = []


class AttemptFilterSet(WagtailFilterSet):
    """Course (among those of the ``attempts`` listed) and status."""

    course = django_filters.ModelChoiceFilter(
        label=_("Course"), queryset=Page.objects.none()
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        method="filter_status",
        choices=[
            ("completed", _("Completed")),
            ("incomplete", _("Incomplete")),
            ("not_attempted", _("Not attempted")),
            ("passed", _("Passed")),
            ("failed", _("Not passed")),
        ],
    )

    class Meta:
        model = Attempt
        fields = []

    def __init__(self, *args, attempts=None, **kwargs):
        super().__init__(*args, **kwargs)
        if attempts is None:
            attempts = Attempt.objects.none()
        courses = attempts.values("course")
        self.filters["course"].queryset = Page.objects.filter(pk__in=courses)

    def filter_status(self, queryset, name, value):
        return queryset.filter(STATUSES[value]) if value in STATUSES else queryset
