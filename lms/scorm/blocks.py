"""The lesson block that plays a SCORM package (registered into the course
app's lesson body through the ``register_lesson_blocks`` hook)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from lms.progress.data import ItemKind, ItemSpec

from . import api
from .admin.chooser import viewset as chooser_viewset
from .launch import CompletionRule

PackageChooserBlock = chooser_viewset.get_block_class(
    name="PackageChooserBlock", module_path="lms.scorm.blocks"
)
COMPLETION_RULES = [
    ("package", _("As the package reports it (completed or passed)")),
    ("passed", _("Only when the package reports “passed”")),
    (
        "finish",
        _("When the learner has finished every part (packages that report nothing)"),
    ),
    ("minutes", _("After some minutes in the package")),
]


class ScormBlock(blocks.StructBlock):
    package = PackageChooserBlock(label=_("SCORM package"))
    completion = blocks.ChoiceBlock(
        label=_("Counts as completed"), choices=COMPLETION_RULES, default="package"
    )
    minutes = blocks.IntegerBlock(
        label=_("Minutes in the package"),
        required=False,
        min_value=1,
        max_value=600,
        help_text=_("Only for “After some minutes in the package”."),
    )
    required = blocks.BooleanBlock(label=_("Required"), default=True, required=False)
    final = blocks.BooleanBlock(
        label=_("Final assessment"),
        default=False,
        required=False,
        help_text=_("Its score must reach the pass mark the course sets."),
    )

    class Meta:
        icon = "form"
        label = _("SCORM package")
        template = "scorm/blocks/scorm.html"

    def clean(self, value):
        value = super().clean(value)
        if value["completion"] == "minutes" and not value["minutes"]:
            raise StructBlockValidationError(
                block_errors={
                    "minutes": ValidationError(_("Say how many minutes count."))
                }
            )
        return value

    def item_spec(self, key, value):
        package = value["package"]
        if package is None:
            return None
        return ItemSpec(
            key=key,
            kind=ItemKind.SCORM,
            title=package.title,
            required=bool(value["required"]),
            final=bool(value.get("final")),
        )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        activity = context.get("activity")
        request = context.get("request")
        if activity and activity.learner and request and value["package"]:
            context["launch_url"] = api.launch_url(
                user=activity.learner,
                course_id=activity.course_id,
                item_key=activity.key,
                package=value["package"],
                rule=CompletionRule(value["completion"], value["minutes"] or 0),
                request=request,
            )
        return context
