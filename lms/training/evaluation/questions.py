"""An evaluation's questions: the 1–5 scale, the comment limit, the default
questions, and creating a class's evaluation with them."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..data import QuestionKind, QuestionTarget
from ..models import Evaluation, EvaluationQuestion
from .errors import EvaluationError

SCORES = range(1, 6)
TEXT_MAX_LENGTH = 2000

DEFAULT_QUESTIONS = [
    (
        QuestionTarget.COURSE,
        QuestionKind.LIKERT,
        gettext_lazy("Relevance of the content to your work"),
    ),
    (
        QuestionTarget.COURSE,
        QuestionKind.LIKERT,
        gettext_lazy("Organisation and logistics of the class"),
    ),
    (
        QuestionTarget.COURSE,
        QuestionKind.LIKERT,
        gettext_lazy("Course materials"),
    ),
    (
        QuestionTarget.COURSE,
        QuestionKind.TEXT,
        gettext_lazy("What should be improved in this class?"),
    ),
    (
        QuestionTarget.INSTRUCTOR,
        QuestionKind.LIKERT,
        gettext_lazy("Mastery of the subject"),
    ),
    (
        QuestionTarget.INSTRUCTOR,
        QuestionKind.LIKERT,
        gettext_lazy("Teaching method and practical examples"),
    ),
    (
        QuestionTarget.INSTRUCTOR,
        QuestionKind.LIKERT,
        gettext_lazy("Interaction with learners"),
    ),
    (
        QuestionTarget.INSTRUCTOR,
        QuestionKind.TEXT,
        gettext_lazy("Other comments on this instructor"),
    ),
]


def create_evaluation(
    *, training_class, anonymous=True, opens_at=None, closes_at=None
) -> Evaluation:
    """The class's evaluation with the default questions, their texts in the
    active language. It opens now unless ``opens_at`` says otherwise and
    never closes unless ``closes_at`` is given. Raises EvaluationError if the
    class already has one or the dates are the wrong way round."""
    opens_at = opens_at or timezone.now()
    if closes_at is not None and closes_at <= opens_at:
        raise EvaluationError(_("The evaluation must close after it opens."))
    if Evaluation.objects.filter(training_class=training_class).exists():
        raise EvaluationError(_("This class already has an evaluation."))
    with transaction.atomic():
        evaluation = Evaluation.objects.create(
            training_class=training_class,
            anonymous=anonymous,
            opens_at=opens_at,
            closes_at=closes_at,
        )
        EvaluationQuestion.objects.bulk_create(
            EvaluationQuestion(
                evaluation=evaluation,
                target=target,
                kind=kind,
                text=str(text),
                required=kind == QuestionKind.LIKERT,
                sort_order=order,
            )
            for order, (target, kind, text) in enumerate(DEFAULT_QUESTIONS, start=1)
        )
    return evaluation
