"""The model permissions each role's group carries. Scope (which units) comes
from ``ManagedUnit``, not from here. Other apps add their own permissions to
a role with ``api.add_role_permissions`` in their post_migrate handler."""

from .data import Role

ROLE_PERMISSIONS = {
    Role.LEARNER: [],
    Role.INSTRUCTOR: ["wagtailadmin.access_admin"],
    Role.UNIT_MANAGER: [
        "wagtailadmin.access_admin",
        "org.view_person",
        "org.add_person",
        "org.change_person",
        "org.import_people",
        "org.view_unit",
        "org.add_unit",
        "org.change_unit",
    ],
    Role.ACADEMY_STAFF: [
        "wagtailadmin.access_admin",
        "org.view_person",
        "org.add_person",
        "org.change_person",
        "org.delete_person",
        "org.import_people",
        "org.view_unit",
        "org.add_unit",
        "org.change_unit",
        "org.view_title",
        "org.add_title",
        "org.change_title",
        "org.delete_title",
        "org.view_organisation",
    ],
}
