from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms.collections import (
    collection_member_permission_formset_factory,
)

from lms.packages.library_admin import LibraryItemForm
from lms.packages.uploads import PackageFileField, max_upload_bytes

from ..models import Package


def _file_help_text() -> str:
    return _("A SCORM 1.2 or SCORM 2004 package (.zip), at most %(size)s.") % {
        "size": filesizeformat(max_upload_bytes())
    }


class ZipFileField(PackageFileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", lazy(_file_help_text, str)())
        super().__init__(*args, **kwargs)


class PackageForm(LibraryItemForm):
    """Title, description and a collection the user may add to; an optional
    zip becomes the package's new current version (the view imports it)."""

    new_version = ZipFileField(
        label=gettext_lazy("New version"),
        required=False,
        help_text=gettext_lazy(
            "Upload a zip to replace the package for new attempts. Attempts "
            "already started stay on their version."
        ),
    )

    class Meta:
        model = Package
        fields = ["title", "description", "collection"]


class PackageUploadForm(PackageForm):
    """A zip, and optionally a title (the manifest's when empty)."""

    file = ZipFileField(label=gettext_lazy("Package file"))
    new_version = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        self.fields["title"].help_text = _(
            "Leave empty to use the title the package gives itself."
        )

    class Meta(PackageForm.Meta):
        fields = ["file", "title", "description", "collection"]


GroupPackagePermissionFormSet = collection_member_permission_formset_factory(
    Package,
    [
        ("add_package", gettext_lazy("Add"), gettext_lazy("Upload SCORM packages")),
        (
            "change_package",
            gettext_lazy("Edit"),
            gettext_lazy("Edit SCORM packages and upload new versions"),
        ),
        (
            "delete_package",
            gettext_lazy("Delete"),
            gettext_lazy("Delete SCORM packages"),
        ),
    ],
    "scorm/admin/permissions_formset.html",
)
