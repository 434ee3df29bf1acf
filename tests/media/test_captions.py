import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from media import api
from media.captions import CaptionRejected, to_webvtt
from media.models import Caption, Video

pytestmark = pytest.mark.usefixtures("english")

SRT = """\ufeff1
00:00:01,000 --> 00:00:04,500
Xin chào các đồng chí.

2
00:00:05,000 --> 00:00:07,250
Hôm nay chúng ta học
về chuyển đổi số.
"""


def test_subrip_becomes_webvtt():
    vtt = to_webvtt(SRT.encode("utf-8"))
    assert vtt.startswith("WEBVTT\n\n")
    assert "00:00:01.000 --> 00:00:04.500\nXin chào các đồng chí." in vtt
    assert (
        "00:00:05.000 --> 00:00:07.250\nHôm nay chúng ta học\nvề chuyển đổi số." in vtt
    )
    assert "\ufeff" not in vtt
    assert "," not in vtt.split("\n")[2]


def test_windows_line_endings_are_read():
    vtt = to_webvtt(SRT.replace("\n", "\r\n").encode("utf-8"))
    assert "00:00:05.000 --> 00:00:07.250" in vtt


def test_webvtt_is_kept_as_it_is():
    text = "WEBVTT\n\n00:01.000 --> 00:02.000\nMột\n"
    assert to_webvtt(text.encode("utf-8")) == text


def test_a_file_not_in_utf8_is_refused_with_a_message():
    with pytest.raises(CaptionRejected, match="UTF-8"):
        to_webvtt(SRT.lstrip("\ufeff").encode("utf-16"))
    with pytest.raises(CaptionRejected, match="UTF-8"):
        to_webvtt(
            "1\n00:00:01,000 --> 00:00:02,000\nđồng chí\n".encode("cp1258", "replace")
        )


def test_a_file_without_cues_is_refused():
    with pytest.raises(CaptionRejected, match="no subtitles"):
        to_webvtt(b"just some text\n")


@pytest.mark.django_db
def test_a_caption_replaces_the_previous_one_in_its_language(clip):
    from django.core.files import File

    with clip.open("rb") as handle:
        video = Video.objects.create(title="Bài", file=File(handle, name="c.mp4"))
    first = SimpleUploadedFile("vi.srt", SRT.encode("utf-8"))
    api.add_caption(video=video, language="vi", label="Tiếng Việt", file=first)
    again = SimpleUploadedFile("vi.vtt", b"WEBVTT\n\n00:01.000 --> 00:02.000\nMoi\n")
    caption = api.add_caption(video=video, language="vi", label="Việt", file=again)
    assert Caption.objects.filter(video=video).count() == 1
    assert caption.file.read().decode().endswith("Moi\n")


@pytest.mark.django_db
def test_chapters_are_replaced_in_order(clip):
    from django.core.files import File

    with clip.open("rb") as handle:
        video = Video.objects.create(title="Bài", file=File(handle, name="c.mp4"))
    api.set_chapters(video=video, chapters=[(60, "Hai"), (0, "Một")])
    api.set_chapters(video=video, chapters=[(90, "Ba"), (0, "Mở đầu")])
    assert list(video.chapters.values_list("start", "title")) == [
        (0.0, "Mở đầu"),
        (90.0, "Ba"),
    ]
