"""The certificates issue's end-to-end test: a learner from enrolment to a
verified, then revoked, certificate; and forged or altered certificates.

The learner enrols on the course page and applies to its class (staff
approve in the admin), watches the video lecture, plays the SCORM package
and passes the H5P quiz (the final assessment), each through the endpoints
their browser calls; staff take attendance at the class's two sessions, by
roll call and by QR check-in. The course is then complete: the certificate
is issued, the real database queue renders its PDF, the learner downloads
it and its text and QR code are read back; the QR code's page says valid,
and revoked once staff revoke the certificate in the admin."""

import datetime
import json
import re
import uuid
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from courses.models import CatalogueIndexPage, CoursePage, LessonPage, ModulePage
from lms.certificates import issuing, rendering
from lms.certificates.data import CertificateStatus
from lms.certificates.models import Certificate, CourseCertificate
from lms.h5p.models import ContentVersion
from lms.progress import api as progress
from lms.training.data import AttendanceMethod
from lms.training.models import Attendance, ClassMember, Session
from tests.courses.conftest import publish, ready_video
from tests.lms.h5p.conftest import statement
from tests.lms.h5p.packages import import_fixture as import_h5p
from tests.lms.scorm.packages import import_fixture as import_scorm
from tests.lms.training.conftest import make_class
from tests.queues import DATABASE_QUEUE, run_db_worker

from .conftest import make_learner
from .test_rendering import make_image, qr_codes, read, text_of

LEARNER = "Đặng Thị Ngọc Ẩn"
PHONE = "0912 345 678"  # as typed on the login page
BIRTH = datetime.date(1988, 11, 2)
PASSWORD = "mat-khau-123"
COURSE = "Kỹ năng hoạt động của chi hội trưởng phụ nữ"
VIDEO_SECONDS = 16.0
SCORM_PACKAGE = "RuntimeBasicCalls_SCORM12.zip"
H5P_QUIZ = "question-set-616.h5p"  # its full score is 6
PASS_PERCENT = 80
CONTENT_HOST = "content.testserver"
REASON = "Kết quả kiểm tra cuối khóa không trung thực."

VALID = "Chứng chỉ này là thật và còn hiệu lực."
REVOKED = "Chứng chỉ này đã bị thu hồi."
NOT_GENUINE = "Chứng chỉ này không phải bản thật"
NOT_FOUND = "Không tìm thấy chứng chỉ có số hiệu hoặc mã này."


# ------------------------------------------------------------------ reading pages


def attribute(html: str, pattern: str) -> str:
    """The first quoted value ``pattern`` (a regex ending before the quote)
    finds in ``html``."""
    found = re.search(pattern + r'"([^"]*)"', html)
    assert found, f"nothing matches {pattern}"
    return found[1]


def json_script(html: str, element_id: str):
    """The data a page hands its script through ``json_script``."""
    found = re.search(rf'<script id="{element_id}" [^>]*>(.*?)</script>', html, re.S)
    assert found, f"no {element_id} in the page"
    return json.loads(found[1])


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


# ------------------------------------------------------------------- the setting


def lesson(module, title, slug, block_type, value):
    page = module.add_child(
        instance=LessonPage(
            title=title,
            slug=slug,
            body=json.dumps([{"type": block_type, "value": value}]),
        )
    )
    return publish(page)  # publishing syncs the course's items and policy


@pytest.fixture
def journey_course(wagtail_site):
    """A course of a video lecture, a SCORM package and an H5P quiz (the
    final assessment, 80 % to pass), asking full attendance of its class."""
    catalogue = wagtail_site.root_page.add_child(
        instance=CatalogueIndexPage(title="Khóa học", slug="khoa-hoc")
    )
    course = catalogue.add_child(
        instance=CoursePage(
            title=COURSE,
            slug="chi-hoi-truong",
            learning_hours=Decimal("12.5"),
            self_enrolment=True,
            min_attendance_percent=100,
            final_pass_percent=PASS_PERCENT,
        )
    )
    module = course.add_child(instance=ModulePage(title="Phần 1", slug="phan-1"))
    video = ready_video("Vai trò của chi hội trưởng", duration=VIDEO_SECONDS)
    lesson(
        module,
        "Bài 1: Vai trò của chi hội trưởng",
        "bai-1",
        "lecture",
        {"video": video.pk, "threshold": 90, "required": True},
    )
    package = import_scorm(SCORM_PACKAGE)
    lesson(
        module,
        "Bài 2: Tình huống thực hành",
        "bai-2",
        "scorm",
        {"package": package.package_id, "completion": "package", "required": True},
    )
    quiz = import_h5p(H5P_QUIZ)
    lesson(
        module,
        "Bài kiểm tra cuối khóa",
        "kiem-tra",
        "h5p",
        {
            "content": quiz.content_id,
            "pass_mark": PASS_PERCENT,
            "required": True,
            "final": True,
        },
    )
    return course


def lesson_page(course, slug) -> LessonPage:
    return LessonPage.objects.descendant_of(course).get(slug=slug)


@pytest.fixture
def gives_certificates(journey_course, issuer):
    """The course gives a certificate of the academy, which has its logo,
    the director's signature and the seal."""
    issuer.logo = make_image("logo", (20, 60, 160, 255))
    issuer.signature = make_image("chu-ky", (0, 0, 120, 255), (400, 160))
    issuer.seal = make_image("con-dau", (200, 0, 0, 200))
    issuer.save()
    return CourseCertificate.objects.create(course=journey_course, issuer=issuer)


@pytest.fixture
def training_class(journey_course, tree):
    """The course's class in province A, open to applications, with two
    sessions that count: one held yesterday, one today (open all day, so
    its check-in is open whenever the test runs)."""
    today = timezone.localdate()
    training_class = make_class(
        journey_course,
        tree["province_a"],
        starts_on=today - datetime.timedelta(days=1),
        capacity=30,
        accepts_applications=True,
    )
    for title, day, start, end in [
        ("Kỹ năng tuyên truyền", today - datetime.timedelta(days=1), (8, 0), (11, 30)),
        ("Tổ chức sinh hoạt chi hội", today, (0, 0), (23, 59, 59)),
    ]:
        Session.objects.create(
            training_class=training_class,
            title=title,
            date=day,
            start_time=datetime.time(*start),
            end_time=datetime.time(*end),
        )
    return training_class


@pytest.fixture
def cadre(tree):
    """A cadre of commune A with her date of birth on record, enrolled in
    nothing yet."""
    user = make_learner(tree, LEARNER, "+84912345678", date_of_birth=BIRTH)
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def staff(staff_user):
    client = Client()
    client.force_login(staff_user)
    return client


# ------------------------------------------------------------ the learner's steps


def log_in(client, phone=PHONE):
    response = client.post(reverse("login"), {"username": phone, "password": PASSWORD})
    assert response.status_code == 302, response.text


def enrol_on_the_course_page(client, course):
    assert "Ghi danh khóa học này" in client.get(course.url).text
    assert client.post(course.url, {"enrol": "1"}).status_code == 302


def apply_to_the_class(client, course, training_class):
    class_url = reverse("training:class_detail", args=[training_class.code])
    assert class_url in client.get(course.url).text  # listed on the course page
    assert client.get(class_url).status_code == 200
    response = client.post(
        reverse("training:apply", args=[training_class.code]),
        {"note": "Xin tham gia lớp học."},
    )
    assert response.status_code == 302


def watch_the_lecture(client, page):
    """As the player reports: a heartbeat (JSON), then the last report,
    which leaves with sendBeacon as text/plain when the page is closed."""
    html = client.get(page.url).text
    url = attribute(html, "data-report-url=")
    token = attribute(html, "data-report-token=")
    report = {"token": token, "client": "e2e", "duration": VIDEO_SECONDS}

    heartbeat = {**report, "batch": 1, "segments": [[0, 8]], "position": 8}
    reply = client.post(url, heartbeat, content_type="application/json")
    assert reply.json() == {"ok": True, "watched_share": 0.5, "completed": False}

    last = {**report, "batch": 2, "segments": [[8, 15]], "position": 15}
    reply = client.post(url, json.dumps(last), content_type="text/plain;charset=UTF-8")
    assert reply.json() == {"ok": True, "watched_share": 0.9375, "completed": True}


def open_on_the_content_host(client, page, frame_pattern, config_id):
    """The lesson frames a player on the content host, which knows no LMS
    session: the signed launch link is the credential."""
    launch = urlsplit(attribute(client.get(page.url).text, frame_pattern))
    assert launch.netloc == CONTENT_HOST
    content = Client(HTTP_HOST=CONTENT_HOST)
    player = content.get(launch.path)
    assert player.status_code == 200
    return content, json_script(player.text, config_id)


def play_the_scorm_package(client, page):
    content, config = open_on_the_content_host(
        client, page, r'class="scorm-frame" data-src=', "scorm-config"
    )
    delivered = content.post(
        config["deliverUrl"], {"request": "start"}, content_type="application/json"
    ).json()
    assert delivered["version"] == "1.2"
    assert content.get(delivered["url"]).status_code == 200  # the package's page
    part = {"sco": delivered["sco"], "launch": delivered["launch"]}

    commit = {
        **part,
        "sequence": 1,
        "terminate": False,
        "values": {
            "cmi.core.lesson_status": "incomplete",
            "cmi.core.lesson_location": "playing.html",
        },
    }
    answer = content.post(config["commitUrl"], commit, content_type="application/json")
    assert answer.json()["applied"] and not answer.json()["completed"]

    # LMSFinish: scorm-again's last commit, sent with sendBeacon (text/plain).
    finish = {
        **part,
        "sequence": 2,
        "terminate": True,
        "values": {
            "cmi.core.lesson_status": "passed",
            "cmi.core.score.raw": "90",
            "cmi.core.score.min": "0",
            "cmi.core.score.max": "100",
            "cmi.core.session_time": "00:12:30",
            "cmi.core.exit": "",
        },
    }
    answer = content.post(
        config["commitUrl"],
        json.dumps(finish),
        content_type="text/plain;charset=UTF-8",
    )
    assert answer.json()["completed"], answer.json()


def send_statements(content, config, *statements):
    return content.post(
        config["statementsUrl"], list(statements), content_type="application/json"
    ).json()


def take_the_h5p_quiz(client, page, version):
    """A first try below the pass mark, then a passing one (5 of 6), as the
    player relays H5P's xAPI statements."""
    content, config = open_on_the_content_host(
        client, page, r"data-h5p data-src=", "h5p-config"
    )

    def said(verb, raw, max_score=6, **extra):
        return statement(version, verb, raw, max_score, id=str(uuid.uuid4()), **extra)

    first = said("completed", 3)
    assert first["object"]["id"] == config["options"]["xAPIObjectIRI"]
    reply = send_statements(content, config, first)
    assert reply == {"success": True, "stored": 1, "duplicates": 0, "completed": False}

    part = said("answered", 1, max_score=1, sub="cau-1")
    reply = send_statements(content, config, part, said("completed", 5))
    assert reply == {"success": True, "stored": 2, "duplicates": 0, "completed": True}


def check_in_with_the_qr_code(client, staff, session):
    """The session screen shows a code; the learner's phone opens its page
    and sends the claim that page carries."""
    screen = staff.get(reverse("training:check_in_code", args=[session.pk])).json()
    check_in_path = urlsplit(screen["url"]).path
    claim = attribute(client.get(check_in_path).text, 'name="claim" value=')
    response = client.post(check_in_path, {"claim": claim})
    assert response.status_code == 200
    assert "Đã điểm danh lúc" in response.text


# ---------------------------------------------------------------- staff's steps


def approve_the_application(staff, learner):
    url = reverse("training_admin:applications")
    assert LEARNER in staff.get(url).text
    member = ClassMember.objects.get(user=learner)
    response = staff.post(url, {"member": member.pk, "decision": "approve"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.status == "enrolled"


def take_the_roll_call(staff, session, learner):
    url = reverse("training:roll_call", args=[session.pk])
    assert LEARNER in staff.get(url).text
    response = staff.post(url, {f"status-{learner.pk}": "present"})
    assert response.status_code == 302


def revoke_in_the_admin(staff, certificate):
    url = reverse("certificates_admin:revoke", args=[certificate.pk])
    assert staff.get(url).status_code == 200
    assert staff.post(url, {"reason": REASON}).status_code == 302


# ----------------------------------------------------------- what the test sees


def missing_parts(learner, course):
    standing = progress.requirements(user=learner, course_id=course.pk)
    return sorted(rule.kind for rule in standing.unmet)


def download_the_pdf(client, certificate) -> tuple[str, bytes]:
    """From "my learning" to the learner's certificates, then the PDF."""
    mine = reverse("certificates:mine")
    learning = client.get(reverse("my_learning")).text
    assert mine in learning
    assert COURSE in learning
    assert "Đã hoàn thành 100%" in learning
    listing = client.get(mine).text
    pdf_url = reverse("certificates:pdf", args=[certificate.public_id])
    assert f'href="{pdf_url}"' in listing
    assert "Tải giấy chứng nhận (PDF)" in listing
    response = client.get(pdf_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return pdf_url, b"".join(response.streaming_content)


def read_back(pdf: bytes, certificate) -> str:
    """Check what the PDF says, exactly, and return what its QR code says."""
    text, today = text_of(pdf), timezone.localdate()
    for expected in [
        "GIẤY CHỨNG NHẬN",
        f"Chứng nhận: {LEARNER}",
        "Sinh ngày: 02/11/1988",
        "Đơn vị: Xã a",
        f"Đã hoàn thành khóa học: {COURSE}",
        "Thời lượng: 12,5 giờ",
        f"Ngày hoàn thành: {today:%d/%m/%Y}",
        f"Số: {certificate.number}",
        rendering.place_and_date("Hà Nội", today),  # its format: test_rendering
        "Trần Thị Quyên",
    ]:
        assert expected in text
    assert len(read(pdf).pages[0].images) == 4  # logo, signature, seal, QR
    [qr_code] = qr_codes(pdf)
    return qr_code


def verdict(page) -> str:
    return attribute(page.text, "data-verdict=")


@pytest.mark.django_db(transaction=True)  # signals and tasks after real commits
def test_a_learner_goes_from_enrolment_to_a_certificate_anyone_can_check(
    settings, journey_course, gives_certificates, training_class, cadre, staff
):
    settings.TASKS = DATABASE_QUEUE
    course, learner = journey_course, cadre
    first_session, second_session = training_class.sessions.order_by("date")
    client = Client()

    # Enrolment: on the course page, then in its class (approved by staff).
    log_in(client)
    enrol_on_the_course_page(client, course)
    apply_to_the_class(client, course, training_class)
    approve_the_application(staff, learner)
    assert missing_parts(learner, course) == ["attendance", "final", "items"]

    # Learning online: the lecture, the package, the quiz.
    watch_the_lecture(client, lesson_page(course, "bai-1"))
    play_the_scorm_package(client, lesson_page(course, "bai-2"))
    quiz = ContentVersion.objects.get()
    take_the_h5p_quiz(client, lesson_page(course, "kiem-tra"), quiz)
    assert missing_parts(learner, course) == ["attendance"]

    # The class: a roll call, then a QR check-in completes the course.
    take_the_roll_call(staff, first_session, learner)
    assert not Certificate.objects.exists()
    check_in_with_the_qr_code(client, staff, second_session)
    marks = Attendance.objects.filter(user=learner).order_by("session__date")
    assert [mark.method for mark in marks] == [
        AttendanceMethod.ROLL_CALL,
        AttendanceMethod.QR,
    ]
    assert progress.course_progress(user=learner, course_id=course.pk).completed

    # Issued at once, signed; its PDF waits in the queue for the worker.
    certificate = Certificate.objects.get(user=learner)
    today = timezone.localdate()
    assert certificate.status == CertificateStatus.ISSUED
    assert certificate.number == f"1/{today.year}/CC-HVPN"
    assert not certificate.pdf
    run_db_worker()
    rendered = DBTaskResult.objects.get(
        task_path="lms.certificates.tasks.render_certificate_pdfs_task"
    )
    assert rendered.status == TaskResultStatus.SUCCESSFUL, rendered.traceback
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).exists()
    certificate.refresh_from_db()
    assert rendering.has_current_pdf(certificate)

    # The learner downloads it; its text and QR code are read back.
    pdf_url, pdf = download_the_pdf(client, certificate)
    qr_code = read_back(pdf, certificate)
    assert qr_code == (
        f"http://testserver/chung-chi/{certificate.public_id}/"
        f"?s={certificate.signature}"
    )

    # Anyone who scans it sees it valid, without the date of birth.
    anonymous = Client()
    page = anonymous.get(path_of(qr_code))
    assert (page.status_code, verdict(page)) == (200, "valid")
    assert VALID in page.text
    assert LEARNER in page.text and COURSE in page.text
    assert "02/11/1988" not in page.text and "Sinh ngày" not in page.text
    json_url = reverse("certificates:verify_json", args=[certificate.public_id])
    answer = anonymous.get(json_url).json()
    assert (answer["verdict"], answer["name"]) == ("valid", LEARNER)
    assert "1988" not in json.dumps(answer)

    # Staff revoke it in the admin: the same QR code now says revoked, why.
    revoke_in_the_admin(staff, certificate)
    page = anonymous.get(path_of(qr_code))
    assert (page.status_code, verdict(page)) == (200, "revoked")
    assert REVOKED in page.text and REASON in page.text
    answer = anonymous.get(json_url).json()
    assert (answer["verdict"], answer["revocation_reason"]) == ("revoked", REASON)
    assert client.get(pdf_url).status_code == 404  # no PDF of a revoked one


# ------------------------------------------------------ forged and altered ones


@pytest.fixture
def certificate(tree, course_certificate):
    """An issued certificate of the conftest's one-video course."""
    user = make_learner(tree, LEARNER, "+84912345678", date_of_birth=BIRTH)
    return issuing.request(user=user, course_id=course_certificate.course_id)


def another_certificate(tree, course_certificate):
    user = make_learner(tree, "Lò Văn Khánh", "+84912345679")
    return issuing.request(user=user, course_id=course_certificate.course_id)


def with_signature(url: str, signature: str) -> str:
    return re.sub(r"\?s=.*$", f"?s={signature}", path_of(url))


@pytest.fixture
def scanned(certificate):
    """What its QR code carries (the PDF tests read it back from the image)."""
    return rendering.verification_url(certificate)


def test_a_qr_code_whose_signature_was_tampered_with_is_not_genuine(
    client, certificate, scanned
):
    signature = certificate.signature
    tampered = signature[:10] + ("A" if signature[10] != "A" else "B") + signature[11:]
    page = client.get(with_signature(scanned, tampered))
    assert (page.status_code, verdict(page)) == (200, "invalid")
    assert NOT_GENUINE in page.text
    assert LEARNER not in page.text  # nothing of a forgery is vouched for


def test_a_qr_code_with_another_certificates_signature_is_not_genuine(
    client, tree, course_certificate, certificate, scanned
):
    other = another_certificate(tree, course_certificate)
    assert verdict(client.get(path_of(scanned))) == "valid"
    page = client.get(with_signature(scanned, other.signature))
    assert verdict(page) == "invalid"
    json_url = reverse("certificates:verify_json", args=[certificate.public_id])
    answer = client.get(json_url, {"s": other.signature}).json()
    assert answer["verdict"] == "invalid"


def test_a_name_changed_in_the_database_without_reissuing_is_not_genuine(
    client, certificate, scanned
):
    Certificate.objects.filter(pk=certificate.pk).update(full_name="Nguyễn Văn Giả")
    page = client.get(path_of(scanned))
    assert verdict(page) == "invalid"
    assert NOT_GENUINE in page.text and "Nguyễn Văn Giả" not in page.text
    by_number = client.get(
        reverse("certificates:verify_form"), {"so": certificate.number}, follow=True
    )
    assert verdict(by_number) == "invalid"


def test_a_made_up_code_or_number_is_not_found(client, certificate):
    made_up = reverse("certificates:verify", args=[uuid.uuid4()])
    page = client.get(made_up)
    assert (page.status_code, verdict(page)) == (404, "not_found")
    assert NOT_FOUND in page.text
    number = certificate.number.replace("1/", "999/", 1)
    page = client.get(reverse("certificates:verify_form"), {"so": number})
    assert (page.status_code, verdict(page)) == (404, "not_found")
    genuine = client.get(
        reverse("certificates:verify_form"), {"so": certificate.number}, follow=True
    )
    assert verdict(genuine) == "valid"
