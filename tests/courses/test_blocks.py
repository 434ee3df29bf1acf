"""The ``register_lesson_blocks`` hook: a block another app registers joins
the lesson body in the editor, becomes a progress item when it says so,
renders on the lesson page with the viewer's state, and stays out of
migrations."""

import json
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from wagtail import blocks, hooks

from courses.blocks import LectureBlock, LessonBody
from courses.models import LessonPage
from lms.progress import api as progress
from lms.progress.data import ItemKind, ItemSpec
from lms.progress.models import Item
from tests.factories import UserFactory

from .conftest import build_course, publish, ready_video

pytestmark = pytest.mark.django_db

TEMPLATES_DIR = Path(__file__).parent / "templates"


class QuizBlock(blocks.StructBlock):
    """What an app below ``courses`` (SCORM, H5P...) would register."""

    question = blocks.CharBlock(label="Quiz question")
    counted = blocks.BooleanBlock(required=False, default=True)

    class Meta:
        label = "Quiz for the test"
        template = "courses_tests/quiz_block.html"

    def item_spec(self, key, value):
        if not value["counted"]:
            return None
        return ItemSpec(key=key, kind=ItemKind.ASSESSMENT, title=value["question"])

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["greeting"] = "hello from get_context"
        return context


def quiz_blocks():
    return [("quiz", QuizBlock())]


def forget_lesson_blocks():
    """The body's block is built once; make it read the hooks again."""
    LessonPage._meta.get_field("body").__dict__.pop("stream_block", None)


@pytest.fixture
def quiz_registered(settings):
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [TEMPLATES_DIR]}]
    with hooks.register_temporarily("register_lesson_blocks", quiz_blocks):
        forget_lesson_blocks()
        yield
    forget_lesson_blocks()


def quiz_lesson(course, *questions, counted=True):
    module = course.get_children().first()
    body = [
        {"type": "quiz", "value": {"question": q, "counted": counted}}
        for q in questions
    ]
    lesson = module.add_child(
        instance=LessonPage(
            title="Bài kiểm tra", slug="kiem-tra", body=json.dumps(body)
        )
    )
    return publish(lesson)


def test_the_core_blocks_come_first_then_those_the_installed_apps_register():
    body = LessonPage._meta.get_field("body").stream_block
    assert list(body.child_blocks) == ["text", "lecture", "document", "scorm", "h5p"]


def test_a_registered_block_joins_the_editor(admin_client, quiz_registered, course):
    body = LessonPage._meta.get_field("body").stream_block
    assert list(body.child_blocks) == [
        "text",
        "lecture",
        "document",
        "scorm",
        "h5p",
        "quiz",
    ]
    lesson = LessonPage.objects.descendant_of(course).first()
    response = admin_client.get(f"/admin/pages/{lesson.pk}/edit/")
    assert response.status_code == 200
    assert "Quiz for the test" in response.text


def test_a_registered_block_that_is_an_activity_becomes_an_item_on_publish(
    quiz_registered, course
):
    lesson = quiz_lesson(course, "Câu hỏi 1")
    block_id = lesson.body[0].id
    item = Item.objects.get(course=course, key=f"lesson{lesson.pk}:{block_id}")
    assert (item.kind, item.title, item.is_active) == ("assessment", "Câu hỏi 1", True)


def test_a_block_whose_item_spec_is_none_is_not_an_item(quiz_registered, course):
    lesson = quiz_lesson(course, "Chưa tính", counted=False)
    assert not Item.objects.filter(key__startswith=f"lesson{lesson.pk}:").exists()


def test_a_lecture_without_a_video_is_not_an_item_yet():
    value = LectureBlock().to_python({"video": None, "threshold": 90})
    assert LectureBlock().item_spec("lesson1:x", value) is None


def test_the_lesson_page_renders_a_registered_block_with_the_learners_state(
    client, quiz_registered, course
):
    lesson = quiz_lesson(course, "Câu hỏi 1")
    key = f"lesson{lesson.pk}:{lesson.body[0].id}"
    learner = UserFactory(username="hoc-vien-quiz")
    client.force_login(learner)

    page = client.get(lesson.url).text
    assert f'data-quiz-key="{key}"' in page
    assert f'data-lesson="{lesson.pk}"' in page
    assert "hello from get_context" in page
    assert "data-learner" not in page

    progress.enrol(user=learner, course=course)
    progress.submit_completion(
        user=learner, course_id=course.pk, item_key=key, source="quiz"
    )
    page = client.get(lesson.url).text
    assert f'data-learner="{learner.pk}"' in page
    assert "data-done" in page


def test_lectures_still_get_a_tracked_player_beside_a_registered_block(
    client, quiz_registered, catalogue
):
    course = build_course(catalogue)
    learner = UserFactory(username="hoc-vien-lecture")
    progress.enrol(user=learner, course=course)
    client.force_login(learner)
    lesson = LessonPage.objects.live().descendant_of(course).first()
    assert "data-report-url" in client.get(lesson.url).text


def test_migrations_stay_clean_with_a_registered_block(quiz_registered):
    assert "quiz" in LessonPage._meta.get_field("body").stream_block.child_blocks
    call_command("makemigrations", "courses", "--check", "--dry-run", verbosity=0)


def test_the_field_deconstructs_as_a_plain_streamfield_of_the_core_blocks(
    quiz_registered,
):
    _name, path, args, kwargs = LessonPage._meta.get_field("body").deconstruct()
    assert path == "wagtail.fields.StreamField"
    assert [name for name, _index in args[0]] == ["text", "lecture", "document"]
    assert kwargs["blank"] is True


def test_a_registered_name_that_is_taken_is_refused():
    def clash():
        return [("lecture", QuizBlock())]

    with hooks.register_temporarily("register_lesson_blocks", clash):
        with pytest.raises(ImproperlyConfigured, match="lecture"):
            LessonBody()


def test_stored_blocks_of_an_app_no_longer_installed_are_skipped(course):
    lesson = LessonPage.objects.descendant_of(course).first()
    raw = [{"type": "quiz", "value": {"question": "?"}, "id": "x"}]
    LessonPage.objects.filter(pk=lesson.pk).update(body=raw)
    lesson.refresh_from_db()
    assert list(lesson.body) == []


def test_a_lecture_is_a_video_item_with_its_threshold_and_duration(course):
    video = ready_video("Bài mới", duration=60.0)
    value = LectureBlock().to_python({"video": video.pk, "threshold": 80})
    spec = LectureBlock().item_spec("lesson1:y", value)
    assert (spec.kind, spec.threshold, spec.duration) == ("video", 0.8, 60.0)
