"""The read-only listing of notifications in the Wagtail admin (Settings →
Notifications sent), for superusers and holders of
``notifications.view_notification``."""

import django_filters
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.viewsets.model import ModelViewSet

from .data import Status
from .models import Notification


def used_values(field: str):
    """Choices of a filter: the values stored in ``field``."""
    values = Notification.objects.order_by(field).values_list(field, flat=True)
    return [(value, value) for value in values.distinct() if value]


class NotificationFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices)
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=lambda: used_values("kind")
    )
    channel = django_filters.ChoiceFilter(
        label=_("Channel"), choices=lambda: used_values("channel")
    )

    class Meta:
        model = Notification
        fields = ["status", "kind", "channel"]


class NotificationViewSet(ModelViewSet):
    model = Notification
    name = "notifications"
    icon = "mail"
    menu_label = _("Notifications sent")
    add_to_settings_menu = True
    inspect_view_enabled = True  # also lists the view permission for groups
    copy_view_enabled = False
    list_per_page = 50
    list_display = ["subject", "user", "channel", "kind", "status", "created_at"]
    filterset_class = NotificationFilterSet
    search_fields = ["key", "subject"]
    inspect_view_fields = [
        "subject",
        "body",
        "url",
        "user",
        "key",
        "kind",
        "channel",
        "status",
        "attempts",
        "error",
        "created_at",
        "sent_at",
    ]

    def get_urlpatterns(self):
        # Rows are written by delivery only: no add, edit or delete views.
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
        ]

    def get_index_view_kwargs(self, **kwargs):
        queryset = Notification.objects.select_related("user")
        return super().get_index_view_kwargs(queryset=queryset, **kwargs)

    def get_common_view_kwargs(self, **kwargs):
        urls = {
            f"{view}_url_name": None
            for view in ("add", "edit", "delete", "history", "usage")
        }
        return super().get_common_view_kwargs(**urls, **kwargs)
