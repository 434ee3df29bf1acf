"""The repair command issues what a lost signal or failed job missed."""

from io import StringIO

import pytest
from django.core.management import call_command

from lms.certificates.models import Certificate

from .conftest import complete, make_learner

pytestmark = pytest.mark.usefixtures("english")


def test_learners_who_completed_without_a_certificate_get_one_once(
    tree, course, course_certificate
):
    # The signal is lost: the course is completed inside a test transaction
    # whose on-commit callbacks never run.
    done = [make_learner(tree, f"Học viên {n}", f"+849140000{n:02d}") for n in range(3)]
    for user in done:
        complete(user, course)
    make_learner(tree, "Chưa xong", "+84914000099")
    assert not Certificate.objects.exists()
    out = StringIO()
    call_command("issue_missing_certificates", stdout=out)
    assert "3" in out.getvalue()
    assert Certificate.objects.count() == 3
    call_command("issue_missing_certificates", stdout=StringIO())
    assert Certificate.objects.count() == 3


def test_a_revoked_certificate_is_not_issued_again_by_the_repair(
    learner, course, course_certificate, staff_user
):
    from lms.certificates import issuing

    complete(learner, course)
    certificate = issuing.request(user=learner, course_id=course.pk)
    issuing.revoke(certificate=certificate, by=staff_user, reason="Gian lận")
    call_command("issue_missing_certificates", stdout=StringIO())
    assert Certificate.objects.filter(user=learner).count() == 1
