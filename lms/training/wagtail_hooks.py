from django.urls import include, path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSetGroup

from .admin import classes as class_admin
from .admin import documents as document_admin
from .admin import evaluations as evaluation_admin
from .admin import reminders as reminder_admin
from .admin import surveys as survey_admin
from .enrolment import APPROVE_PERMISSION


class TrainingGroup(ViewSetGroup):
    menu_label = _("Training")
    menu_icon = "group"
    menu_order = 250

    def __init__(self):
        self.items = [
            *class_admin.viewsets(),
            *evaluation_admin.viewsets(),
            *survey_admin.viewsets(),
        ]
        super().__init__()


@hooks.register("register_admin_viewset")
def register_training_group():
    return TrainingGroup()


class ApplicationsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(APPROVE_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_applications_menu_item():
    return ApplicationsMenuItem(
        _("Applications to classes"),
        reverse_lazy("training_admin:applications"),
        icon_name="tick-inverse",
        order=251,
    )


@hooks.register("register_admin_urls")
def register_training_admin_urls():
    urls = [
        *class_admin.admin_urls(),
        *document_admin.admin_urls(),
        *evaluation_admin.admin_urls(),
        *reminder_admin.admin_urls(),
        *survey_admin.admin_urls(),
    ]
    return [path("training/", include((urls, "training_admin")))]
