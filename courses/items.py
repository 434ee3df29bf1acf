"""What progress needs to know of a course: its completable items."""

import dataclasses

from lms.progress import api as progress

from .blocks import LectureBlock


def lesson_key_prefix(lesson) -> str:
    return f"lesson{lesson.pk}"


def item_key(lesson, block) -> str:
    """Stable across edits: the block's id survives reordering and new text."""
    return f"{lesson_key_prefix(lesson)}:{block.id}"


def lesson_item_specs(lesson, *, module_required=True):
    for block in lesson.body:
        if block.block_type == "lecture" and block.value["video"] is not None:
            spec = LectureBlock.item_spec(item_key(lesson, block), block.value)
            yield spec if module_required else dataclasses.replace(spec, required=False)


def course_item_specs(course):
    from .models import LessonPage, ModulePage

    required = {m.path: m.required for m in ModulePage.objects.live().child_of(course)}
    for lesson in LessonPage.objects.live().descendant_of(course):
        module_required = required.get(lesson.path[: -lesson.steplen], True)
        yield from lesson_item_specs(lesson, module_required=module_required)


def sync_course(course):
    """Tell progress which items the course has now (after a publish)."""
    progress.sync_course_items(course=course, items=list(course_item_specs(course)))
