"""The permissions each role's group carries, given through
``lms.org.api.add_role_permissions`` after every migrate. Which learners'
results a user sees is their units' people (``results.py``), not this."""

from lms.org.data import Role

ROLE_PERMISSIONS = {
    Role.ACADEMY_STAFF: ["scorm.view_scorm_results"],
    Role.UNIT_MANAGER: ["scorm.view_scorm_results"],
}
