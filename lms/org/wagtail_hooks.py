from wagtail import hooks

from .admin.viewsets import OrgViewSetGroup


@hooks.register("register_admin_viewset")
def register_org_viewsets():
    return OrgViewSetGroup()
