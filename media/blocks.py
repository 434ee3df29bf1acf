"""Blocks pages compose: a lecture placed in a lesson."""

from .admin.chooser import viewset

#: A READY lecture chosen in the page editor; the value is the Video.
VideoChooserBlock = viewset.get_block_class(
    name="VideoChooserBlock", module_path="media.blocks"
)
