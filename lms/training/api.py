"""Public surface of lms.training for the apps above it (course pages,
"my learning"). Everything else in this app is internal."""

from django.utils import timezone

from . import evaluation, needs, schedule
from .data import MemberStatus
from .models import ClassMember

SESSIONS_SHOWN = 5


def upcoming_classes(*, course_id: int):
    """Published classes of a course that have not ended, soonest first."""
    return schedule.upcoming_classes(course_id)


def learner_overview(*, user) -> dict:
    """What "my learning" shows of classes: the next sessions, the classes
    where the learner waits (approval or a seat), evaluations to fill in and
    open needs surveys. Empty lists for a user with none."""
    waiting = ClassMember.objects.filter(
        user=user, status__in=[MemberStatus.PENDING, MemberStatus.WAITLISTED]
    ).select_related("training_class")
    return {
        "sessions": list(schedule.sessions_of(user)[:SESSIONS_SHOWN]),
        "waiting": list(
            waiting.filter(training_class__ends_on__gte=timezone.localdate())
        ),
        "evaluations": evaluation.pending_for(user),
        "surveys": needs.open_surveys_for(user),
    }
