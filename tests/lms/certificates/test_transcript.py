"""The learner's transcript of learning hours per year: which courses count
in which year, the hours each credits, who sees it, and its PDF."""

import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from courses.models import CoursePage
from lms.certificates import issuing, transcript
from lms.certificates.models import CourseCertificate
from lms.progress import api as progress
from lms.progress.data import ItemKind, ItemSpec
from lms.progress.models import CourseProgress
from tests.factories import ensure_wagtail_site
from tests.lms.certificates.conftest import complete, make_learner

UTC = datetime.UTC


def this_year() -> int:
    return timezone.localdate().year


def make_course(slug, hours, title=None):
    """A course page declaring ``hours`` of learning, with one video."""
    home = ensure_wagtail_site().root_page
    course = home.add_child(
        instance=CoursePage(
            title=title or f"Khóa học {slug}", slug=slug, learning_hours=hours
        )
    )
    progress.sync_course_items(
        course=course,
        items=[ItemSpec(key="v1", kind=ItemKind.VIDEO, title="Bài 1", duration=60.0)],
    )
    return course


def completed_at(user, course, moment):
    CourseProgress.objects.filter(user=user, course=course).update(completed_at=moment)


def page_url(year=None, language="vi"):
    with translation.override(language):
        url = reverse("certificates:transcript")
    return f"{url}?nam={year}" if year else url


def pdf_url(year, language="vi"):
    with translation.override(language):
        return reverse("certificates:transcript_pdf", args=[year])


def pdf_text(content: bytes) -> str:
    pages = PdfReader(io.BytesIO(content)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


# ------------------------------------------------------------- the years


def test_a_completion_late_on_new_years_eve_utc_counts_in_the_next_local_year(
    learner, course
):
    complete(learner, course)
    # 18:00 UTC is 01:00 on 1 January in Asia/Ho_Chi_Minh.
    completed_at(learner, course, datetime.datetime(2026, 12, 31, 18, tzinfo=UTC))

    assert transcript.transcript_for(user=learner, year=2026).rows == ()
    (row,) = transcript.transcript_for(user=learner, year=2027).rows
    assert row.completed_on == datetime.date(2027, 1, 1)


def test_a_completion_before_local_midnight_stays_in_its_year(learner, course):
    complete(learner, course)
    completed_at(learner, course, datetime.datetime(2026, 12, 31, 16, 59, tzinfo=UTC))

    (row,) = transcript.transcript_for(user=learner, year=2026).rows
    assert row.completed_on == datetime.date(2026, 12, 31)


def test_the_years_offered_are_those_with_completions_and_the_current_newest_first(
    learner, course
):
    complete(learner, course)
    completed_at(learner, course, datetime.datetime(2019, 5, 2, 3, tzinfo=UTC))

    years = transcript.transcript_for(user=learner, year=this_year()).years

    assert years == (this_year(), 2019)


def test_the_page_shows_the_current_year_by_default(client, learner, course):
    complete(learner, course)
    client.force_login(learner)

    response = client.get(page_url())

    assert response.context["transcript"].year == this_year()
    assert course.title in response.text


def test_an_unreadable_year_falls_back_to_the_current_one(client, learner):
    client.force_login(learner)

    response = client.get(page_url(year="abc"))

    assert response.context["transcript"].year == this_year()


# ------------------------------------------------------------- the hours


def test_a_course_without_a_certificate_credits_its_declared_hours(tree):
    user = make_learner(tree)
    course = make_course("tam-gio", Decimal("8"))
    complete(user, course)

    (row,) = transcript.transcript_for(user=user, year=this_year()).rows

    assert row.hours == Decimal("8")
    assert row.certificate is None


def test_the_certificates_hours_count_over_the_courses(tree, issuer, staff_user):
    user = make_learner(tree)
    course = make_course("tam-gio", Decimal("8"))
    CourseCertificate.objects.create(course=course, issuer=issuer)
    complete(user, course)
    certificate = issuing.request(user=user, course_id=course.pk)
    issuing.reissue(
        certificate=certificate,
        by=staff_user,
        changes={"learning_hours": Decimal("4.5")},
    )

    result = transcript.transcript_for(user=user, year=this_year())

    (row,) = result.rows
    assert row.hours == Decimal("4.5")
    assert row.certificate.number == certificate.number
    assert result.total == Decimal("4.5")


def test_a_class_certified_in_one_batch_counts_without_a_completion(
    tree, issuer, staff_user
):
    user = make_learner(tree)
    course = make_course("ca-lop", Decimal("16"))
    CourseCertificate.objects.create(course=course, issuer=issuer)
    issuing.issue_for(course_id=course.pk, users=[user], by=staff_user)

    result = transcript.transcript_for(user=user, year=this_year())

    (row,) = result.rows
    assert row.completed_on == timezone.localdate()
    assert (row.hours, row.certificate.course_id) == (Decimal("16"), course.pk)


def test_a_certificate_awaiting_approval_leaves_the_courses_hours(tree, issuer):
    user = make_learner(tree)
    course = make_course("tam-gio", Decimal("8"))
    CourseCertificate.objects.create(
        course=course, issuer=issuer, requires_approval=True
    )
    complete(user, course)
    issuing.request(user=user, course_id=course.pk)

    (row,) = transcript.transcript_for(user=user, year=this_year()).rows

    assert (row.hours, row.certificate, row.revoked) == (Decimal("8"), None, False)


def test_a_revoked_certificate_credits_nothing(tree, issuer, staff_user):
    user = make_learner(tree)
    course = make_course("tam-gio", Decimal("8"))
    CourseCertificate.objects.create(course=course, issuer=issuer)
    complete(user, course)
    certificate = issuing.request(user=user, course_id=course.pk)
    issuing.revoke(certificate=certificate, by=staff_user, reason="Sai thông tin.")

    result = transcript.transcript_for(user=user, year=this_year())

    (row,) = result.rows
    assert (row.hours, row.certificate, row.revoked) == (Decimal(0), None, True)
    assert result.total == 0


def test_the_year_total_adds_up_the_credited_hours(tree):
    user = make_learner(tree)
    for slug, hours in [("a", "4.5"), ("b", "8"), ("c", "0.5")]:
        complete(user, make_course(slug, Decimal(hours)))

    result = transcript.transcript_for(user=user, year=this_year())

    assert result.total == Decimal("13")


def test_a_years_courses_are_listed_in_the_order_they_were_completed(tree):
    user = make_learner(tree)
    first, second = make_course("a", Decimal("1")), make_course("b", Decimal("2"))
    complete(user, second)
    complete(user, first)
    completed_at(user, second, datetime.datetime(2026, 3, 1, tzinfo=UTC))
    completed_at(user, first, datetime.datetime(2026, 2, 1, tzinfo=UTC))

    rows = transcript.transcript_for(user=user, year=2026).rows

    assert [row.course_id for row in rows] == [first.pk, second.pk]


def test_no_target_is_shown_unless_the_academy_sets_one(client, tree, settings):
    settings.HOCVIEN_ANNUAL_TRAINING_HOURS = None
    user = make_learner(tree)
    complete(user, make_course("a", Decimal("4.5")))
    client.force_login(user)

    response = client.get(page_url(language="en"))

    assert response.context["transcript"].target is None
    assert "Annual training requirement" not in response.text


def test_the_progress_towards_the_annual_hours_is_shown(client, tree, settings):
    settings.HOCVIEN_ANNUAL_TRAINING_HOURS = 40
    user = make_learner(tree)
    complete(user, make_course("a", Decimal("32")))
    client.force_login(user)

    response = client.get(page_url(language="en"))

    assert "32/40 hours" in response.text
    assert '<progress max="40" value="32.0">' in response.text
    assert not response.context["transcript"].target_met


# ------------------------------------------------------- who sees what


def test_a_learner_sees_only_their_own_courses(client, tree, learner, course):
    other = make_learner(tree, name="Lưu Quý Kỳ", phone="+84911000299")
    theirs = make_course(
        "cua-nguoi-khac", Decimal("8"), title="Khóa học của người khác"
    )
    complete(other, theirs)
    complete(learner, course)
    client.force_login(learner)

    response = client.get(page_url())

    assert course.title in response.text
    assert theirs.title not in response.text


def test_the_pdf_holds_only_the_learners_own_courses(client, tree, learner, course):
    other = make_learner(tree, name="Lưu Quý Kỳ", phone="+84911000299")
    complete(other, make_course("khac", Decimal("8"), title="Khóa học riêng"))
    complete(learner, course)
    client.force_login(learner)

    text = pdf_text(client.get(pdf_url(this_year())).content)

    assert "Khóa học riêng" not in text
    assert "Lưu Quý Kỳ" not in text


@pytest.mark.django_db
@pytest.mark.parametrize("url", [lambda: page_url(), lambda: pdf_url(2026)])
def test_an_anonymous_visitor_is_sent_to_log_in(client, url):
    response = client.get(url())

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# ------------------------------------------------------------------ the PDF


def test_the_pdf_shows_the_learner_the_year_and_the_total(client, tree):
    user = make_learner(tree, name="Đặng Thị Ngọc Ẩn")
    complete(
        user, make_course("bon-ruoi", Decimal("4.5"), title="Kỹ năng tuyên truyền")
    )
    client.force_login(user)
    year = this_year()

    response = client.get(pdf_url(year))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    disposition = f'attachment; filename="bang-gio-hoc-{year}.pdf"'
    assert response["Content-Disposition"] == disposition
    text = pdf_text(response.content)
    assert "Đặng Thị Ngọc Ẩn" in text
    assert "08/03/1990" in text
    assert "Xã a" in text
    assert str(year) in text
    assert "Kỹ năng tuyên truyền" in text
    assert "4,5" in text


def test_a_year_out_of_range_has_no_pdf(client, learner):
    client.force_login(learner)

    assert client.get(pdf_url(99999)).status_code == 404


# ----------------------------------------------------------------- the page


def test_the_english_page_works(client, tree):
    user = make_learner(tree)
    complete(user, make_course("a", Decimal("4.5"), title="Kỹ năng tuyên truyền"))
    client.force_login(user)

    response = client.get(page_url(language="en"))

    assert response.status_code == 200
    assert page_url(language="en").startswith("/en/")
    assert "Transcript of learning hours" in response.text
    assert "4,5 hours" in response.text
    assert timezone.localdate().strftime("%d/%m/%Y") in response.text


def test_an_empty_year_shows_a_friendly_message(client, learner):
    client.force_login(learner)

    response = client.get(page_url(year=2019, language="en"))

    assert response.status_code == 200
    assert "You have not completed any course in 2019." in response.text
    assert pdf_url(2019, language="en") not in response.text


def test_a_live_certificate_links_to_its_verification_page(
    client, learner, course, course_certificate
):
    complete(learner, course)
    certificate = issuing.request(user=learner, course_id=course.pk)
    client.force_login(learner)

    response = client.get(page_url())

    assert certificate.number in response.text
    assert reverse("certificates:verify", args=[certificate.public_id]) in (
        response.text
    )


def test_my_certificates_links_to_the_transcript(client, learner):
    client.force_login(learner)

    response = client.get(reverse("certificates:mine"))

    assert page_url() in response.text


# ---------------------------------------------------------------- queries


def queries_for_courses(client, tree, issuer, count) -> int:
    """Queries of the page for a learner with ``count`` completed courses,
    every other one with a certificate."""
    user = make_learner(tree, phone=f"+8491100{count:04d}")
    for index in range(count):
        course = make_course(f"k{count}-{index}", Decimal("2"))
        if index % 2:
            CourseCertificate.objects.create(course=course, issuer=issuer)
        complete(user, course)
        issuing.request(user=user, course_id=course.pk)
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page_url())
    assert len(response.context["transcript"].rows) == count
    return len(queries)


def test_the_page_takes_as_many_queries_for_five_courses_as_for_one(
    client, tree, issuer
):
    one = queries_for_courses(client, tree, issuer, 1)
    five = queries_for_courses(client, tree, issuer, 5)

    assert five == one


@pytest.mark.parametrize("value", ["bốn mươi", "-5", "0"])
def test_a_malformed_annual_target_is_a_configuration_error(settings, value):
    from django.core.exceptions import ImproperlyConfigured

    from lms.certificates.conf import app_settings

    settings.HOCVIEN_ANNUAL_TRAINING_HOURS = value
    with pytest.raises(ImproperlyConfigured):
        _ = app_settings.ANNUAL_TRAINING_HOURS
