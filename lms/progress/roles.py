"""The enrolment permissions each role's group carries, given through
``lms.org.api.add_role_permissions`` after every migrate. Which learners a
user may enrol or see is their units' people (``lms.org``), not this."""

from lms.org.data import Role

ENROLMENT_PERMISSIONS = [
    "progress.view_enrolment",
    "progress.add_enrolment",
    "progress.change_enrolment",
]

ROLE_PERMISSIONS = {
    Role.ACADEMY_STAFF: ENROLMENT_PERMISSIONS,
    Role.UNIT_MANAGER: ENROLMENT_PERMISSIONS,
}
