import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from taggit.forms import TagField
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.forms.collections import (
    CollectionChoiceField,
    collection_member_permission_formset_factory,
)
from wagtail.admin.forms.tags import validate_tag_length
from wagtail.models import Collection
from wagtail.permissions import policy_registry

from ..fields import LectureFileField
from ..models import Video

START = re.compile(r"^(\d+(?::\d{1,2}){0,2}(?:[.,]\d+)?)\s+(.+)$")


class VideoForm(WagtailAdminModelForm):
    """Title, description, tags and a collection the user may add to."""

    collection = CollectionChoiceField(
        label=gettext_lazy("Collection"),
        queryset=Collection.objects.all(),
        empty_label=None,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None:
            policy = policy_registry.get_by_type(Video)
            self.fields[
                "collection"
            ].queryset = policy.collections_user_has_any_permission_for(
                self.for_user, ["add", "change"]
            )
        if "tags" in self.fields:
            self.fields["tags"].validators.append(validate_tag_length)

    class Meta:
        model = Video
        fields = ["title", "description", "tags", "collection"]


class VideoUploadForm(VideoForm):
    """The plain one-file upload; the view saves it through api.create_video."""

    file = LectureFileField(label=gettext_lazy("File"))

    class Meta(VideoForm.Meta):
        fields = ["title", "file", "description", "tags", "collection"]


class FinishUploadForm(forms.Form):
    """What a finished resumable upload becomes: its title (the file name
    without extension when empty), a collection the user may add to, tags.
    The upload page shows the collection and tags once for the whole batch."""

    title = forms.CharField(label=gettext_lazy("Title"), max_length=255, required=False)
    collection = CollectionChoiceField(
        label=gettext_lazy("Collection"),
        queryset=Collection.objects.none(),
        empty_label=None,
    )
    tags = TagField(
        label=gettext_lazy("Tags"),
        required=False,
        help_text=gettext_lazy("Separate tags with commas, e.g. digital, 2026."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        policy = policy_registry.get_by_type(Video)
        self.fields["collection"].queryset = policy.collections_user_has_permission_for(
            user, "add"
        )
        self.fields["tags"].validators.append(validate_tag_length)

    def error_text(self) -> str:
        """The errors as one sentence per field, for a JSON answer."""
        return " ".join(
            f"{self.fields[name].label}: {' '.join(errors)}"
            if name in self.fields
            else " ".join(errors)
            for name, errors in self.errors.items()
        )


class CaptionForm(forms.Form):
    language = forms.RegexField(
        label=gettext_lazy("Language"),
        regex=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$",
        max_length=12,
        help_text=gettext_lazy("Language code, e.g. vi, en, hmn, tyz."),
    )
    label = forms.CharField(
        label=gettext_lazy("Label"),
        max_length=60,
        help_text=gettext_lazy("As the player lists it, e.g. Tiếng Việt."),
    )
    file = forms.FileField(
        label=gettext_lazy("Subtitle file"),
        help_text=gettext_lazy("SubRip (.srt) or WebVTT (.vtt), saved as UTF-8."),
        widget=forms.ClearableFileInput(attrs={"accept": ".srt,.vtt"}),
    )


def parse_start(text: str) -> float:
    """Seconds from "95", "1:35" or "1:01:35"."""
    seconds = 0.0
    for part in text.replace(",", ".").split(":"):
        seconds = seconds * 60 + float(part)
    return seconds


def parse_chapters(text: str) -> list[tuple[float, str]]:
    chapters = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = START.match(line.strip())
        if not match:
            raise ValidationError(
                _(
                    "Line %(number)d should start with a time and then the title, "
                    'e.g. "12:30 Question time".'
                )
                % {"number": number}
            )
        chapters.append((parse_start(match[1]), match[2].strip()))
    return chapters


class ChaptersForm(forms.Form):
    chapters = forms.CharField(
        label=gettext_lazy("Chapters"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=gettext_lazy(
            "One chapter a line: when it starts (seconds, mm:ss or h:mm:ss) and "
            'its title, e.g. "12:30 Question time".'
        ),
    )

    def __init__(self, *args, duration=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.duration = duration

    def clean_chapters(self):
        chapters = parse_chapters(self.cleaned_data["chapters"])
        late = [s for s, _title in chapters if self.duration and s >= self.duration]
        if late:
            raise ValidationError(_("A chapter starts after the end of the lecture."))
        return chapters


def format_chapters(chapters) -> str:
    return "\n".join(f"{format_start(c.start)} {c.title}" for c in chapters)


def format_start(seconds: float) -> str:
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


GroupVideoPermissionFormSet = collection_member_permission_formset_factory(
    Video,
    [
        ("add_video", gettext_lazy("Add"), gettext_lazy("Upload lectures")),
        ("change_video", gettext_lazy("Edit"), gettext_lazy("Edit any lecture")),
        ("delete_video", gettext_lazy("Delete"), gettext_lazy("Delete lectures")),
        ("view_video", gettext_lazy("View"), gettext_lazy("See and choose lectures")),
    ],
    "lectures/admin/permissions_formset.html",
)
