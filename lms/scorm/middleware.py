"""Keeps the content origin and the LMS apart (README: Isolation).

With HOCVIEN_SCORM_CONTENT_ORIGIN set, requests on that host reach only the
player, package files and static files; the LMS's own pages answer 404
there (no login form, no session on the content host). On the LMS host the
player and package files answer 404, so content never runs beside the
session."""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404

from . import conf

CONTENT_PATHS = ("/scorm/play/", "/scorm/files/")


def content_host() -> str:
    origin = conf.get("HOCVIEN_SCORM_CONTENT_ORIGIN")
    return urlsplit(origin).netloc if origin else ""


class ContentOriginMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        host = content_host()
        if host:
            on_content_host = request.get_host() == host
            content_path = request.path.startswith(CONTENT_PATHS)
            static_path = request.path.startswith(settings.STATIC_URL)
            if on_content_host and not (content_path or static_path):
                raise Http404
            if content_path and not on_content_host:
                raise Http404
        return self.get_response(request)
