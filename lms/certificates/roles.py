"""The certificate permissions each role's group carries, given through
``lms.org.api.add_role_permissions`` after every migrate. Which certificates
a user may act on is their units (``admin.scope``), not this. Issuers (their
signer, numbering and keys) are left to superusers and those given
``change_issuer`` one by one."""

from lms.org.data import Role

ROLE_PERMISSIONS = {
    Role.ACADEMY_STAFF: [
        "certificates.view_certificate",
        "certificates.change_certificate",
        "certificates.approve_certificate",
        "certificates.revoke_certificate",
        "certificates.view_coursecertificate",
        "certificates.add_coursecertificate",
        "certificates.change_coursecertificate",
        # Designs: academy staff shape their certificates (no deleting:
        # certificates are rendered again with theirs).
        "certificates.view_certificatetemplate",
        "certificates.add_certificatetemplate",
        "certificates.change_certificatetemplate",
    ],
}
