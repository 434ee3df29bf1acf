"""Demo course content: a catalogue, one blended course with two modules and
a generated lecture clip that the demo's job worker transcodes. Idempotent:
pages are found by slug, the clip by its content hash."""

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files import File
from wagtail.models import Site

from lms.progress import api as progress
from media import api as media
from media.models import Video

from .models import CatalogueIndexPage, CoursePage, LessonPage, ModulePage

CLIP_SECONDS = 40
LESSONS = [
    (
        "phan-1",
        "Phần 1. Vai trò của chi hội trưởng",
        True,
        ["Nhiệm vụ của chi hội trưởng"],
    ),
    ("phan-2", "Phần 2. Kỹ năng tổ chức sinh hoạt", True, ["Chuẩn bị buổi sinh hoạt"]),
]


def make_clip(folder: Path) -> Path:
    """A short lecture-like clip: a test card and a tone (no speech)."""
    path = folder / "bai-giang-mau.mp4"
    picture = f"testsrc2=size=1280x720:rate=25:duration={CLIP_SECONDS}"
    sound = f"sine=frequency=330:duration={CLIP_SECONDS}"
    command = [shutil.which("ffmpeg") or "ffmpeg", "-v", "error", "-y"]
    command += ["-f", "lavfi", "-i", picture, "-f", "lavfi", "-i", sound]
    command += ["-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p"]
    command += ["-c:a", "aac", "-shortest", str(path)]
    subprocess.run(command, check=True)  # noqa: S603 - fixed arguments
    return path


def demo_video() -> Video:
    existing = Video.objects.filter(
        title="Bài giảng mẫu: vai trò chi hội trưởng"
    ).first()
    if existing:
        return existing
    with (
        tempfile.TemporaryDirectory() as folder,
        make_clip(Path(folder)).open("rb") as clip,
    ):
        return media.create_video(
            file=File(clip, name="bai-giang-mau.mp4"),
            title="Bài giảng mẫu: vai trò chi hội trưởng",
            tags=["demo"],
        )


def child(parent, model, slug, **fields):
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = parent.add_child(instance=model(slug=slug, **fields))
        page.save_revision().publish()
    return page


INTRO = "<p>Xem bài giảng dưới đây. Bài được tính là hoàn thành khi bạn đã xem 90%.</p>"


def lesson_body(video):
    lecture = {"video": video.pk, "threshold": 90, "required": True}
    blocks = [{"type": "text", "value": INTRO}, {"type": "lecture", "value": lecture}]
    return json.dumps(blocks)


def build(stdout=None) -> CoursePage:
    home = Site.objects.get(is_default_site=True).root_page
    catalogue = child(home, CatalogueIndexPage, "khoa-hoc", title="Khóa học")
    course = child(
        catalogue,
        CoursePage,
        "ky-nang-chi-hoi-truong",
        title="Kỹ năng hoạt động của chi hội trưởng",
        summary="Bồi dưỡng kỹ năng cho chi hội trưởng phụ nữ cơ sở.",
        programme="Bồi dưỡng cán bộ cơ sở",
        learning_hours=8,
        mode="blended",
        instructors="ThS. Nguyễn Thị Lan, Học viện Phụ nữ Việt Nam",
        min_attendance_percent=75,
    )
    video = demo_video()
    for slug, title, required, lessons in LESSONS:
        module = child(course, ModulePage, slug, title=title, required=required)
        for number, lesson_title in enumerate(lessons, 1):
            child(
                module,
                LessonPage,
                f"bai-{number}",
                title=lesson_title,
                body=lesson_body(video),
            )
    add_quiz_lesson(course)
    course.save_revision().publish()  # items are read again from the lessons
    enrol_demo_learners(course)
    return course


def add_quiz_lesson(course):
    """A SCORM quiz after the first lesson, where the SCORM app is installed."""
    if not apps.is_installed("lms.scorm"):
        return
    from lms.scorm import api as scorm

    package = scorm.demo_package()
    block = {
        "package": package.pk,
        "completion": "package",
        "minutes": None,
        "required": True,
    }
    body = json.dumps(
        [
            {"type": "text", "value": "<p>Làm bài kiểm tra nhanh (đạt từ 70%).</p>"},
            {"type": "scorm", "value": block},
        ]
    )
    module = ModulePage.objects.child_of(course).get(slug=LESSONS[0][0])
    child(module, LessonPage, "kiem-tra-nhanh", title="Kiểm tra nhanh", body=body)


def enrol_demo_learners(course):
    """The two demo learners (see lms.org's demo logins) start enrolled."""
    for user in get_user_model().objects.filter(
        person__phone__in=["+84911000005", "+84911000006"]
    ):
        progress.enrol(user=user, course=course, source="demo")
