"""A certificate's PDF, for its learner and for staff who may see it.

Served from storage when the current revision's file is there, else
rendered on the fly (the background task or ``render_certificates`` stores
it). A certificate awaiting approval or revoked has no PDF (404): the
verification page says why."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import never_cache

from .. import rendering
from ..admin.scope import certificates_visible_to
from ..data import CertificateStatus
from ..models import Certificate

VIEW_PERMISSION = "certificates.view_certificate"


def may_see(user, certificate) -> bool:
    """Its learner, or staff who may view certificates of its issuer."""
    if certificate.user_id == user.pk:
        return True
    visible = certificates_visible_to(user).filter(pk=certificate.pk)
    return user.has_perm(VIEW_PERMISSION) and visible.exists()


def filename(certificate) -> str:
    return f"chung-chi-{certificate.number.replace('/', '-')}.pdf"


@never_cache
@login_required
def certificate_pdf(request, public_id):
    certificate = get_object_or_404(
        Certificate.objects.select_related("issuer"),
        public_id=public_id,
        status=CertificateStatus.ISSUED,
    )
    if not may_see(request.user, certificate):
        raise Http404
    if rendering.has_current_pdf(certificate):
        return FileResponse(
            certificate.pdf.open("rb"),
            content_type="application/pdf",
            filename=filename(certificate),
        )
    response = HttpResponse(
        rendering.render_pdf(certificate=certificate), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="{filename(certificate)}"'
    return response
