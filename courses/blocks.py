"""Blocks a lesson is made of. Each learning activity block knows how to
describe itself as a progress item (``item_spec``)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

from lms.progress.data import ItemKind, ItemSpec
from media.blocks import VideoChooserBlock


class LectureBlock(blocks.StructBlock):
    video = VideoChooserBlock(label=_("Video lecture"))
    threshold = blocks.IntegerBlock(
        label=_("Share to watch (%)"),
        default=90,
        min_value=10,
        max_value=100,
        help_text=_("How much of the lecture a learner must really watch."),
    )
    required = blocks.BooleanBlock(label=_("Required"), default=True, required=False)

    class Meta:
        icon = "media"
        label = _("Video lecture")
        template = "courses/blocks/lecture.html"

    @staticmethod
    def item_spec(key, value):
        video = value["video"]
        return ItemSpec(
            key=key,
            kind=ItemKind.VIDEO,
            title=video.title,
            required=bool(value["required"]),
            threshold=value["threshold"] / 100,
            duration=video.duration,
        )


class LessonBody(blocks.StreamBlock):
    text = blocks.RichTextBlock(
        label=_("Text"), features=["h2", "h3", "bold", "italic", "link", "ol", "ul"]
    )
    lecture = LectureBlock()
    document = DocumentChooserBlock(
        label=_("Document"), template="courses/blocks/document.html"
    )
