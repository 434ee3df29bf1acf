"""Logging in through the login page, as a learner does."""

PASSWORD = "hocvien2026"


def log_in(page, base_url: str, username: str, password: str = PASSWORD):
    page.goto(base_url + "/dang-nhap/")
    page.get_by_label("Số điện thoại hoặc email").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)
