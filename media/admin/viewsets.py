import django_filters
from django.db.models import Q
from django.urls import path
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Collection

from ..data import VideoStatus
from ..models import Video
from . import tus, upload_views, views
from .forms import VideoForm, VideoUploadForm

DURATIONS = {
    "short": Q(duration__lt=600),
    "medium": Q(duration__gte=600, duration__lt=1800),
    "long": Q(duration__gte=1800, duration__lte=3600),
    "longer": Q(duration__gt=3600),
}


def clock(seconds) -> str:
    """1:02:03 for a lecture's length."""
    if seconds is None:
        return ""
    minutes, secs = divmod(int(round(seconds)), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


class DurationColumn(Column):
    def get_value(self, instance):
        return clock(instance.duration)


class LocalDateColumn(Column):
    """A date as cadres read it (21/11/2026), not "3 days ago"."""

    def get_value(self, instance):
        value = super().get_value(instance)
        return date_format(localtime(value), "SHORT_DATE_FORMAT") if value else ""


class StatusColumn(Column):
    cell_template_name = "lectures/admin/status_cell.html"


class VideoFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=VideoStatus.choices)
    length = django_filters.ChoiceFilter(
        label=_("Length"),
        method="filter_length",
        choices=[
            ("short", _("Under 10 minutes")),
            ("medium", _("10 to 30 minutes")),
            ("long", _("30 to 60 minutes")),
            ("longer", _("Over 60 minutes")),
        ],
    )
    tags = django_filters.ModelMultipleChoiceFilter(
        label=_("Tags"),
        field_name="tags",
        queryset=Tag.objects.filter(
            lectures_taggedvideo_items__isnull=False
        ).distinct(),
    )
    collection = django_filters.ModelChoiceFilter(
        label=_("Collection"), queryset=Collection.objects.all()
    )

    class Meta:
        model = Video
        fields = []

    def filter_length(self, queryset, name, value):
        return queryset.filter(DURATIONS[value]) if value in DURATIONS else queryset


class VideoViewSet(ModelViewSet):
    model = Video
    name = "lectures_admin"
    url_prefix = "lectures"
    icon = "media"
    menu_label = _("Lectures")
    menu_order = 310
    add_to_admin_menu = True
    index_view_class = views.VideoIndexView
    add_view_class = views.VideoCreateView
    edit_view_class = views.VideoEditView
    delete_view_class = views.VideoDeleteView
    copy_view_enabled = False
    inspect_view_enabled = False
    filterset_class = VideoFilterSet
    search_fields = ["title"]  # searched through Video.search_text, see the view
    search_backend_name = None
    list_per_page = 50
    list_display = [
        "title",
        StatusColumn("status", label=_("Status")),
        DurationColumn("duration", label=_("Duration"), sort_key="duration"),
        LocalDateColumn("created_at", label=_("Uploaded at"), sort_key="created_at"),
        Column("collection", label=_("Collection")),
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("description"),
            FieldPanel("tags"),
            FieldPanel("collection"),
        ],
        base_form_class=VideoForm,
    )
    upload_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("file"),
            FieldPanel("description"),
            FieldPanel("tags"),
            FieldPanel("collection"),
        ],
        base_form_class=VideoUploadForm,
    )

    def get_add_view_kwargs(self, **kwargs):
        upload = self.upload_handler.bind_to_model(Video)
        return super().get_add_view_kwargs(
            panel=upload,
            form_class=upload.get_form_class(),
            add_url_name=self.get_url_name("add_classic"),
            **kwargs,
        )

    @property
    def add_view(self):
        """ "Add" is the multi-file resumable upload page."""
        return self.construct_view(upload_views.LectureUploadView)

    @property
    def classic_add_view(self):
        """The plain one-file form (with a description), still linked."""
        return self.construct_view(self.add_view_class, **self.get_add_view_kwargs())

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("retry/<str:pk>/", self.construct_view(views.RetryView), name="retry"),
            path(
                "captions/<str:pk>/",
                self.construct_view(views.CaptionsView),
                name="captions",
            ),
            path(
                "chapters/<str:pk>/",
                self.construct_view(views.ChaptersView),
                name="chapters",
            ),
            path("new/classic/", self.classic_add_view, name="add_classic"),
            path("uploads/", tus.UploadsView.as_view(), name="uploads"),
            path(
                "uploads/<uuid:upload_id>/",
                tus.UploadView.as_view(),
                name="upload",
            ),
            path(
                "uploads/<uuid:upload_id>/finish/",
                upload_views.FinishUploadView.as_view(),
                name="finish_upload",
            ),
        ]
