"""The lecture chooser of the page editor: only READY lectures, searched
without diacritics."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.views.generic.chooser import (
    ChooseResultsView,
    ChooseView,
    ChosenView,
)
from wagtail.admin.viewsets.chooser import ChooserViewSet

from ..data import VideoStatus
from ..models import Video
from .queries import search_folded, videos_for


class VideoSearchForm(BaseFilterForm):
    q = forms.CharField(
        label=_("Search term"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Search")}),
    )

    def filter(self, objects):
        objects = super().filter(objects)
        query = self.cleaned_data.get("q")
        if query:
            objects = search_folded(objects, query)
            self.is_searching = True
            self.search_query = query
        return objects


class ReadyVideosMixin:
    filter_form_class = VideoSearchForm

    def get_object_list(self):
        return videos_for(self.request.user).filter(status=VideoStatus.READY)


class VideoChooseView(ReadyVideosMixin, ChooseView):
    pass


class VideoChooseResultsView(ReadyVideosMixin, ChooseResultsView):
    pass


class VideoChosenView(ChosenView):
    def get_object(self, pk):
        ready = videos_for(self.request.user).filter(status=VideoStatus.READY)
        return ready.get(pk=pk)


class VideoChooserViewSet(ChooserViewSet):
    choose_view_class = VideoChooseView
    choose_results_view_class = VideoChooseResultsView
    chosen_view_class = VideoChosenView
    icon = "media"
    choose_one_text = _("Choose a lecture")
    choose_another_text = _("Choose another lecture")
    edit_item_text = _("Edit this lecture")


viewset = VideoChooserViewSet(
    "lectures_chooser", model=Video, url_prefix="lectures-chooser"
)
