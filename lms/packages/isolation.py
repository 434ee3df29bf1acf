"""Keeps package content (SCORM, H5P) and the LMS apart.

Packages run scripts nobody here wrote. With HOCVIEN_CONTENT_ORIGIN set,
they are served from a host of their own, where the learner's LMS session
cookie is never sent: a signed token in the URL path says who the learner
is and what they may open. ``ContentOriginMiddleware`` keeps each kind of
page on its host: the LMS's own pages answer 404 on the content host (no
login form, no session there) and content paths answer 404 on the LMS host.
Apps register their content paths in ``AppConfig.ready``."""

import posixpath
from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404

from . import conf

_content_paths: set[str] = set()


def register_content_paths(*prefixes: str) -> None:
    """URL path prefixes served on the content host only (e.g. "/h5p/play/")."""
    _content_paths.update(prefixes)


def content_origin() -> str:
    """Scheme, host and port of the content host, without a trailing slash
    ("" serves content from the LMS host)."""
    return conf.get("HOCVIEN_CONTENT_ORIGIN").rstrip("/")


def content_url(path: str) -> str:
    """An absolute URL on the content host (a bare path without one)."""
    return content_origin() + path


def content_host() -> str:
    origin = content_origin()
    return urlsplit(origin).netloc if origin else ""


def isolate(response, frame_ancestors: str):
    """Headers that keep package content in its box: a policy that lets it
    send data only to its own host and be framed only by ``frame_ancestors``
    (the player by the LMS page; files by the player and the LMS page, as
    browsers check every ancestor, not only the parent)."""
    policy = conf.get("HOCVIEN_CONTENT_CSP").format(frame_ancestors=frame_ancestors)
    response["Content-Security-Policy"] = policy
    response["X-Content-Type-Options"] = "nosniff"
    response["Referrer-Policy"] = "no-referrer"  # the path holds a token
    response["Cross-Origin-Resource-Policy"] = "same-site"
    return response


def clean_path(path: str) -> str | None:
    """The path if it names a file below a package's folder, None for
    anything odd (absolute, backslashes, NUL, ``..``, not normalised)."""
    if not path or "\\" in path or "\x00" in path or path.startswith("/"):
        return None
    if posixpath.normpath(path) != path or ".." in path.split("/"):
        return None
    return path


class ContentOriginMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        host = content_host()
        if host:
            on_content_host = request.get_host() == host
            content_path = request.path.startswith(tuple(_content_paths))
            static_path = request.path.startswith(settings.STATIC_URL)
            if on_content_host and not (content_path or static_path):
                raise Http404
            if content_path and not on_content_host:
                raise Http404
        return self.get_response(request)
