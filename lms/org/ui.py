"""Admin UI pieces other apps may use (public, like api and data)."""

from django.utils.formats import date_format
from django.utils.timezone import localtime
from wagtail.admin.ui.tables import Column


class LocalDateColumn(Column):
    """A date as cadres read it (21/11/2026), not "3 days ago"."""

    def get_value(self, instance):
        value = super().get_value(instance)
        return date_format(localtime(value), "SHORT_DATE_FORMAT") if value else ""
