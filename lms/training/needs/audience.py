"""Who a survey asks: its target units, the units below them, their people."""

from django.contrib.auth import get_user_model
from django.db.models import Q

from ..models import NeedsSurvey


def _unit_model():
    # lms.org.models is private to lms.org; the foreign key knows the class.
    return NeedsSurvey._meta.get_field("owner").related_model


def _subtrees(paths):
    """Units in the subtrees of the units whose paths are ``paths``."""
    units = _unit_model()._default_manager
    if not paths:
        return units.none()
    query = Q()
    for path in paths:
        query |= Q(path__startswith=path)
    return units.filter(query)


def lineage(unit) -> list[str]:
    """Paths of ``unit`` and of every unit above it."""
    step = type(unit).steplen
    return [unit.path[:end] for end in range(step, len(unit.path) + 1, step)]


def units_asked(*, survey):
    """Queryset of the survey's target units and the units below them."""
    return _subtrees(list(survey.target_units.values_list("path", flat=True)))


def people_to_ask(*, survey, units=None):
    """Queryset of the active login accounts of the people of the survey's
    target units and the units below them, narrowed to ``units`` if given."""
    users = get_user_model().objects.filter(
        is_active=True, person__unit__in=units_asked(survey=survey)
    )
    if units is not None:
        users = users.filter(person__unit__in=units)
    return users


def reaches(survey, unit) -> bool:
    return survey.target_units.filter(path__in=lineage(unit)).exists()
