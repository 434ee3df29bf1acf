"""A class's sessions as lms.progress items of its cohort, and the
schedules learners and instructors see."""

import datetime

from django.db.models import Count, Q
from django.utils import timezone

from lms.progress import api as progress
from lms.progress.data import ItemKind, ItemSpec

from .data import ClassStatus, MemberStatus
from .models import Session, TrainingClass


def session_item_specs(training_class):
    for session in training_class.sessions.filter(counts_for_attendance=True):
        yield ItemSpec(
            key=session.item_key,
            kind=ItemKind.SESSION,
            title=str(session),
            required=False,
            duration=(session.ends_at - session.starts_at).total_seconds(),
        )


def sync_sessions(training_class) -> None:
    """Tell progress which sessions the class has now (after one was added,
    changed or removed) and, when their number changed, update the progress
    of its learners: their required attendance depends on it."""
    items = list(session_item_specs(training_class))
    before = len(
        progress.item_keys(
            course_id=training_class.course_id, cohort=training_class.cohort
        )
    )
    progress.sync_course_items(
        course=training_class.course, items=items, cohort=training_class.cohort
    )
    if before == len(items):
        return
    learners = training_class.members.filter(status=MemberStatus.ENROLLED)
    progress.refresh_progress(
        course_id=training_class.course_id,
        user_ids=learners.values_list("user_id", flat=True),
    )


def sessions_of(user, *, since: datetime.date | None = None):
    """The sessions of the classes the user is enrolled in, from ``since``
    (today by default), in date order, with their class."""
    since = since or timezone.localdate()
    return (
        Session.objects.filter(
            training_class__members__user=user,
            training_class__members__status=MemberStatus.ENROLLED,
            date__gte=since,
        )
        .exclude(training_class__status=ClassStatus.CANCELLED)
        .select_related("training_class", "instructor")
        .order_by("date", "start_time")
    )


def upcoming_classes(course_id: int, *, today: datetime.date | None = None):
    """Published classes of the course that have not ended, soonest first,
    with ``enrolled`` (learners holding a seat) counted in the same query."""
    today = today or timezone.localdate()
    enrolled = Count("members", filter=Q(members__status=MemberStatus.ENROLLED))
    return (
        TrainingClass.objects.filter(
            course_id=course_id, status=ClassStatus.PUBLISHED, ends_on__gte=today
        )
        .annotate(enrolled=enrolled)
        .order_by("starts_on", "code")
    )
