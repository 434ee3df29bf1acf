"""Permission policies of the certificates' admin screens (registered by
``wagtail_hooks``)."""

from wagtail.permission_policies import ModelPermissionPolicy

CHANGE_ISSUER = "certificates.change_issuer"
VIEW_CERTIFICATE = "certificates.view_certificate"
CHANGE_CERTIFICATE = "certificates.change_certificate"
APPROVE_CERTIFICATE = "certificates.approve_certificate"
REVOKE_CERTIFICATE = "certificates.revoke_certificate"


class IssuerPermissionPolicy(ModelPermissionPolicy):
    """Issuers (their signer, numbering and keys) are managed by superusers
    and those given ``change_issuer``; viewing alone is not enough."""

    def user_has_permission(self, user, action):
        return user.has_perm(CHANGE_ISSUER) and super().user_has_permission(
            user, action
        )

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class CertificatePermissionPolicy(ModelPermissionPolicy):
    """A certificate is never added, edited or deleted in a generic form:
    it is issued, approved, re-issued and revoked by the screens of
    ``admin.actions``, each checking its own permission, so its signature
    and audit trail stay true."""

    def user_has_permission(self, user, action):
        if action in {"add", "change", "delete"}:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)
