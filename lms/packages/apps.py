from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PackagesConfig(AppConfig):
    name = "lms.packages"
    label = "packages"
    verbose_name = _("Content packages")

    def ready(self):
        from . import checks  # noqa: F401 - registers the system checks
