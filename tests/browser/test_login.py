"""A cadre logs in on a phone with their phone number; a manager opens the
admin; both in Vietnamese."""

import pytest

from lms.org import api
from lms.org.data import Role
from tests.factories import make_person

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("wagtail_site"),
]


@pytest.fixture
def learner(tree):
    person = make_person(
        tree["commune_a"], full_name="Lò Thị Mai", phone="+84912300001"
    )
    person.user.set_password("hocvien2026")
    person.user.save()
    return person


def test_a_learner_logs_in_by_phone_on_a_small_screen_in_vietnamese(
    live_server, phone_page, learner
):
    page = phone_page
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.get_by_role("heading", name="Bắt đầu học").is_visible()
    page.get_by_role("link", name="Đăng nhập").first.click()
    page.get_by_label("Số điện thoại hoặc email").fill("0912 300 001")
    page.get_by_label("Mật khẩu").fill("hocvien2026")
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("link", name="Hồ sơ của tôi", exact=True).click()
    assert page.get_by_text("Lò Thị Mai").is_visible()
    assert page.get_by_text("Xã a").is_visible()
    # Nothing overflows the 360-px width.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360


def test_a_wrong_password_gets_a_vietnamese_error(live_server, phone_page, learner):
    page = phone_page
    page.goto(live_server.url + "/dang-nhap/")
    page.get_by_label("Số điện thoại hoặc email").fill("0912300001")
    page.get_by_label("Mật khẩu").fill("sai")
    page.get_by_role("button", name="Đăng nhập").click()
    assert (
        page.get_by_role("alert")
        .inner_text()
        .startswith("Số điện thoại, email hoặc mật khẩu")
    )


def test_a_unit_manager_logs_into_the_admin_and_lists_their_people(
    live_server, browser, tree, learner
):
    manager = make_person(
        tree["province_a"], full_name="Vàng Văn Sử", phone="+84912300002"
    )
    manager.user.set_password("hocvien2026")
    manager.user.save()
    api.grant_role(
        user=manager.user, role=Role.UNIT_MANAGER, units=[tree["province_a"]]
    )
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    page.goto(live_server.url + "/admin/")
    page.get_by_label("Số điện thoại hoặc email").fill("0912300002")
    page.get_by_label("Mật khẩu").fill("hocvien2026")
    page.get_by_role("button", name="Đăng nhập").click()
    page.goto(live_server.url + "/admin/org/people/")
    assert page.get_by_role("link", name="Lò Thị Mai").is_visible()
    context.close()
