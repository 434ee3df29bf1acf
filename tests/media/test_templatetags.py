import pytest
from django.template import Context, Template
from django.utils import translation

from media.data import VideoStatus
from media.models import Caption, Chapter, Video, VideoRendition

pytestmark = pytest.mark.django_db


@pytest.fixture
def video():
    video = Video.objects.create(
        title="Bài giảng",
        file="lectures/originals/a.mp4",
        duration=754.5,
        status=VideoStatus.READY,
        output_dir="lectures/hls/1/v1",
        master_playlist="master.m3u8",
        poster="poster.jpg",
    )
    Caption.objects.create(video=video, language="vi", label="Tiếng Việt", file="a.vtt")
    Chapter.objects.create(video=video, start=62.5, title="Phần một")
    VideoRendition.objects.create(
        video=video, name="audio", playlist="audio/index.m3u8",
        bandwidth=64_000, average_bandwidth=64_000, size_bytes=1,
    )  # fmt: skip
    return video


def render(source, **context):
    with translation.override("vi"):
        return Template("{% load lectures %}" + source).render(Context(context))


def test_the_player_links_the_playlist_poster_captions_and_chapters(video):
    html = render("{% lecture_player video %}", video=video)
    assert f'data-src="/lectures/{video.pk}/master.m3u8"' in html
    assert f'poster="/lectures/{video.pk}/poster.jpg"' in html
    assert f'data-audio-src="/lectures/{video.pk}/audio/index.m3u8"' in html
    assert 'preload="none"' in html and " controls " in html
    assert (
        f'<track kind="captions" srclang="vi" label="Tiếng Việt" '
        f'src="/lectures/{video.pk}/captions/vi.vtt">'
    ) in html
    # Numbers stay machine-readable in Vietnamese (no decimal comma).
    assert 'data-lp-seek="62.5"' in html and 'data-duration="754.5"' in html
    assert "1:02" in html and "Phần một" in html
    assert "hls.light.min.js" in html and "player.js" in html


def test_without_a_report_url_nothing_is_tracked(video):
    html = render("{% lecture_player video %}", video=video)
    assert "data-report-url" not in html and "data-report-token" not in html


def test_the_report_settings_reach_the_script(video):
    html = render(
        "{% lecture_player video report_url='/r/' report_token='t:1' resume_at=12 "
        "threshold=0.9 %}",
        video=video,
    )
    assert 'data-report-url="/r/"' in html and 'data-report-token="t:1"' in html
    assert 'data-resume-at="12.000"' in html and 'data-report-every="15"' in html
    assert "%(percent)s" in html  # the "watched" template the script fills in
    assert "90%" in html


def test_a_video_still_processing_gets_a_message_not_a_player(video):
    video.status = VideoStatus.PROCESSING
    html = render("{% lecture_player video %}", video=video)
    assert "<video" not in html and 'role="status"' in html
