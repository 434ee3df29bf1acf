from media import ladder
from media.data import ProbeResult


def source(width=1280, height=720, *, video=True, audio=True, duration=600.0):
    return ProbeResult(
        container="mp4",
        duration=duration,
        has_video=video,
        has_audio=audio,
        width=width if video else None,
        height=height if video else None,
        frame_rate=30.0 if video else None,
    )


def names(probe):
    return [rung.name for rung in ladder.plan(probe)]


def test_a_720p_source_gets_four_rungs_and_the_audio_only_rendition():
    assert names(source()) == ["240p", "360p", "480p", "720p", "audio"]


def test_a_1080p_source_is_not_given_a_rung_above_720p():
    assert names(source(1920, 1080))[-2:] == ["720p", "audio"]


def test_rungs_are_never_taller_than_the_source():
    assert names(source(640, 360)) == ["240p", "360p", "audio"]
    assert names(source(852, 479)) == ["240p", "360p", "audio"]


def test_a_source_below_the_lowest_rung_keeps_its_own_height():
    (rung,) = ladder.video_rungs(source(320, 181))
    assert (rung.name, rung.height, rung.max_kbps) == ("180p", 180, 300)


def test_an_audio_only_source_gets_only_the_audio_rendition():
    rungs = ladder.plan(source(video=False))
    assert [(r.name, r.height, r.audio_kbps) for r in rungs] == [("audio", None, 40)]


def test_a_silent_source_gets_video_rungs_without_sound_and_no_audio_rendition():
    rungs = ladder.plan(source(640, 360, audio=False))
    assert [(r.name, r.audio_kbps) for r in rungs] == [("240p", 0), ("360p", 0)]


def test_odd_sizes_keep_the_aspect_ratio_in_even_dimensions():
    assert ladder.frame_size(source(1280, 720), 240) == (426, 240)
    assert ladder.frame_size(source(1001, 563), 360) == (640, 360)
    assert ladder.frame_size(source(720, 1280), 240) == (136, 240)
    width, height = ladder.frame_size(source(1439, 1081), 480)
    assert width % 2 == height % 2 == 0
    assert abs(width / height - 1439 / 1081) < 0.01


def test_caps_follow_the_reference_ladder_with_a_two_second_buffer():
    rungs = ladder.video_rungs(source())
    assert [r.max_kbps for r in rungs] == [300, 600, 1100, 2200]
    assert [ladder.bufsize_kbps(r) for r in rungs] == [600, 1200, 2200, 4400]


def test_segments_start_with_a_keyframe_every_four_seconds():
    assert ladder.gop_frames(source()) == 120
    assert ladder.gop_frames(source(duration=6.0)) == 120
    assert ladder.keyframe_expression() == "expr:gte(t,n_forced*4)"


def test_the_poster_is_taken_a_tenth_in_or_at_one_second_for_short_clips():
    assert ladder.poster_time(600.0) == 60.0
    assert ladder.poster_time(6.0) == 1.0
    assert ladder.poster_time(1.0) == 0.5


def test_the_sprite_has_one_160px_tile_every_ten_seconds():
    grid = ladder.sprite_grid(source(duration=125.0))
    assert (grid.count, grid.columns, grid.rows) == (13, 10, 2)
    assert (grid.tile_width, grid.tile_height) == (160, 90)
    assert ladder.sprite_grid(source(duration=5.0)).count == 1
