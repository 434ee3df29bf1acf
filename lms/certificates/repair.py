"""Finding learners who met a course's policy but have no certificate (a
lost signal, a failed job) and issuing theirs; safe to run any number of
times."""

from django.utils import timezone

from lms.progress import api as progress
from lms.progress.data import EnrolmentStatus

from . import issuing
from .models import Certificate, CourseCertificate


def missing(course_id):
    """Completed enrolments of the course with no certificate. A revoked
    one counts: whether to issue again is for staff to decide."""
    holders = Certificate.objects.filter(course_id=course_id).values("user_id")
    return (
        progress.course_enrolments(course=course_id)
        .filter(status=EnrolmentStatus.COMPLETED)
        .exclude(user_id__in=holders)
    )


def issue_missing() -> int:
    """Issue (or leave for approval) every missing certificate; returns
    how many were made."""
    made = 0
    for setting in CourseCertificate.objects.filter(is_active=True):
        for enrolment in missing(setting.course_id):
            completed = enrolment.completed_at or timezone.now()
            issuing.request(
                user=enrolment.user,
                course_id=setting.course_id,
                completed_on=timezone.localtime(completed).date(),
            )
            made += 1
    return made
