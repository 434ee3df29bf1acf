"""The Wagtail admin reads in Vietnamese.

Wagtail's own Vietnamese catalogue is far from complete, so
lms/site/locale_wagtail (loaded first through LOCALE_PATHS) completes it, for
the server-side strings (domain django) and the admin JavaScript (djangojs).
The .po files are checked with GNU gettext's own tools, not a Python library.
"""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import wagtail
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext
from wagtail.admin.templatetags.wagtailadmin_tags import timesince_simple

# GNU gettext (Debian package gettext), with full paths.
MSGFMT = shutil.which("msgfmt") or "/usr/bin/msgfmt"
MSGCMP = shutil.which("msgcmp") or "/usr/bin/msgcmp"
SUPPLEMENT = Path(settings.LOCALE_PATHS[0]) / "vi" / "LC_MESSAGES"
WAGTAIL = Path(wagtail.__file__).parent
# The Wagtail catalogues (domain django) the supplement completes.
WAGTAIL_APPS = [
    "admin",
    ".",
    "users",
    "snippets",
    "documents",
    "images",
    "sites",
    "locales",
    "search",
    "contrib/settings",
    "contrib/redirects",
    "contrib/forms",
    "contrib/simple_translation",
    "embeds",
]


@pytest.mark.parametrize(
    ("english", "vietnamese"),
    [
        ("Sign in", "Đăng nhập"),
        ("Password", "Mật khẩu"),
        ("Remember me", "Ghi nhớ đăng nhập"),
        ("Forgotten password?", "Quên mật khẩu?"),
        ("Dashboard", "Bảng điều khiển"),
        ("Save", "Lưu"),
        ("Delete", "Xóa"),
        ("Edit", "Sửa"),
        ("Log out", "Đăng xuất"),
        ("Username", "Tên đăng nhập"),
        ("Snippets", "Đoạn nội dung"),
        ("Documents", "Tài liệu"),
        ("Collection", "Bộ sưu tập"),
        ("Workflow", "Quy trình duyệt"),
        ("Live", "Đang hiển thị"),
    ],
)
def test_wagtail_admin_words_read_in_vietnamese(english, vietnamese):
    with translation.override("vi"):
        assert gettext(english) == vietnamese


def test_plural_messages_use_the_single_vietnamese_form():
    with translation.override("vi"):
        for count in (1, 3):
            message = ngettext("Delete 1 page", "Delete %(counter)s pages", count)
            assert message % {"counter": count} == f"Xóa {count} trang"


def test_a_fresh_edit_still_reads_just_now():
    # Wagtail compares Django's timesince() with its own "0 minutes" message.
    with translation.override("vi"):
        assert timesince_simple(timezone.now()) == "vừa xong"


def test_admin_javascript_catalogue_serves_vietnamese():
    response = Client().get(
        reverse("wagtailadmin_javascript_catalog"), HTTP_ACCEPT_LANGUAGE="vi"
    )
    found = re.search(r"const newcatalog = (\{.*?\});\n", response.text, re.DOTALL)
    catalogue = json.loads(found.group(1))
    assert catalogue["Dashboard"] == "Bảng điều khiển"
    assert catalogue["Autosave in progress…"] == "Đang tự động lưu…"
    assert catalogue["%(num)s error"] == ["%(num)s lỗi"]


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_supplement_has_no_untranslated_or_fuzzy_entries(domain):
    result = subprocess.run(
        [MSGFMT, "--check", "--statistics", "-o", "/dev/null", f"{domain}.po"],
        cwd=SUPPLEMENT,
        capture_output=True,
        text=True,
        check=False,
    )
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    assert "translated message" in report
    assert "untranslated" not in report
    assert "fuzzy" not in report


@pytest.mark.parametrize(
    ("domain", "app"),
    [("django", app) for app in WAGTAIL_APPS] + [("djangojs", "admin")],
)
def test_every_message_of_the_wagtail_catalogue_is_translated(domain, app):
    # msgcmp fails when a msgid of Wagtail's English catalogue is missing or
    # untranslated here: after a Wagtail upgrade, add the new messages.
    wagtail_po = WAGTAIL / app / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
    result = subprocess.run(
        [MSGCMP, str(SUPPLEMENT / f"{domain}.po"), str(wagtail_po)],
        capture_output=True,
        text=True,
        check=False,
    )
    missing = [line for line in result.stderr.splitlines() if "not used" not in line]
    assert result.returncode == 0, "\n".join(missing)
