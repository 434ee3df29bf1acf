"""The lecture player in Chromium, on a real HLS ladder made by ffmpeg: lazy
hls.js, watched segments, data saver, audio only, offline reports, keys."""

import gzip
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from wagtail.models import Collection

from media.data import VideoStatus
from media.models import Caption, Chapter, Video, VideoRendition
from tests.browser import lecture_site

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("tests.browser.lecture_site"),
]

SECONDS = 12
MASTER = """#EXTM3U
#EXT-X-VERSION:3
#EXT-X-STREAM-INF:BANDWIDTH=64000,CODECS="mp4a.40.2"
audio/index.m3u8
#EXT-X-STREAM-INF:BANDWIDTH=250000,RESOLUTION=240x180,CODECS="avc1.42e01e,mp4a.40.2"
180p/index.m3u8
#EXT-X-STREAM-INF:BANDWIDTH=450000,RESOLUTION=320x240,CODECS="avc1.42e01e,mp4a.40.2"
240p/index.m3u8
"""
CAPTIONS = """WEBVTT

00:00.000 --> 00:04.000
Xin chào các đồng chí.
"""


def ffmpeg(*args):
    subprocess.run(["ffmpeg", "-v", "error", "-y", *args], check=True)


def hls(source, folder, *codec_args):
    folder.mkdir()
    ffmpeg(
        "-i", str(source), *codec_args,
        "-f", "hls", "-hls_time", "2", "-hls_playlist_type", "vod",
        "-hls_segment_filename", str(folder / "seg_%03d.ts"),
        str(folder / "index.m3u8"),
    )  # fmt: skip


@pytest.fixture(scope="session")
def ladder(tmp_path_factory):
    """A 12-s lecture: 180p and 240p rungs, an audio-only one, a poster."""
    root = tmp_path_factory.mktemp("ladder")
    clip = root / "clip.mp4"
    ffmpeg(
        "-f", "lavfi", "-i", f"testsrc=size=320x240:rate=25:duration={SECONDS}",
        "-f", "lavfi", "-i", f"sine=frequency=440:duration={SECONDS}",
        "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
        "-c:a", "aac", "-shortest", str(clip),
    )  # fmt: skip
    video = ["-c:v", "libx264", "-profile:v", "baseline", "-level", "3.0"]
    video += ["-preset", "ultrafast", "-g", "50", "-sc_threshold", "0"]
    audio = ["-c:a", "aac", "-b:a", "48k", "-ac", "1"]
    hls(clip, root / "180p", "-vf", "scale=240:180", *video, "-b:v", "150k", *audio)
    hls(clip, root / "240p", *video, "-b:v", "300k", *audio)
    hls(clip, root / "audio", "-vn", *audio)
    ffmpeg("-ss", "1", "-i", str(clip), "-frames:v", "1", str(root / "poster.jpg"))
    (root / "master.m3u8").write_text(MASTER)
    (root / "vi.vtt").write_text(CAPTIONS)
    clip.unlink()
    return root


@pytest.fixture(autouse=True)
def open_lecture_gate(monkeypatch):
    """The player is tested on its own; who may fetch lectures is tested in
    tests/courses/test_access.py."""
    monkeypatch.setattr("courses.wagtail_hooks.may_watch", lambda user, video: True)


@pytest.fixture
def video(ladder):
    if Collection.get_first_root_node() is None:  # flushed by an earlier test
        Collection.add_root(name="Root")
    video = Video.objects.create(
        title="Bài giảng: Cải cách hành chính",
        file="lectures/originals/clip.mp4",
        duration=SECONDS,
        status=VideoStatus.READY,
        master_playlist="master.m3u8",
        poster="poster.jpg",
    )
    video.output_dir = f"lectures/hls/{video.pk}/v1"
    video.save()
    shutil.copytree(ladder, Path(settings.MEDIA_ROOT) / video.output_dir)
    shutil.copy(ladder / "vi.vtt", Path(settings.MEDIA_ROOT) / "vi.vtt")
    Caption.objects.create(
        video=video, language="vi", label="Tiếng Việt", file="vi.vtt"
    )
    Chapter.objects.create(video=video, start=0, title="Mở đầu")
    Chapter.objects.create(video=video, start=6, title="Nội dung chính")
    for name, height, bandwidth in [("180p", 180, 250_000), ("240p", 240, 450_000)]:
        VideoRendition.objects.create(
            video=video, name=name, playlist=f"{name}/index.m3u8",
            width=height * 4 // 3, height=height, bandwidth=bandwidth,
            average_bandwidth=bandwidth, size_bytes=1,
        )  # fmt: skip
    VideoRendition.objects.create(
        video=video, name="audio", playlist="audio/index.m3u8",
        bandwidth=64_000, average_bandwidth=64_000, size_bytes=1,
    )  # fmt: skip
    lecture_site.REPORTS.clear()
    return video


@pytest.fixture
def context(browser):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="vi-VN"
    )
    yield context
    context.close()


@pytest.fixture
def open_lesson(live_server, context, video):
    """Opens the lesson page; returns (page, urls of every request made)."""
    requests = []

    def open_lesson(**query):
        page = context.new_page()
        page.on("request", lambda request: requests.append(request.url))
        params = "&".join(f"{key}={value}" for key, value in query.items())
        page.goto(f"{live_server.url}/lesson/{video.pk}/?{params}")
        page.wait_for_load_state("networkidle")
        return page, requests

    return open_lesson


def play(page, until=1.0):
    page.get_by_role(
        "button", name=re.compile("Play the lecture|Phát bài giảng")
    ).click()
    wait_time(page, until)


def wait_time(page, seconds):
    page.wait_for_function(f"document.querySelector('video').currentTime > {seconds}")


def hls_state(page):
    return page.evaluate(
        """() => { const h = document.querySelector('.lp').lecturePlayer.hls;
        return {loadLevel: h.loadLevel, auto: h.autoLevelEnabled,
                heights: h.levels.map(l => l.height)}; }"""
    )


def reported_segments():
    return [s for r in lecture_site.REPORTS for s in r["segments"]]


def wait_reports(page, count):
    for _ in range(100):
        if len(lecture_site.REPORTS) >= count:
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"{count} reports expected, got {lecture_site.REPORTS}")


def unsent(page):
    return page.evaluate(
        """() => Object.keys(localStorage).filter(k => k.startsWith('hocvien.unsent.'))
        .flatMap(k => JSON.parse(localStorage.getItem(k)))"""
    )


def test_the_page_is_light_until_play_and_then_hls_js_plays_the_lecture(
    open_lesson, live_server
):
    page, requests = open_lesson()
    assert not [url for url in requests if "hls" in url]
    weight = {}
    for path in ["", "/static/lectures/player.css", "/static/lectures/player.js"]:
        url = page.url if not path else live_server.url + path
        body = page.request.get(url).body()
        weight[path or "html"] = (len(body), len(gzip.compress(body)))
    print("page weight before play (bytes, gzip):", weight)
    assert sum(gz for _, gz in weight.values()) < 12_000
    play(page, until=2)
    assert [url for url in requests if url.endswith("hls.light.min.js")]
    assert page.evaluate("document.querySelector('.lp').lecturePlayer.mode") == "hls"
    assert hls_state(page)["heights"] == [180, 240]  # hls.js drops the audio one
    assert page.locator("video track[srclang=vi]").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_watched_segments_are_reported_and_skipped_time_is_not(open_lesson):
    page, _ = open_lesson(every=1)
    play(page, until=2.5)
    wait_reports(page, 1)  # a heartbeat while playing
    page.evaluate("document.querySelector('video').currentTime = 8")
    wait_time(page, 9.5)
    page.locator("video").evaluate("v => v.pause()")
    page.wait_for_timeout(500)
    segments = reported_segments()
    assert segments and all(start < end for start, end in segments)
    assert any(start < 1 for start, _ in segments)
    assert any(end > 9 for _, end in segments)
    assert not [s for s in segments if s[0] < 7.5 and s[1] > 3.5]
    first = lecture_site.REPORTS[0]
    assert first["token"] == f"token-{Video.objects.get().pk}"
    assert first["content_type"] == "application/json"
    assert [r["batch"] for r in lecture_site.REPORTS] == sorted(
        r["batch"] for r in lecture_site.REPORTS
    )
    assert len({r["client"] for r in lecture_site.REPORTS}) == 1
    assert re.search(r"\d+\s?%", page.locator("[data-lp=progress]").inner_text())
    assert unsent(page) == []


def test_watching_to_the_end_completes_the_lecture(open_lesson):
    page, _ = open_lesson()
    page.locator("[data-lp=rate]").select_option("2")
    play(page)
    page.wait_for_function("document.querySelector('video').ended", timeout=15_000)
    page.wait_for_function("window.completedEvents === 1")
    assert "lp--completed" in page.locator(".lp").get_attribute("class")
    assert page.locator("[data-lp=progress]").inner_text().strip()


def test_data_saver_locks_the_lowest_rung_and_is_remembered(open_lesson):
    page, requests = open_lesson()
    play(page, until=1)
    assert hls_state(page)["auto"] is True
    saver = page.locator("[data-lp=saver]")
    saver.click()
    assert saver.get_attribute("aria-pressed") == "true"
    assert hls_state(page) | {"heights": None} == {
        "loadLevel": 0,
        "auto": False,
        "heights": None,
    }
    requests.clear()
    page.reload()
    assert page.locator("[data-lp=saver]").get_attribute("aria-pressed") == "true"
    play(page, until=2)
    fragments = [url for url in requests if url.endswith(".ts")]
    assert fragments and all("/180p/" in url for url in fragments)
    page.locator("[data-lp=saver]").click()
    assert hls_state(page)["auto"] is True
    assert page.evaluate("localStorage.getItem('hocvien.dataSaver')") == "false"


def test_audio_only_plays_the_audio_rendition_with_the_poster(open_lesson):
    page, requests = open_lesson()
    play(page, until=2)
    before = page.evaluate("document.querySelector('video').currentTime")
    page.locator("[data-lp=audio]").click()
    page.wait_for_function(
        "document.querySelector('video').currentTime > %f" % (before + 1)
    )
    assert [url for url in requests if "/audio/seg_" in url]
    assert page.evaluate("document.querySelector('video').videoWidth") == 0
    assert "poster.jpg" in page.evaluate(
        "document.querySelector('video').style.backgroundImage"
    )
    page.locator("[data-lp=audio]").click()
    page.wait_for_function("document.querySelector('video').videoWidth > 0")


def test_segments_watched_offline_are_kept_and_sent_once_back_online(
    open_lesson, context
):
    page, _ = open_lesson(every=600)
    play(page, until=2)
    context.set_offline(True)
    page.locator("video").evaluate("v => v.pause()")
    page.wait_for_timeout(500)
    assert lecture_site.REPORTS == []
    kept = unsent(page)
    assert kept and kept[0]["body"]["segments"][0][1] > 1.5
    # Back online, the next flush (here: the next pause) sends them.
    context.set_offline(False)
    page.locator("video").evaluate("v => v.play()")
    wait_time(page, 3.5)
    page.locator("video").evaluate("v => v.pause()")
    wait_reports(page, 1)
    assert reported_segments()[0] == kept[0]["body"]["segments"][0]
    page.wait_for_timeout(300)
    assert unsent(page) == []
    # Offline again, then the learner comes back later: the next page load sends.
    context.set_offline(True)
    page.locator("video").evaluate("v => v.play()")
    wait_time(page, 5)
    page.locator("video").evaluate("v => v.pause()")
    page.wait_for_timeout(300)
    kept = unsent(page)
    assert kept
    context.set_offline(False)
    page.reload()
    wait_reports(page, 2)
    assert lecture_site.REPORTS[-1]["client"] == kept[0]["body"]["client"]
    page.wait_for_timeout(300)
    assert unsent(page) == []


def test_leaving_the_page_sends_a_beacon(open_lesson):
    page, _ = open_lesson(every=600)
    play(page, until=2)
    page.goto("about:blank")
    wait_reports(page, 1)
    assert lecture_site.REPORTS[0]["content_type"] == "text/plain"
    assert lecture_site.REPORTS[0]["segments"]


def test_space_and_k_toggle_play_and_arrows_seek(open_lesson):
    page, _ = open_lesson(track=0)
    play(page, until=1)
    page.locator("video").focus()
    page.keyboard.press("Space")
    assert page.evaluate("document.querySelector('video').paused") is True
    page.keyboard.press("Space")
    page.wait_for_function("!document.querySelector('video').paused")
    page.locator(".lp").focus()  # the player itself: our own handler
    page.keyboard.press("Space")
    assert page.evaluate("document.querySelector('video').paused") is True
    page.keyboard.press("k")
    page.wait_for_function("!document.querySelector('video').paused")
    page.keyboard.press("k")
    assert page.evaluate("document.querySelector('video').paused") is True
    before = page.evaluate("document.querySelector('video').currentTime")
    page.keyboard.press("ArrowRight")
    after = page.evaluate("document.querySelector('video').currentTime")
    assert after == pytest.approx(before + 10, abs=0.5)
    page.keyboard.press("j")
    assert page.evaluate(
        "document.querySelector('video').currentTime"
    ) == pytest.approx(before, abs=0.5)


def test_the_lecture_resumes_where_the_server_says(open_lesson):
    page, _ = open_lesson(resume_at=5)
    play(page, until=5)
    assert page.evaluate("document.querySelector('video').currentTime") < 7
    assert not [s for s in reported_segments() if s[0] < 4.5]


def test_a_chapter_button_seeks(open_lesson):
    page, _ = open_lesson(track=0)
    page.get_by_role("button", name=re.compile("Nội dung chính")).click()
    wait_time(page, 6)
    current = page.locator("[data-lp-seek][aria-current=true]")
    assert "Nội dung chính" in current.inner_text()
