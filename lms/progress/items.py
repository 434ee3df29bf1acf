"""What a course is made of for progress: its items (synced from the
course's content and its classes' sessions) and its completion rule."""

from django.utils.translation import gettext as _

from .errors import ProgressError
from .models import (
    CompletionRule,
    Item,
)


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


def item_keys(*, course_id: int, cohort: str | None = None) -> list[str]:
    """Keys of the course's active items (of ``cohort`` only, if given)."""
    items = Item.objects.filter(course_id=course_id, is_active=True)
    if cohort is not None:
        items = items.filter(cohort=cohort)
    return list(items.values_list("key", flat=True))
