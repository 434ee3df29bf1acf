"""The lesson body's model field.

Its block is ``LessonBody`` with the blocks other apps register, built the
first time the field is used (never while apps are still loading, when the
hooks could not all be read yet). Migrations record only the core blocks:
which apps are installed must not change this app's migrations.

The trade-off: a historical model in a data migration knows only the core
blocks, and Wagtail drops block types it does not know when it reads a
body. A data migration of lesson bodies must therefore edit the stored JSON
(``.values("body")`` / ``raw_data``) and never re-save bodies through the
historical model, or registered blocks would be lost.
"""

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Field
from django.utils.functional import cached_property
from wagtail.blocks.definition_lookup import BlockDefinitionLookupBuilder
from wagtail.fields import StreamField

from .blocks import LessonBody


class LessonBodyField(StreamField):
    def __init__(self, *args, **kwargs):
        # Field.clone() passes back what deconstruct() returns (the core
        # blocks and their lookup table): the block is LessonBody all the same.
        kwargs.pop("block_lookup", None)
        super().__init__(LessonBody, **kwargs)

    @cached_property
    def stream_block(self):
        if not apps.ready:
            raise ImproperlyConfigured(
                "The lesson body was used before every app was loaded; the "
                "blocks registered with register_lesson_blocks would be missing."
            )
        return super().stream_block

    def deconstruct(self):
        """A plain StreamField of the core blocks, as migration 0003 has it."""
        name, _path, _args, kwargs = Field.deconstruct(self)
        lookup = BlockDefinitionLookupBuilder()
        core = [(n, lookup.add_block(b)) for n, b in LessonBody.base_blocks.items()]
        kwargs["block_lookup"] = lookup.get_lookup_as_dict()
        return name, "wagtail.fields.StreamField", [core], kwargs
