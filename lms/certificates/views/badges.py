"""Open Badges: a learner's badge (theirs only), and each issuer's public
revocation status list and keys."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.cache import cache_control, never_cache

from .. import badges
from ..errors import CertificateError
from ..models import Certificate, Issuer

VC_JWT = "application/vc+jwt"


@never_cache
@login_required
def open_badge(request, public_id):
    certificate = get_object_or_404(
        Certificate.objects.select_related("issuer"),
        public_id=public_id,
        user=request.user,
    )
    try:
        token = badges.open_badge_jwt(certificate=certificate)
    except CertificateError as error:
        messages.error(request, str(error))
        return redirect("certificates:mine")
    response = HttpResponse(token, content_type=VC_JWT)
    name = certificate.number.replace("/", "-") or str(certificate.public_id)
    response["Content-Disposition"] = f'attachment; filename="{name}.jwt"'
    return response


@cache_control(public=True, max_age=300)
def status_list(request, code):
    issuer = get_object_or_404(Issuer, code=code)
    response = HttpResponse(badges.status_list_jwt(issuer=issuer), content_type=VC_JWT)
    response["Access-Control-Allow-Origin"] = "*"  # any verifier may fetch it
    return response


@cache_control(public=True, max_age=3600)
def jwks(request, code):
    issuer = get_object_or_404(Issuer, code=code)
    response = JsonResponse(badges.issuer_jwks(issuer=issuer))
    response["Content-Type"] = "application/jwk-set+json"
    response["Access-Control-Allow-Origin"] = "*"
    return response
