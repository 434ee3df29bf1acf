"""The certificates' admin: scoped to the issuers of the user's units;
approving one or many, issuing for a class, re-issuing and revoking."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from lms.certificates import issuing
from lms.certificates.admin.certificates import approve_url
from lms.certificates.data import CertificateStatus, EventKind
from lms.certificates.models import Certificate, CertificateTemplate, Issuer
from lms.org import api as org
from lms.org.data import Role
from lms.progress import api as progress

from .conftest import complete, make_learner

pytestmark = pytest.mark.usefixtures("english")


def admin_login(client, user):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)


def academy_staff(tree, unit, name, phone):
    user = make_learner(tree, name, phone)
    org.grant_role(user=user, role=Role.ACADEMY_STAFF, units=[tree[unit]])
    return user


@pytest.fixture
def staff(tree):
    return academy_staff(tree, "central", "Trần Văn Quản", "+84911000101")


@pytest.fixture
def staff_b(tree):
    """Academy staff of province B: the central issuer is not theirs."""
    return academy_staff(tree, "province_b", "Phạm Văn Bình", "+84911000103")


@pytest.fixture
def approval(course_certificate):
    course_certificate.requires_approval = True
    course_certificate.save()
    return course_certificate


def learners(tree, course, count, first=0):
    users = []
    for n in range(first, first + count):
        user = make_learner(tree, f"Học viên {chr(ord('A') + n)}", f"+8491200{n:04d}")
        complete(user, course)
        users.append(user)
    return users


def pending(tree, course, count):
    return [
        issuing.request(user=user, course_id=course.pk)
        for user in learners(tree, course, count)
    ]


def serials(certificates):
    return sorted(Certificate.objects.get(pk=c.pk).serial for c in certificates)


def test_academy_staff_are_given_the_certificate_permissions(staff):
    for permission in (
        "certificates.view_certificate",
        "certificates.change_certificate",
        "certificates.approve_certificate",
        "certificates.revoke_certificate",
    ):
        assert staff.has_perm(permission), permission


def test_the_listing_shows_the_certificates_of_the_users_issuers_only(
    client, tree, course, approval, staff, staff_b
):
    [certificate] = pending(tree, course, 1)
    admin_login(client, staff)
    page = client.get(reverse("certificate_listing:index")).content.decode()
    assert certificate.full_name in page
    assert "Approve selected" in page
    filtered = client.get(reverse("certificate_listing:index"), {"status": "issued"})
    assert certificate.full_name not in filtered.content.decode()
    found = client.get(reverse("certificate_listing:index"), {"q": "Học viên A"})
    assert certificate.full_name in found.content.decode()
    admin_login(client, staff_b)
    page = client.get(reverse("certificate_listing:index")).content.decode()
    assert certificate.full_name not in page


def test_staff_of_another_province_get_404_for_a_certificate_not_theirs(
    client, tree, course, approval, staff_b
):
    [certificate] = pending(tree, course, 1)
    admin_login(client, staff_b)
    for url in (
        reverse("certificate_listing:inspect", args=[certificate.pk]),
        reverse("certificates_admin:reissue", args=[certificate.pk]),
        reverse("certificates_admin:revoke", args=[certificate.pk]),
        approve_url([certificate.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(approve_url([certificate.pk])).status_code == 404
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.PENDING


def test_staff_of_the_issuers_unit_see_its_certificates(
    client, tree, course, course_certificate, staff_b
):
    """An issuer of province B is within the reach of province B's staff."""
    Issuer.objects.filter(pk=course_certificate.issuer_id).update(
        unit=tree["province_b"]
    )
    [certificate] = pending(tree, course, 1)
    admin_login(client, staff_b)
    url = reverse("certificate_listing:inspect", args=[certificate.pk])
    assert client.get(url).status_code == 200


def test_the_inspect_page_shows_the_audit_trail(client, tree, course, approval, staff):
    [certificate] = pending(tree, course, 1)
    issuing.approve(certificates=[certificate], by=staff)
    admin_login(client, staff)
    url = reverse("certificate_listing:inspect", args=[certificate.pk])
    page = client.get(url).content.decode()
    assert "Requested (awaiting approval)" in page
    assert "Issued" in page
    assert reverse("certificates_admin:revoke", args=[certificate.pk]) in page


def test_a_certificate_cannot_be_added_edited_or_deleted_in_a_generic_form(
    client, tree, course, approval, staff
):
    [certificate] = pending(tree, course, 1)
    admin_login(client, staff)
    for url in (
        reverse("certificate_listing:add"),
        reverse("certificate_listing:edit", args=[certificate.pk]),
        reverse("certificate_listing:delete", args=[certificate.pk]),
    ):
        assert client.get(url).status_code in (302, 403), url
    assert Certificate.objects.filter(pk=certificate.pk).exists()


def test_approving_one_certificate_issues_it(client, tree, course, approval, staff):
    [certificate] = pending(tree, course, 1)
    admin_login(client, staff)
    assert client.get(approve_url([certificate.pk])).status_code == 200
    response = client.post(approve_url([certificate.pk]))
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.ISSUED
    assert certificate.number == f"1/{timezone.localdate().year}/CC-HVPN"
    assert certificate.events.filter(kind=EventKind.ISSUED, by=staff).exists()


def test_approving_selected_certificates_gives_consecutive_numbers(
    client, tree, course, approval, staff
):
    certificates = pending(tree, course, 4)
    other = make_learner(tree, "Người khác", "+84912999999")
    complete(other, course)
    issuing.request(user=other, course_id=course.pk)  # takes no number now
    admin_login(client, staff)
    chosen = [c.pk for c in certificates]
    page = client.get(approve_url(chosen)).content.decode()
    assert "Issue these 4 certificates?" in page
    client.post(approve_url(chosen))
    numbers = serials(certificates)
    assert numbers == list(range(numbers[0], numbers[0] + 4))
    by_name = Certificate.objects.filter(pk__in=chosen).order_by("full_name")
    assert [c.serial for c in by_name] == numbers
    assert Certificate.objects.get(user=other).status == CertificateStatus.PENDING


def test_approval_is_refused_without_the_permission(
    client, tree, course, approval, staff
):
    [certificate] = pending(tree, course, 1)
    staff.groups.clear()
    staff.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_certificate", "access_admin"])
    )
    admin_login(client, staff)
    assert client.post(approve_url([certificate.pk])).status_code in (302, 403)
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.PENDING


def test_issuing_for_a_class_gives_its_learners_consecutive_numbers(
    client, tree, course, approval, staff
):
    users = learners(tree, course, 3)
    for user in users:
        progress.set_cohort(user=user, course=course, cohort="lop-12")
    outsider = learners(tree, course, 1, first=5)  # another class, left as it is
    admin_login(client, staff)
    url = reverse("certificates_admin:issue_for_class")
    assert "lop-12" in client.get(url).content.decode()
    response = client.post(url, {"course": approval.pk, "cohort": "lop-12"})
    assert response.status_code == 302
    issued = Certificate.objects.filter(user__in=users)
    assert {c.status for c in issued} == {CertificateStatus.ISSUED}
    numbers = serials(issued)
    assert numbers == list(range(numbers[0], numbers[0] + 3))
    assert not Certificate.objects.filter(
        user=outsider[0], status=CertificateStatus.ISSUED
    ).exists()


def test_issuing_for_a_class_with_no_completed_learner_is_refused(
    client, tree, course, approval, staff
):
    admin_login(client, staff)
    url = reverse("certificates_admin:issue_for_class")
    response = client.post(url, {"course": approval.pk, "cohort": "lop-99"})
    assert response.status_code == 200
    assert not Certificate.objects.exists()


def test_reissuing_keeps_the_number_and_adds_a_revision_and_an_event(
    client, tree, course, course_certificate, staff
):
    [certificate] = pending(tree, course, 1)  # issued at once: no approval
    number = Certificate.objects.get(pk=certificate.pk).number
    admin_login(client, staff)
    url = reverse("certificates_admin:reissue", args=[certificate.pk])
    response = client.post(
        url,
        {
            "full_name": "Nguyễn Thị Hoà",
            "birth_date": "1990-03-08",
            "unit_name": "Xã a",
            "note": "Sai dấu trong tên.",
        },
    )
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert (certificate.number, certificate.revision) == (number, 1)
    assert certificate.full_name == "Nguyễn Thị Hoà"
    event = certificate.events.get(kind=EventKind.REISSUED)
    assert event.by == staff
    assert event.note == "Sai dấu trong tên."
    assert event.changes["after"] == {"full_name": "Nguyễn Thị Hoà"}


def test_reissuing_without_a_correction_is_refused(
    client, tree, course, course_certificate, staff
):
    [certificate] = pending(tree, course, 1)
    admin_login(client, staff)
    url = reverse("certificates_admin:reissue", args=[certificate.pk])
    response = client.post(
        url,
        {
            "full_name": certificate.full_name,
            "birth_date": "1990-03-08",
            "unit_name": certificate.unit_name,
            "note": "Không có gì.",
        },
    )
    assert response.status_code == 200
    assert (
        "Correct the name, the date of birth or the unit" in response.content.decode()
    )
    certificate.refresh_from_db()
    assert certificate.revision == 0


def test_revoking_requires_a_reason_and_the_verification_says_revoked(
    client, tree, course, course_certificate, staff
):
    [certificate] = pending(tree, course, 1)
    admin_login(client, staff)
    url = reverse("certificates_admin:revoke", args=[certificate.pk])
    response = client.post(url, {"reason": "  "})
    assert response.status_code == 200
    assert "Give the reason for revoking." in response.content.decode()
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.ISSUED
    response = client.post(url, {"reason": "Hồ sơ không hợp lệ."})
    assert response.status_code == 302
    client.logout()
    verdict = client.get(
        reverse("certificates:verify_json", args=[certificate.public_id])
    ).json()
    assert verdict["verdict"] == "revoked"
    assert verdict["revocation_reason"] == "Hồ sơ không hợp lệ."
    event = Certificate.objects.get(pk=certificate.pk).events.get(
        kind=EventKind.REVOKED
    )
    assert event.by == staff


def test_issuers_are_managed_by_superusers_not_by_academy_staff(
    client, issuer, staff, django_user_model
):
    admin_login(client, staff)
    assert client.get(reverse("certificate_issuers:index")).status_code == 302
    superuser = django_user_model.objects.create_superuser("quantri", password="x")
    admin_login(client, superuser)
    page = client.get(reverse("certificate_issuers:index")).content.decode()
    assert issuer.name in page
    edit = reverse("certificate_issuers:edit", args=[issuer.pk])
    assert client.get(edit).status_code == 200


def test_staff_choose_which_courses_give_a_certificate(
    client, course_certificate, staff
):
    admin_login(client, staff)
    page = client.get(reverse("course_certificates:index")).content.decode()
    assert course_certificate.course.title in page
    assert client.get(reverse("course_certificates:add")).status_code == 200
    edit = reverse("course_certificates:edit", args=[course_certificate.pk])
    assert client.get(edit).status_code == 200


def test_academy_staff_make_and_preview_designs_but_do_not_delete_them(
    client, issuer, staff
):
    admin_login(client, staff)
    assert client.get(reverse("certificate_templates:index")).status_code == 200
    response = client.post(
        reverse("certificate_templates:add"),
        {
            "name": "Mẫu Lào Cai",
            "html": "<p>{{ certificate.full_name }}</p>",
            "css": "",
        },
    )
    assert response.status_code == 302
    design = CertificateTemplate.objects.get(name="Mẫu Lào Cai")
    preview = client.get(reverse("certificate_templates:preview", args=[design.pk]))
    assert preview["Content-Type"] == "application/pdf"
    assert not staff.has_perm("certificates.delete_certificatetemplate")
