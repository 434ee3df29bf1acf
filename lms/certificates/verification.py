"""Checking a certificate, by its public id or number, as the public page
and the JSON endpoint do: valid, revoked (with the reason), expired, not
genuine (its data no longer match its signature, or the QR code's
signature is not this certificate's) or not found."""

import uuid
from dataclasses import dataclass

from django.utils import timezone

from . import signing
from .claims import claims_of
from .data import CertificateStatus, Claims, Verdict
from .hours import hours_label
from .models import Certificate


@dataclass(frozen=True)
class Verification:
    verdict: str  # Verdict
    certificate: Certificate | None = None
    claims: Claims | None = None

    @property
    def hours_label(self) -> str:
        return hours_label(self.claims.hours) if self.claims else ""

    def public(self) -> dict:
        """What anyone may see: no date of birth, unit or account."""
        data = {"verdict": self.verdict}
        if self.claims is None:
            return data
        certificate = self.certificate
        data.update(
            number=self.claims.number,
            revision=self.claims.revision,
            name=self.claims.name,
            course=self.claims.course,
            hours=self.claims.hours,
            issued_on=self.claims.issued_on,
            expires_on=self.claims.expires_on or None,
            issuer=self.claims.issuer,
        )
        if certificate.status == CertificateStatus.REVOKED:
            data["revoked_on"] = (
                timezone.localtime(certificate.revoked_at).date().isoformat()
            )
            data["revocation_reason"] = certificate.revocation_reason
        return data


def find(reference: str) -> Certificate | None:
    reference = (reference or "").strip()
    issued = Certificate.objects.exclude(status=CertificateStatus.PENDING)
    issued = issued.select_related("issuer", "key")
    try:
        return issued.filter(public_id=uuid.UUID(reference)).first()
    except ValueError:
        return issued.filter(number__iexact=reference).order_by("-pk").first()


def check(reference: str, *, signature: str = "") -> Verification:
    """The verdict on the certificate ``reference`` names; ``signature``,
    when given, is the one its QR code carried."""
    certificate = find(reference)
    if certificate is None:
        return Verification(Verdict.NOT_FOUND)
    claims = claims_of(certificate)
    genuine = certificate.key is not None and signing.verify(
        certificate.key, claims, certificate.signature
    )
    if signature and signature != certificate.signature:
        genuine = False
    if not genuine:
        return Verification(Verdict.INVALID, certificate, claims)
    if certificate.status == CertificateStatus.REVOKED:
        return Verification(Verdict.REVOKED, certificate, claims)
    if claims.expires and claims.expires < timezone.localdate():
        return Verification(Verdict.EXPIRED, certificate, claims)
    return Verification(Verdict.VALID, certificate, claims)
