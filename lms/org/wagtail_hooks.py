from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .admin.viewsets import OrgViewSetGroup


@hooks.register("register_admin_viewset")
def register_org_viewsets():
    return OrgViewSetGroup()


@hooks.register("register_log_actions")
def register_org_log_actions(actions):
    actions.register_action(
        "org.temporary_password",
        _("Set a temporary password"),
        _("Temporary password set"),
    )
