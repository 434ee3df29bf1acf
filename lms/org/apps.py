from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "lms.org"
    label = "org"
    verbose_name = _("Organisations and people")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from .scoping import person_permission_policy, unit_permission_policy
        from .signal_handlers import register_signal_handlers

        register_signal_handlers(self)
        register_permission_policy(self.get_model("Person"), person_permission_policy)
        register_permission_policy(self.get_model("Unit"), unit_permission_policy)
