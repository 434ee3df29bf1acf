"""The permissions each role's group carries, given through
``lms.org.api.give_roles_permissions_after_migrate``. Which learners'
results a user sees is their units' people (``results.py``), not this."""

from lms.org.data import Role

ROLE_PERMISSIONS = {
    Role.ACADEMY_STAFF: ["h5p.view_h5p_results"],
    Role.UNIT_MANAGER: ["h5p.view_h5p_results"],
}
