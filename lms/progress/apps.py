from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgressConfig(AppConfig):
    name = "lms.progress"
    label = "progress"
    verbose_name = _("Learning progress")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from lms.org.api import give_roles_permissions_after_migrate

        from .roles import ROLE_PERMISSIONS

        give_roles_permissions_after_migrate(self, ROLE_PERMISSIONS)
