import datetime

import pytest
from django.core.files import File
from django.utils import timezone

from media import api
from media.data import VideoStatus
from media.models import Video

pytestmark = pytest.mark.django_db


@pytest.fixture
def video(clip):
    with clip.open("rb") as handle:
        return Video.objects.create(
            title="Bài giảng thử", file=File(handle, name="clip.mp4")
        )


def test_a_transcode_stores_the_ladder_and_marks_the_video_ready(
    video, dummy_transcoder
):
    api.transcode(video_id=video.pk)
    video.refresh_from_db()
    assert video.status == VideoStatus.READY
    assert video.progress == 100
    assert video.master_playlist == "master.m3u8"
    assert video.output_dir == f"lectures/hls/{video.pk}/v1"
    assert sorted(video.renditions.values_list("name", flat=True)) == ["240p", "audio"]


def test_running_the_transcode_twice_does_nothing_the_second_time(
    video, dummy_transcoder
):
    api.transcode(video_id=video.pk)
    api.transcode(video_id=video.pk)
    video.refresh_from_db()
    assert video.attempts == 1


def test_a_failed_transcode_keeps_the_reason_and_can_be_retried(
    video, settings, django_capture_on_commit_callbacks
):
    settings.HOCVIEN_VIDEO_TRANSCODER = {
        "BACKEND": "media.transcoding.dummy.DummyTranscoder",
        "fail": "bad stream",
    }
    api.transcode(video_id=video.pk)
    video.refresh_from_db()
    assert video.status == VideoStatus.FAILED
    assert "bad stream" in video.failure_reason
    settings.HOCVIEN_VIDEO_TRANSCODER = {
        "BACKEND": "media.transcoding.dummy.DummyTranscoder"
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert api.retry_transcode(video=video)  # the immediate backend runs it
    video.refresh_from_db()
    assert video.status == VideoStatus.READY
    assert video.attempts == 2


def test_a_video_left_processing_by_a_killed_worker_becomes_retryable(
    video, dummy_transcoder
):
    video.mark_processing()
    Video.objects.filter(pk=video.pk).update(
        heartbeat_at=timezone.now() - datetime.timedelta(hours=1)
    )
    assert api.recover_stalled_videos() == 1
    video.refresh_from_db()
    assert video.status == VideoStatus.FAILED
    assert api.retry_transcode(video=video)


def test_a_live_transcode_is_not_claimed_twice(video, dummy_transcoder):
    video.mark_processing()
    api.transcode(video_id=video.pk)  # another worker has it and is alive
    video.refresh_from_db()
    assert video.status == VideoStatus.PROCESSING
    assert not api.retry_transcode(video=video)
