"""A learner in a course with a SCORM package, and the player in Chromium.

The player and the package files live on the content origin
``http://content.localhost:<live server port>``: Chromium resolves every
``*.localhost`` name to the loopback address, so the one live server answers
both hosts, as one set of application servers does in production.

The Golf examples (Rustici) share one shape: ``shared/launchpage.html``
frames each page of the SCO in ``#contentFrame`` under its own
Previous/Next/Exit buttons, and the quiz page
(``shared/assessmenttemplate.html``) marks the right answer of each question
with the class ``correctAnswer``.
"""

import re
import time
from dataclasses import dataclass

from django.urls import reverse
from playwright.sync_api import expect
from wagtail.models import Collection, Page

from lms.progress import api as progress
from lms.progress.data import ItemKind, ItemSpec
from lms.scorm.launch import CompletionRule, LaunchTicket, launch_token
from lms.scorm.models import Attempt, ScoData
from tests.factories import UserFactory, ensure_wagtail_site
from tests.lms.scorm.packages import import_fixture

CONTENT_HOST = "content.localhost"
ITEM_KEY = "lesson1:scorm1"
WAIT = 10.0  # seconds; only ever a ceiling
WAIT_MS = WAIT * 1000


def content_origin(live_server) -> str:
    port = live_server.url.rsplit(":", 1)[1]
    return f"http://{CONTENT_HOST}:{port}"


def import_package(name: str):
    """The fixture package, imported as an administrator would."""
    if Collection.get_first_root_node() is None:  # flushed by an earlier test
        Collection.add_root(name="Root")
    return import_fixture(name)


@dataclass(frozen=True)
class Learner:
    user: object
    course: Page
    item_key: str = ITEM_KEY

    def attempt(self) -> Attempt | None:
        return (
            Attempt.objects.filter(user=self.user, course_id=self.course.pk)
            .order_by("-number")
            .first()
        )

    def sco(self, identifier: str) -> ScoData | None:
        return ScoData.objects.filter(
            attempt__user=self.user, attempt__course_id=self.course.pk, sco=identifier
        ).first()

    def completed_items(self) -> set[str]:
        return progress.completed_item_keys(user=self.user, course_id=self.course.pk)


def enrolled_learner(title: str) -> Learner:
    """A course page with one SCORM item, and a learner enrolled in it."""
    root = ensure_wagtail_site().root_page
    course = root.add_child(instance=Page(title=title, slug="khoa-hoc-scorm"))
    progress.sync_course_items(
        course=course,
        items=[ItemSpec(key=ITEM_KEY, kind=ItemKind.SCORM, title=title)],
    )
    user = UserFactory(username="hoc-vien-scorm")
    progress.enrol(user=user, course=course)
    return Learner(user=user, course=course)


def player_url(live_server, learner: Learner, package_id: int, rule: str) -> str:
    """The link a lesson page frames (as ``lms.scorm.api.launch_url``)."""
    ticket = LaunchTicket(
        user_id=learner.user.pk,
        course_id=learner.course.pk,
        item_key=learner.item_key,
        package_id=package_id,
        rule=CompletionRule(rule),
        frame_origin=live_server.url,
        language="vi",
    )
    path = reverse("scorm:player", args=[launch_token(ticket)])
    return content_origin(live_server) + path


def eventually(fetch, until, *, timeout: float = WAIT):
    """Poll the database: the live server stores commits as they come, and
    a beacon comes when the browser sends it. The first value of ``fetch()``
    that satisfies ``until``."""
    deadline = time.monotonic() + timeout
    while True:
        value = fetch()
        if value is not None and until(value):
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"still not there after {timeout} s: {value!r}")
        time.sleep(0.05)


def is_deliver(response) -> bool:
    return response.request.method == "POST" and response.url.endswith("/deliver/")


class Player:
    """The player as the learner uses it: opened as a page of its own, or
    framed by a lesson page (``root`` is then that frame)."""

    def __init__(self, page, root=None):
        self.page = page
        self.root = root or page
        self.sco = self.root.frame_locator("#scorm-frame")  # the part played
        self.content = self.sco.frame_locator("#contentFrame")  # a Golf page

    def open(self, url: str) -> dict:
        return self.delivered_after(lambda: self.page.goto(url))

    def delivered_after(self, action) -> dict:
        """Do ``action``; what the server delivered next (deliver's JSON)."""
        with self.page.expect_response(is_deliver) as response:
            action()
        return response.value.json()

    def next(self) -> dict:
        return self.delivered_after(self.root.locator("#scorm-next").click)

    def wait_initialised(self):
        """Until the part has called (LMS)Initialize: a learner reads a page
        before moving on. Only for a player opened as a page."""
        self.page.wait_for_function(
            "() => { const api = window.API || window.API_1484_11;"
            " return Boolean(api && api.isInitialized()); }"
        )

    def finish(self) -> dict:
        """The player's own Finish button (exitAll)."""
        return self.delivered_after(self.root.locator("#scorm-finish").click)

    def contents(self) -> list[tuple[str, bool]]:
        """The parts the contents menu lists: (title, may be opened now)."""
        toggle = self.root.locator("#scorm-toc-toggle")
        toggle.click()
        entries = [
            (item.inner_text().removesuffix(" ✓"), item.locator("button").count() > 0)
            for item in self.root.locator("#scorm-toc li").all()
        ]
        toggle.click()
        return entries

    def choose(self, title: str) -> dict:
        self.root.locator("#scorm-toc-toggle").click()
        button = self.root.locator("#scorm-toc button", has_text=title)
        return self.delivered_after(button.click)

    def leave(self):
        """The learner closes the tab: pagehide, the last commit leaves as a
        beacon."""
        self.page.goto("about:blank")


# ------------------------------------------------------------ Golf examples


def golf_page_through(player: Player) -> int:
    """Press the SCO's own Next until its last page; the number of pages."""
    # The launch page sets its buttons up once it has framed the first page.
    expect(player.content.locator("body")).not_to_be_empty(timeout=WAIT_MS)
    expect(player.sco.locator("#butPrevious")).to_be_disabled(timeout=WAIT_MS)
    next_button = player.sco.locator("#butNext")
    pages = 1
    while next_button.is_enabled():
        next_button.click()
        pages += 1
    return pages


def golf_quiz(player: Player, *, right: bool = True) -> int:
    """Answer every question of a Golf quiz, right or wrong, and submit it;
    the score the page shows."""
    quiz = player.content
    submit = quiz.locator("input[value='Submit Answers']")
    expect(submit).to_be_visible(timeout=WAIT_MS)
    for question in quiz.locator(".question").all():
        number = question.locator("input[type=text]")
        if number.count():  # "A typical golf course has ____ holes (18)"
            shown = question.locator(".correctAnswer").inner_text()
            answer = int(re.search(r"\((\d+)\)", shown)[1])
            number.fill(str(answer if right else answer + 1))
        else:
            kind = ".correctAnswer" if right else ".answer"
            question.locator(f"{kind} input[type=radio]").first.check()
    submit.click()
    score = quiz.locator("#test h3").first
    expect(score).to_have_text(re.compile(r"^Score: \d+$"), timeout=WAIT_MS)
    return int(score.inner_text().split()[-1])
