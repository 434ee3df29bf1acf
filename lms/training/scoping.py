"""Who may see and manage which classes and surveys, from the org tree.

Superusers see everything. Others see the classes organised by a unit in
their subtrees or run with one as partner, and the classes they teach;
they manage (edit, enrol, approve) only those organised in their subtrees,
and act only on the people of their units. Surveys follow the unit that
runs them."""

from django.db.models import Exists, OuterRef, Q

from lms.org import api as org

from .models import NeedsSurvey, TrainingClass


def classes_visible_to(user):
    if not user.is_authenticated:
        return TrainingClass.objects.none()
    if user.is_superuser:
        return TrainingClass.objects.all()
    units = org.units_visible_to(user)
    ids = TrainingClass.objects.filter(
        Q(organiser__in=units)
        | Q(partners__in=units)
        | Q(instructor_links__instructor__user=user)
    ).values("pk")
    return TrainingClass.objects.filter(pk__in=ids)


def classes_managed_by(user):
    if not user.is_authenticated:
        return TrainingClass.objects.none()
    if user.is_superuser:
        return TrainingClass.objects.all()
    return TrainingClass.objects.filter(organiser__in=org.units_visible_to(user))


def classes_taught_by(user):
    if not user.is_authenticated:
        return TrainingClass.objects.none()
    return TrainingClass.objects.filter(instructor_links__instructor__user=user)


def people_user_ids(user):
    """Ids of the accounts of the people ``user`` may act on (a subquery);
    None for superusers, who may act on everybody."""
    if user.is_superuser:
        return None
    return org.people_visible_to(user).filter(user__isnull=False).values("user_id")


def surveys_visible_to(user):
    """Surveys run by a unit in the user's subtrees, or sent to a unit whose
    subtree meets theirs (a district manager sees a province's survey; its
    results are then narrowed to their units by the screens)."""
    if not user.is_authenticated:
        return NeedsSurvey.objects.none()
    if user.is_superuser:
        return NeedsSurvey.objects.all()
    units = org.units_visible_to(user)
    reaching = units.model._default_manager.filter(
        Exists(units.filter(path__startswith=OuterRef("path")))
    )
    ids = NeedsSurvey.objects.filter(
        Q(owner__in=units) | Q(target_units__in=reaching)
    ).values("pk")
    return NeedsSurvey.objects.filter(pk__in=ids)


def surveys_managed_by(user):
    """Surveys the user may edit and send: those run by a unit in their subtrees."""
    if not user.is_authenticated:
        return NeedsSurvey.objects.none()
    if user.is_superuser:
        return NeedsSurvey.objects.all()
    return NeedsSurvey.objects.filter(owner__in=org.units_visible_to(user))
