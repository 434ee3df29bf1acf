"""Who may see what: superusers see everything; everybody else sees the
subtrees of the units they were given (``ManagedUnit``) and nothing more."""

from wagtail.permission_policies.base import ModelPermissionPolicy

from .models import Person, Unit


def managed_roots(user):
    if not user.is_authenticated:
        return Unit.objects.none()
    return Unit.objects.filter(managers__user=user)


def visible_units(user):
    if user.is_superuser:
        return Unit.objects.all()
    return Unit.objects.within(list(managed_roots(user)))


def visible_people(user):
    if user.is_superuser:
        return Person.objects.all()
    return Person.objects.in_units(list(managed_roots(user)))


def unit_in_scope(user, unit) -> bool:
    if user.is_superuser:
        return True
    return any(unit.is_within(root) for root in managed_roots(user))


def may_set_password(user, person) -> bool:
    """Managers may give passwords only to accounts with no more power than
    their own: never a superuser, never someone managing units outside the
    manager's subtrees (that would be a way to widen one's own scope)."""
    if user.is_superuser:
        return True
    account = person.user
    if account is not None and account.is_superuser:
        return False
    their_units = Unit.objects.filter(managers__user=account) if account else []
    return all(unit_in_scope(user, unit) for unit in their_units)


class UnitScopedPermissionPolicy(ModelPermissionPolicy):
    """Django model permissions, narrowed to the user's units.

    ``scope`` maps (user) -> queryset of the instances the user may act on.
    """

    def __init__(self, model, scope):
        super().__init__(model)
        self.scope = scope

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return self.scope(user)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return (
            self.user_has_any_permission(user, actions)
            and self.scope(user).filter(pk=instance.pk).exists()
        )

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)


person_permission_policy = UnitScopedPermissionPolicy(Person, visible_people)
unit_permission_policy = UnitScopedPermissionPolicy(Unit, visible_units)
