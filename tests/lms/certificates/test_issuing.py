import datetime

import pytest
from django.utils import timezone

from lms.certificates import issuing, signing
from lms.certificates.claims import claims_of
from lms.certificates.data import CertificateStatus, EventKind
from lms.certificates.errors import CertificateError
from lms.certificates.models import Certificate

from .conftest import complete, make_learner

pytestmark = pytest.mark.usefixtures("english")


def issue(user, course):
    return issuing.request(user=user, course_id=course.pk)


def test_completing_a_course_issues_a_numbered_signed_certificate(
    learner, course, course_certificate, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        complete(learner, course)
    certificate = Certificate.objects.get(user=learner)
    year = timezone.localdate().year
    assert certificate.status == CertificateStatus.ISSUED
    assert certificate.number == f"1/{year}/CC-HVPN"
    assert (certificate.full_name, certificate.birth_date) == (
        "Nguyễn Thị Hoa",
        datetime.date(1990, 3, 8),
    )
    assert certificate.unit_name == "Xã a"
    assert signing.verify(
        certificate.key, claims_of(certificate), certificate.signature
    )
    assert [e.kind for e in certificate.events.all()] == [
        EventKind.REQUESTED,
        EventKind.ISSUED,
    ]


def test_a_course_without_certificates_gives_none(learner, course):
    assert issue(learner, course) is None


def test_asking_again_gives_back_the_same_certificate(
    learner, course, course_certificate
):
    first = issue(learner, course)
    assert issue(learner, course).pk == first.pk
    assert Certificate.objects.count() == 1


def test_numbers_follow_each_other_without_gaps(tree, course, course_certificate):
    numbers = [
        issue(make_learner(tree, f"Học viên {n}", f"+849120000{n:02d}"), course).serial
        for n in range(5)
    ]
    assert numbers == [1, 2, 3, 4, 5]


def test_a_course_needing_approval_waits_and_numbers_on_approval(
    tree, learner, course, course_certificate, staff_user
):
    course_certificate.requires_approval = True
    course_certificate.save()
    pending = issue(learner, course)
    assert (pending.status, pending.number, pending.serial) == ("pending", "", None)
    assert issuing.approve(certificates=[pending], by=staff_user) == 1
    pending.refresh_from_db()
    assert pending.status == "issued" and pending.serial == 1


def test_approving_a_batch_gives_consecutive_numbers_in_name_order(
    tree, course, course_certificate, staff_user
):
    course_certificate.requires_approval = True
    course_certificate.save()
    names = ["Vũ Thị Yến", "Đỗ Văn An", "Bùi Thị Chi"]
    batch = [
        issue(make_learner(tree, name, f"+8491200001{n}"), course)
        for n, name in enumerate(names)
    ]
    issuing.approve(certificates=batch, by=staff_user)
    serials = {c.full_name: c.serial for c in Certificate.objects.all()}
    # By given name: An, Chi, Yến.
    assert serials == {"Đỗ Văn An": 1, "Bùi Thị Chi": 2, "Vũ Thị Yến": 3}


def test_a_class_issued_at_once_is_numbered_in_vietnamese_name_order(
    tree, course, course_certificate, staff_user
):
    names = ["Nguyễn Văn Bình", "Lê Văn Ánh", "Trần Thị An", "Đặng Thị Ân"]
    users = [
        make_learner(tree, name, f"+8491200002{n}") for n, name in enumerate(names)
    ]
    assert issuing.issue_for(course_id=course.pk, users=users, by=staff_user) == 4
    numbered = Certificate.objects.order_by("serial").values_list(
        "full_name", flat=True
    )
    # Letters first (An < Ánh, since "an" is shorter; Ánh < Ân, since a < â),
    # tones only between words of the same letters.
    assert list(numbered) == [
        "Trần Thị An",
        "Lê Văn Ánh",
        "Đặng Thị Ân",
        "Nguyễn Văn Bình",
    ]


def test_a_validity_period_sets_the_expiry(learner, course, course_certificate):
    course_certificate.validity_months = 24
    course_certificate.save()
    certificate = issue(learner, course)
    today = timezone.localdate()
    assert certificate.expires_on.year == today.year + 2


def test_a_reissue_keeps_the_number_adds_a_revision_and_records_the_change(
    learner, course, course_certificate, staff_user
):
    certificate = issue(learner, course)
    old_signature = certificate.signature
    again = issuing.reissue(
        certificate=certificate,
        by=staff_user,
        changes={"full_name": "Nguyễn Thị Hoà"},
        note="Sửa dấu theo CCCD",
    )
    assert (again.number, again.revision) == (certificate.number, 1)
    assert again.signature != old_signature
    event = again.events.get(kind=EventKind.REISSUED)
    assert event.changes == {
        "before": {"full_name": "Nguyễn Thị Hoa"},
        "after": {"full_name": "Nguyễn Thị Hoà"},
    }
    assert event.by == staff_user


def test_a_reissue_may_not_change_the_number_or_dates(
    learner, course, course_certificate, staff_user
):
    certificate = issue(learner, course)
    with pytest.raises(CertificateError):
        issuing.reissue(certificate=certificate, by=staff_user, changes={"number": "1"})


def test_revoking_needs_a_reason_and_frees_the_course_for_a_new_one(
    learner, course, course_certificate, staff_user
):
    certificate = issue(learner, course)
    with pytest.raises(CertificateError):
        issuing.revoke(certificate=certificate, by=staff_user, reason="  ")
    issuing.revoke(certificate=certificate, by=staff_user, reason="Cấp nhầm người")
    certificate.refresh_from_db()
    assert certificate.status == "revoked"
    assert certificate.events.last().note == "Cấp nhầm người"
    with pytest.raises(CertificateError):
        issuing.revoke(certificate=certificate, by=staff_user, reason="again")
    assert issue(learner, course).pk != certificate.pk


def test_months_later_keeps_to_the_end_of_short_months():
    assert issuing._months_later(datetime.date(2026, 1, 31), 1) == datetime.date(
        2026, 2, 28
    )
    assert issuing._months_later(datetime.date(2026, 11, 30), 3) == datetime.date(
        2027, 2, 28
    )
