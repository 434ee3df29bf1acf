"""Lecture files go only to staff and to learners enrolled in a course using them."""

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from courses.access import may_watch
from lms.progress import api as progress
from media.models import Video
from tests.factories import UserFactory

from .conftest import build_course

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def test_an_enrolled_learner_may_fetch_the_lecture_and_a_stranger_may_not(
    course, learner
):
    video = Video.objects.get(title="Bài 0.0")
    assert not may_watch(learner, video)
    progress.enrol(user=learner, course=course)  # the refusal was not cached
    assert may_watch(learner, video)


def test_a_published_lesson_opens_its_lecture_before_any_job_runs(
    settings, catalogue, learner
):
    """Wagtail's reference index job waits in the queue (behind transcodes,
    in production); the gate must not wait for it."""
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks_db.DatabaseBackend",
            "QUEUES": list(settings.TASK_QUEUES),
        }
    }
    course = build_course(catalogue, slug="moi")
    progress.enrol(user=learner, course=course)
    assert may_watch(learner, Video.objects.get(title="Bài 0.0"))


def test_the_serving_hook_refuses_with_403(client, course, learner):
    video = Video.objects.get(title="Bài 0.0")
    default_storage.save(f"{video.output_dir}/master.m3u8", ContentFile(b"#EXTM3U\n"))
    client.force_login(learner)
    response = client.get(f"/lectures/{video.pk}/master.m3u8")
    assert response.status_code == 403


def test_lecture_staff_may_always_fetch(course):
    staff = UserFactory(username="bien-tap", is_superuser=True)
    assert may_watch(staff, Video.objects.get(title="Bài 0.0"))
