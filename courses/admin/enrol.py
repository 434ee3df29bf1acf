"""Enrol people chosen by unit, title or name: choose, preview how many and
who, confirm. The work is ``lms.progress.api.enrol_many``."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.log_actions import log

from lms.org import api as org
from lms.org.ui import PeoplePickerViewMixin
from lms.progress import api as progress
from lms.progress.data import EnrolmentSource

from .listing import CourseActionView, url
from .scope import ADD

PREVIEW_SHOWN = 20


class EnrolPeopleView(PeoplePickerViewMixin, CourseActionView):
    permission = ADD
    template_name = "courses/admin/enrol_people.html"
    action_title = gettext_lazy("Enrol people")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(course=self.course, index_url=url("index", self.course.pk))
        return context

    def preview_context(self, form):
        selection = form.selection()
        user_ids = selection.filter(user__isnull=False).values("user_id")
        counts = progress.enrolment_counts(
            course_ids=[self.course.pk], user_ids=user_ids
        )
        return self.get_context_data(
            form=form,
            preview=True,
            total=selection.count(),
            counts=counts.get(self.course.pk),
            without_account=selection.filter(user__isnull=True).count(),
            sample=selection.select_related("unit", "title")[:PREVIEW_SHOWN],
        )

    @transaction.atomic
    def confirm(self, selection):
        # Everyone registered has an account; one deleted since gets a new
        # one (unusable password until a manager sets one), as on registering.
        accounts = [org.ensure_account(p) for p in selection.filter(user__isnull=True)]
        users = get_user_model().objects.filter(pk__in=selection.values("user_id"))
        result = progress.enrol_many(
            users=users, course=self.course, source=EnrolmentSource.STAFF
        )
        log(
            instance=self.course,
            action="courses.enrol_people",
            user=self.request.user,
            data={
                "enrolled": result.enrolled,
                "re_enrolled": result.re_enrolled,
                "unchanged": result.unchanged,
            },
        )
        messages.success(self.request, enrolled_message(result, len(accounts)))
        return redirect(url("index", self.course.pk))


def enrolled_message(result, accounts: int) -> str:
    message = _(
        "Newly enrolled: %(enrolled)s. Enrolled again: %(re_enrolled)s. "
        "Already enrolled: %(unchanged)s."
    ) % {
        "enrolled": result.enrolled,
        "re_enrolled": result.re_enrolled,
        "unchanged": result.unchanged,
    }
    if accounts:
        message += " " + _("Login accounts created: %(count)s.") % {"count": accounts}
    return message
