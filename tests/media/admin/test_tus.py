"""The tus 1.0.0 server of the admin (media/admin/tus.py): creation, offset,
appending, termination, expiry headers, and who may do what."""

import datetime
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Collection, GroupCollectionPermission

from media.models import LectureUpload
from media.uploads import partial
from media.validation import VideoRejected, check_size
from tests.factories import UserFactory

from .upload_helpers import OCTETS, TUS, TusClient

pytestmark = pytest.mark.django_db

DATA = bytes(range(256)) * 1000  # 256,000 bytes


@pytest.fixture
def admin(db):
    return UserFactory(username="root", is_superuser=True, is_staff=True)


@pytest.fixture
def tus(client, admin):
    client.force_login(admin)
    return TusClient(client)


def upload_of(url) -> LectureUpload:
    return LectureUpload.objects.get(pk=url.rstrip("/").rsplit("/", 1)[-1])


def test_options_tells_the_version_extensions_and_maximum_size(tus, settings):
    settings.HOCVIEN_VIDEO_MAX_BYTES = 5_000_000
    response = tus.client.options(tus.endpoint)
    assert response.status_code == 204
    assert response["Tus-Version"] == "1.0.0"
    assert response["Tus-Resumable"] == "1.0.0"
    assert response["Tus-Max-Size"] == "5000000"
    assert set(response["Tus-Extension"].split(",")) == {
        "creation",
        "termination",
        "expiration",
    }


def test_create_head_patch_until_complete(tus):
    response = tus.create(len(DATA), filename="Bài 1.mp4")
    assert response.status_code == 201
    assert response["Tus-Resumable"] == "1.0.0"
    url = response["Location"]
    assert url.startswith("/admin/lectures/uploads/")
    assert response["Upload-Expires"].endswith(" GMT")
    upload = upload_of(url)
    assert upload.filename == "Bài 1.mp4"
    assert upload.metadata == {"filename": "Bài 1.mp4", "filetype": "video/mp4"}
    expected = timezone.now() + datetime.timedelta(days=7)
    assert abs(upload.expires_at - expected) < datetime.timedelta(minutes=1)

    head = tus.head(url)
    assert head.status_code == 200
    assert (head["Upload-Offset"], head["Upload-Length"]) == ("0", str(len(DATA)))
    assert "no-store" in head["Cache-Control"]
    assert "Upload-Expires" in head and "Upload-Metadata" in head

    first = tus.patch(url, DATA[:100_000], 0)
    assert first.status_code == 204
    assert first["Upload-Offset"] == "100000"
    assert "Upload-Expires" in first
    assert tus.head(url)["Upload-Offset"] == "100000"
    last = tus.patch(url, DATA[100_000:], 100_000)
    assert last["Upload-Offset"] == str(len(DATA))
    assert partial.path_for(upload.pk).read_bytes() == DATA


def test_a_patch_at_the_wrong_offset_is_a_conflict(tus):
    url = tus.new(len(DATA))
    tus.patch(url, DATA[:1000], 0)
    for offset in [0, 500, 2000]:
        response = tus.patch(url, DATA[offset : offset + 10], offset)
        assert response.status_code == 409
        assert response["Upload-Offset"] == "1000"
    assert tus.head(url)["Upload-Offset"] == "1000"


def test_a_patch_must_be_offset_octet_stream(tus):
    url = tus.new(len(DATA))
    response = tus.patch(url, DATA[:10], 0, content_type="application/octet-stream")
    assert response.status_code == 415
    assert tus.head(url)["Upload-Offset"] == "0"


def test_no_byte_is_written_past_the_announced_length(tus):
    url = tus.new(1000)
    tus.patch(url, DATA[:600], 0)
    response = tus.patch(url, DATA[600:1100], 600)
    assert response.status_code == 413
    assert tus.head(url)["Upload-Offset"] == "600"
    assert partial.path_for(upload_of(url).pk).stat().st_size == 600


def test_an_upload_above_the_maximum_lecture_size_is_refused(tus, settings):
    settings.HOCVIEN_VIDEO_MAX_BYTES = 1_000_000
    response = tus.create(1_000_001)
    assert response.status_code == 413
    with translation.override("vi"), pytest.raises(VideoRejected) as refused:
        check_size(1_000_001)
    assert response.content.decode() == str(refused.value)  # translated
    assert not LectureUpload.objects.exists()
    assert tus.create(1_000_000).status_code == 201


def test_an_empty_file_and_bad_headers_are_refused(tus):
    assert tus.create(0).status_code == 400
    assert tus.create("-5").status_code == 400
    assert (
        tus.create(10, **{"Upload-Metadata": "filename not-base64!"}).status_code == 400
    )
    deferred = tus.client.post(
        tus.endpoint, headers={**TUS, "Upload-Defer-Length": "1"}
    )
    assert deferred.status_code == 400
    no_version = tus.client.post(tus.endpoint, headers={"Upload-Length": "10"})
    assert no_version.status_code == 412
    assert no_version["Tus-Version"] == "1.0.0"
    assert not LectureUpload.objects.exists()


def test_too_little_free_disk_space_is_refused(tus, monkeypatch):
    monkeypatch.setattr(partial, "free_bytes", lambda: 10)
    response = tus.create(11)
    assert response.status_code == 507
    assert not LectureUpload.objects.exists()


def test_termination_removes_the_bytes_and_the_row(tus):
    url = tus.new(len(DATA))
    tus.patch(url, DATA[:1000], 0)
    path = partial.path_for(upload_of(url).pk)
    assert tus.delete(url).status_code == 204
    assert not path.exists()
    assert not LectureUpload.objects.exists()
    assert tus.head(url).status_code == 404


def test_an_expired_upload_is_gone(tus):
    url = tus.new(len(DATA))
    LectureUpload.objects.update(expires_at=timezone.now() - datetime.timedelta(1))
    path = partial.path_for(upload_of(url).pk)
    assert tus.head(url).status_code == 410
    assert not path.exists()
    assert not LectureUpload.objects.exists()


def test_x_http_method_override_is_honoured(tus):
    url = tus.new(len(DATA))
    response = tus.client.post(
        url,
        data=DATA[:10],
        content_type=OCTETS,
        headers={**TUS, "Upload-Offset": "0", "X-HTTP-Method-Override": "PATCH"},
    )
    assert response.status_code == 204
    assert response["Upload-Offset"] == "10"


def test_an_upload_is_only_visible_to_its_creator(tus, admin):
    url = tus.new(len(DATA))
    other = Client()
    other.force_login(UserFactory(username="other", is_superuser=True, is_staff=True))
    stranger = TusClient(other)
    assert stranger.head(url).status_code == 404
    assert stranger.patch(url, DATA[:10], 0).status_code == 404
    assert stranger.delete(url).status_code == 404
    assert stranger.finish(url).status_code == 404
    assert tus.head(url)["Upload-Offset"] == "0"


def test_anonymous_requests_go_to_the_login_page(tus, client):
    url = tus.new(len(DATA))
    anonymous = TusClient(Client())
    for response in [
        anonymous.create(10),
        anonymous.head(url),
        anonymous.patch(url, DATA[:10], 0),
        anonymous.delete(url),
    ]:
        assert response.status_code == 302
        assert reverse("wagtailadmin_login") in response["Location"]
    assert LectureUpload.objects.count() == 1
    assert partial.size(upload_of(url).pk) == 0


def test_only_users_who_may_add_lectures_may_create_uploads(db):
    editor = UserFactory(username="editor")
    group = Group.objects.create(name="Biên tập")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    editor.groups.add(group)
    client = Client()
    client.force_login(editor)
    tus = TusClient(client)
    assert tus.create(10).status_code == 403
    GroupCollectionPermission.objects.create(
        group=group,
        collection=Collection.get_first_root_node(),
        permission=Permission.objects.get(codename="add_video"),
    )
    assert tus.create(10).status_code == 201


def test_csrf_is_enforced(admin):
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin)
    tus = TusClient(client)
    assert tus.create(10).status_code == 403
    page = client.get(reverse("lectures_admin:add"))
    token = page.context["csrf_token"]
    response = tus.create(10, **{"X-CSRFToken": str(token)})
    assert response.status_code == 201
    url = response["Location"]
    assert tus.patch(url, DATA[:10], 0).status_code == 403
    assert tus.head(url)["Upload-Offset"] == "0"  # HEAD is safe: no token
    ok = client.generic(
        "PATCH",
        url,
        data=DATA[:10],
        content_type=OCTETS,
        headers={**TUS, "Upload-Offset": "0", "X-CSRFToken": str(token)},
    )
    assert ok.status_code == 204


class DroppedConnection(io.RawIOBase):
    """A request body cut off after ``keep`` bytes, by EOF or a reset."""

    def __init__(self, data: bytes, keep: int, reset: bool):
        self.data, self.keep, self.reset, self.pos = data, keep, reset, 0

    def read(self, size=-1):
        if self.pos >= self.keep:
            if self.reset:
                raise ConnectionResetError("connection reset by peer")
            return b""
        size = self.keep - self.pos if size < 0 else min(size, self.keep - self.pos)
        block = self.data[self.pos : self.pos + size]
        self.pos += len(block)
        return block


@pytest.mark.parametrize("reset", [False, True], ids=["eof", "reset"])
def test_a_patch_cut_off_mid_body_keeps_what_arrived_and_resumes(tus, reset):
    url = tus.new(len(DATA))
    chunk = DATA[:200_000]
    cut = tus.patch(
        url,
        b"",
        0,
        **{
            "wsgi.input": DroppedConnection(chunk, 150_000, reset),
            "CONTENT_LENGTH": str(len(chunk)),
            "CONTENT_TYPE": OCTETS,
        },
    )
    assert cut.status_code == 204
    assert cut["Upload-Offset"] == "150000"
    offset = int(tus.head(url)["Upload-Offset"])
    assert offset == 150_000
    assert tus.patch(url, DATA[offset:], offset)["Upload-Offset"] == str(len(DATA))
    assert partial.path_for(upload_of(url).pk).read_bytes() == DATA


def test_a_second_writer_is_refused_while_one_holds_the_upload(tus):
    url = tus.new(len(DATA))
    upload = upload_of(url)
    with partial.locked(upload.pk):
        busy = tus.patch(url, DATA[:10], 0)
        assert busy.status_code == 423
        assert tus.delete(url).status_code == 423
        assert tus.finish(url).status_code == 423
    assert partial.size(upload.pk) == 0
    assert tus.patch(url, DATA[:10], 0).status_code == 204
