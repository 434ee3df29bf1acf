"""End-of-class evaluation: defaults, who may answer, once only, anonymity,
and the numbers of the results."""

import datetime
import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from lms.training import evaluation as ev
from lms.training.data import MemberSource, MemberStatus, QuestionKind, QuestionTarget
from lms.training.models import (
    ClassInstructor,
    ClassMember,
    EvaluationAnswer,
    EvaluationResponse,
    EvaluationSubmission,
    Instructor,
)
from tests.factories import UserFactory

from .conftest import make_class

pytestmark = pytest.mark.usefixtures("english")

NOW = timezone.now()
HOUR = datetime.timedelta(hours=1)


def enrol(training_class, user, status=MemberStatus.ENROLLED):
    ClassMember.objects.create(
        training_class=training_class,
        user=user,
        status=status,
        source=MemberSource.STAFF,
    )
    return user


def teach(training_class, name):
    instructor = Instructor.objects.get_or_create(full_name=name)[0]
    ClassInstructor.objects.create(training_class=training_class, instructor=instructor)
    return instructor


def questions(evaluation, target, kind=QuestionKind.LIKERT):
    return list(evaluation.questions.filter(target=target, kind=kind))


def full_answers(evaluation, instructors, score=4, **overrides):
    """Every scale question answered with ``score``."""
    answers = {
        (q.pk, None): score for q in questions(evaluation, QuestionTarget.COURSE)
    }
    for q in questions(evaluation, QuestionTarget.INSTRUCTOR):
        for instructor in instructors:
            answers[q.pk, instructor.pk] = score
    answers.update(overrides)
    return answers


@pytest.fixture
def instructor(training_class):
    return teach(training_class, "Đỗ Minh Khoa")


@pytest.fixture
def evaluation(training_class, instructor):
    return ev.create_evaluation(training_class=training_class, opens_at=NOW - HOUR)


@pytest.fixture
def learner(training_class, learner_a):
    return enrol(training_class, learner_a)


# ------------------------------------------------------------------ create


def test_a_new_evaluation_has_the_default_questions(evaluation):
    course = evaluation.questions.filter(target=QuestionTarget.COURSE)
    about = evaluation.questions.filter(target=QuestionTarget.INSTRUCTOR)
    assert [q.kind for q in course] == ["likert"] * 3 + ["text"]
    assert [q.kind for q in about] == ["likert"] * 3 + ["text"]
    assert course[0].text == "Relevance of the content to your work"
    assert all(q.required == (q.kind == "likert") for q in evaluation.questions.all())
    assert evaluation.anonymous and evaluation.closes_at is None


def test_question_texts_are_stored_in_the_active_language(course, tree):
    with translation.override("vi"):
        evaluation = ev.create_evaluation(
            training_class=make_class(course, tree["province_a"])
        )
        vietnamese = translation.gettext("Relevance of the content to your work")
    assert evaluation.questions.first().text == vietnamese


def test_a_class_has_one_evaluation_only(evaluation, training_class):
    with pytest.raises(ev.EvaluationError, match="already has an evaluation"):
        ev.create_evaluation(training_class=training_class)


def test_an_evaluation_closing_before_it_opens_is_refused(training_class):
    with pytest.raises(ev.EvaluationError, match="close after it opens"):
        ev.create_evaluation(
            training_class=training_class, opens_at=NOW, closes_at=NOW - HOUR
        )


# ------------------------------------------------------------- pending_for


def test_pending_lists_open_evaluations_of_the_learners_classes(
    evaluation, learner, learner_b, instructor
):
    assert ev.pending_for(learner) == [evaluation]
    assert ev.pending_for(learner_b) == []
    ev.submit(
        evaluation=evaluation,
        user=learner,
        answers=full_answers(evaluation, [instructor]),
    )
    assert ev.pending_for(learner) == []


@pytest.mark.parametrize(
    ("opens", "closes"),
    [(NOW + HOUR, None), (NOW - 2 * HOUR, NOW - HOUR)],
    ids=["not yet open", "closed"],
)
def test_evaluations_not_open_are_not_pending(evaluation, learner, opens, closes):
    evaluation.opens_at, evaluation.closes_at = opens, closes
    evaluation.save()
    assert ev.pending_for(learner) == []


def test_learners_not_enrolled_have_nothing_pending(
    evaluation, training_class, learner_b
):
    enrol(training_class, learner_b, status=MemberStatus.WAITLISTED)
    assert ev.pending_for(learner_b) == []


# ------------------------------------------------------------------ submit


def test_a_learner_answers_once_and_everything_is_stored(
    evaluation, learner, instructor
):
    comment = questions(evaluation, QuestionTarget.COURSE, QuestionKind.TEXT)[0]
    answers = full_answers(evaluation, [instructor], score="5")
    answers[comment.pk, None] = "  More field visits, please.  "
    response = ev.submit(evaluation=evaluation, user=learner, answers=answers)
    assert response.answers.count() == 3 + 3 + 1
    assert response.answers.get(question=comment).text == "More field visits, please."
    assert set(
        response.answers.exclude(score=None).values_list("score", flat=True)
    ) == {5}
    with pytest.raises(ev.EvaluationError, match="already answered"):
        ev.submit(evaluation=evaluation, user=learner, answers=answers)
    assert EvaluationResponse.objects.count() == 1


def test_an_anonymous_response_keeps_no_link_to_the_learner(
    evaluation, learner, instructor
):
    response = ev.submit(
        evaluation=evaluation,
        user=learner,
        answers=full_answers(evaluation, [instructor]),
    )
    assert response.respondent is None
    assert response.submitted_on == timezone.localdate()
    assert isinstance(response.submitted_on, datetime.date)
    assert not isinstance(response.submitted_on, datetime.datetime)
    assert EvaluationSubmission.objects.filter(user=learner).count() == 1
    user_fields = [
        f.name
        for model in (EvaluationResponse, EvaluationAnswer)
        for f in model._meta.fields
        if f.related_model is type(learner) and f.name != "respondent"
    ]
    assert user_fields == []


def test_an_identified_response_names_the_learner(evaluation, learner, instructor):
    evaluation.anonymous = False
    evaluation.save()
    response = ev.submit(
        evaluation=evaluation,
        user=learner,
        answers=full_answers(evaluation, [instructor]),
    )
    assert response.respondent == learner


def refused(evaluation, user, answers, match):
    with pytest.raises(ev.EvaluationError, match=match):
        ev.submit(evaluation=evaluation, user=user, answers=answers)
    assert EvaluationResponse.objects.count() == 0
    assert EvaluationSubmission.objects.count() == 0


def test_someone_not_enrolled_cannot_answer(
    evaluation, training_class, learner_b, instructor
):
    enrol(training_class, learner_b, status=MemberStatus.PENDING)
    refused(
        evaluation,
        learner_b,
        full_answers(evaluation, [instructor]),
        "Only the learners",
    )


@pytest.mark.parametrize(
    ("opens", "closes"),
    [(NOW + HOUR, None), (NOW - 2 * HOUR, NOW - HOUR)],
    ids=["not yet open", "closed"],
)
def test_an_evaluation_not_open_refuses_answers(
    evaluation, learner, instructor, opens, closes
):
    evaluation.opens_at, evaluation.closes_at = opens, closes
    evaluation.save()
    refused(evaluation, learner, full_answers(evaluation, [instructor]), "not open")


def test_a_missing_required_answer_is_refused(evaluation, learner, instructor):
    answers = full_answers(evaluation, [instructor])
    answers.pop(next(iter(answers)))
    refused(evaluation, learner, answers, "required question")


def test_each_instructor_must_be_scored(
    evaluation, training_class, learner, instructor
):
    second = teach(training_class, "Vũ Thị Lan")
    answers = full_answers(evaluation, [instructor])
    refused(evaluation, learner, answers, "required question")
    ev.submit(
        evaluation=evaluation,
        user=learner,
        answers=full_answers(evaluation, [instructor, second]),
    )


@pytest.mark.parametrize("score", [0, 6, "x", 2.5])
def test_scores_outside_one_to_five_are_refused(evaluation, learner, instructor, score):
    first = questions(evaluation, QuestionTarget.COURSE)[0]
    answers = full_answers(evaluation, [instructor], **{})
    answers[first.pk, None] = score
    refused(evaluation, learner, answers, "from 1 to 5")


def test_answers_about_someone_not_teaching_the_class_are_refused(
    evaluation, learner, instructor
):
    stranger = Instructor.objects.create(full_name="Người ngoài")
    answers = full_answers(evaluation, [instructor])
    answers[questions(evaluation, QuestionTarget.INSTRUCTOR)[0].pk, stranger.pk] = 3
    refused(evaluation, learner, answers, "not an instructor of this class")


def test_a_course_question_answered_for_an_instructor_is_refused(
    evaluation, learner, instructor
):
    answers = full_answers(evaluation, [instructor])
    answers[questions(evaluation, QuestionTarget.COURSE)[0].pk, instructor.pk] = 3
    refused(evaluation, learner, answers, "about the course")


def test_answers_to_questions_of_another_evaluation_are_refused(
    evaluation, learner, instructor, course, tree
):
    other = ev.create_evaluation(training_class=make_class(course, tree["province_b"]))
    answers = full_answers(evaluation, [instructor])
    answers[other.questions.first().pk, None] = 3
    refused(evaluation, learner, answers, "another form")


def test_a_comment_over_the_limit_is_refused(evaluation, learner, instructor):
    comment = questions(evaluation, QuestionTarget.COURSE, QuestionKind.TEXT)[0]
    answers = full_answers(evaluation, [instructor])
    answers[comment.pk, None] = "x" * (ev.TEXT_MAX_LENGTH + 1)
    refused(evaluation, learner, answers, "at most 2000 characters")


@pytest.mark.django_db(transaction=True)
def test_parallel_submissions_store_one_response(tree, course):
    training_class = make_class(course, tree["province_a"])
    instructor = teach(training_class, "Đỗ Minh Khoa")
    evaluation = ev.create_evaluation(
        training_class=training_class, opens_at=NOW - HOUR
    )
    learner = enrol(training_class, UserFactory(username="song-song"))
    answers = full_answers(evaluation, [instructor])
    results, errors = [], []
    barrier = threading.Barrier(4)

    def answer():
        try:
            barrier.wait()
            with translation.override("en"):
                results.append(
                    ev.submit(evaluation=evaluation, user=learner, answers=answers)
                )
        except ev.EvaluationError as error:
            errors.append(str(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=answer) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 1
    assert errors == ["You have already answered this evaluation."] * 3
    assert EvaluationResponse.objects.count() == 1
    assert EvaluationSubmission.objects.count() == 1
    assert EvaluationAnswer.objects.count() == 6


# ------------------------------------------------------------- aggregation


def answer_with(evaluation, instructors, training_class, username, scores, comment=""):
    """A new learner answers: ``scores`` are the course scale answers in
    order, then each instructor's (same for all their questions)."""
    user = enrol(training_class, UserFactory(username=username))
    course_qs = questions(evaluation, QuestionTarget.COURSE)
    answers = {(q.pk, None): s for q, s in zip(course_qs, scores, strict=False)}
    for instructor, score in zip(instructors, scores[len(course_qs) :], strict=True):
        for q in questions(evaluation, QuestionTarget.INSTRUCTOR):
            answers[q.pk, instructor.pk] = score
    if comment:
        text_q = questions(evaluation, QuestionTarget.COURSE, QuestionKind.TEXT)[0]
        answers[text_q.pk, None] = comment
    return ev.submit(evaluation=evaluation, user=user, answers=answers)


def test_class_results_add_up_to_hand_computed_numbers(
    evaluation, training_class, instructor, learner_b
):
    second = teach(training_class, "Vũ Thị Lan")
    both = [instructor, second]
    # course q1: 5, 4, 4 → mean 4.3; q2: 3, 3, 2 → 2.7; q3: 1, 2, 5 → 2.7
    answer_with(evaluation, both, training_class, "hv1", [5, 3, 1, 5, 2], "Thêm ví dụ")
    answer_with(evaluation, both, training_class, "hv2", [4, 3, 2, 4, 2])
    answer_with(evaluation, both, training_class, "hv3", [4, 2, 5, 4, 3], "Tốt")
    enrol(training_class, learner_b)  # enrolled, did not answer

    results = ev.class_results(evaluation=evaluation)

    assert (results.responses, results.enrolled, results.response_rate) == (3, 4, 75)
    q1, q2, q3, comment = results.course
    assert (q1.count, q1.mean, q1.distribution) == (3, Decimal("4.3"), (0, 0, 0, 2, 1))
    assert (q2.count, q2.mean, q2.distribution) == (3, Decimal("2.7"), (0, 1, 2, 0, 0))
    assert (q3.count, q3.mean, q3.distribution) == (3, Decimal("2.7"), (1, 1, 0, 0, 1))
    assert [len(bar) for _, _, bar in q1.bars] == [0, 0, 0, 20, 10]
    assert comment.comments == ("Thêm ví dụ", "Tốt") and comment.mean is None
    khoa, lan = results.instructors
    assert khoa.name == "Đỗ Minh Khoa" and lan.name == "Vũ Thị Lan"
    assert [(q.count, q.mean) for q in khoa.questions[:3]] == [(3, Decimal("4.3"))] * 3
    assert khoa.questions[0].distribution == (0, 0, 0, 2, 1)
    assert (khoa.count, khoa.mean) == (9, Decimal("4.3"))
    # 2, 2, 3 on each of three questions: 21 / 9 = 2.33
    assert (lan.count, lan.mean) == (9, Decimal("2.3"))
    assert lan.questions[3].comments == ()


def test_means_round_half_up_to_one_decimal():
    assert ev.one_decimal(3.25) == Decimal("3.3")
    assert ev.one_decimal(3.35) == Decimal("3.4")
    assert ev.one_decimal(4) == Decimal("4.0")
    assert ev.one_decimal(None) is None


def test_an_evaluation_without_responses_has_empty_results(evaluation):
    results = ev.class_results(evaluation=evaluation)
    assert results.responses == 0 and results.response_rate is None
    assert all(q.count == 0 and q.mean is None for q in results.course)


def test_an_instructors_results_across_two_classes_are_weighted_by_answers(
    evaluation, training_class, instructor, course, tree
):
    # Class 1: two learners score 5 and 3 → 6 answers, mean 4.0.
    answer_with(evaluation, [instructor], training_class, "a1", [4, 4, 4, 5])
    answer_with(evaluation, [instructor], training_class, "a2", [4, 4, 4, 3])
    # Class 2: one learner scores 1 → 3 answers, mean 1.0.
    other_class = make_class(course, tree["province_b"], code="lop-b")
    teach(other_class, "Đỗ Minh Khoa")
    other = ev.create_evaluation(training_class=other_class, opens_at=NOW - HOUR)
    answer_with(other, [instructor], other_class, "b1", [4, 4, 4, 1])

    everywhere = ev.instructor_results(
        instructor=instructor, classes=type(training_class).objects.all()
    )
    # Weighted: (5+5+5+3+3+3+1+1+1) / 9 = 3.0, not (4.0 + 1.0) / 2 = 2.5.
    assert (everywhere.count, everywhere.mean) == (9, Decimal("3.0"))
    by_class = {row.class_code: (row.count, row.mean) for row in everywhere.classes}
    assert by_class == {
        training_class.code: (6, Decimal("4.0")),
        "lop-b": (3, Decimal("1.0")),
    }

    only_a = ev.instructor_results(
        instructor=instructor,
        classes=type(training_class).objects.filter(pk=training_class.pk),
    )
    assert (only_a.count, only_a.mean, len(only_a.classes)) == (6, Decimal("4.0"), 1)

    (summary,) = ev.instructors_summary(classes=type(training_class).objects.all())
    assert (summary.name, summary.classes, summary.count, summary.mean) == (
        "Đỗ Minh Khoa",
        2,
        9,
        Decimal("3.0"),
    )


def queries_for_results(evaluation, training_class, instructors, n, prefix):
    for i in range(n):
        answer_with(
            evaluation,
            instructors,
            training_class,
            f"{prefix}{i}",
            [1 + i % 5] * (3 + len(instructors)),
            comment=f"ý kiến {i}",
        )
    classes = type(training_class).objects.filter(
        Q(pk=training_class.pk) | Q(code="none")
    )
    counts = []
    for call in (
        lambda: ev.class_results(evaluation=evaluation),
        lambda: ev.instructor_results(instructor=instructors[0], classes=classes),
        lambda: ev.instructors_summary(classes=classes),
    ):
        with CaptureQueriesContext(connection) as context:
            call()
        counts.append(len(context))
    return counts


def test_results_take_as_many_queries_for_50_responses_as_for_5(
    training_class, instructor, course, tree
):
    small_class = make_class(course, tree["province_a"], code="lop-nho")
    small_instructor = teach(small_class, "Vũ Thị Lan")
    small = ev.create_evaluation(training_class=small_class, opens_at=NOW - HOUR)
    big = ev.create_evaluation(training_class=training_class, opens_at=NOW - HOUR)
    few = queries_for_results(small, small_class, [small_instructor], 5, "s")
    many = queries_for_results(big, training_class, [instructor], 50, "b")
    assert few == many
    assert many[0] <= 7
    assert ev.class_results(evaluation=big).responses == 50
