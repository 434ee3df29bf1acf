import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("lectures/", include("media.urls")),
    path("progress/", include("lms.progress.urls")),
    path("scorm/", include("lms.scorm.urls")),
    path("h5p/", include("lms.h5p.urls")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
]

if settings.DEBUG:
    from django.views.static import serve

    # Never lectures/: their files go through media's view, which asks the
    # before_serve_lecture hook who may see them.
    media_prefix = re.escape(settings.MEDIA_URL.lstrip("/"))
    urlpatterns += [
        re_path(
            rf"^{media_prefix}(?!lectures/)(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

# Vietnamese at "/", English under "/en/".
urlpatterns += i18n_patterns(
    path("", include("lms.org.urls")),
    path("", include("courses.urls")),
    path("", include("lms.training.urls")),
    path("", include("lms.certificates.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
