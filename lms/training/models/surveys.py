"""Training-needs surveys (khảo sát nhu cầu): staff list topics, send the
survey to units, and cadres say which topics they need."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from ..data import ClassMode, NeedPriority, SurveyStatus


class NeedsSurvey(ClusterableModel):
    """Topics are edited with the survey (an inline panel), hence a cluster."""

    title = models.CharField(_("title"), max_length=200)
    plan_year = models.PositiveSmallIntegerField(_("plan year"))
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        "org.Unit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("run by unit"),
    )
    target_units = models.ManyToManyField(
        "org.Unit",
        related_name="+",
        verbose_name=_("sent to units"),
        help_text=_("Cadres of these units and the units below them answer."),
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=SurveyStatus.choices,
        default=SurveyStatus.DRAFT,
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-plan_year", "-opens_on"]
        verbose_name = _("training-needs survey")
        verbose_name_plural = _("training-needs surveys")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")),
                name="training_needs_survey_closes_after_opening",
            )
        ]

    def __str__(self):
        return self.title


class SurveyTopic(models.Model):
    survey = ParentalKey(NeedsSurvey, on_delete=models.CASCADE, related_name="topics")
    title = models.CharField(_("topic"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0, editable=False)

    # The inline panel orders topics through this field.
    sort_order_field = "sort_order"

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("survey topic")
        verbose_name_plural = _("survey topics")

    def __str__(self):
        return self.title


class NeedsResponse(models.Model):
    """One cadre's answer; unit, level and title are kept as they were when
    they answered, so a later move does not change last year's figures."""

    survey = models.ForeignKey(
        NeedsSurvey, on_delete=models.CASCADE, related_name="responses"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    unit_level = models.PositiveSmallIntegerField(_("level"))
    title = models.ForeignKey(
        "org.Title",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("position title"),
    )
    preferred_mode = models.CharField(
        _("preferred mode"), max_length=12, choices=ClassMode.choices, blank=True
    )
    other_needs = models.TextField(_("other needs"), blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "user"], name="training_needs_response_once"
            )
        ]
        verbose_name = _("training-needs answer")
        verbose_name_plural = _("training-needs answers")

    def __str__(self):
        return f"{self.survey} – {self.unit}"


class TopicNeed(models.Model):
    response = models.ForeignKey(
        NeedsResponse, on_delete=models.CASCADE, related_name="needs"
    )
    topic = models.ForeignKey(
        SurveyTopic, on_delete=models.CASCADE, related_name="needs"
    )
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=NeedPriority.choices
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["response", "topic"], name="training_topic_need_once"
            )
        ]

    def __str__(self):
        return f"{self.topic}: {self.get_priority_display()}"
