"""The ways into the enrolment screens: the admin menu, and a button on a
course page's header and in the page listing's "more" menu."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import Button

from ..models import CoursePage
from .listing import url
from .scope import VIEW


class EnrolmentsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW)


def enrolments_menu_item():
    return EnrolmentsMenuItem(
        _("Enrolments"), url("courses"), name="enrolments", icon_name="group", order=250
    )


def enrolments_buttons(page, user, *, priority):
    """The "Enrolments" button of a course page (nothing for other pages)."""
    page_class = page.specific_class
    if page_class is None or not issubclass(page_class, CoursePage):
        return []
    if not user.has_perm(VIEW):
        return []
    return [
        Button(
            _("Enrolments"),
            url("index", page.pk),
            icon_name="group",
            priority=priority,
        )
    ]
