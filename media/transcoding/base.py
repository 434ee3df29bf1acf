from collections.abc import Callable
from pathlib import Path

from ..data import ProbeResult, TranscodeResult


class TranscodeError(Exception):
    """The source could not be transcoded; ``str()`` is shown to staff."""


class TranscoderBackend:
    """Turns a source file into an HLS ladder in a local folder.

    ``transcode`` writes everything under ``output_dir`` (which exists and is
    empty), calls ``on_progress(percent)`` now and then (that also proves the
    worker is alive), and returns a TranscodeResult whose paths are relative
    to ``output_dir``. It raises TranscodeError with a readable reason.
    """

    def __init__(self, **options):
        self.options = options

    def transcode(
        self,
        *,
        source: Path,
        probe: ProbeResult,
        output_dir: Path,
        on_progress: Callable[[int], None],
    ) -> TranscodeResult:
        raise NotImplementedError
