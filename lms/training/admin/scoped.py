"""Generic views narrowed to the classes a user may see or manage; an
object outside the scope is not found (404)."""


class VisibleIndexMixin:
    """An index view listing only ``scope(user)``."""

    scope = None

    def get_base_queryset(self):
        visible = self.scope(self.request.user).values("pk")
        return super().get_base_queryset().filter(pk__in=visible)


class ManagedObjectMixin:
    """An edit or delete view finding its object in ``scope(user)`` only."""

    scope = None

    def get_queryset(self):
        return self.scope(self.request.user)
