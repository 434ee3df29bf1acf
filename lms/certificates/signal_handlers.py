"""Signal receivers of lms.certificates (connected by apps.ready)."""

from django.dispatch import receiver

from lms.progress.signals import course_completed

from . import issuing


@receiver(course_completed, dispatch_uid="certificates_course_completed")
def issue_on_completion(sender, user, course_id, **kwargs):
    """A learner met the course's policy: their certificate (the repair
    command issues what a lost signal missed)."""
    issuing.request(user=user, course_id=course_id)
