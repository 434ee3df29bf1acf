"""Public use cases of lms.progress: the one completion channel.

Every source of progress (video watching, SCORM, H5P, attendance, exams)
ends in ``submit_completion``; it is idempotent (an item completes once)
and race-safe (unique rows, row locks), and it announces ``item_completed``
and ``course_completed`` after the commit. Refusals raise ProgressError.
"""

import datetime
import time
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import (
    Case,
    Count,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from . import policy, ranges
from .data import (
    AttendanceSummary,
    BulkEnrolment,
    CompletedCourse,
    CompletionResult,
    EnrolmentCounts,
    EnrolmentStatus,
    ItemKind,
    ProgressSummary,
    Requirement,
    Requirements,
    WatchResult,
)
from .models import (
    CompletionRule,
    CourseProgress,
    Enrolment,
    Item,
    ItemCompletion,
    WatchRecord,
)
from .signals import course_completed, item_completed

DEFAULT_VIDEO_THRESHOLD = 0.9
MAX_SEGMENTS_PER_REPORT = 500
# Watched time may grow at most this fast against the wall clock (2x speed),
# plus slack for clocks and buffering; a client claiming more is refused.
MAX_PLAYBACK_RATE = 2.0
SLACK_SECONDS = 20.0


class ProgressError(Exception):
    """A refused request; ``str(error)`` is a translated sentence."""


def sync_course_items(*, course, items, cohort: str = "") -> None:
    """Make the course's items of ``cohort`` match ``items`` (ItemSpec): add
    and update by key; items of that cohort no longer there become inactive,
    keeping their completions. ``cohort`` "" is the course content every
    learner has; a training class syncs its sessions under its own cohort,
    and the two never touch each other's items."""
    keys = []
    for spec in items:
        keys.append(spec.key)
        Item.objects.update_or_create(
            course=course,
            key=spec.key,
            defaults={
                "kind": spec.kind,
                "title": spec.title[:255],
                "required": spec.required,
                "threshold": spec.threshold,
                "duration": spec.duration,
                "group": spec.group,
                "final": spec.final,
                "cohort": cohort,
                "is_active": True,
            },
        )
    stale = Item.objects.filter(course=course, cohort=cohort).exclude(key__in=keys)
    stale.update(is_active=False)


def set_completion_rule(
    *,
    course,
    min_attendance_percent: int = 0,
    electives_required: int = 0,
    final_pass_percent: int = 0,
    min_learning_minutes: int = 0,
) -> bool:
    """What the course asks beyond its required items: the share (0-100) of
    their cohort's sessions a learner must attend, how many elective modules
    (a module none of whose items is required) they must complete, the score
    (0-100, 0 for none) their final assessment must reach, and the minutes
    of learning (video watched, sessions attended, other items' declared
    durations). True when this changes what the course asks.

    It counts from each learner's next progress update; ``refresh_progress``
    or ``refresh_course_progress_later`` apply it at once. Raises
    ProgressError, storing nothing, for a value out of range."""
    values = {
        "min_attendance_percent": min_attendance_percent,
        "electives_required": electives_required,
        "final_pass_percent": final_pass_percent,
        "min_learning_minutes": min_learning_minutes,
    }
    _check_rule(values)
    rule = CompletionRule.objects.filter(course=course).first() or CompletionRule()
    before = {name: getattr(rule, name) for name in values}
    CompletionRule.objects.update_or_create(course=course, defaults=values)
    return before != values


RULE_LIMITS = {
    "min_attendance_percent": 100,
    "electives_required": 1000,
    "final_pass_percent": 100,
    "min_learning_minutes": 100_000,
}


def _check_rule(values) -> None:
    errors = {
        "min_attendance_percent": _(
            "The minimum attendance must be between 0 and 100%."
        ),
        "electives_required": _(
            "The number of elective modules required must be between 0 and 1000."
        ),
        "final_pass_percent": _(
            "The final assessment's pass mark must be between 0 and 100%."
        ),
        "min_learning_minutes": _(
            "The minimum learning time must be between 0 and 100,000 minutes."
        ),
    }
    for name, value in values.items():
        valid = isinstance(value, int) and not isinstance(value, bool)
        if not valid or not 0 <= value <= RULE_LIMITS[name]:
            raise ProgressError(errors[name])


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


def _active_item(course_id, item_key) -> Item:
    item = Item.objects.filter(
        course_id=course_id, key=item_key, is_active=True
    ).first()
    if item is None:
        raise ProgressError(_("This activity is not part of the course."))
    return item


def _require_enrolment(user, course_id):
    if not is_enrolled(user=user, course=course_id):
        raise ProgressError(_("You are not enrolled in this course."))


def submit_completion(
    *, user, course_id: int, item_key: str, source: str, score=None
) -> CompletionResult:
    """Record that ``user`` completed an item of the course, once.

    A second call for the same item changes nothing (and sends nothing),
    except a better ``score`` (scaled 0-1) on a final assessment, which
    replaces the kept one. Raises ProgressError for a learner not enrolled,
    an unknown item, or a final assessment scored below the course's pass
    mark (or with no score when there is one): nothing is stored."""
    _require_enrolment(user, course_id)
    item = _active_item(course_id, item_key)
    done = ItemCompletion.objects.filter(user=user, item=item).first()
    if done is not None:
        # The common repeat (every video report after completion): no
        # failing INSERT, no error in the database's log.
        if item.final and _better(score, done.score):
            return _improve_final_score(user, course_id, done, score)
        return _already_completed(user, course_id)
    if item.final:
        _check_pass_mark(course_id, score)
    with transaction.atomic():
        try:
            with transaction.atomic():
                ItemCompletion.objects.create(
                    user=user, item=item, source=source, score=score
                )
        except IntegrityError:  # a concurrent request completed it first
            return _already_completed(user, course_id)
        progress, completed_now = _recompute(user, course_id)
        transaction.on_commit(
            lambda: item_completed.send(
                sender=Item, user=user, item=item, course_id=course_id
            )
        )
    return CompletionResult(True, completed_now, progress.percent)


def _better(score, kept) -> bool:
    return score is not None and (kept is None or score > kept)


def _improve_final_score(user, course_id, done, score) -> CompletionResult:
    """A better score on a final assessment already completed replaces the
    one kept: the course's pass mark may have been raised since."""
    with transaction.atomic():
        ItemCompletion.objects.filter(pk=done.pk, score=done.score).update(score=score)
        progress, completed_now = _recompute(user, course_id)
    return CompletionResult(False, completed_now, progress.percent)


def _check_pass_mark(course_id, score) -> None:
    """Refuse a final assessment below the course's pass mark: it is not
    recorded, so a later, better attempt completes it."""
    rule = CompletionRule.objects.filter(course_id=course_id).first()
    if (
        rule
        and rule.final_pass_percent
        and not policy.passed(score, rule.final_pass_percent)
    ):
        raise ProgressError(
            _(
                "A score of at least %(percent)s%% is needed to pass the final "
                "assessment of this course."
            )
            % {"percent": rule.final_pass_percent}
        )


def undo_completion(*, user, course_id: int, item_key: str) -> bool:
    """Take back a learner's completion of an item, e.g. an attendance mark
    corrected to absent, and recompute their progress. A course already
    completed stays completed (a certificate may rest on it). False when
    there was nothing to take back."""
    with transaction.atomic():
        deleted, _counts = ItemCompletion.objects.filter(
            user=user, item__course_id=course_id, item__key=item_key
        ).delete()
        if deleted:
            _recompute(user, course_id)
    return bool(deleted)


def refresh_progress(*, course_id: int, user_ids) -> int:
    """Recompute the progress of these learners of the course, after their
    cohort, its sessions or the course's rule changed. Announces
    ``course_completed`` for those it completes; returns how many."""
    completed = 0
    for user in get_user_model().objects.filter(pk__in=user_ids):
        with transaction.atomic():
            completed += _recompute(user, course_id)[1]
    return completed


def _already_completed(user, course_id) -> CompletionResult:
    summary = course_progress(user=user, course_id=course_id)
    return CompletionResult(False, False, summary.percent)


def refresh_course_progress(*, course_id: int) -> int:
    """Re-evaluate every learner of the course still learning (after its
    policy changed); those who completed it stay completed. Returns how
    many completed now."""
    learning = Enrolment.objects.filter(
        course_id=course_id, status=EnrolmentStatus.ACTIVE
    ).values_list("user_id", flat=True)
    return refresh_progress(course_id=course_id, user_ids=list(learning))


def refresh_course_progress_later(*, course_id: int) -> None:
    """Run ``refresh_course_progress`` in the background once the current
    transaction commits (``tasks.refresh_course_progress_task``)."""
    from .tasks import refresh_course_progress_task

    transaction.on_commit(lambda: refresh_course_progress_task.enqueue(course_id))


def attendance_summary(*, user, course_id: int) -> AttendanceSummary:
    """The learner's attendance of their cohort's sessions (constant queries)."""
    rule = CompletionRule.objects.filter(course_id=course_id).first()
    required = rule.min_attendance_percent if rule else 0
    cohort = (
        Enrolment.objects.filter(user=user, course_id=course_id)
        .values_list("cohort", flat=True)
        .first()
    )
    if not cohort:
        return AttendanceSummary(0, 0, required)
    sessions = Item.objects.filter(
        course_id=course_id, cohort=cohort, kind=ItemKind.SESSION, is_active=True
    )
    attended = ItemCompletion.objects.filter(user=user, item__in=sessions).count()
    return AttendanceSummary(attended, sessions.count(), required)


def sessions_needed(summary: AttendanceSummary) -> int:
    """Sessions the rule asks of this learner: the required share of their
    cohort's sessions, rounded up, and at least one when attendance is
    required at all (a learner in no class cannot meet it)."""
    return policy.sessions_needed(summary.sessions, summary.required_percent)


ITEM_FIELDS = ("id", "kind", "title", "required", "group", "final", "duration")


def _standing(user, course_id) -> tuple[Requirement, ...]:
    """The learner against each rule of the course's policy (``policy``),
    in a constant number of queries whatever the number of items."""
    rule = CompletionRule.objects.filter(course_id=course_id).first()
    rule = rule or CompletionRule()
    cohort = (
        Enrolment.objects.filter(user=user, course_id=course_id)
        .values_list("cohort", flat=True)
        .first()
    )
    items = list(
        Item.objects.filter(
            course_id=course_id, is_active=True, cohort__in={"", cohort or ""}
        )
        .order_by("pk")
        .values(*ITEM_FIELDS, "cohort")
    )
    scores = dict(
        ItemCompletion.objects.filter(
            user=user, item__course_id=course_id, item__is_active=True
        ).values_list("item_id", "score")
    )
    watched = _watched_seconds(user, course_id) if rule.min_learning_minutes else 0
    return policy.evaluate(
        rule=rule, items=items, scores=scores, watched_seconds=watched
    )


def _watched_seconds(user, course_id) -> float:
    records = WatchRecord.objects.filter(
        user=user, item__course_id=course_id, item__is_active=True, item__cohort=""
    )
    return records.aggregate(total=Sum("watched_seconds"))["total"] or 0.0


def _tally(user, course_id) -> tuple[int, int]:
    """(done, total) parts of the course for the learner: each required
    item, each elective module and each session the policy asks for, and
    the final assessment's pass mark and the learning time when asked."""
    rules = _standing(user, course_id)
    done = sum(rule.parts_done for rule in rules)
    return done, sum(rule.parts for rule in rules)


def requirements(*, user, course_id: int) -> Requirements:
    """Where the learner stands against each rule of the course's policy:
    its target, what they have, whether it is met, and the titles of the
    required activities still missing (constant queries). ``completed``
    stays True once the course was completed, whatever the policy says
    since."""
    completed = CourseProgress.objects.filter(
        user=user, course_id=course_id, completed_at__isnull=False
    ).exists()
    return Requirements(_standing(user, course_id), completed)


def _recompute(user, course_id) -> tuple[CourseProgress, bool]:
    """Refresh the learner's course progress (a constant number of queries);
    True as second value when the course became complete just now, in which
    case ``course_completed`` is sent after the commit."""
    done, total = _tally(user, course_id)
    CourseProgress.objects.get_or_create(user=user, course_id=course_id)
    progress = CourseProgress.objects.select_for_update().get(
        user=user, course_id=course_id
    )
    progress.completed_items, progress.total_items = done, total
    progress.percent = 100 * done // total if total else 0
    completed_now = total > 0 and done >= total and progress.completed_at is None
    if completed_now:
        progress.completed_at = timezone.now()
        Enrolment.objects.filter(user=user, course_id=course_id).update(
            status=EnrolmentStatus.COMPLETED, completed_at=progress.completed_at
        )
        transaction.on_commit(
            lambda: course_completed.send(sender=Item, user=user, course_id=course_id)
        )
    progress.save()
    return progress, completed_now


def course_progress(*, user, course_id: int) -> ProgressSummary:
    progress = CourseProgress.objects.filter(user=user, course_id=course_id).first()
    if progress is None:
        done, total = _tally(user, course_id)
        return ProgressSummary(done, total, 100 * done // total if total else 0, False)
    return ProgressSummary(
        progress.completed_items,
        progress.total_items,
        progress.percent,
        progress.completed_at is not None,
    )


def item_keys(*, course_id: int, cohort: str | None = None) -> list[str]:
    """Keys of the course's active items (of ``cohort`` only, if given)."""
    items = Item.objects.filter(course_id=course_id, is_active=True)
    if cohort is not None:
        items = items.filter(cohort=cohort)
    return list(items.values_list("key", flat=True))


def completed_item_keys(*, user, course_id: int) -> set[str]:
    return set(
        ItemCompletion.objects.filter(user=user, item__course_id=course_id).values_list(
            "item__key", flat=True
        )
    )


def _checked_segments(segments, duration: float):
    if not isinstance(segments, list) or len(segments) > MAX_SEGMENTS_PER_REPORT:
        raise ProgressError(_("The watched segments are not valid."))
    try:
        parsed = [(float(start), float(end)) for start, end in segments]
    except (TypeError, ValueError):
        raise ProgressError(_("The watched segments are not valid.")) from None
    if not all(ranges.is_valid(interval, duration) for interval in parsed):
        raise ProgressError(_("The watched segments are not valid."))
    return parsed


def _watch_allowance(record, since, now, duration: float) -> float:
    """Seconds of new video the learner may report now: what the clock has
    allowed (at the fastest playback rate) since watching began, less what
    was already reported. The slack for clocks and buffering is given once
    per record, not once per report, so many quick reports cannot add up
    to more than the time that passed. The balance never exceeds the whole
    video, so time spent offline is still counted when its report arrives."""
    if record.reported_at is None:
        balance = SLACK_SECONDS + seconds_between(since, now) * MAX_PLAYBACK_RATE
    else:
        elapsed = seconds_between(record.reported_at, now)
        balance = record.allowance + elapsed * MAX_PLAYBACK_RATE
    return min(balance, duration + SLACK_SECONDS)


def seconds_between(start, end) -> float:
    return max(0.0, (end - start).total_seconds())


def record_watch(
    *, user, course_id: int, item_key: str, segments, position: float, since
) -> WatchResult:
    """Merge newly played ``segments`` of a video item into the learner's
    record and complete the item when the watched share reaches its
    threshold. ``since`` is when the page that reports was served: watched
    time cannot grow faster than the clock allows at 2x speed
    (``_watch_allowance``).

    Re-sent or overlapping segments never count twice. Raises ProgressError
    (nothing stored) for a learner not enrolled, an unknown item or
    impossible segments."""
    _require_enrolment(user, course_id)
    item = _active_item(course_id, item_key)
    if item.kind != ItemKind.VIDEO or not item.duration:
        raise ProgressError(_("This activity is not a video."))
    parsed = _checked_segments(segments, item.duration)
    with transaction.atomic():
        WatchRecord.objects.get_or_create(user=user, item=item)
        record = WatchRecord.objects.select_for_update().get(user=user, item=item)
        now = timezone.now()
        allowance = _watch_allowance(record, since, now, item.duration)
        added = ranges.added_by(parsed, record.intervals)
        if added > allowance:
            raise ProgressError(_("More time was reported than has passed."))
        record.allowance = allowance - added
        record.intervals = [list(i) for i in ranges.merge([*record.intervals, *parsed])]
        record.watched_seconds = ranges.total(record.intervals)
        record.position = max(0.0, min(float(position or 0), item.duration))
        record.reported_at = now
        record.save()
    share = min(1.0, record.watched_seconds / item.duration)
    threshold = item.threshold or DEFAULT_VIDEO_THRESHOLD
    completed = share >= threshold
    if completed:
        submit_completion(
            user=user, course_id=course_id, item_key=item_key, source="video"
        )
    return WatchResult(record.watched_seconds, share, completed)


def resume_position(*, user, course_id: int, item_key: str) -> float:
    """Where the learner stopped watching a video item (0 when never)."""
    record = (
        WatchRecord.objects.filter(
            user=user, item__course_id=course_id, item__key=item_key
        )
        .only("position")
        .first()
    )
    return record.position if record else 0.0


def watched_share(*, user, course_id: int, item_key: str) -> float:
    record = (
        WatchRecord.objects.filter(
            user=user, item__course_id=course_id, item__key=item_key
        )
        .select_related("item")
        .first()
    )
    if not record or not record.item.duration:
        return 0.0
    return min(1.0, record.watched_seconds / record.item.duration)


TOKEN_SALT = "lms.progress.watch"  # noqa: S105 - a signing namespace, not a secret
TOKEN_MAX_AGE = 24 * 60 * 60  # a lesson page left open for a day still reports


@dataclass(frozen=True)
class ReportTicket:
    user_id: int
    course_id: int
    item_key: str
    issued_at: datetime.datetime


def report_token(*, user, course_id: int, item_key: str) -> str:
    """A signed token the lesson page gives the player: it binds the reports
    to this learner and item, and dates the page (see record_watch)."""
    payload = {"u": user.pk, "c": course_id, "i": item_key, "t": time.time()}
    return signing.dumps(payload, salt=TOKEN_SALT, compress=True)


def read_report_token(token: str) -> ReportTicket:
    try:
        payload = signing.loads(str(token), salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        raise ProgressError(_("This page is too old; reload it.")) from None
    issued = datetime.datetime.fromtimestamp(payload["t"], tz=datetime.UTC)
    return ReportTicket(payload["u"], payload["c"], payload["i"], issued)
