from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class H5PConfig(AppConfig):
    name = "lms.h5p"
    label = "h5p"
    verbose_name = _("H5P activities")

    def ready(self):
        from wagtail.permission_policies.collections import CollectionPermissionPolicy
        from wagtail.permissions import register_permission_policy

        from lms.org.api import give_roles_permissions_after_migrate
        from lms.packages.isolation import register_content_paths

        from .roles import ROLE_PERMISSIONS

        give_roles_permissions_after_migrate(self, ROLE_PERMISSIONS)
        register_content_paths("/h5p/play/", "/h5p/files/", "/h5p/libraries/")

        # Activity permissions are held per collection, like documents'.
        content = self.get_model("Content")
        register_permission_policy(content, CollectionPermissionPolicy(content))
