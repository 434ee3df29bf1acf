"""A course's completion policy applied to one learner: pure functions over
rows already read (``completion._standing`` reads them in a constant number of
queries), so that progress, completion and "what is still missing" are
worked out in one place.

``items`` are dicts of the active items the learner has (the content and
their cohort's): id, kind, title, required, group, final, duration, cohort.
``scores`` maps the id of each item the learner completed to its score
(scaled 0-1, or None)."""

from .data import ItemKind, Requirement, RuleKind

# Scores are floats (0.29 * 100 < 29): a hair of tolerance, as lms.h5p has.
SCORE_EPSILON = 1e-6


def evaluate(*, rule, items, scores, watched_seconds=0.0) -> tuple[Requirement, ...]:
    """The rules ``rule`` (a CompletionRule, saved or not) asks, each with
    the learner's standing; rules the course does not ask are left out."""
    content = [item for item in items if not item["cohort"]]
    sessions = [
        item for item in items if item["cohort"] and item["kind"] == ItemKind.SESSION
    ]
    rules = [
        items_rule(content, scores, electives=rule.electives_required),
        electives_rule(content, scores, rule.electives_required),
        final_rule(content, scores, rule.final_pass_percent),
        attendance_rule(sessions, scores, rule.min_attendance_percent),
        time_rule(items, scores, watched_seconds, rule.min_learning_minutes),
    ]
    return tuple(found for found in rules if found is not None)


def items_rule(content, scores, *, electives=0):
    """Every required activity; every activity when none is required and
    no elective module is asked for (a course of optional items only)."""
    required = [item for item in content if item["required"]]
    if not required and not electives:
        required = content
    if not required:
        return None
    missing = tuple(item["title"] for item in required if item["id"] not in scores)
    done = len(required) - len(missing)
    return Requirement(
        RuleKind.ITEMS,
        target=len(required),
        achieved=done,
        met=not missing,
        missing=missing,
        parts=len(required),
        parts_done=done,
    )


def elective_modules(content) -> dict[str, list]:
    """Items by module, for the modules none of whose items is required."""
    groups: dict[str, list] = {}
    for item in content:
        if item["group"]:
            groups.setdefault(item["group"], []).append(item)
    return {
        group: members
        for group, members in groups.items()
        if not any(item["required"] for item in members)
    }


def electives_rule(content, scores, needed: int):
    """``needed`` elective modules with every item done."""
    if not needed:
        return None
    modules = elective_modules(content)
    done = sum(
        all(item["id"] in scores for item in members) for members in modules.values()
    )
    return Requirement(
        RuleKind.ELECTIVES,
        target=needed,
        achieved=done,
        met=done >= needed,
        parts=needed,
        parts_done=min(done, needed),
        possible=len(modules) >= needed,
    )


def passed(score, percent: int) -> bool:
    return score is not None and score * 100 >= percent - SCORE_EPSILON


def final_rule(content, scores, percent: int):
    """Every final assessment (normally one) completed with a score of at
    least ``percent``; never met by a course that has none."""
    if not percent:
        return None
    finals = [item for item in content if item["final"]]
    met = bool(finals) and all(passed(scores.get(f["id"]), percent) for f in finals)
    reached = [scores.get(f["id"]) or 0.0 for f in finals]
    return Requirement(
        RuleKind.FINAL,
        target=percent,
        achieved=int(min(reached) * 100 + SCORE_EPSILON) if reached else 0,
        met=met,
        parts_done=int(met),
        possible=bool(finals),
    )


def sessions_needed(sessions: int, percent: int) -> int:
    """The required share of the cohort's sessions, rounded up, and at least
    one when attendance is required at all (a learner in no class cannot
    meet it)."""
    if not percent:
        return 0
    return max(1, -(-sessions * percent // 100))


def attendance_rule(sessions, scores, percent: int):
    if not percent:
        return None
    needed = sessions_needed(len(sessions), percent)
    attended = sum(item["id"] in scores for item in sessions)
    return Requirement(
        RuleKind.ATTENDANCE,
        target=needed,
        achieved=attended,
        met=attended >= needed,
        parts=needed,
        parts_done=min(attended, needed),
        possible=bool(sessions),
    )


def learning_seconds(items, scores, watched_seconds: float) -> float:
    """Video really watched, plus the declared duration of the other items
    done (attended sessions, documents or packages that declare one)."""
    declared = sum(
        item["duration"] or 0
        for item in items
        if item["id"] in scores and item["kind"] != ItemKind.VIDEO
    )
    return watched_seconds + declared


def time_rule(items, scores, watched_seconds: float, minutes: int):
    if not minutes:
        return None
    seconds = learning_seconds(items, scores, watched_seconds)
    met = seconds >= minutes * 60
    return Requirement(
        RuleKind.LEARNING_TIME,
        target=minutes,
        achieved=int(seconds // 60),
        met=met,
        parts_done=int(met),
    )
