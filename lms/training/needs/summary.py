"""A survey's answers added up by topic, priority, unit level and title."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext as _

from lms.org.data import Level

from ..data import ClassMode, NeedPriority
from ..models import NeedsResponse, SurveyTopic, TopicNeed
from .audience import people_to_ask


@dataclass(frozen=True)
class TopicSummary:
    """One topic's figures. Counts are respondents who need the topic; the
    score weighs each by the priority's value (useful 1, needed 2, urgent 3)."""

    topic_id: int
    title: str
    by_priority: dict  # NeedPriority value -> respondents
    by_level: dict  # lms.org.data.Level value -> respondents
    by_title: dict  # position title id (None: no title) -> respondents

    @property
    def respondents(self) -> int:
        return sum(self.by_priority.values())

    @property
    def score(self) -> int:
        return sum(priority * count for priority, count in self.by_priority.items())

    @property
    def priority_counts(self) -> list[int]:
        """Respondents per priority, in ``NeedPriority`` order."""
        return [self.by_priority.get(value, 0) for value in NeedPriority.values]


@dataclass(frozen=True)
class NeedsSummary:
    """A survey's answers added up. ``levels`` and ``titles`` are those
    of the respondents, top level first and in the titles' order."""

    topics: list  # TopicSummary, in the survey's order
    levels: list  # lms.org.data.Level
    titles: list  # (title id or None, name)
    respondents: int
    respondents_by_level: dict
    respondents_by_title: dict
    asked: int  # people of the target units with a login account
    preferred_modes: dict  # ClassMode value -> respondents
    other_needs: list  # (unit name, title name, text)

    @property
    def response_rate(self) -> int:
        """Respondents as a whole percentage of the people asked."""
        return round(100 * self.respondents / self.asked) if self.asked else 0

    def level_table(self) -> list:
        """(topic, [respondents per level of ``levels``]) rows."""
        return [(t, [t.by_level.get(lv, 0) for lv in self.levels]) for t in self.topics]

    def title_table(self) -> list:
        """(topic, [respondents per title of ``titles``]) rows."""
        return [
            (t, [t.by_title.get(pk, 0) for pk, _name in self.titles])
            for t in self.topics
        ]

    def level_totals(self) -> list[int]:
        return [self.respondents_by_level.get(level, 0) for level in self.levels]

    def title_totals(self) -> list[int]:
        return [self.respondents_by_title.get(pk, 0) for pk, _name in self.titles]

    def mode_counts(self) -> list:
        """(ClassMode label, respondents) for the modes respondents chose."""
        return [
            (label, self.preferred_modes[value])
            for value, label in ClassMode.choices
            if self.preferred_modes.get(value)
        ]


def survey_responses(*, survey, units=None):
    """Queryset of the survey's responses, from ``units`` only if given."""
    responses = NeedsResponse.objects.filter(survey=survey)
    if units is not None:
        responses = responses.filter(unit__in=units)
    return responses


def aggregate(*, survey, units=None) -> NeedsSummary:
    """The survey's answers added up by topic, priority, unit level and
    position title, narrowed to responses and people of ``units`` if given.
    Takes the same few queries whatever the number of responses."""
    responses = survey_responses(survey=survey, units=units)
    groups = (
        TopicNeed.objects.filter(response__in=responses)
        .values("topic_id", "priority", "response__unit_level", "response__title_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    topics = _topic_summaries(survey, groups)
    people = list(
        responses.values("unit_level", "title_id", "title__name", "title__sort_order")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_level, by_title, names = defaultdict(int), defaultdict(int), {}
    for row in people:
        by_level[row["unit_level"]] += row["n"]
        by_title[row["title_id"]] += row["n"]
        names[row["title_id"]] = (row["title__sort_order"], row["title__name"])
    modes = responses.values("preferred_mode").annotate(n=Count("pk")).order_by()
    return NeedsSummary(
        topics=topics,
        levels=[level for level in Level if level in by_level],
        titles=_ordered_titles(names),
        respondents=sum(by_level.values()),
        respondents_by_level=dict(by_level),
        respondents_by_title=dict(by_title),
        asked=people_to_ask(survey=survey, units=units).count(),
        preferred_modes={row["preferred_mode"]: row["n"] for row in modes},
        other_needs=list(
            responses.exclude(other_needs="")
            .order_by("unit__path", "pk")
            .values_list("unit__name", "title__name", "other_needs")
        ),
    )


def _topic_summaries(survey, groups) -> list[TopicSummary]:
    counts = defaultdict(lambda: (defaultdict(int), defaultdict(int), defaultdict(int)))
    for row in groups:
        by_priority, by_level, by_title = counts[row["topic_id"]]
        by_priority[row["priority"]] += row["n"]
        by_level[row["response__unit_level"]] += row["n"]
        by_title[row["response__title_id"]] += row["n"]
    topics = SurveyTopic.objects.filter(survey=survey).values_list("pk", "title")
    return [
        TopicSummary(pk, title, *(dict(part) for part in counts[pk]))
        for pk, title in topics
    ]


def _ordered_titles(names: dict) -> list:
    no_title = _("No position title")
    titled = sorted(
        (key for key in names if key is not None),
        key=lambda key: (names[key][0], names[key][1]),
    )
    rows = [(key, names[key][1]) for key in titled]
    return rows + [(None, no_title)] if None in names else rows
