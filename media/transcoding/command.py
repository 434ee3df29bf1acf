"""The one ffmpeg command of a transcode, built with ffmpeg-python.

One process, one decode: ``split`` feeds every video rung (and the poster
and the thumbnail sprite), as in the reference ladder; the HLS muxer writes
``<name>/index.m3u8`` + ``<name>/seg_NNN.ts`` for each rendition."""

from pathlib import Path

import ffmpeg

from .. import ladder
from ..data import ProbeResult, Rung

GLOBAL_ARGS = ["-hide_banner", "-nostdin", "-nostats", "-loglevel", "error", "-y"]
PROGRESS_ARGS = ["-progress", "pipe:1"]


def video_options(index: int, rung: Rung, probe: ProbeResult) -> dict:
    gop = ladder.gop_frames(probe)
    options = {
        "c:v": "libx264",
        "preset:v": ladder.PRESET,
        "tune:v": ladder.TUNE,
        "profile:v": "high",
        "crf:v": ladder.CRF,
        "maxrate:v": f"{rung.max_kbps}k",
        "bufsize:v": f"{ladder.bufsize_kbps(rung)}k",
        "g:v": gop,
        "keyint_min:v": gop,
        "sc_threshold:v": 0,
        "force_key_frames:v": ladder.keyframe_expression(),
    }
    return {f"{key}:{index}": value for key, value in options.items()}


def audio_options(index: int, kbps: int) -> dict:
    options = {"c:a": "aac", "b:a": f"{kbps}k", "ac:a": 1, "ar:a": ladder.AUDIO_RATE}
    return {f"{key}:{index}": value for key, value in options.items()}


def hls_options(output_dir: Path, stream_map: list[str]) -> dict:
    return {
        "f": "hls",
        "hls_time": ladder.SEGMENT_SECONDS,
        "hls_playlist_type": "vod",
        "hls_flags": "independent_segments",
        "hls_segment_type": "mpegts",
        "hls_segment_filename": str(output_dir / "%v" / "seg_%03d.ts"),
        "master_pl_name": "master.m3u8",
        "var_stream_map": " ".join(stream_map),
    }


def scaled(stream, probe: ProbeResult, height: int):
    width, height = ladder.frame_size(probe, height)
    return stream.filter("scale", width, height).filter("format", "yuv420p")


class LadderGraph:
    """Collects the streams and per-stream options of the HLS output."""

    def __init__(self, source: Path, probe: ProbeResult):
        self.input = ffmpeg.input(str(source))
        self.probe = probe
        self.streams, self.options, self.stream_map = [], {}, []
        self.video_count = self.audio_count = 0

    def add_audio(self, kbps: int) -> str:
        self.streams.append(self.input["a:0"])
        self.options |= audio_options(self.audio_count, kbps)
        self.audio_count += 1
        return f"a:{self.audio_count - 1}"

    def add_video(self, stream, rung: Rung):
        self.streams.append(scaled(stream, self.probe, rung.height))
        self.options |= video_options(self.video_count, rung, self.probe)
        parts = [f"v:{self.video_count}"]
        self.video_count += 1
        if rung.audio_kbps:
            parts.append(self.add_audio(rung.audio_kbps))
        self.stream_map.append(",".join([*parts, f"name:{rung.name}"]))

    def add_audio_only(self, rung: Rung):
        self.stream_map.append(f"{self.add_audio(rung.audio_kbps)},name:{rung.name}")

    def hls_output(self, output_dir: Path):
        options = self.options | hls_options(output_dir, self.stream_map)
        return ffmpeg.output(
            *self.streams, str(output_dir / "%v" / "index.m3u8"), **options
        )


def poster_output(stream, probe: ProbeResult, height: int, path: Path):
    at = ladder.poster_time(probe.duration)
    # A one-second window, not select=gte(t,…): that would scale every later
    # frame of the lecture to keep only the first.
    picked = stream.trim(start=at, end=at + 1)
    return ffmpeg.output(
        scaled(picked, probe, height), str(path), **{"frames:v": 1, "q:v": 3}
    )


def sprite_output(stream, grid: ladder.SpriteGrid, path: Path):
    tiles = (
        stream.filter("fps", f"1/{grid.interval}")
        .filter("scale", grid.tile_width, grid.tile_height)
        .filter("tile", f"{grid.columns}x{grid.rows}")
    )
    return ffmpeg.output(tiles, str(path), **{"frames:v": 1, "q:v": 5})


def picture_outputs(graph: LadderGraph, video: list[Rung], output_dir: Path):
    """Video rungs, poster and sprite, all fed by one split of one decode."""
    split = graph.input.video.filter_multi_output("split", len(video) + 2)
    for index, rung in enumerate(video):
        graph.add_video(split.stream(index), rung)
    poster, tiles = split.stream(len(video)), split.stream(len(video) + 1)
    top, grid = video[-1].height, ladder.sprite_grid(graph.probe)
    return [
        poster_output(poster, graph.probe, top, output_dir / "poster.jpg"),
        sprite_output(tiles, grid, output_dir / "sprite.jpg"),
    ]


def build_args(
    *, source: Path, probe: ProbeResult, output_dir: Path, rungs: tuple[Rung, ...]
) -> list[str]:
    """Arguments after ``ffmpeg`` for the whole ladder of ``rungs``."""
    graph = LadderGraph(source, probe)
    video = [rung for rung in rungs if rung.height]
    extras = picture_outputs(graph, video, output_dir) if video else []
    for rung in rungs:
        if not rung.height:
            graph.add_audio_only(rung)
    outputs = ffmpeg.merge_outputs(graph.hls_output(output_dir), *extras)
    return [*GLOBAL_ARGS, *PROGRESS_ARGS, *outputs.get_args()]
