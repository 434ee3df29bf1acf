"""The acceptance test of lectures in courses, end to end in Chromium.

An administrator uploads a clip on the admin's upload page; the transcode
waits in the real database queue until a db_worker runs it with the real
ffmpeg transcoder; the lecture goes into a course of two lessons. A learner
logs in, enrols, plays the lecture, seeks ahead (nothing completes), then
watches it from the start to the threshold (it completes) and sees the course
progress go from 0 % to 50 % on the course page and in "my learning".
"""

import re
import subprocess

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from playwright.sync_api import expect
from wagtail.models import Collection

from courses.models import CatalogueIndexPage, CoursePage, LessonPage, ModulePage
from lms.progress import api as progress
from lms.progress.models import ItemCompletion
from media.data import VideoStatus
from media.models import Video
from tests.courses.conftest import lecture_body, publish, ready_video
from tests.factories import UserFactory, make_person

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

SECONDS = 18
THRESHOLD = 90  # per cent of the lecture to watch, as set on the lesson's block
PASSWORD = "hocvien2026"
LECTURE = "Kỹ năng lắng nghe hội viên"
WAIT = 30_000  # ms: generous, for a busy 2-core machine; only ever a ceiling

# Resolves once the lecture has played up to `at` seconds (then pauses it, as
# a learner would) or has ended; rejects after 30 s of waiting.
PLAY_UNTIL = """([start, at]) => new Promise((resolve, reject) => {
  const v = document.querySelector('video');
  const done = () => {
    if (v.currentTime < at && !v.ended) return;
    v.removeEventListener('timeupdate', done);
    v.removeEventListener('ended', done);
    clearTimeout(timer);
    v.pause();
    resolve(v.currentTime);
  };
  const timer = setTimeout(() => reject(new Error('stuck at ' + v.currentTime)), 30000);
  v.addEventListener('timeupdate', done);
  v.addEventListener('ended', done);
  if (start !== null) v.currentTime = start;
  v.play();
})"""


@pytest.fixture(scope="module")
def clip(tmp_path_factory):
    """A lecture-like clip: 18 s of a moving test card at 426x240 (16:9) and
    a beeping tone, small enough for the real transcode to take a second."""
    path = tmp_path_factory.mktemp("journey") / f"{LECTURE}.mp4"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y",
         "-f", "lavfi", "-i", f"testsrc2=size=426x240:rate=25:duration={SECONDS}",
         "-f", "lavfi", "-i", f"sine=frequency=300:beep_factor=4:duration={SECONDS}",
         "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
         "-c:a", "aac", "-b:a", "64k", "-shortest", str(path)],
        check=True,
    )  # fmt: skip
    return path


@pytest.fixture
def real_jobs(settings):
    """Jobs wait in the database until a db_worker runs them (the test
    settings run them at once), and the transcoder is the real ffmpeg one.
    The live server is a thread of this process: it sees these settings."""
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks_db.DatabaseBackend",
            "QUEUES": list(settings.TASK_QUEUES),
        }
    }
    settings.HOCVIEN_VIDEO_TRANSCODER = {
        "BACKEND": "media.transcoding.ffmpeg.FFmpegTranscoder"
    }
    cache.clear()  # the lecture gate caches its answers per user and video id


def run_worker(queue):
    """The worker production runs (`db_worker --queue-name '*'`), for one
    queue and in batch mode: it runs the waiting jobs, then stops."""
    call_command(
        "db_worker",
        queue_name=queue,
        batch=True,
        startup_delay=False,
        reload=False,
        verbosity=0,
    )


@pytest.fixture
def administrator(db):
    if Collection.get_first_root_node() is None:  # flushed by an earlier test
        Collection.add_root(name="Root")
    user = UserFactory(username="quantri", is_superuser=True, is_staff=True)
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def learner(tree):
    person = make_person(
        tree["commune_a"], full_name="Lò Thị Mai", phone="+84912300001"
    )
    person.user.set_password(PASSWORD)
    person.user.save()
    return person.user


def build_course(home, video):
    """Catalogue → course (self-enrolment) → module → two lessons, each with
    a lecture to watch to 90 %: ours, and another (ready) one."""
    catalogue = home.add_child(
        instance=CatalogueIndexPage(title="Khóa học", slug="khoa-hoc")
    )
    course = catalogue.add_child(
        instance=CoursePage(
            title="Công tác vận động hội viên",
            slug="van-dong-hoi-vien",
            learning_hours=4,
            self_enrolment=True,
        )
    )
    module = course.add_child(instance=ModulePage(title="Phần 1", slug="phan-1"))
    lessons = []
    for number, (title, lecture) in enumerate(
        [
            ("Bài 1: Lắng nghe hội viên", video),
            ("Bài 2: Sinh hoạt chi hội", ready_video("Sinh hoạt chi hội", 600.0)),
        ],
        start=1,
    ):
        lesson = module.add_child(
            instance=LessonPage(
                title=title,
                slug=f"bai-{number}",
                body=lecture_body(lecture, threshold=THRESHOLD),
            )
        )
        lessons.append(publish(lesson))  # publishing syncs the course's items
    return course, lessons


def is_report(response):
    return response.request.method == "POST" and response.url.endswith(
        "/progress/watch/"
    )


def reported_until(response):
    segments = (response.request.post_data_json or {}).get("segments") or [[0, 0]]
    return max(end for _, end in segments)


def course_progress_text(page):
    return page.locator("[data-course-progress]").inner_text().strip()


def test_a_lecture_goes_from_upload_to_a_learners_course_progress(
    live_server, browser, wagtail_site, real_jobs, clip, administrator, learner
):
    # 1. The administrator uploads the clip on the admin's upload page.
    admin = browser.new_context(locale="vi-VN")
    page = admin.new_page()
    page.set_default_timeout(WAIT)
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Số điện thoại hoặc email").fill("quantri")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile(r".*/admin/$"))
    page.goto(live_server.url + "/admin/lectures/new/")
    # As a payload: Chromium fires no "change" for a non-ASCII path on disk.
    page.set_input_files(
        "[data-lu-input]",
        {"name": clip.name, "mimeType": "video/mp4", "buffer": clip.read_bytes()},
    )
    row = page.locator(".lu__row")
    assert row.locator("[data-lu-title]").input_value() == LECTURE
    page.locator('.lu__row[data-state="done"]').wait_for()
    assert row.locator("[data-lu-status]").inner_text().startswith("Hoàn tất")

    # Stored and queued, not transcoded: nobody has run the queue yet.
    video = Video.objects.get()
    assert (video.title, video.status) == (LECTURE, VideoStatus.UPLOADED)
    assert video.duration == pytest.approx(SECONDS, abs=0.1)
    job = DBTaskResult.objects.get(queue_name="video")
    assert job.task_path == "media.tasks.transcode_video_task"
    assert job.status == TaskResultStatus.READY
    assert job.args_kwargs["args"] == [video.pk]
    page.goto(live_server.url + "/admin/lectures/")
    listed = page.locator("tbody tr", has_text=LECTURE)
    assert "Đã tải lên" in listed.inner_text()  # "Uploaded"

    # 2. The worker transcodes it with ffmpeg; the listing says it is ready.
    run_worker("video")
    job.refresh_from_db()
    assert job.status == TaskResultStatus.SUCCESSFUL, job.traceback
    video.refresh_from_db()
    assert video.status == VideoStatus.READY, video.failure_reason
    assert video.master_playlist
    assert sorted(r.name for r in video.renditions.all()) == ["240p", "audio"]
    page.reload()
    cells = listed.inner_text()
    assert "Sẵn sàng" in cells  # "Ready"
    assert "Đã tải lên" not in cells
    assert "0:00:18" in cells
    admin.close()

    # 3. The lecture goes into a course of two lessons. Wagtail updates its
    # reference index through the queue too, and the lecture gate reads it:
    # until the worker has run, enrolled learners get 403 for the lecture.
    course, (first, second) = build_course(wagtail_site.root_page, video)
    run_worker("default")
    assert not DBTaskResult.objects.exclude(status=TaskResultStatus.SUCCESSFUL).exists()
    keys = progress.item_keys(course_id=course.pk)
    assert len(keys) == 2
    key = next(k for k in keys if k.startswith(f"lesson{first.pk}:"))

    # 4. The learner logs in from the course page and enrols.
    context = browser.new_context(
        viewport={"width": 360, "height": 740},
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
    )
    context.set_default_timeout(WAIT)
    page = context.new_page()
    page.goto(live_server.url + course.url)
    page.get_by_role("link", name="Đăng nhập để ghi danh").click()
    page.get_by_label("Số điện thoại hoặc email").fill("0912 300 001")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(live_server.url + course.url)
    enrol = page.locator("button[name=enrol][value='1']")
    assert enrol.inner_text().strip() == "Ghi danh khóa học này"
    enrol.click()
    page.locator("[data-course-progress]").wait_for()
    assert progress.is_enrolled(user=learner, course=course)
    assert course_progress_text(page) == "Đã hoàn thành 0% (0/2 hoạt động)"

    # 5. They open the lesson, play, and seek ahead to 2 s before the end.
    page.get_by_role("link", name=first.title).click()
    page.wait_for_url(live_server.url + first.url)
    lesson = page
    lesson.evaluate(
        """window.completions = 0; document.addEventListener(
        'lecture:completed', () => { window.completions += 1; })"""
    )
    lesson.get_by_role("button", name="Phát bài giảng").click()
    lesson.wait_for_function("document.querySelector('video').currentTime > 0.5")
    duration = lesson.evaluate("document.querySelector('video').duration")
    assert duration == pytest.approx(SECONDS, abs=0.5)
    with lesson.expect_response(
        lambda r: is_report(r) and reported_until(r) > duration - 1
    ) as report:  # sent when the lecture ends
        lesson.evaluate(PLAY_UNTIL, [duration - 2, duration + 1])
    reply = report.value.json()
    assert reply["ok"] and not reply["completed"], reply
    assert reply["watched_share"] < 0.3
    assert progress.completed_item_keys(user=learner, course_id=course.pk) == set()
    assert progress.course_progress(user=learner, course_id=course.pk).percent == 0
    shown = lesson.locator("[data-lp=progress]")
    expect(shown).to_have_text(f"Đã xem {int(reply['watched_share'] * 100)}%")

    outline = context.new_page()  # the course page, in a second tab
    outline.goto(live_server.url + course.url)
    assert course_progress_text(outline) == "Đã hoàn thành 0% (0/2 hoạt động)"
    assert outline.locator("progress").get_attribute("value") == "0"

    # 6. Back to the start at double speed: half-way is not enough...
    # (A heartbeat may report on the way; the pause's report is the last.)
    lesson.bring_to_front()
    lesson.locator("[data-lp=rate]").select_option("2")
    half = SECONDS / 2
    with lesson.expect_response(
        lambda r: is_report(r) and reported_until(r) >= half
    ) as report:
        lesson.evaluate(PLAY_UNTIL, [0, half])
    reply = report.value.json()
    assert reply["ok"] and not reply["completed"], reply
    assert 0.5 < reply["watched_share"] < THRESHOLD / 100
    assert not ItemCompletion.objects.exists()

    # ... watching on up to the threshold completes the lecture.
    threshold = SECONDS * THRESHOLD / 100
    with lesson.expect_response(
        lambda r: is_report(r) and reported_until(r) >= threshold
    ) as report:
        lesson.evaluate(PLAY_UNTIL, [None, threshold])
    reply = report.value.json()
    assert reply["ok"] and reply["completed"], reply
    lesson.wait_for_function("window.completions === 1")
    assert "lp--completed" in lesson.locator(".lp").get_attribute("class")
    expect(shown).to_have_text("Đã hoàn thành")
    assert progress.completed_item_keys(user=learner, course_id=course.pk) == {key}
    completion = ItemCompletion.objects.get()
    assert (completion.user, completion.source) == (learner, "video")
    summary = progress.course_progress(user=learner, course_id=course.pk)
    assert (summary.completed_items, summary.total_items) == (1, 2)
    assert (summary.percent, summary.completed) == (50, False)

    # 7. The course page and "my learning" show the new progress.
    outline.reload()
    assert course_progress_text(outline) == "Đã hoàn thành 50% (1/2 hoạt động)"
    assert outline.locator("progress").get_attribute("value") == "50"
    done = outline.get_by_label("đã hoàn thành", exact=True)
    assert done.count() == 1
    assert first.title in outline.locator("li", has=done).inner_text()
    outline.goto(live_server.url + "/hoc-tap/")
    card = outline.locator(".card", has_text=course.title)
    assert card.locator("progress").get_attribute("value") == "50"
    assert "Đã hoàn thành 50%" in card.inner_text()
    context.close()
