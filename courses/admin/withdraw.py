"""Withdraw a learner from a course (their progress is kept), or enrol
again one who withdrew. Learners outside the user's units are not found."""

from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View
from wagtail.admin import messages
from wagtail.log_actions import log

from lms.progress import api as progress
from lms.progress.data import EnrolmentSource

from .columns import learner_name
from .listing import CourseActionView, url
from .scope import CHANGE, CourseEnrolmentMixin


class LearnerEnrolmentMixin(CourseEnrolmentMixin):
    permission = CHANGE

    def learner_enrolment(self):
        return self.scope.enrolment_or_404(self.course, self.kwargs["user_id"])


class WithdrawView(LearnerEnrolmentMixin, CourseActionView):
    template_name = "courses/admin/withdraw.html"
    action_title = gettext_lazy("Withdraw from the course")

    def get(self, request, *args, **kwargs):
        enrolment = self.learner_enrolment()
        context = self.get_context_data(
            enrolment=enrolment,
            name=learner_name(enrolment),
            course=self.course,
            index_url=url("index", self.course.pk),
        )
        return self.render_to_response(context)

    def post(self, request, *args, **kwargs):
        enrolment = self.learner_enrolment()
        name = learner_name(enrolment)
        if progress.withdraw(user=enrolment.user, course=self.course):
            log(
                instance=self.course,
                action="courses.withdraw",
                user=request.user,
                data={"learner": name, "user_id": enrolment.user_id},
            )
        messages.success(
            request,
            _("%(name)s was withdrawn from the course; their progress is kept.")
            % {"name": name},
        )
        return redirect(url("index", self.course.pk))


class ReEnrolView(LearnerEnrolmentMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        enrolment = self.learner_enrolment()
        progress.enrol(
            user=enrolment.user, course=self.course, source=EnrolmentSource.STAFF
        )
        log(
            instance=self.course,
            action="courses.re_enrol",
            user=request.user,
            data={"learner": learner_name(enrolment), "user_id": enrolment.user_id},
        )
        messages.success(
            request,
            _("%(name)s is enrolled again, with the progress they had.")
            % {"name": learner_name(enrolment)},
        )
        return redirect(url("index", self.course.pk))
