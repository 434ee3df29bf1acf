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


def lesson_item_specs(lesson, *, module_required=True):
    for block in lesson.body:
        spec = block_item_spec(lesson, block)
        if spec is not None:
            yield spec if module_required else dataclasses.replace(spec, required=False)


def course_item_specs(course):
    from .models import LessonPage, ModulePage

    required = {m.path: m.required for m in ModulePage.objects.live().child_of(course)}
    for lesson in LessonPage.objects.live().descendant_of(course):
        module_required = required.get(lesson.path[: -lesson.steplen], True)
        yield from lesson_item_specs(lesson, module_required=module_required)


def sync_course(course):
    """Tell progress which items the course has now, and what it asks
    beyond them (after a publish)."""
    progress.sync_course_items(course=course, items=list(course_item_specs(course)))
    progress.set_completion_rule(
        course=course, min_attendance_percent=course.min_attendance_percent
    )
