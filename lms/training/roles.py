"""The training permissions each role's group carries, given through
``lms.org.api.add_role_permissions`` after every migrate. Which classes and
people a user may act on is their units (``scoping``), not this."""

from lms.org.data import Role


def _model_permissions(*models, actions=("view", "add", "change", "delete")):
    return [f"training.{action}_{model}" for model in models for action in actions]


CLASS_PERMISSIONS = [
    *_model_permissions("trainingclass", "classmember", "session", "budgetline"),
    *_model_permissions("instructor", "evaluation", "needssurvey"),
    "training.approve_classmember",
    "training.take_attendance",
]

ROLE_PERMISSIONS = {
    Role.ACADEMY_STAFF: CLASS_PERMISSIONS,
    Role.UNIT_MANAGER: [
        *_model_permissions("trainingclass", "classmember", "session"),
        "training.view_instructor",
        "training.view_evaluation",
        "training.view_needssurvey",
        "training.approve_classmember",
        "training.take_attendance",
    ],
}
