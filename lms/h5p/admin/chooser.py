"""The H5P activity chooser of the page editor: contents with a version to play."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.chooser import ChooserViewSet

from ..models import Content


class ContentChooserViewSet(ChooserViewSet):
    model = Content
    icon = "pick"
    choose_one_text = _("Choose an H5P activity")
    choose_another_text = _("Choose another H5P activity")
    edit_item_text = _("Edit this H5P activity")
    per_page = 20

    def get_object_list(self):
        return Content.objects.filter(current_version__isnull=False).order_by("title")


viewset = ContentChooserViewSet("h5p_content_chooser", url_prefix="h5p/chooser")
