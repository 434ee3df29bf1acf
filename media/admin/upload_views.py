"""The multi-file upload page (resumable, through tus.py) and the "finish"
call that turns a complete upload into a lecture."""

import json

from django.contrib.admin.utils import quote
from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import HeaderButton

from .. import conf
from ..fields import ACCEPT, LectureFileField
from ..models import Video
from ..uploads import service
from ..validation import VideoRejected
from .forms import FinishUploadForm

# Files sent at the same time; the others wait their turn.
PARALLEL = 2
# Seconds tus-js-client waits before each retry of a failed request (then the
# page waits for the browser to be online again and starts over).
RETRY_DELAYS = [0, 1000, 3000, 5000, 10000, 20000, 30000, 60000]


def page_messages():
    """Every sentence upload.js shows, translated here (passed as JSON)."""
    return {
        "waiting": _("Waiting"),
        "uploading": _("Uploading"),
        "paused": _("Connection lost, paused: it will resume by itself."),
        "resuming": _("Resuming where it stopped"),
        "processing": _("Checking the file on the server…"),
        "done": _("Done"),
        "edit": _("Edit the lecture"),
        "cancel": _("Cancel"),
        "cancelled": _("Cancelled"),
        "failed": _("Failed: %(reason)s"),
        "unknownError": _("The upload failed. Try again."),
        "loggedOut": _(
            "You were logged out or may not upload lectures. Log in again and "
            "choose the file again: it continues where it stopped."
        ),
        "finishLost": _(
            "The server did not answer. If the lecture is not in the list, "
            "upload the file again."
        ),
        "leave": _("Uploads are still running. Leave the page anyway?"),
    }


class LectureUploadView(
    PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView
):
    """The "Add" page of the lecture library: several files at once, each
    sent in chunks that survive a dropped connection."""

    model = Video
    permission_required = "add"
    template_name = "lectures/admin/upload.html"
    page_title = gettext_lazy("Upload lectures")
    header_icon = "upload"

    def get(self, request, *args, **kwargs):
        service.clear_expired()  # cheap: one indexed query
        return super().get(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {
                "url": reverse("lectures_admin:index"),
                "label": Video._meta.verbose_name_plural,
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_header_buttons(self):
        return [
            HeaderButton(
                _("Classic upload (one file)"),
                url=reverse("lectures_admin:add_classic"),
                icon_name="doc-empty",
            ),
            *super().get_header_buttons(),
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            form=FinishUploadForm(user=self.request.user),
            endpoint=reverse("lectures_admin:uploads"),
            accept=ACCEPT,
            help_text=LectureFileField().help_text,
            settings={
                "chunk_size": conf.get("HOCVIEN_VIDEO_UPLOAD_CHUNK_BYTES"),
                "parallel": PARALLEL,
                "retry_delays": json.dumps(RETRY_DELAYS),
                "user": self.request.user.pk,
            },
            messages_json=page_messages(),
            **kwargs,
        )


def answer(status: int, error: str) -> JsonResponse:
    return JsonResponse({"ok": False, "error": error}, status=status)


class FinishUploadView(View):
    """POST title, collection and tags once tus reports the upload complete:
    the file is checked and stored as a lecture (see service.finish)."""

    http_method_names = ["post"]

    def post(self, request, upload_id):
        try:
            upload = service.find(request.user, upload_id)
        except service.NotFound as error:
            return answer(404, str(error))
        except service.Expired as error:
            return answer(410, str(error))
        form = FinishUploadForm(request.POST, user=request.user)
        if not form.is_valid():
            return answer(400, form.error_text())
        try:
            video = service.finish(upload, **form.cleaned_data)
        except VideoRejected as rejected:
            return answer(422, str(rejected))
        except service.Incomplete as error:
            return answer(400, str(error))
        except service.Expired as error:
            return answer(410, str(error))
        except service.Busy:
            return answer(423, _("The file is still being received. Try again."))
        return JsonResponse(
            {
                "ok": True,
                "id": video.pk,
                "title": video.title,
                "edit_url": reverse("lectures_admin:edit", args=[quote(video.pk)]),
            }
        )
