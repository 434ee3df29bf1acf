"""Answering a survey: which surveys a person may answer now, and storing
their answer (one per person)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.org import api as org

from ..data import ClassMode, NeedPriority, SurveyStatus
from ..models import NeedsResponse, NeedsSurvey, SurveyTopic, TopicNeed
from .audience import lineage, reaches
from .errors import NeedsSurveyError


def is_open(survey) -> bool:
    """Whether the survey takes answers today."""
    today = timezone.localdate()
    return (
        survey.status == SurveyStatus.OPEN
        and survey.opens_on <= today <= survey.closes_on
    )


def open_surveys_for(user) -> list:
    """Open surveys (taking answers today) sent to the user's current unit
    or a unit above it, which the user has not answered yet."""
    person = org.person_for_user(user)
    if person is None:
        return []
    today = timezone.localdate()
    reaching = NeedsSurvey.objects.filter(
        status=SurveyStatus.OPEN,
        opens_on__lte=today,
        closes_on__gte=today,
        target_units__path__in=lineage(person.unit),
    ).exclude(responses__user=user)
    return list(NeedsSurvey.objects.filter(pk__in=reaching.values("pk")))


def check_may_answer(*, survey, user):
    """The user's person record if they may answer ``survey`` now; raises
    NeedsSurveyError when it is not open or not sent to their unit."""
    if not is_open(survey):
        if (
            survey.status == SurveyStatus.OPEN
            and timezone.localdate() < survey.opens_on
        ):
            raise NeedsSurveyError(
                _("This survey takes answers from %(date)s.")
                % {"date": survey.opens_on.strftime("%d/%m/%Y")}
            )
        raise NeedsSurveyError(_("This survey is not taking answers now."))
    person = org.person_for_user(user)
    if person is None or not reaches(survey, person.unit):
        raise NeedsSurveyError(_("This survey was not sent to your unit."))
    return person


def previous_answer(*, survey, user):
    """The user's stored response to ``survey`` (with its needs), or None."""
    return (
        NeedsResponse.objects.filter(survey=survey, user=user)
        .prefetch_related("needs")
        .first()
    )


def answer(
    *, survey, user, needs: dict, preferred_mode: str = "", other_needs: str = ""
) -> NeedsResponse:
    """Store the user's answer: ``needs`` maps topic ids of the survey to
    ``NeedPriority`` values (topics not needed are left out). Unit, level
    and position title are kept as they are today. Answering again while
    the survey is open replaces the previous answer (one per person, kept
    by a unique constraint even when two answers arrive at once).

    Raises NeedsSurveyError when the survey is not open, not sent to the
    user's unit, a topic is not the survey's, a priority or the mode is not
    one of the choices, or the answer says nothing at all."""
    person = check_may_answer(survey=survey, user=user)
    needs = _clean_needs(survey, needs)
    if preferred_mode and preferred_mode not in ClassMode.values:
        raise NeedsSurveyError(_("Choose a way of learning from the list."))
    other_needs = (other_needs or "").strip()
    if not needs and not other_needs:
        raise NeedsSurveyError(
            _("Choose at least one topic you need, or write your other needs.")
        )
    with transaction.atomic():
        response, _created = NeedsResponse.objects.update_or_create(
            survey=survey,
            user=user,
            defaults={
                "unit": person.unit,
                "unit_level": person.unit.level,
                "title": person.title,
                "preferred_mode": preferred_mode,
                "other_needs": other_needs,
            },
        )
        response.needs.all().delete()
        TopicNeed.objects.bulk_create(
            TopicNeed(response=response, topic_id=topic_id, priority=priority)
            for topic_id, priority in needs.items()
        )
    return response


def _clean_needs(survey, needs) -> dict[int, int]:
    topic_ids = set(
        SurveyTopic.objects.filter(survey=survey).values_list("pk", flat=True)
    )
    cleaned = {}
    for topic_id, priority in (needs or {}).items():
        try:
            topic_id, priority = int(topic_id), int(priority)
        except (TypeError, ValueError):
            topic_id, priority = None, None
        if topic_id not in topic_ids:
            raise NeedsSurveyError(_("One of the topics is not part of this survey."))
        if priority not in NeedPriority.values:
            raise NeedsSurveyError(_("Choose how much you need each topic."))
        cleaned[topic_id] = priority
    return cleaned
