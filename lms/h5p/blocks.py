"""The lesson block that plays an H5P activity (registered into the course
app's lesson body through the ``register_lesson_blocks`` hook)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from lms.progress.data import ItemKind, ItemSpec

from . import api
from .admin.chooser import viewset as chooser_viewset

ContentChooserBlock = chooser_viewset.get_block_class(
    name="ContentChooserBlock", module_path="lms.h5p.blocks"
)


class H5PBlock(blocks.StructBlock):
    content = ContentChooserBlock(label=_("H5P activity"))
    pass_mark = blocks.IntegerBlock(
        label=_("Pass mark (%)"),
        required=False,
        min_value=0,
        max_value=100,
        help_text=_(
            "Score needed to complete the activity. Empty: the activity's own "
            "pass mark, or its own verdict when it has none."
        ),
    )
    required = blocks.BooleanBlock(label=_("Required"), default=True, required=False)
    final = blocks.BooleanBlock(
        label=_("Final assessment"),
        default=False,
        required=False,
        help_text=_("Its score must reach the pass mark the course sets."),
    )

    class Meta:
        icon = "pick"
        label = _("H5P activity")
        template = "h5p/blocks/h5p.html"

    def item_spec(self, key, value):
        content = value["content"]
        if content is None:
            return None
        return ItemSpec(
            key=key,
            kind=ItemKind.H5P,
            title=content.title,
            required=bool(value["required"]),
            final=bool(value.get("final")),
        )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        activity = context.get("activity")
        request = context.get("request")
        content = value["content"]
        if (
            activity
            and activity.learner
            and request
            and content
            and content.current_version_id
        ):
            pass_mark = value["pass_mark"]
            context["launch_url"] = api.launch_url(
                user=activity.learner,
                course_id=activity.course_id,
                item_key=activity.key,
                content=content,
                pass_mark=float(pass_mark) if pass_mark is not None else None,
                request=request,
            )
        return context
