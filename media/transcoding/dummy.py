"""A transcoder for tests: writes small but well-formed playlists at once,
with no ffmpeg. ``fail="reason"`` makes it fail instead."""

from ..data import RenditionResult, TranscodeResult
from .base import TranscodeError, TranscoderBackend

MEDIA_PLAYLIST = """#EXTM3U
#EXT-X-VERSION:3
#EXT-X-TARGETDURATION:4
#EXT-X-PLAYLIST-TYPE:VOD
#EXTINF:4.0,
seg_000.ts
#EXT-X-ENDLIST
"""


class DummyTranscoder(TranscoderBackend):
    def transcode(self, *, source, probe, output_dir, on_progress):
        if self.options.get("fail"):
            raise TranscodeError(self.options["fail"])
        renditions = []
        for name, height, bandwidth in [
            ("240p", 240, 200_000),
            ("audio", None, 40_000),
        ]:
            folder = output_dir / name
            folder.mkdir()
            (folder / "index.m3u8").write_text(MEDIA_PLAYLIST)
            (folder / "seg_000.ts").write_bytes(b"\x47" * 188)
            renditions.append(
                RenditionResult(
                    name=name,
                    playlist=f"{name}/index.m3u8",
                    width=None if height is None else height * 16 // 9,
                    height=height,
                    bandwidth=bandwidth,
                    average_bandwidth=bandwidth,
                    size_bytes=188,
                )
            )
            on_progress(50 if height else 100)
        master = "#EXTM3U\n" + "".join(
            f"#EXT-X-STREAM-INF:BANDWIDTH={r.bandwidth}\n{r.playlist}\n"
            for r in renditions
        )
        (output_dir / "master.m3u8").write_text(master)
        return TranscodeResult(
            output_dir="", master_playlist="master.m3u8", renditions=tuple(renditions)
        )
