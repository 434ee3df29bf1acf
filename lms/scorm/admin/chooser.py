"""The package chooser of the page editor: packages with a version to play."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.chooser import ChooserViewSet

from ..models import Package


class PackageChooserViewSet(ChooserViewSet):
    model = Package
    icon = "form"
    choose_one_text = _("Choose a SCORM package")
    choose_another_text = _("Choose another SCORM package")
    edit_item_text = _("Edit this SCORM package")
    per_page = 20

    def get_object_list(self):
        return Package.objects.filter(current_version__isnull=False).order_by("title")


viewset = PackageChooserViewSet("scorm_package_chooser", url_prefix="scorm/chooser")
