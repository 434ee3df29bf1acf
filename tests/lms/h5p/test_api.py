"""Recording statements and saved state through lms.h5p.api."""

import uuid

import pytest

from lms.h5p import api
from lms.h5p.models import Result, Statement, UserState
from lms.progress.models import ItemCompletion
from tests.factories import UserFactory

from .conftest import ITEM_KEY, make_ticket, statement
from .packages import import_fixture

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def completion(user, course):
    return ItemCompletion.objects.filter(
        user=user, item__course=course, item__key=ITEM_KEY
    ).first()


def test_the_actor_is_the_learner_of_the_link_never_the_statement(
    learner, course, multichoice
):
    ticket = make_ticket(learner, course, multichoice)
    api.record_statements(ticket, [statement(multichoice, "interacted")])
    row = Statement.objects.get()
    assert row.user == learner
    assert row.actor["account"] == {
        "homePage": "http://testserver",
        "name": str(learner.pk),
    }
    assert "evil" not in str(row.actor)
    assert row.raw["actor"]["mbox"] == "mailto:evil@example.com"  # kept as sent
    assert (row.course_id, row.item_key, row.version_id) == (
        course.pk,
        ITEM_KEY,
        multichoice.pk,
    )


def test_a_full_score_completes_the_item_with_its_score(learner, course, multichoice):
    ticket = make_ticket(learner, course, multichoice)
    recorded = api.record_statements(
        ticket, [statement(multichoice, raw=3, max_score=3)]
    )
    assert recorded.completed_now
    assert completion(learner, course).score == 1.0
    result = Result.objects.get()
    assert (result.attempts, result.last_scaled, result.best_scaled, result.passed) == (
        1,
        1.0,
        1.0,
        True,
    )


def test_below_the_content_pass_mark_the_attempt_counts_but_does_not_complete(
    learner, course, multichoice
):
    ticket = make_ticket(learner, course, multichoice)  # the content asks 100 %
    recorded = api.record_statements(
        ticket, [statement(multichoice, raw=2, max_score=3)]
    )
    assert not recorded.completed_now
    assert completion(learner, course) is None
    result = Result.objects.get()
    assert result.attempts == 1 and not result.passed
    api.record_statements(ticket, [statement(multichoice, raw=3, max_score=3)])
    result.refresh_from_db()
    assert result.attempts == 2 and result.passed and result.best_scaled == 1.0
    assert completion(learner, course).score == 1.0


def test_the_lesson_pass_mark_overrides_the_content_own(learner, course, multichoice):
    ticket = make_ticket(learner, course, multichoice, pass_mark=60.0)
    assert api.record_statements(
        ticket, [statement(multichoice, raw=2, max_score=3)]
    ).completed_now
    assert completion(learner, course).score == pytest.approx(0.6667)


def test_without_any_pass_mark_the_content_verdict_decides(learner, course):
    truefalse = import_fixture("true-false-question-34806.h5p")  # no pass mark
    ticket = make_ticket(learner, course, truefalse)
    assert not api.record_statements(
        ticket, [statement(truefalse, raw=0, max_score=1)]
    ).completed_now
    assert api.record_statements(
        ticket, [statement(truefalse, raw=1, max_score=1)]
    ).completed_now


def test_answers_of_parts_are_kept_but_do_not_complete_the_item(learner, course):
    quiz = import_fixture("question-set-616.h5p")
    ticket = make_ticket(learner, course, quiz)
    recorded = api.record_statements(
        ticket,
        [
            statement(quiz, raw=1, max_score=1, sub="q1"),
            statement(quiz, raw=1, max_score=1, sub="q2"),
        ],
    )
    assert recorded.stored == 2 and not recorded.completed_now
    assert Statement.objects.filter(top_level=False).count() == 2
    assert Result.objects.get().attempts == 0
    api.record_statements(ticket, [statement(quiz, "completed", raw=2, max_score=3)])
    assert completion(learner, course) is not None  # 67 % ≥ the set's 50 %


def test_a_retried_request_is_not_counted_twice(learner, course, multichoice):
    ticket = make_ticket(learner, course, multichoice)
    sent = [statement(multichoice, raw=2, max_score=3, id=str(uuid.uuid4()))]
    assert api.record_statements(ticket, sent).stored == 1
    again = api.record_statements(ticket, sent)
    assert (again.stored, again.duplicates) == (0, 1)
    assert Result.objects.get().attempts == 1
    assert Statement.objects.count() == 1


def test_an_id_of_someone_else_statement_never_touches_theirs(
    learner, course, multichoice
):
    other = UserFactory()
    from lms.progress import api as progress

    progress.enrol(user=other, course=course)
    shared_id = str(uuid.uuid4())
    api.record_statements(
        make_ticket(other, course, multichoice),
        [statement(multichoice, "interacted", id=shared_id)],
    )
    api.record_statements(
        make_ticket(learner, course, multichoice),
        [statement(multichoice, "interacted", id=shared_id)],
    )
    assert Statement.objects.filter(user=other).count() == 1
    assert Statement.objects.filter(user=learner).count() == 1
    assert Statement.objects.get(user=other).pk == uuid.UUID(shared_id)


def test_one_refused_statement_refuses_the_request(learner, course, multichoice):
    ticket = make_ticket(learner, course, multichoice)
    good = statement(multichoice, raw=3, max_score=3)
    bad = statement(multichoice, raw=9, max_score=3)
    bad["result"]["score"]["scaled"] = 1
    with pytest.raises(api.H5PError, match="out of range"):
        api.record_statements(ticket, [good, bad])
    assert not Statement.objects.exists() and completion(learner, course) is None


def test_someone_not_enrolled_records_nothing(course, multichoice):
    stranger = UserFactory()
    with pytest.raises(api.H5PError, match="not enrolled"):
        api.record_statements(
            make_ticket(stranger, course, multichoice),
            [statement(multichoice, raw=3, max_score=3)],
        )
    assert not Statement.objects.exists()


def test_an_activity_removed_from_the_course_records_nothing(
    learner, course, multichoice
):
    ticket = make_ticket(learner, course, multichoice, item_key="gone")
    with pytest.raises(api.H5PError, match="not part of the course"):
        api.record_statements(ticket, [statement(multichoice, raw=3, max_score=3)])


def test_too_many_statements_at_once_are_refused(learner, course, multichoice):
    ticket = make_ticket(learner, course, multichoice)
    with pytest.raises(api.H5PError):
        api.record_statements(ticket, [statement(multichoice, "interacted")] * 101)
    with pytest.raises(api.H5PError):
        api.record_statements(ticket, {"not": "a list"})


# -- saved state ----------------------------------------------------------------


def test_state_is_saved_loaded_preloaded_and_forgotten(learner, course, multichoice):
    ticket = make_ticket(learner, course, multichoice)
    api.save_state(
        ticket, sub_content_id="0", data_type="state", data='{"answers":[1]}'
    )
    api.save_state(
        ticket, sub_content_id="0", data_type="state", data='{"answers":[2]}'
    )
    assert (
        api.load_state(ticket, sub_content_id="0", data_type="state")
        == '{"answers":[2]}'
    )
    assert api.preloaded_state(ticket) == {"0": {"state": '{"answers":[2]}'}}
    api.save_state(ticket, sub_content_id="0", data_type="state", data=None)
    assert api.load_state(ticket, sub_content_id="0", data_type="state") is None


def test_state_belongs_to_one_learner_activity_and_version(
    learner, course, multichoice
):
    ticket = make_ticket(learner, course, multichoice)
    api.save_state(ticket, sub_content_id="0", data_type="state", data="{}")
    other = UserFactory()
    assert api.preloaded_state(make_ticket(other, course, multichoice)) == {}
    newer = import_fixture("multiple-choice-713.h5p", content=multichoice.content)
    assert api.preloaded_state(make_ticket(learner, course, newer)) == {}
    assert UserState.objects.count() == 1


def test_oversized_state_is_refused(learner, course, multichoice):
    ticket = make_ticket(learner, course, multichoice)
    with pytest.raises(api.H5PError, match="too large"):
        api.save_state(
            ticket,
            sub_content_id="0",
            data_type="state",
            data="x" * (api.MAX_STATE_CHARS + 1),
        )
    assert not UserState.objects.exists()


def test_a_ticket_for_a_deleted_version_is_refused(learner, course, multichoice):
    ticket = make_ticket(learner, course, multichoice, version_id=multichoice.pk + 1000)
    with pytest.raises(api.H5PError, match="no longer available"):
        api.version_of(ticket)


def test_a_forged_token_is_refused():
    with pytest.raises(api.H5PError, match="expired or is not valid"):
        api.read_ticket("forged:token")


def test_a_course_final_assessment_mark_above_the_lessons_waits_for_a_better_score(
    learner, course, multichoice
):
    """The lesson passes at 60 %, the course's final assessment asks 80 %:
    a 67 % pass is refused by progress, a later 100 % completes the item."""
    from lms.progress import api as progress
    from lms.progress.data import ItemKind, ItemSpec

    progress.sync_course_items(
        course=course,
        items=[ItemSpec(key=ITEM_KEY, kind=ItemKind.H5P, title="Câu hỏi", final=True)],
    )
    progress.set_completion_rule(course=course, final_pass_percent=80)
    ticket = make_ticket(learner, course, multichoice, pass_mark=60.0)
    first = api.record_statements(ticket, [statement(multichoice, raw=2, max_score=3)])
    assert not first.completed_now
    assert completion(learner, course) is None
    assert Result.objects.get().passed
    again = api.record_statements(ticket, [statement(multichoice, raw=3, max_score=3)])
    assert again.completed_now
    assert completion(learner, course).score == 1.0
