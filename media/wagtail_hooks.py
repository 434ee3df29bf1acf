from wagtail import hooks

from .admin.chooser import viewset as chooser_viewset
from .admin.forms import GroupVideoPermissionFormSet
from .admin.viewsets import VideoViewSet


@hooks.register("register_admin_viewset")
def register_lecture_viewset():
    return VideoViewSet()


@hooks.register("register_admin_viewset")
def register_lecture_chooser():
    return chooser_viewset


@hooks.register("register_group_permission_panel")
def register_lecture_permissions_panel():
    return GroupVideoPermissionFormSet
