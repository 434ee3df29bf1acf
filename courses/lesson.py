"""A lesson page's learning state: which of its blocks are activities, and
for an enrolled learner which of them are done. Each block renders itself;
an activity block finds this as ``activity`` (``data.LessonActivity``)."""

from lms.progress import api as progress

from .data import LessonActivity
from .items import block_item_spec


def _activity(lesson, block, course, learner, done):
    spec = block_item_spec(lesson, block) if course is not None else None
    if spec is None:
        return None
    return LessonActivity(
        key=spec.key,
        course_id=course.pk,
        spec=spec,
        learner=learner,
        done=spec.key in done,
    )


def lesson_context(lesson, request) -> dict:
    course = lesson.course()
    user = request.user
    enrolled = course is not None and progress.is_enrolled(user=user, course=course)
    done = (
        progress.completed_item_keys(user=user, course_id=course.pk)
        if enrolled
        else set()
    )
    learner = user if enrolled else None
    sections = [
        {"block": block, "activity": _activity(lesson, block, course, learner, done)}
        for block in lesson.body
    ]
    return {"course": course, "enrolled": enrolled, "sections": sections}
