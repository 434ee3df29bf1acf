"""Querysets the admin views and the chooser share; imports no forms, so the
chooser (and the block built from it) can load before the models are ready."""

from wagtail.permissions import policy_registry

from ..models import Video, fold


def search_folded(queryset, query: str):
    """Every word of the query in the title or description, ignoring case
    and Vietnamese diacritics ("bai giang" finds "Bài giảng")."""
    for word in fold(query).split():
        queryset = queryset.filter(search_text__contains=word)
    return queryset


def videos_for(user, actions=("add", "change", "delete", "view")):
    policy = policy_registry.get_by_type(Video)
    return policy.instances_user_has_any_permission_for(user, list(actions))
