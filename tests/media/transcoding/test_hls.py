from media.ladder import SpriteGrid
from media.transcoding import hls, sprite

PLAYLIST = """#EXTM3U
#EXT-X-TARGETDURATION:4
#EXTINF:4.000000,
seg_000.ts
#EXTINF:4.000000,
seg_001.ts
#EXTINF:0.500000,
seg_002.ts
#EXT-X-ENDLIST
"""


def test_bandwidths_come_from_segment_sizes_and_durations(tmp_path):
    (tmp_path / "index.m3u8").write_text(PLAYLIST)
    for name, size in [("seg_000.ts", 50_000), ("seg_001.ts", 100_000)]:
        (tmp_path / name).write_bytes(b"\0" * size)
    (tmp_path / "seg_002.ts").write_bytes(b"\0" * 60_000)
    segments = hls.read_segments(tmp_path / "index.m3u8")
    assert [s.duration for s in segments] == [4.0, 4.0, 0.5]
    # the short last segment counts in the average, not in the peak
    assert hls.peak_bandwidth(segments) == 200_000
    assert hls.average_bandwidth(segments) == round(210_000 * 8 / 8.5)


def test_codecs_are_read_from_ffmpegs_master_playlist():
    master = (
        '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1,CODECS="avc1.640015,mp4a.40.2"\n'
        "240p/index.m3u8\n"
    )
    assert hls.codecs_by_playlist(master) == {
        "240p/index.m3u8": "avc1.640015,mp4a.40.2"
    }


def test_the_thumbnail_track_maps_each_ten_seconds_to_a_sprite_tile(tmp_path):
    grid = SpriteGrid(count=3, columns=2, rows=2, tile_width=160, tile_height=90)
    sprite.write_vtt(tmp_path, grid, 25.0)
    text = (tmp_path / "thumbnails.vtt").read_text()
    assert text.startswith("WEBVTT\n\n00:00:00.000 --> 00:00:10.000\n")
    assert "sprite.jpg#xywh=160,0,160,90" in text
    assert "00:00:20.000 --> 00:00:25.000\nsprite.jpg#xywh=0,90,160,90" in text
