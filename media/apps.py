from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LectureLibraryConfig(AppConfig):
    # Explicit label: "media" would clash with the MEDIA_* settings' meaning.
    name = "media"
    label = "lectures"
    verbose_name = _("Video lecture library")

    def ready(self):
        from wagtail.permission_policies.collections import CollectionPermissionPolicy
        from wagtail.permissions import register_permission_policy

        # Lecture permissions are held per collection, like documents'.
        video = self.get_model("Video")
        register_permission_policy(video, CollectionPermissionPolicy(video))
