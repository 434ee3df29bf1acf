"""Browser tests: Playwright driving Debian's Chromium (no browser download)."""

import os

import pytest
from playwright.sync_api import sync_playwright

from tests.factories import UserFactory

from .accounts import PASSWORD

CHROMIUM = os.environ.get("HOCVIEN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
# Playwright's sync API runs an event loop in this thread; Django's ORM guard
# would otherwise refuse the live server's database work set up from the test.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def phone_page(browser):
    """A page the size of a cheap phone (360 x 740), Vietnamese locale."""
    context = browser.new_context(
        viewport={"width": 360, "height": 740},
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
    )
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def administrator_learner(db):
    """The learner whose session a package would most like to steal."""
    user = UserFactory(username="quantri", is_superuser=True, is_staff=True)
    user.set_password(PASSWORD)
    user.save()
    return user
