from wagtail import hooks

from .admin.chooser import viewset as chooser_viewset
from .admin.forms import GroupContentPermissionFormSet
from .admin.viewsets import ContentViewSet
from .blocks import H5PBlock


@hooks.register("register_lesson_blocks")
def h5p_lesson_blocks():
    return [("h5p", H5PBlock())]


@hooks.register("register_admin_viewset")
def register_content_chooser():
    return chooser_viewset


@hooks.register("register_admin_viewset")
def register_content_viewset():
    return ContentViewSet()


@hooks.register("register_group_permission_panel")
def register_content_permissions_panel():
    return GroupContentPermissionFormSet
