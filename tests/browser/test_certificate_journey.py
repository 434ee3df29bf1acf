"""From a video lecture to a certificate, in Chromium on a phone.

A learner logs in and enrols in a course that asks for its one lecture and
full attendance of its class (staff put them in the class and record the
session they attended). They play the lecture, transcoded by the real
queue's ffmpeg, up to the threshold: the course is complete and the
certificate issued; the queue's worker renders its PDF. They find it under
"my learning", download the PDF, open the page its QR code points at and
see it valid; once staff revoke it, the same page says revoked."""

import datetime
import io
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.core.files import File
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from courses.models import CatalogueIndexPage, CoursePage, LessonPage, ModulePage
from lms.certificates import issuing, rendering
from lms.certificates.models import Certificate, CourseCertificate
from lms.org import api as org
from lms.org.data import Role
from lms.training import attendance, enrolment
from lms.training.models import Session
from media import api as media
from media.data import VideoStatus
from tests.courses.conftest import lecture_body, publish
from tests.factories import make_person
from tests.lms.certificates.conftest import issuer  # noqa: F401 (a fixture)
from tests.lms.certificates.test_rendering import qr_codes
from tests.lms.training.conftest import make_class
from tests.media.conftest import make_clip

from .accounts import PASSWORD, log_in
from .test_lecture_journey import (  # noqa: F401 (real_jobs is a fixture)
    PLAY_UNTIL,
    is_report,
    real_jobs,
    reported_until,
    run_worker,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("real_jobs"),
]

SECONDS = 8  # the lecture's length: short, the test plays it at 2x
THRESHOLD = 90
WAIT = 30_000  # ms: a ceiling for a busy 2-core machine, never a pause
LEARNER = "Đặng Thị Ngọc Ẩn"
COURSE = "Kỹ năng hoạt động của chi hội trưởng phụ nữ"
REASON = "Cấp nhầm người học."


@pytest.fixture(scope="module")
def short_clip(tmp_path_factory):
    """8 s of a test card and a tone, as a phone would record."""
    path = tmp_path_factory.mktemp("certificate") / "vai-tro-chi-hoi-truong.mp4"
    return make_clip(path, seconds=SECONDS, size="426x240")


@pytest.fixture
def lecture(wagtail_site, short_clip):
    """Uploaded, then transcoded by the worker of the "video" queue."""
    with short_clip.open("rb") as file:
        video = media.create_video(
            file=File(file, name=short_clip.name), title="Vai trò của chi hội trưởng"
        )
    run_worker("video")
    video.refresh_from_db()
    assert video.status == VideoStatus.READY, video.failure_reason
    return video


@pytest.fixture
def course(wagtail_site, lecture, issuer):  # noqa: F811 (the imported fixture)
    """One lecture to watch to 90 %, full attendance of the class; the
    academy gives its certificate."""
    catalogue = wagtail_site.root_page.add_child(
        instance=CatalogueIndexPage(title="Khóa học", slug="khoa-hoc")
    )
    course = catalogue.add_child(
        instance=CoursePage(
            title=COURSE,
            slug="chi-hoi-truong",
            learning_hours=Decimal("4"),
            min_attendance_percent=100,
        )
    )
    module = course.add_child(instance=ModulePage(title="Phần 1", slug="phan-1"))
    publish(
        module.add_child(
            instance=LessonPage(
                title="Bài 1: Vai trò của chi hội trưởng",
                slug="bai-1",
                body=lecture_body(lecture, threshold=THRESHOLD),
            )
        )
    )
    CourseCertificate.objects.create(course=course, issuer=issuer)
    return course


@pytest.fixture
def staff(tree):
    person = make_person(tree["central"], full_name="Lê Thị Cấp", phone="+84911000301")
    org.grant_role(user=person.user, role=Role.ACADEMY_STAFF, units=[tree["central"]])
    return person.user


@pytest.fixture
def learner(tree):
    person = make_person(
        tree["commune_a"],
        full_name=LEARNER,
        phone="+84912300002",
        date_of_birth=datetime.date(1988, 11, 2),
    )
    person.user.set_password(PASSWORD)
    person.user.save()
    return person.user


def put_in_the_class_and_mark_present(course, tree, learner, staff):
    """What staff did in the class: the learner attended its one session."""
    training_class = make_class(course, tree["province_a"])
    session = Session.objects.create(
        training_class=training_class,
        title="Kỹ năng tuyên truyền",
        date=timezone.localdate() - datetime.timedelta(days=1),
        start_time=datetime.time(8, 0),
        end_time=datetime.time(11, 30),
    )
    enrolment.enrol_people(training_class=training_class, users=[learner], by=staff)
    attendance.record(
        session=session, marks=[attendance.Mark(learner.pk, "present")], by=staff
    )


def course_progress(page):
    return page.locator("[data-course-progress]")


def play_to_the_threshold(page):
    """Play from the start at double speed, past the threshold; the report
    sent on pausing completes the lecture."""
    page.get_by_role("button", name="Phát bài giảng").click()
    page.wait_for_function("document.querySelector('video').currentTime > 0")
    page.locator("[data-lp=rate]").select_option("2")
    until = SECONDS * 0.95
    with page.expect_response(
        lambda r: is_report(r) and reported_until(r) >= until - 0.5
    ) as report:
        page.evaluate(PLAY_UNTIL, [0, until])
    reply = report.value.json()
    assert reply["ok"] and reply["completed"], reply


def pdf_text(body: bytes) -> str:
    return " ".join(PdfReader(io.BytesIO(body)).pages[0].extract_text().split())


def test_a_learner_plays_a_lecture_and_gets_a_certificate_anyone_can_check(
    live_server, phone_page, course, tree, learner, staff, settings
):
    settings.HOCVIEN_ANNUAL_TRAINING_HOURS = 40
    page = phone_page
    page.set_default_timeout(WAIT)

    # Logged in, they enrol on the course page; staff record their session.
    log_in(page, live_server.url, "0912 300 002")
    page.goto(live_server.url + course.url)
    page.get_by_role("button", name="Ghi danh khóa học này").click()
    expect(course_progress(page)).to_contain_text("0%", timeout=WAIT)
    put_in_the_class_and_mark_present(course, tree, learner, staff)
    page.reload()
    expect(course_progress(page)).to_have_text("Đã hoàn thành 50% (1/2 hoạt động)")

    # The lecture, played to the threshold, completes the course.
    page.get_by_role("link", name="Bài 1: Vai trò của chi hội trưởng").click()
    play_to_the_threshold(page)
    expect(page.locator("[data-lp=progress]")).to_have_text(
        "Đã hoàn thành", timeout=WAIT
    )
    certificate = Certificate.objects.get(user=learner)
    run_worker("default")  # renders its PDF
    certificate.refresh_from_db()
    assert rendering.has_current_pdf(certificate)
    page.goto(live_server.url + course.url)
    expect(page.get_by_text("Bạn đã hoàn thành khóa học này.")).to_be_visible()

    # "My learning" leads to the certificate; its PDF bears their name.
    page.goto(live_server.url + "/hoc-tap/")
    page.get_by_role("link", name="Chứng chỉ của tôi").click()
    page.wait_for_url("**/chung-chi/cua-toi/")
    card = page.locator(".card", has_text=COURSE)
    expect(card).to_contain_text(certificate.number)
    download = card.get_by_role("link", name="Tải giấy chứng nhận (PDF)")
    pdf = page.request.get(live_server.url + download.get_attribute("href"))
    assert pdf.headers["content-type"] == "application/pdf"
    assert f"Chứng nhận: {LEARNER}" in pdf_text(pdf.body())
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    # Their transcript of the year holds it, against the annual hours.
    page.get_by_role("link", name="Bảng tổng hợp giờ học").click()
    expect(page.locator(".card", has_text=COURSE)).to_contain_text(certificate.number)
    expect(page.get_by_text("/40 giờ")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    # Its QR code's page says valid; revoked once staff revoke it.
    [qr_code] = qr_codes(pdf.body())
    scanned = urlsplit(qr_code)
    page.goto(f"{live_server.url}{scanned.path}?{scanned.query}")
    verdict = page.get_by_role("status")
    expect(verdict).to_have_attribute("data-verdict", "valid")
    expect(verdict).to_have_text("Chứng chỉ này là thật và còn hiệu lực.")
    issuing.revoke(certificate=certificate, by=staff, reason=REASON)
    page.reload()
    expect(verdict).to_have_attribute("data-verdict", "revoked")
    expect(verdict).to_have_text("Chứng chỉ này đã bị thu hồi.")
    expect(page.locator(".facts")).to_contain_text(REASON)
