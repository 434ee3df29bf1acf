"""Sending a survey: opening it and notifying the people it asks."""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lms.notifications.api import notify
from lms.notifications.data import Message

from ..data import SurveyStatus
from ..messages import absolute
from ..models import NeedsSurvey, SurveyTopic
from ..scoping import surveys_managed_by
from .audience import people_to_ask
from .errors import NeedsSurveyError


def send_survey(*, survey, user) -> int:
    """Open ``survey`` (status open, ``sent_at`` the first time) and notify
    the people it asks (``people_to_ask``) by the site's channels; returns
    how many notifications were new. Sending again notifies only people
    who were not notified yet (e.g. who joined a unit since).

    Raises NeedsSurveyError if ``user`` may not manage the survey, or it is
    closed, past its closing date, or has no topics or no target units."""
    _check_sendable(survey, user)
    with transaction.atomic():
        NeedsSurvey.objects.filter(pk=survey.pk, status=SurveyStatus.DRAFT).update(
            status=SurveyStatus.OPEN, sent_at=timezone.now()
        )
        survey.refresh_from_db(fields=["status", "sent_at"])
        return notify(
            users=people_to_ask(survey=survey),
            message=_invitation(survey),
            key=f"needs-survey:{survey.pk}",
            kind="needs_survey",
        )


def _check_sendable(survey, user):
    if not surveys_managed_by(user).filter(pk=survey.pk).exists():
        raise NeedsSurveyError(_("You may not send this survey."))
    if survey.status == SurveyStatus.CLOSED:
        raise NeedsSurveyError(_("This survey is closed and can no longer be sent."))
    if survey.closes_on < timezone.localdate():
        raise NeedsSurveyError(
            _("This survey closed on %(date)s. Change its closing date first.")
            % {"date": survey.closes_on.strftime("%d/%m/%Y")}
        )
    if not SurveyTopic.objects.filter(survey=survey).exists():
        raise NeedsSurveyError(_("Add at least one topic before sending the survey."))
    if not survey.target_units.exists():
        raise NeedsSurveyError(
            _("Choose the units to send the survey to before sending it.")
        )


def _invitation(survey) -> Message:
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("training:needs_survey", args=[survey.pk])
        return Message(
            subject=_("Training-needs survey: %(title)s") % {"title": survey.title},
            body=_(
                "Your organisation asks which training you need in %(year)s. "
                "Please answer by %(date)s; it takes a few minutes."
            )
            % {"year": survey.plan_year, "date": survey.closes_on.strftime("%d/%m/%Y")},
            url=absolute(path),
        )
