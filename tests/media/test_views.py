import pytest
from django.core.files import File
from django.core.files.storage import default_storage
from django.http import HttpResponseForbidden
from django.urls import reverse
from wagtail import hooks

from media import api
from media.models import Video

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready_video(clip, dummy_transcoder, stored_files):
    with clip.open("rb") as handle:
        video = Video.objects.create(title="Bài", file=File(handle, name="clip.mp4"))
    api.transcode(video_id=video.pk)
    video.refresh_from_db()
    return video


def url(video, path):
    return reverse("lectures:serve_file", args=[video.pk, path])


def test_the_master_playlist_is_served_as_hls_with_a_short_cache(client, ready_video):
    response = client.get(url(ready_video, "master.m3u8"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.apple.mpegurl"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "max-age=60" in response["Cache-Control"]
    assert b"#EXTM3U" in b"".join(response.streaming_content)


def test_a_segment_is_served_as_mpeg_ts_and_cached_for_good(client, ready_video):
    response = client.get(url(ready_video, "240p/seg_000.ts"))
    assert response["Content-Type"] == "video/mp2t"
    assert response["Accept-Ranges"] == "bytes"
    assert "immutable" in response["Cache-Control"]
    assert response["Content-Length"] == "188"


def test_a_range_request_gets_partial_content(client, ready_video):
    response = client.get(url(ready_video, "240p/seg_000.ts"), HTTP_RANGE="bytes=10-19")
    assert response.status_code == 206
    assert response["Content-Range"] == "bytes 10-19/188"
    assert len(response.content) == 10


def test_a_suffix_range_gets_the_last_bytes(client, ready_video):
    response = client.get(url(ready_video, "240p/seg_000.ts"), HTTP_RANGE="bytes=-8")
    assert response.status_code == 206
    assert response["Content-Range"] == "bytes 180-187/188"


def test_a_range_past_the_end_is_not_satisfiable(client, ready_video):
    response = client.get(url(ready_video, "240p/seg_000.ts"), HTTP_RANGE="bytes=500-")
    assert response.status_code == 416
    assert response["Content-Range"] == "bytes */188"


@pytest.mark.parametrize(
    "path",
    [
        "../v1/master.m3u8",
        "240p/../../../../etc/passwd.ts",
        "240p/./seg_000.ts",
        "%2e%2e/master.m3u8",
        "missing.ts",
        "notes.txt",
    ],
)
def test_paths_outside_the_lecture_folder_are_not_found(client, ready_video, path):
    response = client.get(f"/lectures/{ready_video.pk}/{path}")
    assert response.status_code == 404


def test_a_lecture_not_ready_is_not_served(client, clip, stored_files):
    with clip.open("rb") as handle:
        video = Video.objects.create(title="Bài", file=File(handle, name="clip.mp4"))
    assert client.get(url(video, "master.m3u8")).status_code == 404


def test_captions_are_served_as_webvtt(client, ready_video):
    from django.core.files.uploadedfile import SimpleUploadedFile

    srt = SimpleUploadedFile("vi.srt", b"1\n00:00:01,000 --> 00:00:02,000\nXin chao\n")
    api.add_caption(video=ready_video, language="vi", label="Tiếng Việt", file=srt)
    response = client.get(url(ready_video, "captions/vi.vtt"))
    assert response["Content-Type"].startswith("text/vtt")
    assert b"".join(response.streaming_content).startswith(b"WEBVTT")
    assert client.get(url(ready_video, "captions/en.vtt")).status_code == 404


def test_a_before_serve_lecture_hook_can_refuse(client, ready_video):
    def refuse(video, request):
        assert video == ready_video
        return HttpResponseForbidden("enrol first")

    with hooks.register_temporarily("before_serve_lecture", refuse):
        response = client.get(url(ready_video, "master.m3u8"))
    assert response.status_code == 403


def test_a_hook_returning_nothing_lets_the_file_through(client, ready_video):
    with hooks.register_temporarily("before_serve_lecture", lambda v, r: None):
        assert client.get(url(ready_video, "master.m3u8")).status_code == 200


def test_nginx_serves_the_file_when_configured(client, ready_video, settings):
    settings.HOCVIEN_VIDEO_SERVE_METHOD = "x-accel-redirect"
    response = client.get(url(ready_video, "240p/seg_000.ts"))
    expected = f"/protected-media/{ready_video.output_dir}/240p/seg_000.ts"
    assert response["X-Accel-Redirect"] == expected
    assert default_storage.exists(expected.removeprefix("/protected-media/"))
