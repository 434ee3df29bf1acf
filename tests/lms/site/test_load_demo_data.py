"""``manage.py load_demo_data``, run twice for this module, then rolled back."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.db import transaction
from wagtail.models import Site

PASSWORD = "hocvien2026"


def load_demo_data():
    out = StringIO()
    call_command("load_demo_data", stdout=out)
    admin = get_user_model().objects.get(username="admin")
    return out.getvalue(), admin.password


@pytest.fixture(scope="module")
def runs(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        first, second = load_demo_data(), load_demo_data()
        yield first, second
        transaction.set_rollback(True)


@pytest.fixture
def second_output(runs, db):
    return runs[1][0]


def test_the_site_admin_is_a_superuser_with_the_demo_password(runs, db):
    admin = authenticate(username="admin", password=PASSWORD)
    assert admin is not None
    assert admin.is_superuser and admin.is_staff
    assert admin.email == "admin@example.vn"


def test_a_second_run_keeps_the_admin_and_adds_nothing(runs, second_output):
    (_first, first_hash), (_second, second_hash) = runs
    assert get_user_model().objects.filter(is_superuser=True).count() == 1
    assert second_hash == first_hash
    assert second_output.count("(mới / new: 0)") == 4


def test_the_home_page_is_the_published_root_of_the_default_site(runs, db):
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific_class.__name__ == "HomePage"
    assert site.root_page.live
    assert (site.hostname, site.port) == ("testserver", 80)


def test_the_output_lists_every_login_in_one_table_and_the_addresses(second_output):
    table = second_output.split("Demo logins", 1)[1]
    for login in ["admin", "0911000001", "0911000003", "hoa.learner@example.vn"]:
        assert f"| {login} " in table
    assert "http://testserver/admin/" in second_output
    assert "http://testserver/dang-nhap/" in second_output


def test_the_demo_has_a_running_class_and_one_open_to_applications(runs, db):
    from lms.progress import api as progress
    from lms.training.models import ClassMember, NeedsSurvey, TrainingClass

    classes = {c.code: c for c in TrainingClass.objects.all()}
    assert set(classes) == {"2026-lao-cai-01", "2026-nghe-an-01"}
    running = classes["2026-lao-cai-01"]
    assert running.sessions.count() == 4
    assert running.budget_lines.count() == 2
    assert ClassMember.objects.filter(training_class=running).count() == 24
    learner = get_user_model().objects.get(person__phone="+84911000005")
    assert running.sessions.filter(date=running.starts_on).exists()
    # The course asks 75 % of the learner's four sessions.
    summary = progress.attendance_summary(user=learner, course_id=running.course_id)
    assert (summary.sessions, summary.required_percent) == (4, 75)
    assert classes["2026-nghe-an-01"].accepts_applications
    assert NeedsSurvey.objects.get().topics.count() == 4


def test_the_demo_has_an_issuer_and_one_valid_certificate(runs, db):
    from lms.certificates import verification
    from lms.certificates.models import Certificate

    certificate = Certificate.objects.get()
    assert certificate.full_name == "Nguyễn Thị Hoa"
    assert verification.check(certificate.number).verdict == "valid"
