"""What progress needs to know of a course: its completable items.

Any block of a lesson body whose block object has ``item_spec(key, value)``
is an item, unless that returns None (e.g. a lecture with no video yet)."""

import dataclasses

from lms.progress import api as progress


def lesson_key_prefix(lesson) -> str:
    return f"lesson{lesson.pk}"


def item_key(lesson, block) -> str:
    """Stable across edits: the block's id survives reordering and new text."""
    return f"{lesson_key_prefix(lesson)}:{block.id}"


def block_item_spec(lesson, block):
    """The ItemSpec of one bound block of ``lesson.body``, or None."""
    describe = getattr(block.block, "item_spec", None)
    return describe(item_key(lesson, block), block.value) if describe else None


def lesson_item_specs(lesson, *, module_required=True, group=""):
    """The lesson's items, in the module ``group``; not required in an
    elective module (``module_required`` False)."""
    for block in lesson.body:
        spec = block_item_spec(lesson, block)
        if spec is None:
            continue
        if module_required:
            yield dataclasses.replace(spec, group=group)
        else:
            yield dataclasses.replace(spec, group=group, required=False)


def module_group(module) -> str:
    return f"module{module.pk}"


def course_item_specs(course):
    from .models import LessonPage, ModulePage

    modules = {m.path: m for m in ModulePage.objects.live().child_of(course)}
    for lesson in LessonPage.objects.live().descendant_of(course):
        module = modules.get(lesson.path[: -lesson.steplen])
        yield from lesson_item_specs(
            lesson,
            module_required=module.required if module else True,
            group=module_group(module) if module else "",
        )


def sync_course(course):
    """Tell progress which items the course has now, and what it asks
    beyond them (after a publish). When the policy changed, the learners
    still learning are re-evaluated in the background."""
    progress.sync_course_items(course=course, items=list(course_item_specs(course)))
    changed = progress.set_completion_rule(
        course=course,
        min_attendance_percent=course.min_attendance_percent,
        electives_required=course.electives_required,
        final_pass_percent=course.final_pass_percent,
        min_learning_minutes=course.min_learning_minutes,
    )
    if changed:
        progress.refresh_course_progress_later(course_id=course.pk)
