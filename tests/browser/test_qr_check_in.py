"""QR check-in in Chromium: the instructor's screen shows the code, a
learner scans it with a phone (the code is read from a screenshot), logs in
on the tiny page it opens and is checked in; the screen's count follows."""

import io

import pytest
import zxingcpp
from PIL import Image

from lms.org import api as org
from lms.org.data import Role
from lms.training import enrolment
from lms.training.models import Attendance
from tests.lms.training.conftest import make_class, person_user
from tests.lms.training.test_checkin import make_session

from .accounts import PASSWORD, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("wagtail_site"),
]


def with_password(user):
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def session(tree, course):
    staff = with_password(person_user(tree["central"], "Trần Văn Quản", "0911000101"))
    org.grant_role(user=staff, role=Role.ACADEMY_STAFF, units=[tree["central"]])
    learner = with_password(
        person_user(tree["commune_a"], "Giàng Thị Mai", "0911000201")
    )
    training_class = make_class(course, tree["province_a"])
    enrolment.enrol_people(training_class=training_class, users=[learner], by=staff)
    return make_session(training_class, title="Kỹ năng vận động hội viên")


@pytest.fixture
def course(db, wagtail_site):
    from wagtail.models import Page

    home = wagtail_site.root_page
    return home.add_child(instance=Page(title="Kỹ năng chi hội", slug="ky-nang"))


def read_qr(locator) -> str:
    image = Image.open(io.BytesIO(locator.screenshot()))
    codes = zxingcpp.read_barcodes(image)
    assert codes, "no QR code found on the screen"
    return codes[0].text


def test_a_learner_checks_in_with_the_code_on_the_instructors_screen(
    live_server, browser, phone_page, session, settings
):
    settings.HOCVIEN_TRAINING_CODE_ROTATE_SECONDS = 1
    screen = browser.new_page(viewport={"width": 1280, "height": 800})
    log_in(screen, live_server.url, "0911000101")
    screen.goto(f"{live_server.url}/buoi-hoc/{session.pk}/ma-diem-danh/")
    assert screen.locator("#count").inner_text() == "0"
    url = read_qr(screen.locator("#qr svg"))
    assert url.startswith(f"{live_server.url}/diem-danh/{session.pk}/")

    phone = phone_page
    phone.goto(url)
    phone.get_by_label("Số điện thoại hoặc email").fill("0911 000 201")
    phone.get_by_label("Mật khẩu").fill(PASSWORD)
    phone.get_by_role("button", name="Điểm danh").click()
    assert phone.get_by_role("status").inner_text().startswith("Đã điểm danh lúc")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    mark = Attendance.objects.get()
    assert (mark.user.get_full_name(), mark.status, mark.method) == (
        "Giàng Thị Mai",
        "present",
        "qr",
    )

    # The screen renews its code and shows one learner checked in.
    screen.wait_for_function(
        "document.getElementById('count').textContent === '1'", timeout=10_000
    )
    assert read_qr(screen.locator("#qr svg")) != url
    screen.close()
