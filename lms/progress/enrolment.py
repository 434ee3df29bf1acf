"""Who is enrolled in which course, with which cohort (training class);
withdrawals keep the learner's progress."""

from django.db import transaction
from django.db.models import (
    Case,
    Count,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from .data import (
    BulkEnrolment,
    CompletedCourse,
    EnrolmentCounts,
    EnrolmentStatus,
)
from .models import (
    CourseProgress,
    Enrolment,
)


def _restored_status():
    """The status a withdrawn enrolment comes back with: its progress is
    kept, so a learner who had completed the course stays completed."""
    return Case(
        When(completed_at__isnull=False, then=Value(EnrolmentStatus.COMPLETED)),
        default=Value(EnrolmentStatus.ACTIVE),
    )


def enrol(*, user, course, source: str = "self", cohort: str | None = None):
    """Enrol ``user`` in ``course`` (idempotent; re-activates a withdrawal,
    with the progress the learner had). ``cohort`` (a training class) puts
    the learner with that cohort's sessions; None leaves it as it was."""
    enrolment, created = Enrolment.objects.get_or_create(
        user=user, course=course, defaults={"source": source, "cohort": cohort or ""}
    )
    if not created and enrolment.status == EnrolmentStatus.WITHDRAWN:
        Enrolment.objects.filter(pk=enrolment.pk).update(status=_restored_status())
        enrolment.refresh_from_db(fields=["status"])
    if not created and cohort is not None and enrolment.cohort != cohort:
        set_cohort(user=user, course=course, cohort=cohort)
        enrolment.cohort = cohort
    return enrolment


def set_cohort(*, user, course, cohort: str) -> None:
    """Move an enrolled learner to ``cohort`` ("" for none): from now on that
    cohort's sessions count for them. Their progress is recomputed."""
    from .completion import refresh_progress  # completion needs enrolment first

    Enrolment.objects.filter(user=user, course=course).update(cohort=cohort)
    course_id = getattr(course, "pk", course)
    refresh_progress(course_id=course_id, user_ids=[user.pk])


ENROL_BATCH_SIZE = 1000


@transaction.atomic
def enrol_many(
    *, users, course, source: str = "staff", cohort: str | None = None
) -> BulkEnrolment:
    """Enrol every user of ``users`` (a queryset of users, or a list of
    users) in ``course``; idempotent, like ``enrol``.

    Withdrawn learners are re-enrolled with the progress they had; learners
    already enrolled are left as they are. A constant number of queries
    whatever the number of users (plus one insert per 1,000 new
    enrolments, and a progress update per learner moved to ``cohort``
    from another). Concurrent enrolments of the same people are safe (the
    unique row wins); the counts are as this call saw them."""
    if isinstance(users, QuerySet):
        ids = set(users.values_list("pk", flat=True))
    else:
        ids = {user.pk for user in users}
    mine = Enrolment.objects.filter(course=course, user__in=users)
    existing = dict(mine.values_list("user_id", "status"))
    withdrawn = sum(s == EnrolmentStatus.WITHDRAWN for s in existing.values())
    if withdrawn:
        mine.filter(status=EnrolmentStatus.WITHDRAWN).update(
            status=_restored_status(), source=source
        )
    if cohort is not None:
        from .completion import refresh_progress  # needs enrolment first

        moved = list(mine.exclude(cohort=cohort).values_list("user_id", flat=True))
        mine.filter(user_id__in=moved).update(cohort=cohort)
        refresh_progress(course_id=course.pk, user_ids=moved)
    new = [
        Enrolment(user_id=pk, course=course, source=source, cohort=cohort or "")
        for pk in sorted(ids - existing.keys())
    ]
    Enrolment.objects.bulk_create(
        new, ignore_conflicts=True, batch_size=ENROL_BATCH_SIZE
    )
    return BulkEnrolment(
        enrolled=len(new),
        re_enrolled=withdrawn,
        unchanged=len(existing) - withdrawn,
    )


def withdraw(*, user, course) -> bool:
    """Withdraw ``user`` from ``course``: they no longer see or report it,
    and keep their progress for a re-enrolment. False when they were not
    enrolled (or already withdrawn)."""
    changed = (
        Enrolment.objects.filter(user=user, course=course)
        .exclude(status=EnrolmentStatus.WITHDRAWN)
        .update(status=EnrolmentStatus.WITHDRAWN)
    )
    return bool(changed)


def course_enrolments(*, course, user_ids=None):
    """Queryset of the course's enrolments (withdrawn ones too) with ``user``
    loaded and ``percent`` (0-100, from the learner's course progress)
    annotated. ``user_ids`` (ids, or a queryset of ids) narrows it to those
    learners; None means everybody."""
    percent = CourseProgress.objects.filter(
        user_id=OuterRef("user_id"), course_id=OuterRef("course_id")
    ).values("percent")[:1]
    enrolments = Enrolment.objects.filter(course=course)
    if user_ids is not None:
        enrolments = enrolments.filter(user_id__in=user_ids)
    return enrolments.select_related("user").annotate(
        percent=Coalesce(Subquery(percent), Value(0))
    )


def enrolment_counts(*, course_ids, user_ids=None) -> dict[int, EnrolmentCounts]:
    """How many learners each course has, by status (one query); courses
    with no enrolment are left out. ``user_ids`` (ids, or a queryset of
    ids) narrows the count to those learners."""
    enrolments = Enrolment.objects.filter(course_id__in=course_ids)
    if user_ids is not None:
        enrolments = enrolments.filter(user_id__in=user_ids)
    withdrawn = Q(status=EnrolmentStatus.WITHDRAWN)
    rows = enrolments.values("course_id").annotate(
        enrolled=Count("pk", filter=~withdrawn),
        completed=Count("pk", filter=Q(status=EnrolmentStatus.COMPLETED)),
        withdrawn=Count("pk", filter=withdrawn),
    )
    return {
        row["course_id"]: EnrolmentCounts(
            row["enrolled"], row["completed"], row["withdrawn"]
        )
        for row in rows
    }


def is_enrolled(*, user, course) -> bool:
    if not user.is_authenticated:
        return False
    return (
        Enrolment.objects.filter(user=user, course=course)
        .exclude(status=EnrolmentStatus.WITHDRAWN)
        .exists()
    )


def enrolments_of(user):
    """The user's enrolments, newest first, with their course pages."""
    return (
        Enrolment.objects.filter(user=user)
        .exclude(status=EnrolmentStatus.WITHDRAWN)
        .select_related("course")
        .order_by("-enrolled_at")
    )


def completed_courses(*, user) -> list[CompletedCourse]:
    """The courses a logged-in ``user`` completed, most recent first, with
    when (one query). A withdrawal keeps the completion, so a course the
    learner completed and then left is still there."""
    rows = (
        CourseProgress.objects.filter(user=user, completed_at__isnull=False)
        .order_by("-completed_at", "-pk")
        .values_list("course_id", "course__title", "completed_at")
    )
    return [CompletedCourse(*row) for row in rows]
