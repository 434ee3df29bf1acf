"""Querysets the admin views share; imports no forms."""

from django.db.models import Count


def listed_packages(packages):
    """The listing's rows: packages with their collection, current version
    (without its manifest) and number of learners."""
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
