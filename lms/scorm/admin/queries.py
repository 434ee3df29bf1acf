"""Querysets the admin views share; imports no forms."""

from django.db.models import Count
from wagtail.permissions import policy_registry

from .. import results
from ..models import Package


def packages_for(user, actions=("add", "change", "delete")):
    """Packages in collections where ``user`` holds one of ``actions``."""
    policy = policy_registry.get_by_type(Package)
    return policy.instances_user_has_any_permission_for(user, list(actions))


def listed_packages(user):
    """The listing: packages the user may manage, and every package for
    those who may see results (they open the results from here)."""
    packages = Package.objects.all()
    if not results.may_see_results(user):
        packages = packages.filter(pk__in=packages_for(user).values("pk"))
    return (
        packages.select_related("collection", "current_version")
        .defer("current_version__manifest")
        .annotate(learners=Count("attempts__user", distinct=True))
    )


def versions_of(package):
    return (
        package.versions.select_related("uploaded_by")
        .defer("manifest")
        .annotate(attempt_count=Count("attempts"))
    )
