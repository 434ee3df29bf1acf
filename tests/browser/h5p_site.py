"""A learner in a course with H5P activities, and the player in Chromium.

The player page lives on the content origin (see ``scorm_site``: Chromium
resolves ``content.localhost`` to the loopback address, so the one live
server answers both hosts). h5p-standalone puts the activity in an
``iframe.h5p-iframe`` of its own inside ``#h5p-container``; H5P's content
is the ``.h5p-content`` of that frame.
"""

import html
import json
import re
import zipfile
from dataclasses import dataclass

from django.urls import reverse
from playwright.sync_api import expect
from wagtail.models import Collection, Page

from lms.h5p.launch import PlayTicket, launch_token
from lms.h5p.models import Result, Statement, UserState
from lms.progress import api as progress
from lms.progress.data import ItemKind, ItemSpec
from tests.browser.scorm_site import WAIT, WAIT_MS, content_origin, eventually
from tests.factories import UserFactory, ensure_wagtail_site
from tests.lms.h5p import packages

__all__ = ["WAIT", "WAIT_MS", "content_origin", "eventually"]  # shared with SCORM
VERB = "http://adlnet.gov/expapi/verbs/"


def import_h5p(name: str):
    """The fixture file, imported as an administrator would."""
    if Collection.get_first_root_node() is None:  # flushed by an earlier test
        Collection.add_root(name="Root")
    return packages.import_fixture(name)


def content_json(name: str) -> dict:
    """What the author wrote (content/content.json): where the answers are."""
    with zipfile.ZipFile(packages.fixture(name)) as archive:
        return json.loads(archive.read("content/content.json"))


@dataclass(frozen=True)
class Learner:
    user: object
    course: Page

    def result(self, item_key: str) -> Result | None:
        return Result.objects.filter(
            user=self.user, course_id=self.course.pk, item_key=item_key
        ).first()

    def statements(self, item_key: str):
        return Statement.objects.filter(
            user=self.user, course_id=self.course.pk, item_key=item_key
        )

    def scored_ends(self, item_key: str) -> list[Statement]:
        """The top-level answered/completed statements, oldest first."""
        return list(
            self.statements(item_key)
            .filter(top_level=True, verb__in=[VERB + "answered", VERB + "completed"])
            .order_by("timestamp")
        )

    def states(self, item_key: str) -> dict[tuple[str, str], str]:
        rows = UserState.objects.filter(
            user=self.user, course_id=self.course.pk, item_key=item_key
        ).values_list("sub_content_id", "data_type", "data")
        return {(sub, kind): data for sub, kind, data in rows}

    def completed_items(self) -> set[str]:
        return progress.completed_item_keys(user=self.user, course_id=self.course.pk)


def enrolled_learner(item_keys: list[str], title="Ôn tập H5P") -> Learner:
    """A course page with one H5P item per key, and a learner enrolled."""
    root = ensure_wagtail_site().root_page
    course = root.add_child(instance=Page(title=title, slug="khoa-hoc-h5p"))
    progress.sync_course_items(
        course=course,
        items=[ItemSpec(key=key, kind=ItemKind.H5P, title=key) for key in item_keys],
    )
    user = UserFactory(username="hoc-vien-h5p", first_name="Lan", last_name="Trần")
    progress.enrol(user=user, course=course)
    return Learner(user=user, course=course)


def player_url(live_server, learner: Learner, item_key: str, version, pass_mark=None):
    """The link a lesson page frames (as ``lms.h5p.api.launch_url``)."""
    ticket = PlayTicket(
        user_id=learner.user.pk,
        course_id=learner.course.pk,
        item_key=item_key,
        content_id=version.content_id,
        version_id=version.pk,
        pass_mark=pass_mark,
        frame_origin=live_server.url,
        language="vi",
    )
    path = reverse("h5p:player", args=[launch_token(ticket)])
    return content_origin(live_server) + path


class Player:
    """The player page as the learner uses it; ``root`` is the page or, in
    a lesson, the frame that holds the player."""

    def __init__(self, page, root=None):
        self.page = page
        self.root = root or page
        self.h5p = self.root.frame_locator("iframe.h5p-iframe")
        self.content = self.h5p.locator(".h5p-content")

    def open(self, url: str):
        self.page.goto(url)
        self.wait_ready()
        return self

    def wait_ready(self):
        expect(self.content).to_be_visible(timeout=WAIT_MS)

    def question(self):
        """The question a Question Set shows."""
        return self.content.locator(".question-container:visible")

    # -------------------------------------------------------- as a learner

    def press(self, name: str):
        """A button under the question (Check, Show score, Next, Finish...)."""
        self.content.locator(f".h5p-question-{name}:visible").click()

    def check(self):
        self.press("check-answer")

    def drag(self, source, target):
        """Drag with the mouse: press on the element's centre, move in steps
        to the target's centre (jQuery UI wants moves), release."""
        source.scroll_into_view_if_needed()
        start, end = source.bounding_box(), target.bounding_box()
        mouse = self.page.mouse
        mouse.move(start["x"] + start["width"] / 2, start["y"] + start["height"] / 2)
        mouse.down()
        mouse.move(end["x"] + end["width"] / 2, end["y"] + end["height"] / 2, steps=8)
        mouse.up()


def text_of(markup: str) -> str:
    """The text a learner reads in the author's HTML."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", markup))
    return re.sub(r"\s+", " ", text).strip()


def starred(text: str) -> list[str]:
    """The answers of a Blanks / DragText text, ``*answer/other:tip*``: the
    first answer accepted in each gap."""
    return [
        re.split(r"[/:]", match)[0].strip()
        for match in re.findall(r"\*([^*]+)\*", text)
    ]


def choose(question, answers: list[dict], right=True):
    """Multiple Choice: tick the answers marked correct (or the first wrong
    one), matched by their text as the answers come shuffled."""
    picked = (
        [a for a in answers if a["correct"]]
        if right
        else [next(a for a in answers if not a["correct"])]
    )
    for answer in picked:
        label = re.compile(rf"^\s*{re.escape(text_of(answer['text']))}\s*$")
        question.locator(".h5p-answer", has_text=label).click()
