"""The life of an upload without HTTP: expiry and clean-up."""

import datetime
import os
import time
import uuid

import pytest
from django.utils import timezone

from media.models import LectureUpload
from media.uploads import partial, service
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def user(db):
    return UserFactory()


def test_file_names_lose_folders_and_control_characters():
    assert service.clean_filename("C:\\Users\\Hoa\\Bài 1.mp4") == "Bài 1.mp4"
    assert service.clean_filename("../../etc/pass\x00wd") == "passwd"
    assert service.clean_filename("") == "lecture"
    long = service.clean_filename("a" * 300 + ".webm")
    assert len(long) == 255 and long.endswith(".webm")
    assert service.default_title("Hội nghị.2026.mp4") == "Hội nghị.2026"


def test_an_upload_expires_after_the_configured_time(user, settings):
    settings.HOCVIEN_VIDEO_UPLOAD_EXPIRY = datetime.timedelta(hours=2)
    upload = service.create(user=user, length=10, metadata={"filename": "a.mp4"})
    assert abs(
        upload.expires_at - (timezone.now() + datetime.timedelta(hours=2))
    ) < datetime.timedelta(minutes=1)


def test_clear_expired_removes_old_uploads_and_stray_files(user):
    old = service.create(user=user, length=10, metadata={})
    fresh = service.create(user=user, length=10, metadata={})
    LectureUpload.objects.filter(pk=old.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    stray, new_stray = uuid.uuid4(), uuid.uuid4()
    partial.create(stray)
    partial.create(new_stray)
    two_hours_ago = time.time() - 7200
    os.utime(partial.path_for(stray), (two_hours_ago, two_hours_ago))

    assert service.clear_expired() == 1
    assert not partial.path_for(old.pk).exists()
    assert partial.path_for(stray).exists()

    assert service.clear_expired(strays=True) == 1
    assert not partial.path_for(stray).exists()
    assert partial.path_for(new_stray).exists()  # may be a row being committed
    assert list(LectureUpload.objects.values_list("pk", flat=True)) == [fresh.pk]
    assert partial.path_for(fresh.pk).exists()


def test_a_deleted_user_leaves_a_stray_file_that_is_cleared(user):
    upload = service.create(user=user, length=10, metadata={})
    user.delete()
    assert not LectureUpload.objects.exists()
    path = partial.path_for(upload.pk)
    os.utime(path, (time.time() - 7200, time.time() - 7200))
    service.clear_expired(strays=True)
    assert not path.exists()
