"""Bytes a phone downloads for a page: HTML plus the stylesheets and scripts
it links, raw and gzip-compressed (images excluded, as in the brief)."""

import gzip
import re
from pathlib import Path

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


def run(report):
    client = Client(HTTP_HOST="127.0.0.1")
    for label, path in PAGES.items():
        raw, compressed = page_bytes(client, path)
        report.add(f"{label}: bytes", raw, "B")
        report.add(f"{label}: bytes gzip", compressed, "B")
