"""The WebVTT file that maps time ranges to tiles of the thumbnail sprite,
for seeking previews (``sprite.jpg#xywh=x,y,w,h``)."""

from pathlib import Path

from ..ladder import SpriteGrid

SPRITE = "sprite.jpg"
VTT = "thumbnails.vtt"


def timestamp(seconds: float) -> str:
    millis = round(seconds * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    return f"{hours:02d}:{minutes:02d}:{millis // 1000:02d}.{millis % 1000:03d}"


def cue(grid: SpriteGrid, index: int, duration: float) -> str:
    start = index * grid.interval
    end = min(start + grid.interval, duration) if duration > start else start + 1
    row, column = divmod(index, grid.columns)
    x, y = column * grid.tile_width, row * grid.tile_height
    box = f"{x},{y},{grid.tile_width},{grid.tile_height}"
    return f"{timestamp(start)} --> {timestamp(end)}\n{SPRITE}#xywh={box}\n"


def write_vtt(output_dir: Path, grid: SpriteGrid, duration: float):
    cues = "\n".join(cue(grid, index, duration) for index in range(grid.count))
    (output_dir / VTT).write_text(f"WEBVTT\n\n{cues}")
