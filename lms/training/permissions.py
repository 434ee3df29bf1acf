"""Who may act on a class's sessions beyond its managers: its instructors."""

from . import scoping


def may_take_attendance(user, training_class) -> bool:
    """Staff and managers of the organising units (with the permission),
    and the class's own instructors, take attendance and show the QR code."""
    if not user.is_authenticated:
        return False
    if scoping.classes_taught_by(user).filter(pk=training_class.pk).exists():
        return True
    return (
        user.has_perm("training.take_attendance")
        and scoping.classes_managed_by(user).filter(pk=training_class.pk).exists()
    )
