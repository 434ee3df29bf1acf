"""End-of-class evaluation: create one with the default questions, let
enrolled learners answer once, and add up the answers per class and per
instructor.

Refusals raise ``EvaluationError`` (a translated sentence) and change
nothing. Every aggregation runs in the database, in a constant number of
queries whatever the number of responses.

``questions``  the scale, the default questions, ``create_evaluation``;
``answering``  who may answer and when, ``submit``;
``results``    ``class_results``, ``instructor_results``,
               ``instructors_summary`` and the dataclasses they return;
``errors``     ``EvaluationError``.
"""

from .answering import (
    check_may_answer,
    has_answered,
    is_learner,
    open_evaluations,
    pending_for,
    submit,
)
from .errors import EvaluationError
from .questions import DEFAULT_QUESTIONS, SCORES, TEXT_MAX_LENGTH, create_evaluation
from .results import (
    ClassResults,
    InstructorClassResult,
    InstructorResults,
    InstructorSection,
    InstructorSummary,
    QuestionResult,
    class_instructors,
    class_results,
    instructor_results,
    instructors_summary,
    one_decimal,
)

__all__ = [
    "DEFAULT_QUESTIONS",
    "SCORES",
    "TEXT_MAX_LENGTH",
    "ClassResults",
    "EvaluationError",
    "InstructorClassResult",
    "InstructorResults",
    "InstructorSection",
    "InstructorSummary",
    "QuestionResult",
    "check_may_answer",
    "class_instructors",
    "class_results",
    "create_evaluation",
    "has_answered",
    "instructor_results",
    "instructors_summary",
    "is_learner",
    "one_decimal",
    "open_evaluations",
    "pending_for",
    "submit",
]
