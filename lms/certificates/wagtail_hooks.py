from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.permissions import register_permission_policy

from .admin import actions as action_admin
from .admin import certificates as certificate_admin
from .admin import issuers as issuer_admin
from .admin import templates as template_admin
from .admin.permissions import CertificatePermissionPolicy, IssuerPermissionPolicy
from .models import Certificate, Issuer

register_permission_policy(Issuer, IssuerPermissionPolicy(Issuer), exact_class=True)
register_permission_policy(
    Certificate, CertificatePermissionPolicy(Certificate), exact_class=True
)


class CertificatesGroup(ViewSetGroup):
    menu_label = _("Certificates")
    menu_icon = "doc-full-inverse"
    menu_order = 260

    def __init__(self):
        self.items = [
            *certificate_admin.viewsets(),
            *issuer_admin.viewsets(),
            *template_admin.viewsets(),
        ]
        super().__init__()


@hooks.register("register_admin_viewset")
def register_certificates_group():
    return CertificatesGroup()


hooks.register("register_bulk_action", certificate_admin.ApproveBulkAction)


@hooks.register("register_admin_urls")
def register_certificates_admin_urls():
    urls = action_admin.admin_urls()
    return [path("certificates/", include((urls, "certificates_admin")))]
