"""Training-needs surveys (khảo sát nhu cầu): send a survey to units, let
their cadres answer, and add the answers up by topic, level and title to
plan next year's classes.

Every refusal raises ``NeedsSurveyError`` (a translated sentence) and
changes nothing. ``units`` arguments are querysets of org units (e.g.
``lms.org.api.units_visible_to(user)``): they narrow figures to the
answers and people of those units, which is how a district manager sees
only their district in a province's survey.

``audience``   who a survey asks (``units_asked``, ``people_to_ask``);
``sending``    ``send_survey``;
``answering``  ``open_surveys_for``, ``check_may_answer``, ``answer``;
``summary``    ``aggregate`` and the ``NeedsSummary`` it returns;
``export``     ``export_xlsx``;
``errors``     ``NeedsSurveyError``.
"""

from .answering import (
    answer,
    check_may_answer,
    is_open,
    open_surveys_for,
    previous_answer,
)
from .audience import people_to_ask, units_asked
from .errors import NeedsSurveyError
from .export import export_xlsx
from .sending import send_survey
from .summary import NeedsSummary, TopicSummary, aggregate, survey_responses

__all__ = [
    "NeedsSummary",
    "NeedsSurveyError",
    "TopicSummary",
    "aggregate",
    "answer",
    "check_may_answer",
    "export_xlsx",
    "is_open",
    "open_surveys_for",
    "people_to_ask",
    "previous_answer",
    "send_survey",
    "survey_responses",
    "units_asked",
]
