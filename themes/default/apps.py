from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DefaultThemeConfig(AppConfig):
    name = "themes.default"
    label = "themes_default"
    verbose_name = _("Default theme")
