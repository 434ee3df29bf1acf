from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.forms.collections import (
    CollectionChoiceField,
    collection_member_permission_formset_factory,
)
from wagtail.models import Collection
from wagtail.permissions import policy_registry

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


class PackageForm(WagtailAdminModelForm):
    """Title, description and a collection the user may add to; an optional
    zip becomes the package's new current version (the view imports it)."""

    collection = CollectionChoiceField(
        label=gettext_lazy("Collection"),
        queryset=Collection.objects.all(),
        empty_label=None,
    )
    new_version = ZipFileField(
        label=gettext_lazy("New version"),
        required=False,
        help_text=gettext_lazy(
            "Upload a zip to replace the package for new attempts. Attempts "
            "already started stay on their version."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None:
            policy = policy_registry.get_by_type(Package)
            self.fields[
                "collection"
            ].queryset = policy.collections_user_has_any_permission_for(
                self.for_user, ["add", "change"]
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
