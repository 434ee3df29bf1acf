"""The demo (DEBUG) serves uploaded files itself, but never lecture files."""

import importlib

from django.urls import Resolver404
from django.urls.resolvers import RegexPattern, URLResolver

import lms.site.urls


def debug_resolver(settings):
    settings.DEBUG = True
    settings.MEDIA_URL = "/uploads/"
    module = importlib.reload(lms.site.urls)
    return URLResolver(RegexPattern(r"^/"), module)  # not Django's cached one


def test_debug_media_serving_leaves_out_lecture_files(settings):
    resolver = debug_resolver(settings)
    try:
        assert resolver.resolve("/uploads/documents/ke-hoach.pdf").kwargs == {
            "path": "documents/ke-hoach.pdf",
            "document_root": settings.MEDIA_ROOT,
        }
        for private in [
            "/uploads/lectures/originals/bai-giang.mp4",
            "/uploads/lectures/hls/1/v1/master.m3u8",
            "/uploads/lectures/incoming/abc.part",
        ]:
            try:
                match = resolver.resolve(private)
            except Resolver404:
                continue
            assert match.url_name != "serve" and "document_root" not in match.kwargs
    finally:
        settings.DEBUG = False
        importlib.reload(lms.site.urls)
