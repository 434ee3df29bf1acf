from django.contrib.auth.management import create_permissions
from django.db.models.signals import post_migrate

from lms.org import api as org

from .roles import ROLE_PERMISSIONS


def give_roles_their_permissions(sender, **kwargs):
    """Add the enrolment permissions to the role groups (idempotent)."""
    # This app's permissions may not exist yet when its post_migrate arrives.
    create_permissions(sender, verbosity=0)
    for role, permissions in ROLE_PERMISSIONS.items():
        org.add_role_permissions(role=role, permissions=permissions)


def register_signal_handlers(app_config):
    post_migrate.connect(
        give_roles_their_permissions,
        sender=app_config,
        dispatch_uid="progress_role_permissions",
    )
