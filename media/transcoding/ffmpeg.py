"""The real transcoder: one ffmpeg process turns the source into the HLS
ladder of ``media.ladder`` (video rungs, an audio-only rendition, a poster
and a thumbnail sprite), then the master playlist is written from the
measured segments."""

from django.utils.translation import gettext as _

from .. import ladder
from ..data import TranscodeResult
from . import hls, process, sprite
from .base import TranscodeError, TranscoderBackend
from .command import build_args

POSTER = "poster.jpg"


class FFmpegTranscoder(TranscoderBackend):
    def transcode(self, *, source, probe, output_dir, on_progress):
        rungs = ladder.plan(probe)
        if not rungs:
            raise TranscodeError(_("The file has neither a picture nor sound."))
        args = build_args(
            source=source, probe=probe, output_dir=output_dir, rungs=rungs
        )
        process.run(args, duration=probe.duration, on_progress=on_progress)
        renditions = tuple(hls.measure(output_dir, rung, probe) for rung in rungs)
        hls.write_master(output_dir, renditions, probe.has_audio)
        if probe.has_video:
            sprite.write_vtt(output_dir, ladder.sprite_grid(probe), probe.duration)
        on_progress(100)
        return TranscodeResult(
            output_dir="",
            master_playlist=hls.MASTER,
            renditions=renditions,
            poster=POSTER if probe.has_video else "",
            thumbnails_vtt=sprite.VTT if probe.has_video else "",
        )
