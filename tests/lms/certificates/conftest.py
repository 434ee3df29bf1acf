"""Shared fixtures of the certificate tests: an issuer of the central unit,
a course that gives certificates, a learner who completes it."""

import datetime

import pytest
from wagtail.models import Page

from lms.certificates.models import CourseCertificate, Issuer
from lms.progress import api as progress
from lms.progress.data import ItemKind, ItemSpec
from tests.factories import ensure_wagtail_site, make_person


@pytest.fixture
def issuer(tree):
    return Issuer.objects.create(
        name="Học viện Phụ nữ Việt Nam",
        code="HVPN",
        unit=tree["central"],
        signer_name="Trần Thị Quyên",
        signer_title="GIÁM ĐỐC",
        place="Hà Nội",
    )


@pytest.fixture
def course(db):
    home = ensure_wagtail_site().root_page
    course = home.add_child(
        instance=Page(title="Kỹ năng hoạt động của chi hội trưởng", slug="ky-nang")
    )
    progress.sync_course_items(
        course=course,
        items=[ItemSpec(key="v1", kind=ItemKind.VIDEO, title="Bài 1", duration=60.0)],
    )
    return course


@pytest.fixture
def course_certificate(course, issuer):
    return CourseCertificate.objects.create(course=course, issuer=issuer)


def make_learner(tree, name="Nguyễn Thị Hoa", phone="+84911000201", **fields):
    fields.setdefault("date_of_birth", datetime.date(1990, 3, 8))
    return make_person(tree["commune_a"], full_name=name, phone=phone, **fields).user


@pytest.fixture
def learner(tree, course):
    user = make_learner(tree)
    progress.enrol(user=user, course=course)
    return user


def complete(user, course):
    """The learner finishes the course (its one video)."""
    progress.enrol(user=user, course=course)
    return progress.submit_completion(
        user=user, course_id=course.pk, item_key="v1", source="test"
    )


@pytest.fixture
def staff_user(tree):
    from lms.org import api as org
    from lms.org.data import Role

    user = make_person(
        tree["central"], full_name="Lê Thị Cấp", phone="+84911000301"
    ).user
    org.grant_role(user=user, role=Role.ACADEMY_STAFF, units=[tree["central"]])
    return user
