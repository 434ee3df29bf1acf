"""A lesson page with three H5P activities, as a phone loads it in Chromium:
bytes before any activity is scrolled into view, then what the first
activity brings when it is (player page, h5p-standalone, libraries, content
files). Raw bytes and gzip-6 bytes of every response, as page_weight does
(the demo server sends files uncompressed; a production proxy gzips them).

Needs Debian's chromium and the shared fixtures (../shared/fixtures/h5p)."""

import gzip
import json
import os
import threading
from collections import defaultdict
from pathlib import Path

FIXTURES = Path(
    os.environ.get(
        "HOCVIEN_FIXTURES", Path(__file__).resolve().parents[2] / "shared" / "fixtures"
    )
)
ACTIVITIES = [
    "multiple-choice-713.h5p",
    "true-false-question-34806.h5p",
    "fill-in-the-blanks-837.h5p",
]
CHROMIUM = os.environ.get("HOCVIEN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
TEXT = "<p>Đọc kỹ phần tóm tắt bài học trước khi làm các câu hỏi ôn tập.</p>" * 12


def lesson_with_activities():
    """A lesson of the demo course: each activity after a phone screen of
    text, so that each comes into view on its own."""
    from courses.models import CoursePage, LessonPage, ModulePage
    from lms.h5p.packages import import_h5p

    blocks = []
    for name in ACTIVITIES:
        with (FIXTURES / "h5p" / name).open("rb") as file:
            version = import_h5p(file=file, file_name=name)
        value = {"content": version.content_id, "pass_mark": None, "required": True}
        blocks += [{"type": "text", "value": TEXT}, {"type": "h5p", "value": value}]
    course = CoursePage.objects.get(slug="ky-nang-chi-hoi-truong")
    module = ModulePage.objects.child_of(course).first()
    lesson = module.add_child(
        instance=LessonPage(
            title="Câu hỏi ôn tập", slug="cau-hoi-on-tap", body=json.dumps(blocks)
        )
    )
    lesson.save_revision().publish()
    return course, lesson


def cached_static_handler():
    """Static files as production serves them (whitenoise, hashed names):
    kept by the browser, so a second activity does not fetch them again."""
    from django.contrib.staticfiles.handlers import StaticFilesHandler

    class CachedStaticFilesHandler(StaticFilesHandler):
        def serve(self, request):
            response = super().serve(request)
            response["Cache-Control"] = "public, max-age=31536000, immutable"
            return response

    return CachedStaticFilesHandler


class Server:
    """Django's live server thread (as pytest-django's live_server), serving
    static files as well."""

    def __init__(self):
        from django.db import connections
        from django.test.testcases import LiveServerThread

        connections_override = {}
        for connection in connections.all():
            if connection.vendor == "sqlite" and connection.is_in_memory_db():
                connections_override[connection.alias] = connection
        self.thread = LiveServerThread(
            "localhost", cached_static_handler(), connections_override, 0
        )
        self.thread.daemon = True
        self.thread.start()
        self.thread.is_ready.wait()
        if self.thread.error:
            raise self.thread.error
        self.url = f"http://localhost:{self.thread.port}"
        self.content_origin = f"http://content.localhost:{self.thread.port}"

    def stop(self):
        self.thread.terminate()


class Traffic:
    """Every request the page and its frames made over the network (answers
    from the browser's cache are left out), with its response body."""

    def __init__(self):
        self.responses = []
        self.lock = threading.Lock()

    def on_finished(self, request):
        response = request.response()
        if response is None or response.from_service_worker:
            return
        if request.sizes()["responseBodySize"] <= 0 and response.status != 204:
            return  # from the browser's cache (or no body at all)
        try:
            body = response.body()
        except Exception:  # noqa: BLE001 - redirects have none
            body = b""
        with self.lock:
            self.responses.append((request.url, body))

    def take(self):
        with self.lock:
            taken, self.responses = self.responses, []
        return taken


def weigh(responses) -> tuple[int, int, int]:
    raw = sum(len(body) for _url, body in responses)
    packed = sum(len(gzip.compress(body, 6)) for _url, body in responses if body)
    return len(responses), raw, packed


def kind_of(url: str) -> str:
    if "/h5p/libraries/" in url:
        return "H5P libraries"
    if "/h5p/files/" in url:
        return "content files"
    if "h5p-standalone" in url:
        return "h5p-standalone"
    if "/h5p/play/" in url or "/static/h5p/" in url:
        return "player page and script"
    return "other"


def session_cookie(user, server: Server) -> dict:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": session.session_key,
        "url": server.url,
    }


def run(report):
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from playwright.sync_api import sync_playwright

    from lms.progress import api as progress

    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    course, lesson = lesson_with_activities()
    learner = get_user_model().objects.get(person__phone="+84911000005")
    progress.enrol(user=learner, course=course)
    server = Server()
    settings.HOCVIEN_CONTENT_ORIGIN = server.content_origin
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost", "content.localhost"]
    traffic = Traffic()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS
            )
            context = browser.new_context(
                viewport={"width": 360, "height": 740}, locale="vi-VN"
            )
            context.add_cookies([session_cookie(learner, server)])
            page = context.new_page()
            page.on("requestfinished", traffic.on_finished)
            page.goto(server.url + lesson.url, wait_until="networkidle")
            before = traffic.take()
            add(report, "H5P lesson page (3 activities), before scrolling", before)
            outside = [url for url, _body in before if "content.localhost" in url]
            report.add(
                "  requests to the content origin before scrolling", len(outside), ""
            )
            frames = page.locator("iframe[data-h5p]")
            for number, name in enumerate(ACTIVITIES):
                open_activity(page, frames.nth(number), number)
                opened = traffic.take()
                label = f"activity {number + 1} scrolled into view ({name})"
                add(report, label, opened)
                by_kind = defaultdict(list)
                for url, body in opened:
                    by_kind[kind_of(url)].append((url, body))
                for kind, responses in sorted(by_kind.items()):
                    add(report, f"  of which {kind}", responses)
            browser.close()
    finally:
        server.stop()


def open_activity(page, frame, number):
    """Scroll the activity's frame to the middle of the screen and wait
    until H5P has drawn it and the network is quiet."""
    frame.evaluate("f => f.scrollIntoView({block: 'center'})")
    page.frame_locator("iframe[data-h5p]").nth(number).frame_locator(
        "iframe.h5p-iframe"
    ).locator(".h5p-content").wait_for()
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)  # late fonts and pictures


def add(report, label, responses):
    count, raw, packed = weigh(responses)
    report.add(f"{label}: requests", count, "")
    report.add(f"{label}: bytes", raw, "B")
    report.add(f"{label}: bytes gzip", packed, "B")
