"""Who may download a certificate's PDF, and the admin preview of a design."""

import io

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.shortcuts import resolve_url
from django.urls import reverse
from pypdf import PdfReader
from wagtail.users.models import UserProfile

from lms.certificates import issuing, rendering
from lms.certificates.admin.templates import viewsets
from lms.certificates.models import CertificateTemplate
from lms.org import api as org
from lms.org.data import Role
from tests.factories import UserFactory, make_person
from tests.lms.certificates.conftest import make_learner


@pytest.fixture
def certificate(learner, course, course_certificate):
    return issuing.request(user=learner, course_id=course.pk)


def pdf_url(certificate):
    return reverse("certificates:pdf", args=[certificate.public_id])


def text_of(content: bytes) -> str:
    return " ".join(PdfReader(io.BytesIO(content)).pages[0].extract_text().split())


def body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def test_the_learner_gets_their_pdf(client, certificate, learner):
    client.force_login(learner)
    response = client.get(pdf_url(certificate))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "inline" in response["Content-Disposition"]
    assert "private" in response["Cache-Control"]
    assert "Chứng nhận: Nguyễn Thị Hoa" in text_of(body(response))


def test_the_stored_pdf_is_served_when_it_is_of_the_current_revision(
    client, certificate, learner
):
    rendering.store_pdf(certificate_id=certificate.pk)
    certificate.refresh_from_db()
    with certificate.pdf.open("rb") as file:
        stored = file.read()
    client.force_login(learner)
    response = client.get(pdf_url(certificate))
    assert response.streaming
    assert body(response) == stored


def test_a_stored_pdf_of_an_older_revision_is_not_served(
    client, certificate, learner, staff_user
):
    rendering.store_pdf(certificate_id=certificate.pk)
    issuing.reissue(
        certificate=certificate, by=staff_user, changes={"full_name": "Nguyễn Thị Hòa"}
    )
    client.force_login(learner)
    response = client.get(pdf_url(certificate))
    assert response.status_code == 200
    assert "Chứng nhận: Nguyễn Thị Hòa" in text_of(body(response))


def test_another_learner_gets_not_found(client, certificate, tree):
    other = make_learner(tree, name="Lưu Quý Kỳ", phone="+84911000299")
    client.force_login(other)
    assert client.get(pdf_url(certificate)).status_code == 404


def test_a_visitor_is_asked_to_log_in(client, certificate):
    response = client.get(pdf_url(certificate))
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))


def test_a_revoked_certificate_has_no_pdf(client, certificate, learner, staff_user):
    issuing.revoke(certificate=certificate, by=staff_user, reason="Cấp nhầm.")
    client.force_login(learner)
    assert client.get(pdf_url(certificate)).status_code == 404
    client.force_login(staff_user)
    assert client.get(pdf_url(certificate)).status_code == 404


def test_a_certificate_awaiting_approval_has_no_pdf(
    client, learner, course, course_certificate
):
    course_certificate.requires_approval = True
    course_certificate.save()
    certificate = issuing.request(user=learner, course_id=course.pk)
    client.force_login(learner)
    assert client.get(pdf_url(certificate)).status_code == 404


def test_staff_who_see_the_issuer_get_it(client, certificate, staff_user):
    client.force_login(staff_user)
    response = client.get(pdf_url(certificate))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_staff_of_another_unit_get_not_found(client, certificate, tree):
    user = make_person(
        tree["province_b"], full_name="Hà Thị Tỉnh", phone="+84911000302"
    ).user
    org.grant_role(user=user, role=Role.ACADEMY_STAFF, units=[tree["province_b"]])
    client.force_login(user)
    assert client.get(pdf_url(certificate)).status_code == 404


def test_a_superuser_gets_it(client, certificate):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get(pdf_url(certificate)).status_code == 200


def test_my_certificates_links_to_the_pdf(client, certificate, learner):
    client.force_login(learner)
    page = client.get(reverse("certificates:mine")).content.decode()
    assert pdf_url(certificate) in page


# ---------------------------------------------------------- admin preview


@pytest.fixture
def design(db):
    return CertificateTemplate.objects.create(name="Mẫu 2026")


def preview_url(design):
    return reverse("certificate_templates:preview", args=[design.pk])


def designer(*codenames):
    user = UserFactory(username="thiet-ke")
    user.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        ),
        *Permission.objects.filter(
            content_type__app_label="certificates", codename__in=codenames
        ),
    )
    return user


def test_the_preview_is_a_pdf_of_made_up_data(client, design, issuer):
    client.force_login(designer("view_certificatetemplate"))
    response = client.get(preview_url(design))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "Chứng nhận: Đặng Thị Ngọc Ẩn" in text_of(response.content)


def test_the_preview_needs_the_view_permission(client, design):
    client.force_login(designer())
    response = client.get(preview_url(design))
    assert response.status_code in (302, 403)


@pytest.mark.usefixtures("english")
def test_a_design_that_is_not_a_template_is_refused(client, design):
    user = designer("view_certificatetemplate", "change_certificatetemplate")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"  # the admin follows the user's language
    profile.save()
    client.force_login(user)
    url = reverse("certificate_templates:edit", args=[design.pk])
    response = client.post(
        url, {"name": "Hỏng", "html": "{% if %}", "css": "", "is_default": ""}
    )
    assert response.status_code == 200
    assert "This is not a valid template" in response.content.decode()
    design.refresh_from_db()
    assert design.name == "Mẫu 2026"


def test_designs_cannot_be_deleted(client, design):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    index = client.get(reverse("certificate_templates:index"))
    assert index.status_code == 200
    assert "Mẫu 2026" in index.content.decode()
    assert not any(url.name == "delete" for url in viewsets()[0].get_urlpatterns())
