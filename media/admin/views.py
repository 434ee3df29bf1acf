"""Admin views of the lecture library; each saves through media.api."""

from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button

from .. import api
from ..data import VideoStatus
from ..models import Video
from .forms import CaptionForm, ChaptersForm, format_chapters
from .queries import search_folded, videos_for

BUSY = (VideoStatus.UPLOADED, VideoStatus.PROCESSING)


class VideoIndexView(generic.IndexView):
    template_name = "lectures/admin/index.html"

    def get(self, request, *args, **kwargs):
        api.recover_stalled_videos()  # killed workers do not leave "processing"
        return super().get(request, *args, **kwargs)

    def get_base_queryset(self):
        visible = videos_for(self.request.user).values("pk")
        return (
            super()
            .get_base_queryset()
            .filter(pk__in=visible)
            .select_related("collection")
        )

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return search_folded(queryset, self.search_query)

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status == VideoStatus.FAILED and self.user_has_permission("change"):
            url = reverse("lectures_admin:retry", args=[quote(instance.pk)])
            buttons.insert(
                0, Button(_("Retry transcoding"), url=url, icon_name="rotate")
            )
        return buttons

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["auto_refresh"] = any(
            video.status in BUSY for video in context["object_list"]
        )
        return context


class VideoCreateView(generic.CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return api.create_video(
            file=data["file"],
            title=data["title"],
            description=data.get("description", ""),
            collection=data.get("collection"),
            tags=data.get("tags") or (),
            user=self.request.user,
        )


class ScopedMixin:
    """Only the videos in collections where the user holds the permission."""

    def get_queryset(self):
        return videos_for(self.request.user, [self.permission_required])


class VideoEditView(ScopedMixin, generic.EditView):
    @cached_property
    def header_more_buttons(self):
        pk = quote(self.object.pk)
        buttons = [
            Button(
                _("Captions"),
                url=reverse("lectures_admin:captions", args=[pk]),
                icon_name="comment",
                priority=5,
            ),
            Button(
                _("Chapters"),
                url=reverse("lectures_admin:chapters", args=[pk]),
                icon_name="list-ul",
                priority=6,
            ),
            Button(
                _("Used in"),
                url=reverse(self.usage_url_name, args=[pk]),
                icon_name="link",
                priority=7,
            ),
        ]
        if self.object.status == VideoStatus.FAILED:
            url = reverse("lectures_admin:retry", args=[pk])
            buttons.insert(
                0, Button(_("Retry transcoding"), url=url, icon_name="rotate")
            )
        return [*buttons, *super().header_more_buttons]


class VideoDeleteView(ScopedMixin, generic.DeleteView):
    pass


class VideoActionView(WagtailAdminTemplateMixin, View):
    """Base of the small per-video pages: the video the user may change."""

    header_icon = "media"

    def dispatch(self, request, pk):
        videos = videos_for(request.user, ["change"])
        self.video = get_object_or_404(videos, pk=unquote(str(pk)))
        return super().dispatch(request, pk)

    @property
    def edit_url(self):
        return reverse("lectures_admin:edit", args=[quote(self.video.pk)])

    def get_page_subtitle(self):
        return str(self.video)

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {
                "url": reverse("lectures_admin:index"),
                "label": Video._meta.verbose_name_plural,
            },
            {"url": self.edit_url, "label": str(self.video)},
            {"url": "", "label": self.get_page_title()},
        ]

    def render(self, **context):
        context = self.get_context_data(
            video=self.video, edit_url=self.edit_url, **context
        )
        return TemplateResponse(self.request, self.template_name, context)


class RetryView(VideoActionView):
    template_name = "lectures/admin/retry.html"
    page_title = gettext_lazy("Retry transcoding")

    def get(self, request, pk):
        return self.render()

    def post(self, request, pk):
        if api.retry_transcode(video=self.video):
            messages.success(request, _("The lecture is queued for transcoding again."))
        else:
            messages.warning(request, _("This lecture does not need a retry."))
        return redirect("lectures_admin:index")


class CaptionsView(VideoActionView):
    template_name = "lectures/admin/captions.html"
    page_title = gettext_lazy("Captions")

    def get(self, request, pk):
        return self.render(form=CaptionForm())

    def post(self, request, pk):
        if "remove" in request.POST:
            return self.remove(request.POST["remove"])
        form = CaptionForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                api.add_caption(video=self.video, **form.cleaned_data)
            except api.CaptionRejected as rejected:
                form.add_error("file", str(rejected))
            else:
                messages.success(request, _("The captions were saved."))
                return redirect(request.path)
        return self.render(form=form)

    def remove(self, language):
        caption = get_object_or_404(self.video.captions, language=language)
        caption.file.delete(save=False)
        caption.delete()
        messages.success(self.request, _("The captions were removed."))
        return redirect(self.request.path)


class ChaptersView(VideoActionView):
    template_name = "lectures/admin/chapters.html"
    page_title = gettext_lazy("Chapters")

    def get(self, request, pk):
        initial = {"chapters": format_chapters(self.video.chapters.all())}
        return self.render(form=ChaptersForm(initial=initial))

    def post(self, request, pk):
        form = ChaptersForm(request.POST, duration=self.video.duration)
        if not form.is_valid():
            return self.render(form=form)
        api.set_chapters(video=self.video, chapters=form.cleaned_data["chapters"])
        messages.success(request, _("The chapters were saved."))
        return redirect(self.edit_url)
