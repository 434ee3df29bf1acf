"""Open Badges 3.0 credentials, the revocation status list and the issuer's
published keys: signed VC-JWTs a verifier checks with the JWKS."""

import base64
import gzip
import json

import jwt
import pytest
from django.urls import reverse

from lms.certificates import badges, issuing
from lms.certificates.badges import STATUS_LIST_BITS, VC_CONTEXT
from lms.certificates.data import CertificateStatus

from .conftest import complete, make_learner

pytestmark = pytest.mark.usefixtures("english")


def issued(tree, course, name="Nguyễn Thị Hoa", phone="+84911000201"):
    user = make_learner(tree, name, phone)
    complete(user, course)
    return issuing.request(user=user, course_id=course.pk)


@pytest.fixture
def certificate(tree, course, course_certificate):
    return issued(tree, course)


def public_keys(client, issuer):
    jwks = client.get(reverse("certificates:jwks", args=[issuer.code])).json()
    return {key["kid"]: jwt.PyJWK(key) for key in jwks["keys"]}


def decode(client, token, issuer):
    kid = jwt.get_unverified_header(token)["kid"]
    key = public_keys(client, issuer)[kid]
    return jwt.decode(token, key, algorithms=["EdDSA"], options={"verify_sub": False})


def unb64(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def bitstring(encoded_list):
    """The list's bytes: multibase "u", base64url, GZIP."""
    assert encoded_list.startswith("u")
    bits = gzip.decompress(unb64(encoded_list[1:]))
    assert len(bits) * 8 >= STATUS_LIST_BITS
    return bits


def bit(encoded_list, index):
    return (bitstring(encoded_list)[index // 8] >> (7 - index % 8)) & 1


def status_list(client, issuer):
    response = client.get(reverse("certificates:status_list", args=[issuer.code]))
    assert response["Content-Type"] == "application/vc+jwt"
    return decode(client, response.content.decode(), issuer)["vc"]


def badge(client, certificate):
    client.force_login(certificate.user)
    return client.get(reverse("certificates:open_badge", args=[certificate.public_id]))


def test_the_badge_is_an_open_badge_credential_signed_by_the_issuer(
    client, course, certificate
):
    response = badge(client, certificate)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vc+jwt"
    token = response.content.decode()
    header = jwt.get_unverified_header(token)
    assert (header["alg"], header["typ"]) == ("EdDSA", "JWT")
    assert header["kid"].startswith("http://testserver/chung-chi/khoa/HVPN.json#")
    claims = decode(client, token, certificate.issuer)
    assert claims["jti"] == f"urn:uuid:{certificate.public_id}"
    assert claims["iss"] == "http://testserver/chung-chi/khoa/HVPN.json"
    assert claims["nbf"] == claims["iat"]
    assert "exp" not in claims  # valid without a time limit
    vc = claims["vc"]
    assert vc["@context"] == [
        VC_CONTEXT,
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert vc["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert vc["issuer"] == {
        "id": claims["iss"],
        "type": ["Profile"],
        "name": "Học viện Phụ nữ Việt Nam",
    }
    assert vc["validFrom"].startswith(certificate.issued_on.isoformat())
    subject = vc["credentialSubject"]
    assert subject["type"] == ["AchievementSubject"]
    assert subject["name"] == "Nguyễn Thị Hoa"
    assert subject["achievement"]["name"] == certificate.course_title
    assert subject["achievement"]["type"] == ["Achievement"]
    assert subject["achievement"]["id"] == f"urn:hocvien:HVPN:course:{course.pk}"
    assert subject["achievement"]["criteria"]["narrative"]
    assert vc["credentialStatus"] == {
        "id": f"http://testserver/chung-chi/trang-thai/HVPN/#{certificate.status_index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": str(certificate.status_index),
        "statusListCredential": "http://testserver/chung-chi/trang-thai/HVPN/",
    }


def test_the_badge_carries_no_personal_data_beyond_the_name(client, certificate):
    token = badge(client, certificate).content.decode()
    text = json.dumps(decode(client, token, certificate.issuer), ensure_ascii=False)
    assert "1990" not in text and "08/03" not in text  # date of birth
    assert certificate.unit_name not in text
    assert certificate.user.username not in text


def test_a_limited_certificate_expires_in_its_badge(
    client, tree, course, course_certificate
):
    course_certificate.validity_months = 24
    course_certificate.save()
    certificate = issued(tree, course)
    token = badge(client, certificate).content.decode()
    claims = decode(client, token, certificate.issuer)
    assert claims["vc"]["validUntil"].startswith(certificate.expires_on.isoformat())
    assert claims["exp"] > claims["nbf"]


def test_a_tampered_badge_fails_to_verify(client, certificate):
    token = badge(client, certificate).content.decode()
    header, payload, signature = token.split(".")
    claims = json.loads(unb64(payload))
    claims["vc"]["credentialSubject"]["name"] = "Người khác"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=")
    with pytest.raises(jwt.InvalidSignatureError):
        decode(client, f"{header}.{forged.decode()}.{signature}", certificate.issuer)


def test_only_the_owner_gets_the_badge(client, tree, certificate):
    url = reverse("certificates:open_badge", args=[certificate.public_id])
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(make_learner(tree, "Người khác", "+84911000999"))
    assert client.get(url).status_code == 404


def test_a_revoked_or_pending_certificate_gives_no_badge(
    client, tree, course, course_certificate, certificate
):
    issuing.revoke(certificate=certificate, by=None, reason="Hồ sơ sai.")
    response = badge(client, certificate)
    assert response.status_code == 302
    assert response["Location"] == reverse("certificates:mine")
    course_certificate.requires_approval = True
    course_certificate.save()
    waiting = issued(tree, course, "Lê Thị Chờ", "+84911000301")
    assert waiting.status == CertificateStatus.PENDING
    assert badge(client, waiting).status_code == 302


def test_revoking_flips_exactly_the_certificates_bit(client, tree, course, certificate):
    other = issued(tree, course, "Lê Thị Khác", "+84911000302")
    issuer = certificate.issuer
    before = status_list(client, issuer)
    assert before["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    subject = before["credentialSubject"]
    assert (subject["type"], subject["statusPurpose"]) == (
        "BitstringStatusList",
        "revocation",
    )
    assert bit(subject["encodedList"], certificate.status_index) == 0
    issuing.revoke(certificate=certificate, by=None, reason="Hồ sơ sai.")
    after = status_list(client, issuer)["credentialSubject"]["encodedList"]
    assert bit(after, certificate.status_index) == 1
    assert bit(after, other.status_index) == 0
    assert sum(bin(byte).count("1") for byte in bitstring(after)) == 1


def test_the_status_list_is_public_and_briefly_cached(client, certificate):
    response = client.get(
        reverse("certificates:status_list", args=[certificate.issuer.code])
    )
    assert response.status_code == 200
    assert "max-age=300" in response["Cache-Control"]
    assert "public" in response["Cache-Control"]
    missing = client.get(reverse("certificates:status_list", args=["KHONG-CO"]))
    assert missing.status_code == 404


def test_the_jwks_lists_the_issuers_keys(client, certificate):
    response = client.get(reverse("certificates:jwks", args=["HVPN"]))
    assert response.status_code == 200
    [key] = response.json()["keys"]
    assert (key["kty"], key["crv"], key["alg"]) == ("OKP", "Ed25519", "EdDSA")
    assert key["x"] == certificate.key.public_key
    assert key["kid"].endswith(f"#{certificate.key.kid}")
    assert badges.issuer_jwks(issuer=certificate.issuer) == response.json()
