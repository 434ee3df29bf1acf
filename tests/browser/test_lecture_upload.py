"""Uploading two lectures at once in the admin, in Chromium, through a
dropped connection and a spell offline: both finish, byte for byte."""

import re
import subprocess

import pytest
from django.utils import translation
from wagtail.models import Collection

from media.admin.upload_views import page_messages
from media.models import LectureUpload, Video
from media.uploads import partial
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("wagtail_site"),
]

CHUNK = 16 * 1024
TUS_URL = re.compile(r".*/admin/lectures/uploads/[0-9a-f-]{36}/$")


def make_clip(path, seconds):
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y",
         "-f", "lavfi", "-i", f"testsrc=size=320x240:rate=25:duration={seconds}",
         "-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}",
         "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
         "-c:a", "aac", "-shortest", str(path)],
        check=True,
    )  # fmt: skip
    return path


@pytest.fixture(scope="module")
def clips(tmp_path_factory):
    folder = tmp_path_factory.mktemp("upload-clips")
    return [
        make_clip(folder / "Bài giảng một.mp4", 3),
        make_clip(folder / "Bài giảng hai.mp4", 4),
    ]


@pytest.fixture
def uploader(db, settings):
    settings.HOCVIEN_VIDEO_UPLOAD_CHUNK_BYTES = CHUNK
    settings.HOCVIEN_VIDEO_TRANSCODER = {
        "BACKEND": "media.transcoding.dummy.DummyTranscoder"
    }
    if Collection.get_first_root_node() is None:  # flushed by an earlier test
        Collection.add_root(name="Root")
    user = UserFactory(username="quantri", is_superuser=True, is_staff=True)
    user.set_password("hocvien2026")
    user.save()
    return user


def test_two_lectures_upload_at_once_and_survive_a_dropped_connection(
    live_server, browser, uploader, clips
):
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Số điện thoại hoặc email").fill("quantri")
    page.get_by_label("Mật khẩu").fill("hocvien2026")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile(r".*/admin/$"))
    page.goto(live_server.url + "/admin/lectures/new/")
    assert page.locator("[data-lectures-upload]").get_attribute(
        "data-chunk-size"
    ) == str(CHUNK)

    methods = []
    patches = {"count": 0}

    def network(route, request):
        methods.append(request.method)
        if request.method == "PATCH":
            patches["count"] += 1
            if patches["count"] == 3:  # the connection drops mid-chunk
                route.abort("connectionreset")
                return
            if patches["count"] == 8:  # then the phone loses its signal
                context.set_offline(True)
                route.abort("internetdisconnected")
                return
        route.continue_()

    page.route(TUS_URL, network)
    # As payloads: Chromium fires no "change" for a non-ASCII path on disk.
    page.set_input_files(
        "[data-lu-input]",
        [
            {"name": path.name, "mimeType": "video/mp4", "buffer": path.read_bytes()}
            for path in clips
        ],
    )
    rows = page.locator(".lu__row")
    assert rows.count() == 2
    assert rows.nth(0).locator("[data-lu-title]").input_value() == "Bài giảng một"

    # Offline: the rows say they are paused and will resume by themselves.
    paused = page.locator('.lu__row[data-state="paused"]')
    paused.first.wait_for(timeout=20_000)
    with translation.override("vi"):
        says = page_messages()["paused"]
    assert paused.first.locator("[data-lu-status]").inner_text() == says
    page.wait_for_timeout(1000)
    context.set_offline(False)

    done = page.locator('.lu__row[data-state="done"]')
    done.nth(1).wait_for(timeout=60_000)
    for index in range(2):
        row = rows.nth(index)
        assert row.get_attribute("data-state") == "done"
        assert row.locator("[data-lu-progress]").evaluate("p => p.value") == 100
        assert row.locator("[data-lu-percent]").inner_text().startswith("100")
        link = row.locator("[data-lu-status] a")
        assert re.search(r"/admin/lectures/edit/\d+/$", link.get_attribute("href"))

    print("tus requests:", {m: methods.count(m) for m in sorted(set(methods))})
    assert "HEAD" in methods  # resumed by asking the server for the offset
    assert patches["count"] > 2 * 3  # several chunks per file
    videos = {video.title: video for video in Video.objects.all()}
    assert set(videos) == {"Bài giảng một", "Bài giảng hai"}
    for path in clips:
        video = videos[path.stem]
        assert video.file_size == path.stat().st_size
        with video.file.open("rb") as stored:
            assert stored.read() == path.read_bytes()
        assert video.uploaded_by_user == uploader
    assert not LectureUpload.objects.exists()
    assert list(partial.folder().glob("*")) == []
    # Forgotten once finished: choosing a file again starts a new upload.
    assert not page.evaluate(
        "Object.keys(localStorage).filter(k => k.startsWith('tus::'))"
    )
    context.close()
