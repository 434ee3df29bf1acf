import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from ..data import Gender, Level
from ..models import Organisation, Person, Title, Unit
from ..scoping import visible_units
from .forms import UnitChoiceField


class UnitSubtreeFilter(django_filters.ModelChoiceFilter):
    field_class = UnitChoiceField

    def filter(self, queryset, unit):
        if not unit:
            return queryset
        return queryset.filter(unit__path__startswith=unit.path)


def units_for_request(request):
    return visible_units(request.user) if request else Unit.objects.none()


def organisations_for_request(request):
    return Organisation.objects.filter(units__in=units_for_request(request)).distinct()


def titles_for_request(request):
    return Title.objects.filter(organisation__in=organisations_for_request(request))


class PersonFilterSet(WagtailFilterSet):
    organisation = django_filters.ModelChoiceFilter(
        field_name="unit__organisation",
        label=_("Organisation"),
        queryset=organisations_for_request,
    )
    unit = UnitSubtreeFilter(
        label=_("Unit (and the units below it)"), queryset=units_for_request
    )
    level = django_filters.ChoiceFilter(
        field_name="unit__level", label=_("Level"), choices=Level.choices
    )
    title = django_filters.ModelChoiceFilter(
        label=_("Position title"), queryset=titles_for_request
    )
    gender = django_filters.ChoiceFilter(label=_("Gender"), choices=Gender.choices)
    in_leadership_pipeline = django_filters.BooleanFilter(
        label=_("In the leadership pipeline")
    )

    class Meta:
        model = Person
        fields = []


class UnitFilterSet(WagtailFilterSet):
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"), queryset=organisations_for_request
    )
    level = django_filters.ChoiceFilter(label=_("Level"), choices=Level.choices)
    is_active = django_filters.BooleanFilter(label=_("Active"))

    class Meta:
        model = Unit
        fields = []
