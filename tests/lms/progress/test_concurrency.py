"""Two tabs or a retried request complete the same item at the same moment."""

import threading

import pytest
from django.db import connection
from wagtail.models import Page

from lms.progress import api
from lms.progress.models import CourseProgress, ItemCompletion
from tests.factories import UserFactory, ensure_wagtail_site

from .conftest import video_item


@pytest.mark.django_db(transaction=True)
def test_parallel_completions_of_one_item_record_it_once():
    root = ensure_wagtail_site().root_page
    course = root.add_child(instance=Page(title="K", slug="k"))
    api.sync_course_items(course=course, items=[video_item("v1"), video_item("v2")])
    user = UserFactory(username="song-song")
    api.enrol(user=user, course=course)
    results, errors = [], []
    barrier = threading.Barrier(4)

    def complete():
        try:
            barrier.wait()
            results.append(
                api.submit_completion(
                    user=user, course_id=course.pk, item_key="v1", source="tab"
                )
            )
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=complete) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    assert sum(r.item_completed_now for r in results) == 1
    assert ItemCompletion.objects.filter(user=user).count() == 1
    progress = CourseProgress.objects.get(user=user, course=course)
    assert (progress.completed_items, progress.percent) == (1, 50)
