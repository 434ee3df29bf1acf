"""Bytes a phone downloads for a page: HTML plus the stylesheets and scripts
it links, raw and gzip-compressed (images and video segments excluded, as in
the brief; hls.js is not counted because the player loads it only on play)."""

import gzip
import re
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.test import Client

ASSET = re.compile(r'(?:href|src)="/static/([^"]+\.(?:css|js))"')
PAGES = {"home page": "/", "login page": "/dang-nhap/", "home page (English)": "/en/"}


def page_bytes(client: Client, path: str) -> tuple[int, int]:
    html = client.get(path).content
    files = [html] + [
        Path(finders.find(name)).read_bytes() for name in ASSET.findall(html.decode())
    ]
    return sum(map(len, files)), sum(len(gzip.compress(f, 6)) for f in files)


LESSON = "/khoa-hoc/ky-nang-chi-hoi-truong/phan-1/bai-1/"
SCORM_LESSON = "/khoa-hoc/ky-nang-chi-hoi-truong/phan-1/kiem-tra-nhanh/"
SCORM_PLAYER = re.compile(r'data-src="([^"]+)"')


def run(report):
    client = Client(HTTP_HOST="127.0.0.1")
    for label, path in PAGES.items():
        add(report, label, *page_bytes(client, path))
    learner = get_user_model().objects.get(person__phone="+84911000005")
    client.force_login(learner)
    add(
        report,
        "lesson page, enrolled learner, before play",
        *page_bytes(client, LESSON),
    )
    add(
        report,
        "SCORM lesson page, enrolled learner, before opening",
        *page_bytes(client, SCORM_LESSON),
    )
    add(report, "SCORM player (1.2), opened", *scorm_player_bytes(client))


def scorm_player_bytes(client: Client) -> tuple[int, int]:
    """The player page on the content host and what it loads for a SCORM 1.2
    package (its scorm-again build); the package's own files not counted."""
    from urllib.parse import urlsplit

    html = client.get(SCORM_LESSON).content.decode()
    url = urlsplit(SCORM_PLAYER.search(html)[1].replace("&amp;", "&"))
    content = Client(HTTP_HOST=url.netloc or "127.0.0.1")
    page = content.get(url.path).content
    build = "scorm/vendor/scorm-again/scorm12.min.js"
    files = [page, Path(finders.find(build)).read_bytes()]
    files += [
        Path(finders.find(name)).read_bytes() for name in ASSET.findall(page.decode())
    ]
    return sum(map(len, files)), sum(len(gzip.compress(f, 6)) for f in files)


def add(report, label, raw, compressed):
    report.add(f"{label}: bytes", raw, "B")
    report.add(f"{label}: bytes gzip", compressed, "B")
