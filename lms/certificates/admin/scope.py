"""Which issuers, course settings and certificates a user may see in the
admin: superusers all; others those of issuers whose unit is within the
units given to them. An object outside the scope is not found (404)."""

from lms.org import api as org

from ..models import Certificate, CourseCertificate, Issuer


def issuers_visible_to(user):
    if not user.is_authenticated:
        return Issuer.objects.none()
    if user.is_superuser:
        return Issuer.objects.all()
    return Issuer.objects.filter(unit__in=org.units_visible_to(user))


def course_settings_visible_to(user):
    return CourseCertificate.objects.filter(issuer__in=issuers_visible_to(user))


def certificates_visible_to(user):
    return Certificate.objects.filter(issuer__in=issuers_visible_to(user))


class VisibleIndexMixin:
    """An index view listing only ``scope(user)``."""

    scope = None

    def get_base_queryset(self):
        visible = self.scope(self.request.user).values("pk")
        return super().get_base_queryset().filter(pk__in=visible)


class ScopedObjectMixin:
    """An edit or delete view finding its object in ``scope(user)`` only."""

    scope = None

    def get_queryset(self):
        return self.scope(self.request.user)
