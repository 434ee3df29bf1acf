from django.http import HttpResponseForbidden
from django.utils.translation import gettext as _
from wagtail import hooks

from .access import may_watch


@hooks.register("before_serve_lecture")
def only_staff_and_enrolled_learners(video, request):
    if not may_watch(request.user, video):
        return HttpResponseForbidden(_("Enrol in the course to watch this lecture."))
    return None
