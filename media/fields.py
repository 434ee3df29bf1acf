"""Form fields of the lecture library."""

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from . import conf
from .validation import VideoRejected, human_duration, local_path, validate_media_file

ACCEPT = "video/*,audio/*,.mkv,.mov,.mp4,.webm,.mp3,.m4a,.wav,.ogg"


class LectureFileField(forms.FileField):
    """A video or audio file that ffprobe can read and ffmpeg can play to the
    end, within the size and length limits of the settings. The clean file
    carries what was found as ``probe_result``."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": ACCEPT}))
        super().__init__(*args, **kwargs)
        if not self.help_text:
            self.help_text = _(
                "A video or audio file, at most %(size)s and %(length)s long."
            ) % {
                "size": filesizeformat(conf.get("HOCVIEN_VIDEO_MAX_BYTES")),
                "length": human_duration(conf.get("HOCVIEN_VIDEO_MAX_SECONDS")),
            }

    def to_python(self, data):
        # Django refuses an empty upload as "empty"; say it our way.
        if data and not getattr(data, "size", 1):
            raise ValidationError(_("The file is empty."), code="empty")
        return super().to_python(data)

    def clean(self, data, initial=None):
        file = super().clean(data, initial)
        if not file or file is initial:
            return file
        try:
            with local_path(file) as path:
                file.probe_result = validate_media_file(path, file.size)
        except VideoRejected as rejected:
            raise ValidationError(rejected.message, code=rejected.code) from None
        return file
