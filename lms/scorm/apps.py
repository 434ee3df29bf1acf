from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScormConfig(AppConfig):
    name = "lms.scorm"
    label = "scorm"
    verbose_name = _("SCORM packages")

    def ready(self):
        from wagtail.permission_policies.collections import CollectionPermissionPolicy
        from wagtail.permissions import register_permission_policy

        from lms.org.api import give_roles_permissions_after_migrate
        from lms.packages.isolation import register_content_paths

        from .roles import ROLE_PERMISSIONS

        give_roles_permissions_after_migrate(self, ROLE_PERMISSIONS)
        register_content_paths("/scorm/play/", "/scorm/files/")

        # Package permissions are held per collection, like documents'.
        package = self.get_model("Package")
        register_permission_policy(package, CollectionPermissionPolicy(package))
