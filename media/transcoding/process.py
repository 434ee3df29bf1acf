"""Running ffmpeg: progress from ``-progress pipe:1``, errors from stderr,
and no orphan process when the worker is interrupted."""

import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable

from django.utils.translation import gettext as _

from .base import TranscodeError

PROGRESS_INTERVAL = 1.0  # seconds between on_progress calls (it is a heartbeat)
HEARTBEAT_INTERVAL = 30.0  # report even an unchanged percentage this often
STDERR_LINES = 8
ADDRESS = re.compile(r" @ 0x[0-9a-f]+")


def ffmpeg_path() -> str:
    return shutil.which("ffmpeg") or "ffmpeg"


def out_seconds(line: str) -> float | None:
    """Media seconds written, from an ``out_time_us=`` or ``out_time_ms=`` line
    (both are microseconds, whatever the name says)."""
    key, _sep, value = line.strip().partition("=")
    if key not in ("out_time_us", "out_time_ms") or not value.isdigit():
        return None
    return int(value) / 1_000_000


class ProgressReporter:
    """Turns media seconds into whole percentages, at most once a second."""

    def __init__(self, duration: float, on_progress: Callable[[int], None]):
        self.duration = duration
        self.on_progress = on_progress
        self.percent = -1
        self.reported_at = 0.0

    def update(self, seconds: float):
        percent = min(99, int(100 * seconds / self.duration)) if self.duration else 0
        elapsed = time.monotonic() - self.reported_at
        changed = percent > self.percent
        if elapsed >= PROGRESS_INTERVAL and (changed or elapsed >= HEARTBEAT_INTERVAL):
            self.report(max(percent, self.percent))

    def report(self, percent: int):
        self.percent, self.reported_at = percent, time.monotonic()
        self.on_progress(percent)


def stderr_tail(stderr) -> str:
    """The last lines ffmpeg wrote, without the memory addresses that make
    ``[mov,mp4 @ 0x55d4...]`` prefixes hard to read."""
    stderr.seek(0)
    text = ADDRESS.sub("", stderr.read().decode("utf-8", "replace"))
    return "\n".join(text.strip().splitlines()[-STDERR_LINES:])


def _follow(process: subprocess.Popen, reporter: ProgressReporter):
    for line in process.stdout:
        seconds = out_seconds(line)
        if seconds is not None:
            reporter.update(seconds)
    return process.wait()


def run(args: list[str], *, duration: float, on_progress: Callable[[int], None]):
    """Run ffmpeg with ``args``, reporting 0-99 %; TranscodeError with the end
    of its stderr when it fails. The process is killed if this call is
    interrupted."""
    reporter = ProgressReporter(duration, on_progress)
    with tempfile.TemporaryFile() as stderr:
        try:
            process = subprocess.Popen(  # noqa: S603 - fixed program, built arguments
                [ffmpeg_path(), *args], stdout=subprocess.PIPE, stderr=stderr, text=True
            )
        except OSError as error:
            raise TranscodeError(
                _("ffmpeg could not be started: %s") % error
            ) from error
        try:
            returncode = _follow(process, reporter)
        finally:
            _stop(process)
        if returncode != 0:
            raise TranscodeError(failure_message(returncode, stderr_tail(stderr)))


def _stop(process: subprocess.Popen):
    if process.poll() is None:
        process.kill()
        process.wait()
    process.stdout.close()


def failure_message(returncode: int, tail: str) -> str:
    return _("ffmpeg stopped with exit code %(code)s: %(reason)s") % {
        "code": returncode,
        "reason": tail or _("no error message"),
    }
