from django.http import HttpResponseForbidden
from django.urls import include, path
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .access import may_watch
from .admin import menu


@hooks.register("before_serve_lecture")
def only_staff_and_enrolled_learners(video, request):
    if not may_watch(request.user, video):
        return HttpResponseForbidden(
            gettext("Enrol in the course to watch this lecture.")
        )
    return None


@hooks.register("register_admin_urls")
def register_enrolment_urls():
    return [path("courses/", include("courses.admin.urls"))]


@hooks.register("register_admin_menu_item")
def register_enrolments_menu_item():
    return menu.enrolments_menu_item()


@hooks.register("register_page_header_buttons")
def course_enrolments_header_button(page, user, view_name, next_url=None):
    return menu.enrolments_buttons(page, user, priority=40)


@hooks.register("register_page_listing_more_buttons")
def course_enrolments_listing_button(page, user, next_url=None):
    return menu.enrolments_buttons(page, user, priority=45)


@hooks.register("register_log_actions")
def register_enrolment_log_actions(actions):
    actions.register_action(
        "courses.enrol_people", _("Enrol people"), _("People enrolled")
    )
    actions.register_action(
        "courses.withdraw", _("Withdraw a learner"), _("Learner withdrawn")
    )
    actions.register_action(
        "courses.re_enrol", _("Enrol a learner again"), _("Learner enrolled again")
    )
