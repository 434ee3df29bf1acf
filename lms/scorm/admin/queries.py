"""Querysets the admin views share; imports no forms."""

import unicodedata

from django.db.models import Count
from wagtail.permissions import policy_registry

from .. import results
from ..models import Package


def fold(text: str) -> str:
    """Lower case without diacritics (đ as d): "Bài giảng" -> "bai giang"."""
    bare = unicodedata.normalize("NFD", text.casefold()).replace("đ", "d")
    return "".join(ch for ch in bare if not unicodedata.combining(ch))


def search_folded(queryset, query: str):
    """Packages whose title holds every word of the query, ignoring case and
    Vietnamese diacritics ("bai giang" finds "Bài giảng"). Titles are folded
    in Python: a library holds hundreds of packages, not millions."""
    words = fold(query).split()
    titles = queryset.values_list("pk", "title")
    found = [pk for pk, title in titles if all(w in fold(title) for w in words)]
    return queryset.filter(pk__in=found)


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
