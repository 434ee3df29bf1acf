"""Open Badges 3.0 credentials of certificates, the issuers' revocation
status lists (W3C Bitstring Status List v1.0) and their public keys.

Both credentials are VC-JWTs signed EdDSA with the issuer's current Ed25519
key: the credential is the JWT's ``vc`` claim, with the registered claims
(iss, jti, sub, nbf, iat, exp) beside it, as Open Badges 3.0 asks. The key
is named by a URL (``kid``) into the issuer's JWKS, which lists every key
it ever had, retired ones too, so that old badges still check. A badge
carries the learner's name and nothing else personal."""

import datetime
import gzip

import jwt
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import signing
from .data import CertificateStatus
from .errors import CertificateError
from .models import Certificate, SigningKey

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
# The smallest list the W3C recommendation allows (16 KiB): a short list
# would tell how many certificates an issuer gave.
STATUS_LIST_BITS = 131_072


def absolute_url(name: str, **kwargs) -> str:
    """The URL of a view, the same whatever the language of the request
    (the site's default language has no prefix): ids must not change."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse(name, kwargs=kwargs)
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def jwks_url(issuer) -> str:
    return absolute_url("certificates:jwks", code=issuer.code)


def status_list_url(issuer) -> str:
    return absolute_url("certificates:status_list", code=issuer.code)


def verify_url(certificate) -> str:
    return absolute_url("certificates:verify", public_id=certificate.public_id)


def issuer_id(issuer) -> str:
    """The issuer's id: the URL of its published keys (there is no DID)."""
    return jwks_url(issuer)


def key_id(key: SigningKey) -> str:
    return f"{jwks_url(key.issuer)}#{key.kid}"


def _moment(day: datetime.date) -> datetime.datetime:
    """The start of ``day`` in the site's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _sign(payload: dict, issuer) -> str:
    key = signing.current_key(issuer)
    headers = {"alg": "EdDSA", "typ": "JWT", "kid": key_id(key)}
    private = signing.private_key(key)
    return jwt.encode(payload, private, algorithm="EdDSA", headers=headers)


def _criteria(certificate, narrative) -> dict:
    criteria = {"narrative": narrative}
    if page_url := certificate.course.full_url:
        criteria["id"] = page_url
    return criteria


def open_badge(certificate) -> dict:
    """The certificate as an Open Badges 3.0 ``OpenBadgeCredential``."""
    issuer = certificate.issuer
    with translation.override(settings.LANGUAGE_CODE):
        narrative = _(
            "Completed the course “%(course)s” (%(hours)s learning hours) "
            "and met its requirements."
        ) % {
            "course": certificate.course_title,
            "hours": f"{certificate.learning_hours:g}",
        }
    credential = {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": f"urn:uuid:{certificate.public_id}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": f"{certificate.title} – {certificate.course_title}",
        "issuer": {"id": issuer_id(issuer), "type": ["Profile"], "name": issuer.name},
        "validFrom": _moment(certificate.issued_on).isoformat(),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "name": certificate.full_name,
            "achievement": {
                # The same for every certificate of the course, whatever
                # becomes of the course page's address.
                "id": f"urn:hocvien:{issuer.code}:course:{certificate.course_id}",
                "type": ["Achievement"],
                "name": certificate.course_title,
                "description": f"{certificate.title}: {certificate.course_title}",
                "criteria": _criteria(certificate, narrative),
            },
        },
        "credentialStatus": {
            "id": f"{status_list_url(issuer)}#{certificate.status_index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": str(certificate.status_index),
            "statusListCredential": status_list_url(issuer),
        },
    }
    if certificate.expires_on:
        credential["validUntil"] = _moment(certificate.expires_on).isoformat()
    return credential


def open_badge_jwt(*, certificate) -> str:
    """The certificate's Open Badge as a signed VC-JWT. Raises
    CertificateError for a certificate that is not valid (awaiting
    approval or revoked)."""
    if certificate.status != CertificateStatus.ISSUED:
        raise CertificateError(
            _("Only a valid certificate can be downloaded as an Open Badge.")
        )
    issued = int(_moment(certificate.issued_on).timestamp())
    payload = {
        "iss": issuer_id(certificate.issuer),
        "jti": f"urn:uuid:{certificate.public_id}",
        # The public page that checks it: the learner has no id to share.
        "sub": verify_url(certificate),
        "nbf": issued,
        "iat": issued,
        "vc": open_badge(certificate),
    }
    if certificate.expires_on:
        payload["exp"] = int(_moment(certificate.expires_on).timestamp())
    return _sign(payload, certificate.issuer)


def encoded_status_list(indexes, size: int = STATUS_LIST_BITS) -> str:
    """The bitstring with the bits ``indexes`` set (bit 0 leftmost),
    GZIP-compressed, base64url, with the multibase prefix "u"."""
    indexes = list(indexes)
    size = max(size, -(-(max(indexes, default=0) + 1) // 8) * 8)
    bits = bytearray(size // 8)
    for index in indexes:
        bits[index // 8] |= 0x80 >> (index % 8)
    return "u" + signing.b64(gzip.compress(bytes(bits), mtime=0))


def status_list(issuer) -> dict:
    """The issuer's ``BitstringStatusListCredential`` of revocations."""
    revoked = Certificate.objects.filter(
        issuer=issuer, status=CertificateStatus.REVOKED, status_index__isnull=False
    ).values_list("status_index", flat=True)
    url = status_list_url(issuer)
    return {
        "@context": [VC_CONTEXT],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_id(issuer),
        "validFrom": timezone.now().isoformat(timespec="seconds"),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encoded_status_list(revoked),
        },
    }


def status_list_jwt(*, issuer) -> str:
    """The issuer's revocation status list as a signed VC-JWT."""
    now = int(timezone.now().timestamp())
    payload = {
        "iss": issuer_id(issuer),
        "jti": status_list_url(issuer),
        "sub": status_list_url(issuer),
        "nbf": now,
        "iat": now,
        "vc": status_list(issuer),
    }
    return _sign(payload, issuer)


def issuer_jwks(*, issuer) -> dict:
    """The issuer's public keys as a JWK Set (OKP, Ed25519), retired ones
    too; its first key is made now if it has none yet."""
    signing.current_key(issuer)
    keys = SigningKey.objects.filter(issuer=issuer).order_by("created_at", "pk")
    return {
        "keys": [
            {
                "kty": "OKP",
                "crv": "Ed25519",
                "x": key.public_key,
                "kid": key_id(key),
                "alg": "EdDSA",
                "use": "sig",
            }
            for key in keys.select_related("issuer")
        ]
    }
