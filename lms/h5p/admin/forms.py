from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms.collections import (
    collection_member_permission_formset_factory,
)

from lms.packages.library_admin import LibraryItemForm
from lms.packages.uploads import PackageFileField, max_upload_bytes

from ..models import Content


def _file_help_text() -> str:
    return _(
        "An H5P file (.h5p), at most %(size)s. Files without their libraries "
        "play once another file has brought them."
    ) % {"size": filesizeformat(max_upload_bytes())}


class H5PFileField(PackageFileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", lazy(_file_help_text, str)())
        super().__init__(*args, accept=".h5p", **kwargs)


class ContentForm(LibraryItemForm):
    """Title, description and a collection the user may add to; an optional
    .h5p becomes the activity's new current version (the view imports it)."""

    new_version = H5PFileField(
        label=gettext_lazy("New version"),
        required=False,
        help_text=gettext_lazy(
            "Upload an .h5p to replace the activity. Learners start the new "
            "version afresh; their results so far are kept."
        ),
    )

    class Meta:
        model = Content
        fields = ["title", "description", "collection"]


class ContentUploadForm(ContentForm):
    """An .h5p file, and optionally a title (the file's own when empty)."""

    file = H5PFileField(label=gettext_lazy("H5P file"))
    new_version = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        self.fields["title"].help_text = _(
            "Leave empty to use the title the file gives itself."
        )

    class Meta(ContentForm.Meta):
        fields = ["file", "title", "description", "collection"]


GroupContentPermissionFormSet = collection_member_permission_formset_factory(
    Content,
    [
        ("add_content", gettext_lazy("Add"), gettext_lazy("Upload H5P activities")),
        (
            "change_content",
            gettext_lazy("Edit"),
            gettext_lazy("Edit H5P activities and upload new versions"),
        ),
        (
            "delete_content",
            gettext_lazy("Delete"),
            gettext_lazy("Delete H5P activities"),
        ),
    ],
    "h5p/admin/permissions_formset.html",
)
