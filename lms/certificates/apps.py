from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "lms.certificates"
    label = "certificates"
    verbose_name = _("Certificates")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from lms.org.api import give_roles_permissions_after_migrate

        from . import signal_handlers  # noqa: F401
        from .roles import ROLE_PERMISSIONS

        give_roles_permissions_after_migrate(self, ROLE_PERMISSIONS)
