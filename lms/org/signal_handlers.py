from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.db.models.signals import post_migrate

from .roles import ROLE_PERMISSIONS


def sync_role_groups(sender, **kwargs):
    """Create the role groups and give them their permissions (idempotent)."""
    from . import api

    # post_migrate reaches this app before django.contrib.auth has created the
    # permissions of later apps, so make sure the ones we name exist.
    labels = {
        name.split(".")[0] for names in ROLE_PERMISSIONS.values() for name in names
    }
    for label in labels:
        create_permissions(apps.get_app_config(label), verbosity=0)
    for role, permissions in ROLE_PERMISSIONS.items():
        api.add_role_permissions(role=role, permissions=permissions)


def register_signal_handlers(app_config):
    post_migrate.connect(
        sync_role_groups, sender=app_config, dispatch_uid="org_sync_role_groups"
    )
