"""A lesson page's learning state: which lectures report progress, and where
each one resumes."""

from django.urls import reverse

from lms.progress import api as progress

from .items import item_key


def _tracking(user, course, key, value, done):
    return {
        "report_url": reverse("progress:watch_report"),
        "token": progress.report_token(user=user, course_id=course.pk, item_key=key),
        "resume_at": progress.resume_position(
            user=user, course_id=course.pk, item_key=key
        ),
        "threshold": value["threshold"] / 100,
        "done": key in done,
    }


def lesson_context(lesson, request) -> dict:
    course = lesson.course()
    user = request.user
    enrolled = course is not None and progress.is_enrolled(user=user, course=course)
    done = (
        progress.completed_item_keys(user=user, course_id=course.pk)
        if enrolled
        else set()
    )
    sections = []
    for block in lesson.body:
        tracking = None
        if enrolled and block.block_type == "lecture" and block.value["video"]:
            key = item_key(lesson, block)
            tracking = _tracking(user, course, key, block.value, done)
        sections.append({"block": block, "tracking": tracking})
    return {"course": course, "enrolled": enrolled, "sections": sections}
