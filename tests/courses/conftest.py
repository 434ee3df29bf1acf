import json

import pytest
from django.core.files.base import ContentFile

from courses.models import CatalogueIndexPage, CoursePage, LessonPage, ModulePage
from media.data import VideoStatus
from media.models import Video
from tests.factories import UserFactory, ensure_wagtail_site


def ready_video(title="Bài giảng 1", duration=100.0):
    return Video.objects.create(
        title=title,
        file=ContentFile(b"x", name="clip.mp4"),
        status=VideoStatus.READY,
        duration=duration,
        master_playlist="master.m3u8",
        output_dir="lectures/hls/test",
    )


def lecture_body(*videos, threshold=90):
    return json.dumps(
        [
            {
                "type": "lecture",
                "value": {"video": v.pk, "threshold": threshold, "required": True},
            }
            for v in videos
        ]
    )


def publish(page):
    page.save_revision().publish()
    return page


@pytest.fixture
def catalogue(db):
    home = ensure_wagtail_site().root_page
    return home.add_child(
        instance=CatalogueIndexPage(title="Khóa học", slug="khoa-hoc")
    )


def build_course(catalogue, *, lessons=1, videos_per_lesson=1, slug="ky-nang"):
    course = catalogue.add_child(
        instance=CoursePage(
            title="Kỹ năng vận động hội viên", slug=slug, learning_hours=8
        )
    )
    module = course.add_child(instance=ModulePage(title="Phần 1", slug="phan-1"))
    for n in range(lessons):
        videos = [ready_video(f"Bài {n}.{m}") for m in range(videos_per_lesson)]
        lesson = module.add_child(
            instance=LessonPage(
                title=f"Bài {n}", slug=f"bai-{n}", body=lecture_body(*videos)
            )
        )
        publish(lesson)
    return course


@pytest.fixture
def course(catalogue):
    return build_course(catalogue)


@pytest.fixture
def learner(db):
    return UserFactory(username="hoc-vien")
