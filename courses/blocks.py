"""Blocks a lesson is made of: text, video lecture and document here, and
whatever other apps add through the ``register_lesson_blocks`` hook.

A block that is a learning activity describes itself as a progress item
with ``item_spec(key, value) -> ItemSpec | None``; on the lesson page its
template finds the viewer's state as ``activity`` (``data.LessonActivity``).
"""

from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import blocks, hooks
from wagtail.documents.blocks import DocumentChooserBlock

from lms.progress import api as progress
from lms.progress.data import ItemKind, ItemSpec
from media.blocks import VideoChooserBlock

REGISTER_LESSON_BLOCKS = "register_lesson_blocks"


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

    def item_spec(self, key, value):
        video = value["video"]
        if video is None:
            return None
        return ItemSpec(
            key=key,
            kind=ItemKind.VIDEO,
            title=video.title,
            required=bool(value["required"]),
            threshold=value["threshold"] / 100,
            duration=video.duration,
        )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        activity = context.get("activity")
        if activity is not None and activity.learner is not None:
            context["tracking"] = _lecture_tracking(activity, value)
        return context


def _lecture_tracking(activity, value) -> dict:
    """What the player of an enrolled learner needs to report watching."""
    learner, course_id, key = activity.learner, activity.course_id, activity.key
    return {
        "report_url": reverse("progress:watch_report"),
        "token": progress.report_token(user=learner, course_id=course_id, item_key=key),
        "resume_at": progress.resume_position(
            user=learner, course_id=course_id, item_key=key
        ),
        "threshold": value["threshold"] / 100,
    }


def registered_lesson_blocks() -> list[tuple[str, blocks.Block]]:
    """The ``(name, block)`` pairs the ``register_lesson_blocks`` hooks return,
    in hook order. A name used twice raises ImproperlyConfigured: stored
    content of one block would be read by the other."""
    found = {}
    for hook in hooks.get_hooks(REGISTER_LESSON_BLOCKS):
        for name, block in hook():
            if name in LessonBody.base_blocks or name in found:
                raise ImproperlyConfigured(
                    f"Two lesson blocks are named {name!r}; a block registered "
                    f"with {REGISTER_LESSON_BLOCKS} needs a name of its own."
                )
            found[name] = block
    return list(found.items())


class LessonBody(blocks.StreamBlock):
    """The core blocks, then the registered ones (read when instantiated, so
    instantiate it only once every app is loaded: ``fields.LessonBodyField``
    does it on first use)."""

    text = blocks.RichTextBlock(
        label=_("Text"), features=["h2", "h3", "bold", "italic", "link", "ol", "ul"]
    )
    lecture = LectureBlock()
    document = DocumentChooserBlock(
        label=_("Document"), template="courses/blocks/document.html"
    )

    def __init__(self, local_blocks=None, **kwargs):
        registered = registered_lesson_blocks()
        super().__init__([*registered, *(local_blocks or [])], **kwargs)
