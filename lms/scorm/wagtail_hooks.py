from wagtail import hooks

from .admin.chooser import viewset as chooser_viewset
from .admin.forms import GroupPackagePermissionFormSet
from .admin.viewsets import PackageViewSet
from .blocks import ScormBlock


@hooks.register("register_lesson_blocks")
def scorm_lesson_blocks():
    return [("scorm", ScormBlock())]


@hooks.register("register_admin_viewset")
def register_package_chooser():
    return chooser_viewset


@hooks.register("register_admin_viewset")
def register_package_viewset():
    return PackageViewSet()


@hooks.register("register_group_permission_panel")
def register_package_permissions_panel():
    return GroupPackagePermissionFormSet
