"""The upload page of the admin and the "finish" call that turns a complete
upload into a lecture (media/admin/upload_views.py)."""

import datetime
import json

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from media.data import VideoStatus
from media.models import LectureUpload, Video
from media.uploads import partial
from tests.factories import UserFactory

from .upload_helpers import TusClient

pytestmark = pytest.mark.django_db

NOT_MEDIA = (
    "This is not a video or audio file that can be played. It may be "
    "another kind of file, or it may be damaged or incomplete."
)


@pytest.fixture
def tus(client):
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    return TusClient(client)


def test_the_add_button_opens_the_multi_file_upload_page(tus, settings):
    settings.HOCVIEN_VIDEO_UPLOAD_CHUNK_BYTES = 4096
    index = tus.client.get(reverse("lectures_admin:index")).content.decode()
    add = reverse("lectures_admin:add")
    assert f'href="{add}"' in index
    page = tus.client.get(add)
    assert page.status_code == 200
    html = page.content.decode()
    assert "data-lectures-upload" in html
    assert 'data-chunk-size="4096"' in html
    assert f'data-endpoint="{tus.endpoint}"' in html
    assert "multiple" in html and 'accept="video/*,audio/*' in html
    assert "lectures/vendor/tus/tus.min.js" in html
    assert "lectures/upload.js" in html
    assert reverse("lectures_admin:add_classic") in html  # the one-file form
    messages = json.loads(
        html.split('<script id="lu-messages" type="application/json">')[1].split(
            "</script>"
        )[0]
    )
    assert {"waiting", "uploading", "paused", "processing", "done"} <= set(messages)
    assert '<select name="collection"' in html


def test_opening_the_page_clears_expired_uploads(tus):
    url = tus.new(1000)
    path = partial.path_for(LectureUpload.objects.get().pk)
    LectureUpload.objects.update(expires_at=timezone.now() - datetime.timedelta(1))
    tus.client.get(reverse("lectures_admin:add"))
    assert not LectureUpload.objects.exists()
    assert not path.exists()
    assert tus.head(url).status_code == 404


def test_finishing_stores_the_lecture_and_removes_the_upload(
    tus, clip, dummy_transcoder, django_capture_on_commit_callbacks, stored_files
):
    data = clip.read_bytes()
    url = tus.new(len(data), filename="Hội nghị tổng kết.mp4")
    tus.send(url, data, chunk=10_000)
    path = partial.path_for(LectureUpload.objects.get().pk)
    with django_capture_on_commit_callbacks(execute=True):
        response = tus.finish(url, tags="chuyển đổi số, 2026")
    assert response.status_code == 200, response.content
    answer = response.json()
    video = Video.objects.get()
    assert answer == {
        "ok": True,
        "id": video.pk,
        "title": "Hội nghị tổng kết",
        "edit_url": reverse("lectures_admin:edit", args=[video.pk]),
    }
    assert video.file_size == len(data)
    assert video.file.read() == data
    assert video.status == VideoStatus.READY
    assert sorted(video.tags.names()) == ["2026", "chuyển đổi số"]
    assert video.uploaded_by_user.username == "root"
    assert not path.exists()
    assert not LectureUpload.objects.exists()
    assert [name for name in stored_files() if "incoming" in name] == []


def test_a_given_title_wins_over_the_file_name(tus, clip, dummy_transcoder):
    data = clip.read_bytes()
    url = tus.new(len(data))
    tus.send(url, data, chunk=len(data))
    assert tus.finish(url, title="  Bài 2  ").json()["title"] == "Bài 2"


def test_a_file_that_is_not_media_leaves_nothing_behind(tus, stored_files):
    data = b"Day khong phai la video.\n" * 2000
    url = tus.new(len(data), filename="bai-giang.mp4")
    tus.send(url, data)
    response = tus.finish(url)
    assert response.status_code == 422
    with translation.override("vi"):
        expected = gettext(NOT_MEDIA)
    assert response.json() == {"ok": False, "error": expected}
    assert not Video.objects.exists()
    assert not LectureUpload.objects.exists()
    assert stored_files() == []


def test_an_incomplete_upload_cannot_be_finished(tus, clip):
    data = clip.read_bytes()
    url = tus.new(len(data))
    tus.patch(url, data[:1000], 0)
    response = tus.finish(url)
    assert response.status_code == 400
    assert response.json()["ok"] is False
    assert response.json()["error"]
    assert not Video.objects.exists()
    assert tus.head(url)["Upload-Offset"] == "1000"  # still resumable


def test_a_collection_the_user_may_not_add_to_is_refused(tus, clip):
    data = clip.read_bytes()
    url = tus.new(len(data))
    tus.send(url, data, chunk=len(data))
    response = tus.finish(url, collection=9999)
    assert response.status_code == 400
    assert response.json()["ok"] is False
    assert not Video.objects.exists()
    assert LectureUpload.objects.exists()  # fix the choice and finish again


def test_finishing_twice_is_a_clear_no(tus, clip, dummy_transcoder):
    data = clip.read_bytes()
    url = tus.new(len(data))
    tus.send(url, data, chunk=len(data))
    assert tus.finish(url).status_code == 200
    again = tus.finish(url)
    assert again.status_code == 404
    assert again.json()["ok"] is False
    assert Video.objects.count() == 1


def test_the_upload_page_needs_the_add_permission(client):
    editor = UserFactory(username="editor")
    group = Group.objects.create(name="Chỉ xem")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    editor.groups.add(group)
    client.force_login(editor)
    response = client.get(reverse("lectures_admin:add"))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
