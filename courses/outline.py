"""The course page's table of contents, with the learner's progress.

A constant number of queries whatever the number of lessons: lesson bodies
are not loaded; a lesson's items are found by their keys."""

from collections import defaultdict

from lms.progress import api as progress

from .items import lesson_key_prefix


def _lessons_by_module(course):
    from .models import LessonPage, ModulePage

    modules = list(ModulePage.objects.live().child_of(course))
    lessons = list(LessonPage.objects.live().descendant_of(course).defer_streamfields())
    for module in modules:
        module.lessons = [le for le in lessons if le.path.startswith(module.path)]
    return modules


def _keys_by_lesson(course):
    keys = defaultdict(set)
    for key in progress.item_keys(course_id=course.pk):
        keys[key.split(":", 1)[0]].add(key)
    return keys


def _mark_done(modules, keys_by_lesson, done_keys):
    for module in modules:
        for lesson in module.lessons:
            keys = keys_by_lesson.get(lesson_key_prefix(lesson), set())
            lesson.is_done = bool(keys) and keys <= done_keys


def course_outline(course, user) -> dict:
    modules = _lessons_by_module(course)
    enrolled = progress.is_enrolled(user=user, course=course)
    summary, done, missing = None, set(), None
    if enrolled:
        summary = progress.course_progress(user=user, course_id=course.pk)
        done = progress.completed_item_keys(user=user, course_id=course.pk)
        missing = progress.requirements(user=user, course_id=course.pk)
    _mark_done(modules, _keys_by_lesson(course), done)
    return {
        "modules": modules,
        "enrolled": enrolled,
        "progress": summary,
        "requirements": missing,
    }
