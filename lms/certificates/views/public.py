"""Public verification (page and JSON) and the learner's certificates."""

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from .. import verification
from ..data import CertificateStatus, Verdict
from ..models import Certificate


def verify_form(request):
    """Check by number: ?so=123/2026/CC-HVPN."""
    number = request.GET.get("so", "").strip()
    result = verification.check(number) if number else None
    if result and result.certificate is not None:
        return redirect("certificates:verify", public_id=result.certificate.public_id)
    return render(
        request,
        "certificates/verify.html",
        {"number": number, "result": result},
        status=404 if result else 200,
    )


@never_cache
def verify_page(request, public_id):
    result = verification.check(str(public_id), signature=request.GET.get("s", ""))
    status = 404 if result.verdict == Verdict.NOT_FOUND else 200
    return render(
        request,
        "certificates/verify.html",
        {"result": result, "data": result.public()},
        status=status,
    )


@never_cache
def verify_json(request, public_id):
    result = verification.check(str(public_id), signature=request.GET.get("s", ""))
    status = 404 if result.verdict == Verdict.NOT_FOUND else 200
    response = JsonResponse(result.public(), status=status)
    response["Access-Control-Allow-Origin"] = "*"  # anyone may check
    return response


@login_required
def my_certificates(request):
    certificates = Certificate.objects.filter(user=request.user).exclude(
        status=CertificateStatus.PENDING
    )
    return render(
        request,
        "certificates/mine.html",
        {"certificates": certificates.order_by("-issued_on", "-pk")},
    )
