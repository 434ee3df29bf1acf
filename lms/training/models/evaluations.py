"""End-of-class evaluation: questions on the course and on each instructor
(scales of 1 to 5 and comments), optionally anonymous."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from ..data import QuestionKind, QuestionTarget
from .classes import Instructor, TrainingClass


class Evaluation(ClusterableModel):
    training_class = models.OneToOneField(
        TrainingClass,
        on_delete=models.CASCADE,
        related_name="evaluation",
        verbose_name=_("class"),
    )
    anonymous = models.BooleanField(
        _("anonymous"),
        default=True,
        help_text=_("Answers are kept apart from who gave them."),
    )
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"), null=True, blank=True)
    introduction = models.TextField(_("introduction"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("class evaluation")
        verbose_name_plural = _("class evaluations")

    def __str__(self):
        return str(self.training_class)

    def is_open(self, at=None) -> bool:
        """Whether learners may answer at ``at`` (now by default)."""
        at = at or timezone.now()
        return self.opens_at <= at and (self.closes_at is None or at < self.closes_at)


class EvaluationQuestion(models.Model):
    evaluation = ParentalKey(
        Evaluation, on_delete=models.CASCADE, related_name="questions"
    )
    target = models.CharField(_("about"), max_length=12, choices=QuestionTarget.choices)
    kind = models.CharField(_("answer"), max_length=8, choices=QuestionKind.choices)
    text = models.CharField(_("question"), max_length=300)
    required = models.BooleanField(_("required"), default=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    # Lets the admin's InlinePanel reorder the questions.
    sort_order_field = "sort_order"

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("evaluation question")
        verbose_name_plural = _("evaluation questions")

    def __str__(self):
        return self.text


class EvaluationSubmission(models.Model):
    """Who has answered (once each). For an anonymous evaluation this is
    all that links a learner to it: the response has no user."""

    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.CASCADE, related_name="submissions"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "user"], name="training_evaluation_once"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.evaluation}"


class EvaluationResponse(models.Model):
    # A random key: numbered rows could be matched, in order, to the
    # numbered submissions of an anonymous evaluation.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.CASCADE, related_name="responses"
    )
    # None when the evaluation is anonymous.
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # A date only, so the time cannot tie an anonymous response to a submission.
    submitted_on = models.DateField()

    def __str__(self):
        return f"{self.evaluation} ({self.submitted_on:%d/%m/%Y})"


class EvaluationAnswer(models.Model):
    response = models.ForeignKey(
        EvaluationResponse, on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        EvaluationQuestion, on_delete=models.CASCADE, related_name="answers"
    )
    # Set for questions about each instructor.
    instructor = models.ForeignKey(
        Instructor,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evaluation_answers",
    )
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)

    def __str__(self):
        return str(self.score) if self.score is not None else self.text[:50]
