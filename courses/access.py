"""Who may fetch a lecture's files: staff who may see lectures, and learners
enrolled in a course whose live lesson uses it."""

from django.core.cache import cache
from wagtail.models import ReferenceIndex

from lms.progress import api as progress

CACHE_SECONDS = 300  # every HLS segment asks; enrolment rarely changes


def _courses_using(video):
    from .models import CoursePage, LessonPage

    references = ReferenceIndex.get_references_to(video)
    lesson_ids = {
        int(ref.object_id)
        for ref in references.filter(content_type__model="lessonpage")
    }
    lessons = LessonPage.objects.live().filter(pk__in=lesson_ids)
    return {CoursePage.objects.ancestor_of(lesson).first() for lesson in lessons}


def may_watch(user, video) -> bool:
    if not user.is_authenticated:
        return False
    if user.has_perm("lectures.view_video") or user.has_perm("lectures.change_video"):
        return True
    cache_key = f"courses.may_watch:{user.pk}:{video.pk}"
    if cache.get(cache_key):
        return True
    allowed = any(
        progress.is_enrolled(user=user, course=course)
        for course in _courses_using(video)
        if course is not None
    )
    if allowed:  # a refusal is not kept: enrolling must open the lecture at once
        cache.set(cache_key, True, CACHE_SECONDS)
    return allowed
