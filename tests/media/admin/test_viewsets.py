import datetime

import pytest
from django.core.files import File
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from media.data import VideoStatus
from media.models import Video
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    return client


@pytest.fixture
def make_video(clip, stored_files):
    def make(title, **fields):
        with clip.open("rb") as handle:
            video = Video.objects.create(
                title=title, file=File(handle, name="clip.mp4")
            )
        Video.objects.filter(pk=video.pk).update(**fields)
        video.refresh_from_db()
        return video

    return make


def listed(response):
    return {video.title for video in response.context["object_list"]}


def test_search_ignores_diacritics_and_case(admin_client, make_video):
    make_video("Bài giảng chuyển đổi số")
    make_video("Hội nghị")
    response = admin_client.get(reverse("lectures_admin:index"), {"q": "BAI giang"})
    assert listed(response) == {"Bài giảng chuyển đổi số"}


def test_the_listing_filters_by_status_and_length(admin_client, make_video):
    make_video("Ngắn", duration=300, status=VideoStatus.READY)
    make_video("Dài", duration=4000, status=VideoStatus.READY)
    make_video("Lỗi", duration=300, status=VideoStatus.FAILED)
    index = reverse("lectures_admin:index")
    assert listed(admin_client.get(index, {"length": "short"})) == {"Ngắn", "Lỗi"}
    assert listed(admin_client.get(index, {"length": "longer"})) == {"Dài"}
    assert listed(admin_client.get(index, {"status": "failed"})) == {"Lỗi"}


def test_the_listing_shows_progress_and_refreshes_while_processing(
    admin_client, make_video
):
    make_video(
        "Đang xử lý",
        status=VideoStatus.PROCESSING,
        progress=40,
        heartbeat_at=timezone.now(),
    )
    response = admin_client.get(reverse("lectures_admin:index"))
    html = response.content.decode()
    assert '<progress max="100" value="40"' in html
    assert "data-lectures-auto-refresh" in html


def test_a_quiet_listing_does_not_refresh(admin_client, make_video):
    make_video("Xong", status=VideoStatus.READY, duration=75)
    response = admin_client.get(reverse("lectures_admin:index"))
    html = response.content.decode()
    assert "data-lectures-auto-refresh" not in html
    assert "0:01:15" in html


def test_opening_the_listing_recovers_stalled_videos(admin_client, make_video):
    video = make_video(
        "Treo",
        status=VideoStatus.PROCESSING,
        heartbeat_at=timezone.now() - datetime.timedelta(hours=2),
    )
    admin_client.get(reverse("lectures_admin:index"))
    video.refresh_from_db()
    assert video.status == VideoStatus.FAILED


def test_a_failed_video_can_be_retried(
    admin_client, make_video, dummy_transcoder, django_capture_on_commit_callbacks
):
    video = make_video("Lỗi", status=VideoStatus.FAILED, failure_reason="bad")
    listing = admin_client.get(reverse("lectures_admin:index")).content.decode()
    retry_url = reverse("lectures_admin:retry", args=[video.pk])
    assert retry_url in listing
    assert admin_client.get(retry_url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(retry_url)
    assert response.status_code == 302
    video.refresh_from_db()
    assert video.status == VideoStatus.READY


def test_the_plain_upload_form_creates_a_video_that_ends_ready(
    admin_client,
    clip,
    dummy_transcoder,
    django_capture_on_commit_callbacks,
    stored_files,
):
    upload = SimpleUploadedFile("bai-1.mp4", clip.read_bytes())
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("lectures_admin:add_classic"),
            {"title": "Bài 1", "file": upload, "collection": 1, "tags": "so, 2026"},
        )
    assert response.status_code == 302, response.context["form"].errors
    video = Video.objects.get()
    assert video.status == VideoStatus.READY
    assert video.file_hash and video.duration
    assert sorted(video.tags.names()) == ["2026", "so"]


def test_a_refused_upload_shows_the_reason_and_stores_nothing(
    admin_client, stored_files
):
    upload = SimpleUploadedFile("bai-1.mp4", b"not a video" * 100)
    response = admin_client.post(
        reverse("lectures_admin:add_classic"),
        {"title": "Bài 1", "file": upload, "collection": 1},
    )
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert not Video.objects.exists()
    assert stored_files() == []


def test_the_edit_page_links_captions_chapters_and_usage(admin_client, make_video):
    video = make_video("Bài")
    html = admin_client.get(reverse("lectures_admin:edit", args=[video.pk])).content
    for name in ["captions", "chapters", "usage"]:
        assert reverse(f"lectures_admin:{name}", args=[video.pk]).encode() in html
    assert (
        admin_client.get(reverse("lectures_admin:usage", args=[video.pk])).status_code
        == 200
    )


def test_captions_are_uploaded_from_subrip(admin_client, make_video):
    video = make_video("Bài")
    srt = SimpleUploadedFile("vi.srt", b"1\n00:00:01,000 --> 00:00:02,000\nXin chao\n")
    url = reverse("lectures_admin:captions", args=[video.pk])
    response = admin_client.post(
        url, {"language": "vi", "label": "Tiếng Việt", "file": srt}
    )
    assert response.status_code == 302
    assert video.captions.get().file.read().startswith(b"WEBVTT")


def test_chapters_are_entered_one_a_line(admin_client, make_video):
    video = make_video("Bài", duration=3600)
    url = reverse("lectures_admin:chapters", args=[video.pk])
    response = admin_client.post(url, {"chapters": "0 Mở đầu\n12:30 Hỏi đáp\n"})
    assert response.status_code == 302
    assert list(video.chapters.values_list("start", "title")) == [
        (0.0, "Mở đầu"),
        (750.0, "Hỏi đáp"),
    ]


def test_the_chooser_offers_only_ready_lectures(admin_client, make_video):
    make_video("Bài giảng sẵn sàng", status=VideoStatus.READY)
    make_video("Bài giảng đang xử lý", status=VideoStatus.PROCESSING)
    response = admin_client.get(
        reverse("lectures_chooser:choose_results"), {"q": "bai giang"}
    )
    titles = {v.title for v in response.context["results"]}
    assert titles == {"Bài giảng sẵn sàng"}


def test_someone_without_permissions_cannot_open_the_listing(client):
    client.force_login(UserFactory(username="nobody", is_staff=True))
    response = client.get(reverse("lectures_admin:index"))
    assert response.status_code in (302, 403)


def test_the_chooser_block_holds_a_video(make_video):
    from media.blocks import VideoChooserBlock

    video = make_video("Bài", status=VideoStatus.READY)
    block = VideoChooserBlock()
    assert block.to_python(video.pk) == video


def test_the_classic_upload_form_posts_to_itself(admin_client):
    url = reverse("lectures_admin:add_classic")
    html = admin_client.get(url).content.decode()
    assert f'action="{url}"' in html
    assert 'name="file"' in html
