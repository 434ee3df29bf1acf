from django.contrib.auth.models import Permission
from wagtail import hooks

from .roles import ENROLMENT_PERMISSIONS


@hooks.register("register_permissions")
def enrolment_permissions():
    """Shown in the admin's group editor, beside the other model permissions."""
    codenames = [name.split(".")[1] for name in ENROLMENT_PERMISSIONS]
    return Permission.objects.filter(
        content_type__app_label="progress", codename__in=codenames
    )
