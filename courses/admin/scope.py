"""Who may see and manage which enrolments.

Model permissions (``progress.view/add/change_enrolment``) say what a user
may do; ``lms.org`` says to whom: the people of the units they manage
(superusers: everybody, including accounts with no person record)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from lms.org import api as org
from lms.progress import api as progress

from ..models import CoursePage

VIEW = "progress.view_enrolment"
ADD = "progress.add_enrolment"
CHANGE = "progress.change_enrolment"


class Scope:
    """The learners ``user`` may see, read once per request."""

    def __init__(self, user):
        self.user = user
        self.people = org.people_visible_to(user)

    @property
    def learner_ids(self):
        """Their user ids as a subquery; None for everybody."""
        if self.user.is_superuser:
            return None
        return self.people.filter(user__isnull=False).values("user_id")

    def enrolments(self, course):
        return progress.course_enrolments(course=course, user_ids=self.learner_ids)

    def enrolment_or_404(self, course, learner_id):
        """One learner's enrolment, else 404: a learner outside the user's
        units is not found, whatever the URL says."""
        enrolment = get_object_or_404(self.enrolments(course), user_id=learner_id)
        return self.attach_people([enrolment])[0]

    def attach_people(self, enrolments):
        """Give each enrolment its ``person`` (unit and title loaded), or
        None for an account with no person record: one query."""
        enrolments = list(enrolments)
        ids = [enrolment.user_id for enrolment in enrolments]
        people = self.people.filter(user_id__in=ids).select_related("unit", "title")
        by_user = {person.user_id: person for person in people}
        for enrolment in enrolments:
            enrolment.person = by_user.get(enrolment.user_id)
        return enrolments


class EnrolmentPermissionMixin:
    """Checks ``permission`` (else PermissionDenied), then reads
    ``self.scope`` and what the URL names (``load``)."""

    permission = VIEW

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        self.scope = Scope(request.user)
        self.load(**kwargs)
        return super().dispatch(request, *args, **kwargs)

    def load(self, **kwargs):
        pass


class CourseEnrolmentMixin(EnrolmentPermissionMixin):
    def load(self, *, course_id, **kwargs):
        """The course page, else 404 (another kind of page is not found)."""
        self.course = get_object_or_404(CoursePage, pk=course_id)
