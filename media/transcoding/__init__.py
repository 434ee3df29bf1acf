"""Transcoder backends: the interface in ``base``, chosen by the
HOCVIEN_VIDEO_TRANSCODER setting (``{"BACKEND": "dotted.path.Class", ...}``;
the other keys are passed to the class as keyword options)."""

from django.utils.module_loading import import_string

from .. import conf
from .base import TranscodeError, TranscoderBackend


def get_transcoder() -> TranscoderBackend:
    options = dict(conf.get("HOCVIEN_VIDEO_TRANSCODER"))
    backend_class = import_string(options.pop("BACKEND"))
    return backend_class(**options)


__all__ = ["TranscodeError", "TranscoderBackend", "get_transcoder"]
