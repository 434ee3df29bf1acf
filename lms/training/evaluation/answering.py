"""Who may answer an evaluation and when, and storing a learner's answers once."""

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ..data import ClassStatus, MemberStatus, QuestionKind, QuestionTarget
from ..models import (
    ClassInstructor,
    ClassMember,
    Evaluation,
    EvaluationAnswer,
    EvaluationResponse,
    EvaluationSubmission,
)
from .errors import EvaluationError
from .questions import SCORES, TEXT_MAX_LENGTH


def open_evaluations(at=None):
    """Evaluations learners may answer at ``at`` (now by default)."""
    at = at or timezone.now()
    return Evaluation.objects.filter(opens_at__lte=at).filter(
        Q(closes_at__isnull=True) | Q(closes_at__gt=at)
    )


def pending_for(user) -> list[Evaluation]:
    """Open evaluations of the (not cancelled) classes where ``user`` is an
    enrolled learner and has not answered yet, soonest closing first, with
    their ``training_class``."""
    if not user.is_authenticated:
        return []
    enrolled = ClassMember.objects.filter(
        user=user, status=MemberStatus.ENROLLED
    ).values("training_class_id")
    answered = EvaluationSubmission.objects.filter(user=user).values("evaluation_id")
    evaluations = (
        open_evaluations()
        .filter(training_class__in=enrolled)
        .exclude(training_class__status=ClassStatus.CANCELLED)
        .exclude(pk__in=answered)
        .select_related("training_class")
    )
    return sorted(evaluations, key=lambda e: (e.closes_at is None, e.closes_at, e.pk))


def is_learner(*, evaluation, user) -> bool:
    return ClassMember.objects.filter(
        training_class_id=evaluation.training_class_id,
        user=user,
        status=MemberStatus.ENROLLED,
    ).exists()


def has_answered(*, evaluation, user) -> bool:
    return EvaluationSubmission.objects.filter(
        evaluation=evaluation, user=user
    ).exists()


def check_may_answer(*, evaluation, user):
    """Raises EvaluationError unless ``user`` may answer ``evaluation`` now."""
    if not user.is_authenticated or not is_learner(evaluation=evaluation, user=user):
        raise EvaluationError(
            _("Only the learners of this class can answer its evaluation.")
        )
    if has_answered(evaluation=evaluation, user=user):
        raise EvaluationError(_("You have already answered this evaluation."))
    if not evaluation.is_open():
        raise EvaluationError(_("This evaluation is not open for answers."))


def submit(*, evaluation, user, answers) -> EvaluationResponse:
    """Store ``user``'s answers once. ``answers`` maps (question id,
    instructor id or None) to a score of 1–5 (a number or its digit) for
    scale questions and to a text for comments; empty values count as not
    answered. For an anonymous evaluation the response has no respondent
    and only the day it was given. Raises EvaluationError (nothing stored)
    if the user is not an enrolled learner, the evaluation is not open, the
    user has answered already (also when two submissions race), or an
    answer is missing or invalid."""
    check_may_answer(evaluation=evaluation, user=user)
    rows = _clean_answers(evaluation, answers)
    try:
        with transaction.atomic():
            # The unique submission is what refuses a second, concurrent answer.
            EvaluationSubmission.objects.create(evaluation=evaluation, user=user)
            response = EvaluationResponse.objects.create(
                evaluation=evaluation,
                respondent=None if evaluation.anonymous else user,
                submitted_on=timezone.localdate(),
            )
            for row in rows:
                row.response = response
            EvaluationAnswer.objects.bulk_create(rows)
    except IntegrityError:
        raise EvaluationError(_("You have already answered this evaluation.")) from None
    return response


def _clean_answers(evaluation, answers) -> list[EvaluationAnswer]:
    questions = {q.pk: q for q in evaluation.questions.all()}
    instructors = set(
        ClassInstructor.objects.filter(
            training_class_id=evaluation.training_class_id
        ).values_list("instructor_id", flat=True)
    )
    rows = {}
    for (question_id, instructor_id), value in answers.items():
        question = questions.get(_as_int(question_id))
        if question is None:
            raise EvaluationError(_("An answer is for a question of another form."))
        instructor_id = _check_instructor(question, instructor_id, instructors)
        row = _answer(question, instructor_id, value)
        if row is not None:
            rows[question.pk, instructor_id] = row
    _check_required(questions.values(), instructors, rows)
    return list(rows.values())


def _as_int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _check_instructor(question, instructor_id, instructors):
    if question.target == QuestionTarget.COURSE:
        if instructor_id is not None:
            raise EvaluationError(
                _("A question about the course cannot be answered for an instructor.")
            )
        return None
    instructor_id = _as_int(instructor_id)
    if instructor_id not in instructors:
        raise EvaluationError(
            _("An answer is about someone who is not an instructor of this class.")
        )
    return instructor_id


def _answer(question, instructor_id, value) -> EvaluationAnswer | None:
    """The answer row, or None when the value is empty."""
    text = "" if value is None else str(value).strip()
    if not text:
        return None
    if question.kind == QuestionKind.LIKERT:
        score = _as_int(text)
        if score not in SCORES:
            raise EvaluationError(_("Each score must be a whole number from 1 to 5."))
        return EvaluationAnswer(
            question=question, instructor_id=instructor_id, score=score
        )
    if len(text) > TEXT_MAX_LENGTH:
        raise EvaluationError(
            _("A comment can have at most %(limit)s characters.")
            % {"limit": TEXT_MAX_LENGTH}
        )
    return EvaluationAnswer(question=question, instructor_id=instructor_id, text=text)


def _check_required(questions, instructors, rows):
    for question in questions:
        if not question.required:
            continue
        if question.target == QuestionTarget.COURSE:
            keys = [(question.pk, None)]
        else:
            keys = [(question.pk, instructor) for instructor in instructors]
        if any(key not in rows for key in keys):
            raise EvaluationError(
                _("Please answer every required question: “%(question)s”.")
                % {"question": question.text}
            )
