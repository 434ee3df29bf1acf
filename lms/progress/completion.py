"""The completion channel: every source of progress ends in
``submit_completion``; progress is recomputed against the course's policy
(``policy``) in a constant number of queries, and ``item_completed`` and
``course_completed`` are sent after the commit."""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import (
    Sum,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from . import policy
from .data import (
    AttendanceSummary,
    CompletionResult,
    EnrolmentStatus,
    ItemKind,
    ProgressSummary,
    Requirement,
    Requirements,
)
from .enrolment import is_enrolled
from .errors import ProgressError
from .models import (
    CompletionRule,
    CourseProgress,
    Enrolment,
    Item,
    ItemCompletion,
    WatchRecord,
)
from .signals import course_completed, item_completed


def active_item(course_id, item_key) -> Item:
    item = Item.objects.filter(
        course_id=course_id, key=item_key, is_active=True
    ).first()
    if item is None:
        raise ProgressError(_("This activity is not part of the course."))
    return item


def require_enrolment(user, course_id):
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
    require_enrolment(user, course_id)
    item = active_item(course_id, item_key)
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


def completed_item_keys(*, user, course_id: int) -> set[str]:
    return set(
        ItemCompletion.objects.filter(user=user, item__course_id=course_id).values_list(
            "item__key", flat=True
        )
    )
