import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from lms.certificates import issuing, verification
from lms.certificates.models import Certificate

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def certificate(learner, course, course_certificate):
    return issuing.request(user=learner, course_id=course.pk)


def test_a_genuine_certificate_is_valid_by_id_and_by_number(certificate):
    assert verification.check(str(certificate.public_id)).verdict == "valid"
    assert verification.check(certificate.number).verdict == "valid"


def test_a_made_up_number_is_not_found(certificate):
    assert verification.check("999/2026/CC-HVPN").verdict == "not_found"
    assert verification.check("").verdict == "not_found"


def test_data_edited_in_the_database_are_not_genuine(certificate):
    Certificate.objects.filter(pk=certificate.pk).update(full_name="Nguyễn Văn Giả")
    assert verification.check(certificate.number).verdict == "invalid"


def test_a_qr_code_signature_of_another_certificate_is_not_genuine(
    certificate, tree, course
):
    from .conftest import make_learner

    other = issuing.request(
        user=make_learner(tree, "Trần Văn Khác", "+84912000099"), course_id=course.pk
    )
    result = verification.check(str(certificate.public_id), signature=other.signature)
    assert result.verdict == "invalid"


def test_a_revoked_certificate_says_why(certificate, staff_user):
    issuing.revoke(certificate=certificate, by=staff_user, reason="Gian lận kiểm tra")
    result = verification.check(certificate.number)
    assert result.verdict == "revoked"
    assert result.public()["revocation_reason"] == "Gian lận kiểm tra"


def test_an_expired_certificate_says_so(certificate, course_certificate):
    past = timezone.localdate() - datetime.timedelta(days=1)
    certificate.expires_on = past
    issuing_key = certificate.key
    from lms.certificates import signing
    from lms.certificates.claims import claims_of

    certificate.signature = signing.sign(issuing_key, claims_of(certificate))
    certificate.save()
    assert verification.check(certificate.number).verdict == "expired"


def test_a_pending_certificate_cannot_be_checked(learner, course, course_certificate):
    course_certificate.requires_approval = True
    course_certificate.save()
    pending = issuing.request(user=learner, course_id=course.pk)
    assert verification.check(str(pending.public_id)).verdict == "not_found"


def test_the_public_data_leave_out_the_birth_date_and_unit(certificate):
    data = verification.check(certificate.number).public()
    assert data["name"] == "Nguyễn Thị Hoa"
    assert "birth_date" not in data and "unit" not in data
    assert "1990" not in str(data)


# --- the page and the JSON


def test_the_page_says_valid_and_shows_the_certificate(client, certificate):
    url = reverse("certificates:verify", args=[certificate.public_id])
    page = client.get(url, {"s": certificate.signature}).content.decode()
    assert 'data-verdict="valid"' in page
    assert certificate.number in page and "Nguyễn Thị Hoa" in page


def test_the_page_writes_the_hours_the_vietnamese_way(client, certificate):
    # Signed as "12.5"; shown as the PDF prints it.
    certificate = issuing.reissue(
        certificate=certificate,
        by=None,
        changes={"learning_hours": Decimal("12.5")},
    )
    url = reverse("certificates:verify", args=[certificate.public_id])
    page = client.get(url).content.decode()
    assert "<dd>12,5 hours</dd>" in page


def test_the_page_finds_a_certificate_by_number(client, certificate):
    response = client.get(
        reverse("certificates:verify_form"), {"so": certificate.number}
    )
    assert response.status_code == 302
    assert str(certificate.public_id) in response["Location"]


def test_the_page_says_an_unknown_number_was_not_found(client, certificate):
    response = client.get(reverse("certificates:verify_form"), {"so": "1/1999/X"})
    assert response.status_code == 404
    assert 'data-verdict="not_found"' in response.content.decode()


def test_the_json_endpoint_answers_anyone(client, certificate, staff_user):
    url = reverse("certificates:verify_json", args=[certificate.public_id])
    assert client.get(url).json()["verdict"] == "valid"
    issuing.revoke(certificate=certificate, by=staff_user, reason="Sai thông tin")
    data = client.get(url).json()
    assert (data["verdict"], data["revocation_reason"]) == ("revoked", "Sai thông tin")


def test_a_forged_qr_signature_shows_not_genuine(client, certificate):
    url = reverse("certificates:verify", args=[certificate.public_id])
    page = client.get(url, {"s": "forged"}).content.decode()
    assert 'data-verdict="invalid"' in page
    assert "Nguyễn Thị Hoa" not in page


def test_a_learner_sees_their_certificates(client, certificate, learner):
    client.force_login(learner)
    page = client.get(reverse("certificates:mine")).content.decode()
    assert certificate.number in page
