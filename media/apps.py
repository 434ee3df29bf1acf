from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LectureLibraryConfig(AppConfig):
    # Explicit label: "media" would clash with the MEDIA_* settings' meaning.
    name = "media"
    label = "lectures"
    verbose_name = _("Video lecture library")
