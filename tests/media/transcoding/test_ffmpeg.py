import subprocess
from pathlib import Path

import pytest
from django.core.files import File

from media import api
from media.data import VideoStatus
from media.models import Video
from media.probe import probe
from media.transcoding import TranscodeError
from media.transcoding.ffmpeg import FFmpegTranscoder
from tests.media.conftest import make_clip

BIG_BUCK_BUNNY = Path("/work/shared/fixtures/video/bigbuckbunny.mp4")


def transcode(source: Path, output_dir: Path, progress: list | None = None):
    output_dir.mkdir()
    on_progress = progress.append if progress is not None else int
    result = FFmpegTranscoder().transcode(
        source=source,
        probe=probe(source),
        output_dir=output_dir,
        on_progress=on_progress,
    )
    return result, output_dir


def extinf(playlist: Path) -> list[float]:
    lines = playlist.read_text().splitlines()
    return [float(x[len("#EXTINF:") :].rstrip(",")) for x in lines if "#EXTINF" in x]


def streams(path: Path) -> list[dict]:
    fields = "stream=codec_type,codec_name,channels,width,height"
    found = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", fields, "-of", "json", str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    import json

    return json.loads(found.stdout)["streams"]


@pytest.fixture(scope="module")
def lecture(tmp_path_factory):
    """A 6 s 640x360 clip with sound, transcoded once, with its progress."""
    folder = tmp_path_factory.mktemp("lecture")
    source = make_clip(folder / "lecture.mp4", seconds=6, size="640x360")
    progress = []
    result, output_dir = transcode(source, folder / "out", progress)
    return result, output_dir, progress


def test_a_360p_clip_gets_240p_360p_and_the_audio_only_rendition(lecture):
    result, _output_dir, _progress = lecture
    rows = [(r.name, r.playlist, r.width, r.height) for r in result.renditions]
    assert rows == [
        ("240p", "240p/index.m3u8", 426, 240),
        ("360p", "360p/index.m3u8", 640, 360),
        ("audio", "audio/index.m3u8", None, None),
    ]
    assert all(r.bandwidth >= r.average_bandwidth > 0 for r in result.renditions)
    assert all(r.size_bytes > 0 for r in result.renditions)
    assert (result.master_playlist, result.output_dir) == ("master.m3u8", "")


def test_the_master_playlist_lists_every_rendition_with_its_codecs(lecture):
    _result, output_dir, _progress = lecture
    master = (output_dir / "master.m3u8").read_text().splitlines()
    infs = [line for line in master if line.startswith("#EXT-X-STREAM-INF:")]
    assert [line for line in master if line.endswith(".m3u8")] == [
        "240p/index.m3u8",
        "360p/index.m3u8",
        "audio/index.m3u8",
    ]
    assert "RESOLUTION=426x240" in infs[0]
    assert 'CODECS="avc1.64' in infs[0] and "mp4a.40.2" in infs[0]
    assert infs[2].endswith('CODECS="mp4a.40.2"')
    assert "RESOLUTION" not in infs[2]
    assert all("BANDWIDTH=" in line for line in infs)


def test_segments_are_four_seconds_except_the_last(lecture):
    _result, output_dir, _progress = lecture
    for name in ["240p", "360p", "audio"]:
        durations = extinf(output_dir / name / "index.m3u8")
        assert len(durations) == 2
        assert durations[0] == pytest.approx(4.0, abs=0.05)
        assert durations[1] == pytest.approx(2.0, abs=0.1)


def test_the_audio_is_mono_aac_and_the_audio_rendition_has_no_picture(lecture):
    _result, output_dir, _progress = lecture
    video_rung = streams(output_dir / "240p" / "seg_000.ts")
    assert [s["codec_name"] for s in video_rung] == ["h264", "aac"]
    assert video_rung[1]["channels"] == 1
    audio = streams(output_dir / "audio" / "seg_000.ts")
    assert [(s["codec_name"], s["channels"]) for s in audio] == [("aac", 1)]


def test_a_poster_and_a_thumbnail_sprite_with_its_track_are_written(lecture):
    result, output_dir, _progress = lecture
    assert (result.poster, result.thumbnails_vtt) == ("poster.jpg", "thumbnails.vtt")
    assert streams(output_dir / "poster.jpg")[0]["width"] == 640
    assert streams(output_dir / "sprite.jpg")[0]["width"] == 160
    vtt = (output_dir / "thumbnails.vtt").read_text()
    assert "00:00:00.000 --> 00:00:06.000\nsprite.jpg#xywh=0,0,160,90" in vtt


def test_progress_rises_once_a_second_at_most_and_ends_at_100(lecture):
    _result, _output_dir, progress = lecture
    assert progress[-1] == 100
    assert progress == sorted(progress)
    assert len(progress) == len(set(progress)) <= 10


def test_an_audio_only_lecture_gets_only_the_audio_rendition(tmp_path):
    source = make_clip(tmp_path / "talk.m4a", seconds=5, video=False)
    result, output_dir = transcode(source, tmp_path / "out")
    assert [r.name for r in result.renditions] == ["audio"]
    assert (result.poster, result.thumbnails_vtt) == ("", "")
    assert sorted(p.name for p in output_dir.iterdir()) == ["audio", "master.m3u8"]


def test_a_silent_clip_gets_video_rungs_without_sound(tmp_path):
    source = make_clip(tmp_path / "silent.mp4", seconds=3, size="426x240", audio=False)
    result, output_dir = transcode(source, tmp_path / "out")
    assert [r.name for r in result.renditions] == ["240p"]
    assert [s["codec_name"] for s in streams(output_dir / "240p/seg_000.ts")] == [
        "h264"
    ]
    assert 'CODECS="avc1.64' in (output_dir / "master.m3u8").read_text()


def test_a_corrupt_file_fails_with_ffmpegs_reason(tmp_path, clip):
    broken = tmp_path / "broken.mp4"
    broken.write_bytes(b"not a video at all" * 1000)
    output_dir = tmp_path / "out"
    output_dir.mkdir()
    with pytest.raises(TranscodeError, match="(?s) 1: .*Invalid data found"):
        FFmpegTranscoder().transcode(
            source=broken, probe=probe(clip), output_dir=output_dir, on_progress=int
        )


def test_the_real_fixture_gets_four_rungs_and_mono_sound(tmp_path):
    result, output_dir = transcode(BIG_BUCK_BUNNY, tmp_path / "out")
    assert [(r.name, r.width) for r in result.renditions] == [
        ("240p", 426),
        ("360p", 640),
        ("480p", 854),
        ("720p", 1280),
        ("audio", None),
    ]
    for name in ["240p", "720p", "audio"]:
        audio = [
            s
            for s in streams(output_dir / name / "seg_000.ts")
            if s["codec_type"] == "audio"
        ]
        assert audio[0]["channels"] == 1


@pytest.mark.django_db
def test_a_video_is_transcoded_end_to_end_with_the_default_backend(tmp_path):
    clip = make_clip(tmp_path / "lecture.mp4", seconds=3, size="640x360")
    with clip.open("rb") as handle:
        video = Video.objects.create(title="Bài giảng", file=File(handle, "a.mp4"))
    api.transcode(video_id=video.pk)
    video.refresh_from_db()
    assert video.status == VideoStatus.READY, video.failure_reason
    assert sorted(video.renditions.values_list("name", flat=True)) == [
        "240p",
        "360p",
        "audio",
    ]
    assert (video.poster, video.thumbnails_vtt) == ("poster.jpg", "thumbnails.vtt")
