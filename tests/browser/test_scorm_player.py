"""The real SCORM packages of ../shared/fixtures in Chromium, on a phone.

Each package is imported, put in a course for an enrolled learner and opened
on the content origin; the learner moves through it with the package's own
buttons (and the player's contents menu and Next for packages of several
parts), answers its quiz, then leaves. What "a result" honestly is differs
per package: RESULTS says it, and the package's case asserts it.

A last test takes the way a learner really comes: logged in on the LMS, a
lesson page frames the player from the content origin, which cannot read the
learner's session.
"""

import json
import re
from pathlib import Path

import pytest
import wagtail
from playwright.sync_api import expect

from courses.models import CatalogueIndexPage, CoursePage, LessonPage, ModulePage
from lms.progress import api as progress
from lms.scorm.data import AttemptStatus
from tests.browser import scorm_site
from tests.browser.accounts import log_in
from tests.browser.scorm_site import ITEM_KEY, Learner, Player, eventually
from tests.courses.conftest import publish
from tests.factories import ensure_wagtail_site
from tests.lms.scorm import packages

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

RESULTS = {
    # ------------------------------------------------------------ SCORM 1.2
    "RuntimeBasicCalls_SCORM12.zip": (
        "One SCO of 15 pages. The learner pages through to the quiz, answers "
        "every question right and presses the SCO's Exit: the SCO reports "
        "passed, raw score 100, its bookmark and session time; the attempt "
        "is completed and passed with 1.0; the course item is completed."
    ),
    "singlesco_scorm12.zip": (
        "The launch page is a placeholder ('Not implemented yet') that never "
        "calls the API: the package reports nothing at all, so the lesson "
        "counts it with the 'finish' rule. The learner opens it and presses "
        "the player's Finish: the part is noted as left (finished), with no "
        "data and 'not attempted'; the item is completed."
    ),
    "ContentPackagingOneFilePerSCO_SCORM12.zip": (
        "18 assets, no SCO. The learner opens the first part, the second "
        "from the contents menu and the rest with the player's Next: an "
        "asset is completed when launched, so every part, the attempt and "
        "the item are completed."
    ),
    "exelearning_actividad-evaluable_scorm12.zip": (
        "eXeLearning 4 page with a true/false question and a 'guess' game. "
        "The learner answers both right, saves the game's score and closes "
        "the tab: raw score 100, passed, each iDevice's score in the suspend "
        "data; the attempt passed with 1.0, the item completed."
    ),
    "RuntimeMinimumCalls_SCORM12.zip": (
        "18 SCOs that only call LMSInitialize and LMSFinish. The learner "
        "walks every part with Next; each LMSFinish without a status makes "
        "the SCO 'completed' (SCORM 1.2 RTE: the LMS sets a status the SCO "
        "never set), so under the 'package' rule every part, the attempt "
        "and the item are completed; the time between the steps is counted."
    ),
    # ----------------------------------------------------------- SCORM 2004
    "RuntimeBasicCalls_SCORM20043rdEdition.zip": (
        "One SCO. Pages, quiz all right, the SCO's Exit (adl.nav.request "
        "exitAll): completed, passed, scaled score 1.0, session time; the "
        "attempt ended, passed with 1.0; the item completed."
    ),
    "ContentPackagingMetadata_SCORM20043rdEdition.zip": (
        "The same placeholder launch page as singlesco_scorm12. The learner "
        "opens it and presses the player's Finish (exitAll): the sequencer "
        "ends the activity's attempt, and as the content sets no status "
        "(completionSetByContent false, SN UP.4) the part and the package "
        "are completed and satisfied; the attempt ended, the item completed."
    ),
    "ContentPackagingSingleSCO_SCORM20042ndEdition.zip": (
        "As the Metadata example, from a 2004 2nd edition manifest."
    ),
    "SequencingForcedSequential_SCORM20043rdEdition.zip": (
        "5 SCOs in forced order. The contents menu lets the learner open "
        "the first part only; they page through it, press Next and part 2 "
        "opens, now the only other part enabled; so on to the quiz, all "
        "right. Every part completed and satisfied, the attempt ended, "
        "completed and passed, the item completed."
    ),
    "SequencingPostTestRollup4thEd_SCORM20044thEdition.zip": (
        "Only the post test rolls up. From part 1 the learner presses the "
        "SCO's 'Skip to the Test' (a 4th edition jump), answers all right "
        "and presses Next: the course is completed and passed with the "
        "test's 1.0 although part 1 is not completed. The launch page loads "
        "jQuery from Google's CDN, which the default content policy refuses "
        "(see cdn_scripts_allowed)."
    ),
    "SequencingSimpleRemediation_SCORM20043rdEdition.zip": (
        "Flow only: the contents menu opens nothing. The learner walks the "
        "4 lessons and 4 quizzes with Next, failing the Etiquette quiz; at "
        "the end the package sends them back through the Etiquette lesson "
        "and quiz (the other lessons and quizzes passed are skipped) to the "
        "last quiz, which ends the loop. All quizzes passed: the attempt "
        "ended, completed and passed with 1.0, the item completed."
    ),
}


class Visit:
    """A learner opening one imported package on a phone."""

    def __init__(self, live_server, page, settings):
        self.live_server, self.page, self.settings = live_server, page, settings

    def open(self, name: str, rule: str = "package"):
        version = scorm_site.import_package(name)
        learner = scorm_site.enrolled_learner(version.package.title)
        url = scorm_site.player_url(self.live_server, learner, version.package_id, rule)
        player = Player(self.page)
        return learner, player, player.open(url)


@pytest.fixture
def content_origin(live_server, settings):
    """The player on http://content.localhost:<port>: a host of its own."""
    settings.HOCVIEN_CONTENT_ORIGIN = scorm_site.content_origin(live_server)
    return settings.HOCVIEN_CONTENT_ORIGIN


@pytest.fixture
def visit(live_server, content_origin, phone_page, settings):
    phone_page.set_default_timeout(scorm_site.WAIT_MS)
    return Visit(live_server, phone_page, settings)


def assert_completed_and_passed(learner: Learner, status=AttemptStatus.ACTIVE):
    attempt = learner.attempt()
    assert attempt.completion_status == "completed"
    assert attempt.success_status == "passed"
    assert attempt.score_scaled == pytest.approx(1.0)
    assert attempt.status == status
    assert learner.completed_items() == {ITEM_KEY}


# ------------------------------------------------------------------ SCORM 1.2


def runtime_basic_calls_12(visit, name):
    learner, player, part = visit.open(name)
    assert part["sco"] == "item_1"
    assert scorm_site.golf_page_through(player) == 15
    assert scorm_site.golf_quiz(player) == 100
    player.sco.locator("#butExit").click()  # LMSFinish: the beacon leaves

    sco = eventually(lambda: learner.sco("item_1"), lambda row: row.finished)
    assert sco.cmi["cmi.core.lesson_status"] == "passed"
    assert sco.cmi["cmi.core.score.raw"] == "100"
    assert sco.cmi["cmi.core.lesson_location"] == "14"
    assert re.fullmatch(r"\d{2,4}:\d\d:\d\d(\.\d+)?", sco.cmi["cmi.core.session_time"])
    assert (sco.completion_status, sco.success_status) == ("completed", "passed")
    assert sco.score_scaled == pytest.approx(1.0)
    assert_completed_and_passed(learner)
    expect(player.page.locator("#scorm-status")).not_to_be_empty()  # "finished"


def placeholder(visit, name):
    learner, player, part = visit.open(name, rule="finish")
    expect(player.sco.locator("h1")).to_have_text(
        "Not implemented yet", timeout=scorm_site.WAIT_MS
    )
    assert player.finish()["ended"]
    record = learner.sco(part["sco"])
    assert (record.cmi, record.completion_status, record.finished) == (
        {},
        "not attempted",
        True,
    )
    assert learner.completed_items() == {ITEM_KEY}


def placeholder_2004(visit, name):
    learner, player, part = visit.open(name)
    expect(player.sco.locator("h1")).to_have_text(
        "Not implemented yet", timeout=scorm_site.WAIT_MS
    )
    assert player.finish()["ended"]
    attempt = learner.attempt()
    assert attempt.status == AttemptStatus.ENDED
    assert (attempt.completion_status, attempt.success_status) == (
        "completed",
        "passed",
    )
    assert learner.completed_items() == {ITEM_KEY}


def assets_one_file_per_sco(visit, name):
    learner, player, part = visit.open(name)
    assert not part["isSco"]
    assert learner.sco(part["sco"]).completion_status == "completed"
    parts = [title for title, enabled in player.contents() if enabled]
    assert len(parts) == 18  # 22 items, 4 of them folders
    opened = [part["sco"], player.choose(parts[1])["sco"]]
    while (part := player.next())["sco"]:
        opened.append(part["sco"])
    assert part["ended"]

    attempt = learner.attempt()
    assert sorted(opened) == sorted(row.sco for row in attempt.scos.all())
    assert attempt.scos.filter(completion_status="completed").count() == 18
    assert attempt.completion_status == "completed"
    assert learner.completed_items() == {ITEM_KEY}
    player.root.locator("#scorm-toc-toggle").click()
    labels = player.root.locator("#scorm-toc button").all_inner_texts()
    assert len(labels) == 18
    assert all(label.endswith("✓") for label in labels)


def exelearning_graded(visit, name):
    learner, player, part = visit.open(name)
    page = player.sco
    # "Verdadero o falso": "Te gusta?" is true; checking saves the score.
    page.locator(".TOFP-Answer[value='1']").check()
    page.locator(".trueorfalse button[id^=tofPCheckTest]").click()
    # "Adivina": guess the phrase from its letters, then save the score.
    page.locator("#adivinaStartGame-0").click()
    answer = page.locator("#adivinaEdAnswer-0")
    answer.fill("De que color era el caballo blanco de santiago")
    answer.press("Enter")
    page.locator(".guess .Games-SendScore").click()
    score = page.locator("#eXeScoreNodeScore")
    expect(score).to_contain_text("100/100", timeout=scorm_site.WAIT_MS)
    player.leave()

    sco = eventually(lambda: learner.sco(part["sco"]), lambda row: row.finished)
    assert sco.cmi["cmi.core.score.raw"] == "100"
    assert sco.cmi["cmi.core.lesson_status"] == "passed"
    assert "Verdadero o falso" in sco.cmi["cmi.suspend_data"]
    assert "Adivina" in sco.cmi["cmi.suspend_data"]
    assert_completed_and_passed(learner)


def runtime_minimum_calls(visit, name):
    learner, player, part = visit.open(name)
    opened = [part["sco"]]
    player.wait_initialised()
    while (part := player.next())["sco"]:
        player.wait_initialised()
        opened.append(part["sco"])
    assert len(opened) == 18

    attempt = learner.attempt()
    assert sorted(opened) == sorted(row.sco for row in attempt.scos.all())
    assert all(row.finished for row in attempt.scos.all())
    assert attempt.scos.filter(completion_status="completed").count() == 18
    assert attempt.active_seconds > 0
    assert learner.completed_items() == {ITEM_KEY}


# ----------------------------------------------------------------- SCORM 2004


def runtime_basic_calls_2004(visit, name):
    learner, player, part = visit.open(name)
    assert scorm_site.golf_page_through(player) == 15
    assert scorm_site.golf_quiz(player) == 100
    ended = player.delivered_after(player.sco.locator("#butExit").click)
    assert (ended["sco"], ended["ended"]) == (None, True)

    sco = learner.sco(part["sco"])
    assert (sco.completion_status, sco.success_status) == ("completed", "passed")
    assert sco.cmi["cmi.score.scaled"] == "1"
    assert sco.cmi["cmi.session_time"].startswith("PT")
    assert_completed_and_passed(learner, status=AttemptStatus.ENDED)


def forced_sequential(visit, name):
    learner, player, part = visit.open(name)
    titles = ["Playing the Game", "Etiquette", "Handicapping", "Having Fun", "Quiz"]
    assert player.contents() == [(t, t == titles[0]) for t in titles]
    assert scorm_site.golf_page_through(player) == 5
    player.wait_initialised()
    part = player.next()
    assert part["sco"] == "etuqiette_item"
    assert player.contents() == [(t, t in titles[:2]) for t in titles]
    for pages in [3, 4, 2]:
        assert scorm_site.golf_page_through(player) == pages
        player.wait_initialised()
        part = player.next()
    assert part["sco"] == "assessment_item"
    assert scorm_site.golf_quiz(player) == 100
    assert player.next()["ended"]

    attempt = learner.attempt()
    assert attempt.scos.filter(completion_status="completed").count() == 5
    assert attempt.scos.filter(success_status="passed").count() == 5
    assert (attempt.completion_status, attempt.success_status) == (
        "completed",
        "passed",
    )
    assert attempt.status == AttemptStatus.ENDED
    assert learner.completed_items() == {ITEM_KEY}


CDN = "https://ajax.googleapis.com"
WAGTAIL_VENDOR = Path(wagtail.__file__).parent / "admin/static/wagtailadmin/js/vendor"


def cdn_scripts_allowed(visit):
    """The package loads jQuery from Google's CDN, which the content policy
    allows; the test machine, offline, answers for the CDN with Wagtail's
    copies."""

    def from_wagtail(route):
        ui = "jqueryui" in route.request.url
        name = "jquery-ui-1.13.2.min.js" if ui else "jquery-3.6.0.min.js"
        route.fulfill(path=WAGTAIL_VENDOR / name, content_type="text/javascript")

    visit.page.context.route(f"{CDN}/**", from_wagtail)


def post_test_rollup(visit, name):
    cdn_scripts_allowed(visit)
    learner, player, part = visit.open(name)
    assert part["sco"] == "playing_item"
    player.wait_initialised()
    quiz = player.delivered_after(player.sco.locator("#butJump").click)
    assert quiz["sco"] == "assessment_item"
    assert scorm_site.golf_quiz(player) == 100
    assert player.next()["ended"]

    assert learner.sco("playing_item").completion_status == "incomplete"
    assert_completed_and_passed(learner, status=AttemptStatus.ENDED)


def simple_remediation(visit, name):
    learner, player, part = visit.open(name)
    assert not any(enabled for _title, enabled in player.contents())
    opened = [part["sco"]]
    while part["sco"]:
        player.wait_initialised()
        if part["sco"].startswith("test_"):
            fail = part["sco"] == "test_2" and opened.count("test_2") == 1
            assert scorm_site.golf_quiz(player, right=not fail) == (0 if fail else 100)
        part = player.next()
        opened.append(part["sco"])
    assert opened == [
        "playing_item",
        "etuqiette_item",
        "handicapping_item",
        "havingfun_item",
        "test_1",
        "test_2",  # failed
        "test_3",
        "test_4",  # the end of the loop: not satisfied, so once more
        "etuqiette_item",
        "test_2",
        "test_4",
        None,
    ]
    assert len(learner.sco("test_2").history) == 1  # the failed attempt, kept
    assert_completed_and_passed(learner, status=AttemptStatus.ENDED)


PLAYS = {
    "RuntimeBasicCalls_SCORM12.zip": runtime_basic_calls_12,
    "singlesco_scorm12.zip": placeholder,
    "ContentPackagingOneFilePerSCO_SCORM12.zip": assets_one_file_per_sco,
    "exelearning_actividad-evaluable_scorm12.zip": exelearning_graded,
    "RuntimeMinimumCalls_SCORM12.zip": runtime_minimum_calls,
    "RuntimeBasicCalls_SCORM20043rdEdition.zip": runtime_basic_calls_2004,
    "ContentPackagingMetadata_SCORM20043rdEdition.zip": placeholder_2004,
    "ContentPackagingSingleSCO_SCORM20042ndEdition.zip": placeholder_2004,
    "SequencingForcedSequential_SCORM20043rdEdition.zip": forced_sequential,
    "SequencingPostTestRollup4thEd_SCORM20044thEdition.zip": post_test_rollup,
    "SequencingSimpleRemediation_SCORM20043rdEdition.zip": simple_remediation,
}


def test_every_fixture_package_has_a_result_to_check():
    names = {path.name for path in packages.ALL}
    assert len(names) == 11
    assert names == set(RESULTS) == set(PLAYS)


@pytest.mark.parametrize("name", [path.name for path in packages.ALL])
def test_a_learner_plays_a_real_package_to_its_result(visit, name):
    PLAYS[name](visit, name)


# ----------------------------------------------------- from the lesson page


def lesson_with_package(package):
    home = ensure_wagtail_site().root_page
    catalogue = home.add_child(
        instance=CatalogueIndexPage(title="Khóa học", slug="khoa-hoc")
    )
    course = catalogue.add_child(
        instance=CoursePage(title="Chơi gôn", slug="choi-gon", learning_hours=1)
    )
    module = course.add_child(instance=ModulePage(title="Phần 1", slug="phan-1"))
    block = {
        "type": "scorm",
        "value": {
            "package": package.pk,
            "completion": "package",
            "minutes": None,
            "required": True,
        },
    }
    lesson = module.add_child(
        instance=LessonPage(title="Bài 1: Gôn", slug="bai-1", body=json.dumps([block]))
    )
    publish(lesson)  # publishing syncs the course's items
    return course, lesson


def test_a_lesson_page_plays_a_package_that_cannot_read_the_lms_session(
    live_server, content_origin, phone_page, administrator_learner
):
    version = scorm_site.import_package("RuntimeBasicCalls_SCORM12.zip")
    course, lesson = lesson_with_package(version.package)
    progress.enrol(user=administrator_learner, course=course)
    (key,) = progress.item_keys(course_id=course.pk)
    learner = Learner(user=administrator_learner, course=course, item_key=key)
    page = phone_page
    page.set_default_timeout(scorm_site.WAIT_MS)

    log_in(page, live_server.url, "quantri")
    page.goto(live_server.url + lesson.url)
    activity = page.locator(".scorm-activity")
    with page.expect_response(scorm_site.is_deliver):
        activity.locator("button.button").click()
    player = Player(page, root=page.frame_locator(".scorm-frame"))
    assert scorm_site.golf_page_through(player) == 15

    # The package runs on the content origin: no cookie there, no way into
    # the lesson page, and the learner's LMS session is out of its reach.
    assert page.evaluate("fetch('/admin/').then(r => r.url)").endswith("/admin/")
    package_page = player.sco.locator("html")
    assert package_page.evaluate("() => document.cookie") == ""
    assert package_page.evaluate("() => location.host").startswith("content.")
    reach_top = (
        "() => { try { return top.document.title } catch (e) { return e.name } }"
    )
    assert package_page.evaluate(reach_top) == "SecurityError"
    steal = """(_html, url) => fetch(url, {credentials: "include"})
        .then(r => r.type + ' ' + r.status).catch(e => 'refused: ' + e.name)"""
    assert package_page.evaluate(steal, live_server.url + "/admin/") == (
        "refused: TypeError"
    )
    assert not page.context.cookies(content_origin)

    assert scorm_site.golf_quiz(player) == 100
    player.sco.locator("#butExit").click()
    eventually(learner.completed_items, lambda keys: keys == {key})
    page.reload()
    expect(activity).to_contain_text("✓", timeout=scorm_site.WAIT_MS)
