import io

import pytest
from django.core.management import call_command

from courses.models import CoursePage, LessonPage
from lms.progress.models import Enrolment, Item
from lms.scorm.models import Package
from media.models import Video

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, wagtail_site, django_capture_on_commit_callbacks):
    settings.HOCVIEN_VIDEO_TRANSCODER = {
        "BACKEND": "media.transcoding.dummy.DummyTranscoder"
    }
    call_command("load_demo_org", stdout=io.StringIO())
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("load_demo_courses", stdout=io.StringIO())


def test_the_demo_course_is_built_once_with_its_lecture_quiz_and_learners(demo):
    assert CoursePage.objects.count() == 1
    assert LessonPage.objects.live().count() == 3
    assert Video.objects.count() == 1
    assert Package.objects.count() == 1
    course = CoursePage.objects.get()
    items = Item.objects.filter(course=course, is_active=True)
    assert sorted(items.values_list("kind", flat=True)) == ["scorm", "video", "video"]
    assert Enrolment.objects.filter(course=course).count() == 2
