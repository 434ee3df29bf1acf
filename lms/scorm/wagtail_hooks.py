from wagtail import hooks

from .admin.chooser import viewset as chooser_viewset
from .blocks import ScormBlock


@hooks.register("register_lesson_blocks")
def scorm_lesson_blocks():
    return [("scorm", ScormBlock())]


@hooks.register("register_admin_viewset")
def register_package_chooser():
    return chooser_viewset
