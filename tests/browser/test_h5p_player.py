"""The real H5P files of ../shared/fixtures/h5p in Chromium, on a phone.

Each file is imported, put in a course for an enrolled learner and opened
in the player on the content origin. The learner answers as they would,
with the answers the author wrote in ``content/content.json`` (clicks,
typing, mouse drags); the test then looks at what the live server stored:
the statement that ends the activity, the learner's result and the course
item. Among them two versions of TrueFalse side by side and a content-only
file. Further tests: a wrong answer first, a half-done Question Set
resumed, the Interactive Video offline, and a lesson page with three
activities that load only when seen and cannot reach the learner's LMS
session.
"""

import json
import re

import pytest
from playwright.sync_api import expect

from courses.models import CatalogueIndexPage, CoursePage, LessonPage, ModulePage
from lms.h5p.launch import read_launch_token
from lms.progress import api as progress
from tests.browser import h5p_site
from tests.browser.accounts import log_in
from tests.browser.h5p_site import (
    WAIT_MS,
    Learner,
    Player,
    choose,
    content_json,
    eventually,
    starred,
    text_of,
)
from tests.courses.conftest import publish
from tests.factories import ensure_wagtail_site

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def content_origin(live_server, settings):
    """The player on http://content.localhost:<port>: a host of its own;
    H5P saves the learner's state every 2 s instead of 30."""
    settings.HOCVIEN_CONTENT_ORIGIN = h5p_site.content_origin(live_server)
    settings.HOCVIEN_H5P_SAVE_SECONDS = 2
    return settings.HOCVIEN_CONTENT_ORIGIN


@pytest.fixture
def page(content_origin, phone_page):
    """The phone's page; any script error in it fails the test."""
    errors = []
    phone_page.on("pageerror", lambda error: errors.append(f"{error}\n{error.stack}"))
    phone_page.set_default_timeout(WAIT_MS)
    yield phone_page
    assert not errors, errors


@pytest.fixture
def play(live_server, page):
    """Import fixture files, enrol a learner in a course with one item per
    file, and open one of them in the player."""

    def open_(*names: str):
        versions = {name: h5p_site.import_h5p(name) for name in names}
        learner = h5p_site.enrolled_learner(list(names))
        url = h5p_site.player_url(live_server, learner, names[-1], versions[names[-1]])
        return learner, Player(page).open(url)

    return open_


# ---------------------------------------------------------- the learner's way


def multichoice(player: Player, content: dict, right=True):
    choose(player.content, content["answers"], right=right)
    player.check()


def true_false(player: Player, content: dict):
    right = content["l10n"]["trueText" if content["correct"] == "true" else "falseText"]
    answer = player.content.locator(".h5p-true-false-answer")
    answer.filter(has_text=re.compile(rf"^{re.escape(right)}$")).click()
    player.check()


def blanks(player: Player, content: dict):
    """Type each answer (the first one the author accepts) and leave the
    field; Blanks with autoCheck scores when the last field is left."""
    answers = [answer for text in content["questions"] for answer in starred(text)]
    fields = player.content.locator("input.h5p-text-input")
    expect(fields).to_have_count(len(answers))
    for field, answer in zip(fields.all(), answers, strict=True):
        field.fill(answer)
        field.press("Tab")
    if not content["behaviour"]["autoCheck"]:
        player.check()


def drag_text(player: Player, content: dict):
    """Drag each word to its gap, then Check."""
    gaps = player.content.locator(".h5p-drag-dropzone-container .ui-droppable")
    words = player.content.locator(".h5p-drag-draggables-container [role=button]")
    for gap, word in enumerate(starred(content["textField"])):
        player.drag(
            words.filter(has_text=re.compile(rf"^{re.escape(word)}")), gaps.nth(gap)
        )
    player.check()


def drag_question(player: Player, content: dict, question=None):
    """Drag each element (a text, or an image known by its alt text) to the
    drop zone that takes it, then press Show score."""
    question = question or player.content
    task = content["question"]["task"]
    zones = question.locator(".h5p-dropzone")
    for number, zone in enumerate(task["dropZones"]):
        for index in zone["correctElements"]:
            params = task["elements"][int(index)]["type"]["params"]
            if "alt" in params:
                element = question.locator(
                    f".h5p-draggable:has(img[alt={json.dumps(params['alt'])}])"
                )
            else:
                element = question.locator(
                    ".h5p-draggable", has_text=text_of(params["text"])
                )
            player.drag(element, zones.nth(number))
    player.check()


def question_set(player: Player, content: dict):
    """Each question in turn (Check, then Next), Finish on the last."""
    questions = content["questions"]
    for number, question in enumerate(questions):
        shown = player.question()
        if question["library"].startswith("H5P.MultiChoice"):
            choose(shown, question["params"]["answers"])
            player.check()
        else:
            drag_question(player, question["params"], shown)
        player.press("next" if number < len(questions) - 1 else "finish")


def older_true_false(player: Player, content: dict):
    """TrueFalse 1.6 ("Is this false?"), installed next to TrueFalse 1.8:
    the activity runs on its own versions of the libraries."""
    scripts = player.h5p.locator("head script[src*='/h5p/libraries/']")
    folders = {
        src.split("/h5p/libraries/")[1].split("/")[0]
        for src in scripts.evaluate_all("scripts => scripts.map(s => s.src)")
    }
    assert {"H5P.TrueFalse-1.6", "H5P.Question-1.4"} <= folders
    assert not {"H5P.TrueFalse-1.8", "H5P.Question-1.5"} & folders
    true_false(player, content)


def spanish_blanks(player: Player, content: dict):
    """Fill in the Blanks without libraries of its own, in Spanish, case
    sensitive, no autoCheck: the learner presses "comprobar"."""
    introduction = player.content.locator(".h5p-question-introduction")
    expect(introduction).to_contain_text("Indica dónde está el gato.")
    check = player.content.locator(".h5p-question-check-answer")
    expect(check).to_have_text("comprobar")
    blanks(player, content)


# Imported in this order: the content-only file after the file that brings
# H5P.Blanks 1.14 and its dependencies, TrueFalse 1.6 after 1.8.
# name: (how to answer it, verb of the end, the score H5P gives)
PLAYS = {
    "multiple-choice-713.h5p": (multichoice, "answered", 1),
    "true-false-question-34806.h5p": (true_false, "answered", 1),
    "fill-in-the-blanks-837.h5p": (blanks, "answered", 3),
    "drag-and-drop-712.h5p": (drag_question, "answered", 1),
    "H5P.DragText.h5p": (drag_text, "answered", 3),
    "question-set-616.h5p": (question_set, "completed", 6),  # 4 + 1 + 1
    "h5p-standalone_h5p-test.h5p": (older_true_false, "answered", 1),
    "blanks-with-image_content-only.h5p": (spanish_blanks, "answered", 6),
}


def assert_passed(learner: Learner, key: str, verb: str, points: int):
    """The live server stored a scored end of the whole activity with full
    marks, the learner's result passed, and the course item completed."""
    (end,) = eventually(lambda: learner.scored_ends(key), lambda ends: ends)
    assert end.verb == h5p_site.VERB + verb
    assert end.result["score"]["raw"] == end.result["score"]["max"] == points
    assert end.score_scaled == pytest.approx(1.0)
    assert end.actor["account"]["name"] == str(learner.user.pk)
    result = learner.result(key)
    assert (result.attempts, result.passed) == (1, True)
    assert result.best_scaled == pytest.approx(1.0)
    assert key in learner.completed_items()


def test_a_learner_answers_each_real_activity_right(live_server, page, subtests):
    """One course with every file (imported once), one item each."""
    versions = {name: h5p_site.import_h5p(name) for name in PLAYS}
    learner = h5p_site.enrolled_learner(list(PLAYS))
    for name, (answer, verb, points) in PLAYS.items():
        with subtests.test(name):
            url = h5p_site.player_url(live_server, learner, name, versions[name])
            answer(Player(page).open(url), content_json(name))
            assert_passed(learner, name, verb, points)


def test_a_wrong_answer_is_an_attempt_that_does_not_complete(play):
    name = "multiple-choice-713.h5p"
    content = content_json(name)
    learner, player = play(name)
    multichoice(player, content, right=False)

    (end,) = eventually(lambda: learner.scored_ends(name), lambda ends: ends)
    assert end.score_scaled == 0
    assert end.result["success"] is False
    result = learner.result(name)
    assert (result.attempts, result.passed, result.best_scaled) == (1, False, 0)
    assert name not in learner.completed_items()

    player.press("try-again")  # Retry, then the right answer
    multichoice(player, content)
    eventually(lambda: learner.scored_ends(name), lambda ends: len(ends) == 2)
    result = learner.result(name)
    assert (result.attempts, result.passed, result.best_scaled) == (2, True, 1)
    assert name in learner.completed_items()


def test_a_half_done_question_set_resumes_where_it_was_left(play, page):
    name = "question-set-616.h5p"
    content = content_json(name)
    first = content["questions"][0]["params"]["answers"]
    learner, player = play(name)
    choose(player.question(), first)
    player.check()
    player.press("next")  # on to the drag and drop question

    # H5P saves its state every HOCVIEN_H5P_SAVE_SECONDS.
    saved = eventually(
        lambda: learner.states(name).get(("0", "state")),
        lambda data: json.loads(data)["progress"] == 1,
    )
    assert json.loads(saved)["answers"][0]["answers"]  # the boxes ticked
    page.reload()
    player.wait_ready()

    # Back on the second question, with the first one's answers kept (ticked
    # again, but not checked: H5P's MultiChoice does not keep its verdict).
    expect(player.question().locator(".h5p-dropzone")).to_have_count(3)
    player.press("prev")
    ticked = player.question().locator(".h5p-answer[aria-checked=true]")
    expect(ticked).to_have_count(sum(answer["correct"] for answer in first))
    assert sorted(ticked.all_inner_texts()) == sorted(
        text_of(answer["text"]) for answer in first if answer["correct"]
    )
    expect(player.content.locator(".h5p-question-check-answer:visible")).to_have_count(
        1
    )
    assert not learner.scored_ends(name)


def test_interactive_video_loads_offline_without_its_video(play, page):
    """The video is on h5p.org, out of reach here: the player and the
    Interactive Video library (52 library folders) load without a script
    error (the page fixture checks), the video frame and its overlay for
    the interactions are there, H5P says it cannot play the video, and the
    activity's start ("attempted") reaches the server. Nothing else can be
    done: the controls, the interactions (shown at their time in the video)
    and the summary never appear without a video."""
    name = "interactive-video-2-618.h5p"
    failed = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    learner, player = play(name)
    video = player.content.locator(".h5p-interactive-video")
    expect(video.locator(".h5p-video-wrapper .h5p-overlay")).to_be_attached()
    expect(video.locator(".h5p-video-error")).to_be_visible()
    assert failed and all(url.startswith("https://h5p.org/") for url in failed)
    expect(video.locator(".h5p-controls")).to_be_hidden()
    eventually(
        lambda: list(learner.statements(name).values_list("verb", flat=True)),
        lambda verbs: h5p_site.VERB + "attempted" in verbs,
    )


# ----------------------------------------------------- from the lesson page

ACTIVITIES = [  # the first one is taller on a phone than its frame at first
    "fill-in-the-blanks-837.h5p",
    "multiple-choice-713.h5p",
    "true-false-question-34806.h5p",
]


def lesson_with_activities(versions):
    """A lesson: a long introduction, then three H5P activities."""
    home = ensure_wagtail_site().root_page
    catalogue = home.add_child(
        instance=CatalogueIndexPage(title="Khóa học", slug="khoa-hoc")
    )
    course = catalogue.add_child(
        instance=CoursePage(title="Quả mọng", slug="qua-mong", learning_hours=1)
    )
    module = course.add_child(instance=ModulePage(title="Phần 1", slug="phan-1"))
    introduction = "".join(
        f"<p>Đoạn {number}: quả việt quất, dâu tây và mâm xôi mọc trong rừng "
        "và trên núi; đọc kỹ trước khi làm bài tập bên dưới.</p>"
        for number in range(1, 61)
    )
    body = [{"type": "text", "value": introduction}] + [
        {
            "type": "h5p",
            "value": {
                "content": version.content_id,
                "pass_mark": None,
                "required": True,
            },
        }
        for version in versions
    ]
    lesson = module.add_child(
        instance=LessonPage(
            title="Bài 1: Quả mọng", slug="bai-1", body=json.dumps(body)
        )
    )
    publish(lesson)  # publishing syncs the course's items
    return course, lesson


# What the first activity's player reports to the lesson page.
HEIGHTS = """() => { window.h5pHeights = [];
  addEventListener("message", event => {
    const first = document.querySelector("iframe[data-h5p]");
    if (event.source === first.contentWindow && event.data.hocvienH5P === "height")
      window.h5pHeights.push(event.data.height); }); }"""


def test_a_lesson_page_loads_activities_when_seen_and_keeps_them_apart(
    live_server, content_origin, page, administrator_learner
):
    versions = [h5p_site.import_h5p(name) for name in ACTIVITIES]
    course, lesson = lesson_with_activities(versions)
    progress.enrol(user=administrator_learner, course=course)
    learner = Learner(user=administrator_learner, course=course)
    asked = []
    page.on(
        "request",
        lambda request: (
            asked.append(request.url)
            if request.url.startswith(content_origin)
            else None
        ),
    )

    log_in(page, live_server.url, "quantri")
    page.goto(live_server.url + lesson.url)
    page.evaluate(HEIGHTS)
    frames = page.locator("iframe[data-h5p]")
    expect(frames).to_have_count(3)
    # Give the lesson's script a few frames to see what is on screen.
    page.evaluate("() => new Promise(r => setTimeout(r, 300))")
    assert asked == []
    assert all(frame.get_attribute("src") is None for frame in frames.all())

    frames.first.scroll_into_view_if_needed()
    player = Player(page, root=page.frame_locator("iframe[data-h5p] >> nth=0"))
    player.wait_ready()
    link = frames.first.get_attribute("data-src")
    assert asked[0] == link
    ticket = read_launch_token(link.split("/play/")[1].strip("/"))
    assert ticket.content_id == versions[0].content_id
    # The frame grows to the height the player reports: its whole content.
    first_frame = frames.first
    player_page = player.root.locator("html")

    def heights():
        return (
            page.evaluate("() => window.h5pHeights.at(-1)"),
            player_page.evaluate(
                "html => Math.ceil(html.getBoundingClientRect().height)"
            ),
            first_frame.evaluate("frame => frame.getBoundingClientRect().height"),
        )

    reported, inside, shown = eventually(
        heights, lambda h: h[0] == h[1] == h[2] and h[0] > 150
    )
    assert reported > 400  # the frame's first height
    assert player.content.evaluate("c => c.getBoundingClientRect().bottom") <= shown

    # H5P runs on the content origin: no cookie there, no way into the
    # lesson page, and the learner's LMS session is out of its reach.
    assert page.evaluate("fetch('/admin/').then(r => r.url)").endswith("/admin/")
    h5p = player.h5p.locator("html")
    assert h5p.evaluate("() => window.origin") == content_origin
    assert h5p.evaluate("() => document.cookie") == ""
    reach_top = (
        "() => { try { return top.document.title } catch (e) { return e.name } }"
    )
    assert h5p.evaluate(reach_top) == "SecurityError"
    steal = """(_html, url) => fetch(url, {credentials: "include"})
        .then(r => r.type + ' ' + r.status).catch(e => 'refused: ' + e.name)"""
    assert h5p.evaluate(steal, live_server.url + "/admin/") == "refused: TypeError"
    assert not page.context.cookies(content_origin)

    blanks(player, content_json(ACTIVITIES[0]))
    eventually(learner.completed_items, lambda done: done == {ticket.item_key})
    assert eventually(lambda: learner.states(ticket.item_key), bool)  # H5P saves
    page.reload()
    expect(page.locator(".h5p-activity").first).to_contain_text("✓")
