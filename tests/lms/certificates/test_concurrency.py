"""Certificates issued at the same moment: numbers without gaps or
duplicates, and one certificate a learner however often it is asked."""

import pytest
from wagtail.models import Page

from lms.certificates import issuing
from lms.certificates.models import Certificate, CourseCertificate, Issuer
from lms.progress import api as progress
from tests.factories import ensure_wagtail_site, make_tree
from tests.threads import at_once

from .conftest import make_learner

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def setting():
    tree = make_tree()
    home = ensure_wagtail_site().root_page
    course = home.add_child(instance=Page(title="Khóa học", slug="khoa-hoc-cc"))
    issuer = Issuer.objects.create(
        name="Học viện",
        code="HV",
        unit=tree["central"],
        signer_name="A",
        signer_title="B",
        place="Hà Nội",
    )
    return tree, CourseCertificate.objects.create(course=course, issuer=issuer)


def test_eight_learners_completing_at_once_get_numbers_one_to_eight(setting):
    tree, course_certificate = setting
    learners = [
        make_learner(tree, f"Học viên {n}", f"+849130000{n:02d}") for n in range(8)
    ]
    for user in learners:
        progress.enrol(user=user, course=course_certificate.course)
    _results, errors = at_once(
        8,
        lambda n: issuing.request(
            user=learners[n], course_id=course_certificate.course_id
        ),
    )
    assert not errors, errors
    serials = sorted(Certificate.objects.values_list("serial", flat=True))
    assert serials == list(range(1, 9))


def test_one_learner_asked_for_four_times_at_once_gets_one_certificate(setting):
    tree, course_certificate = setting
    user = make_learner(tree)
    _results, errors = at_once(
        4,
        lambda n: issuing.request(user=user, course_id=course_certificate.course_id),
    )
    assert not errors, errors
    assert Certificate.objects.count() == 1
    assert Certificate.objects.get().serial == 1
