from django_tasks import task

from . import api


@task()
def refresh_course_progress_task(course_id: int):
    """Re-evaluate the learners of a course still learning after its policy
    changed; safe to run twice (completion is recorded once)."""
    return {"completed": api.refresh_course_progress(course_id=course_id)}
