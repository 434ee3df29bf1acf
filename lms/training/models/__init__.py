"""Models of lms.training, one module per concern."""

from .classes import BudgetLine, ClassInstructor, ClassMember, Instructor, TrainingClass
from .evaluations import (
    Evaluation,
    EvaluationAnswer,
    EvaluationQuestion,
    EvaluationResponse,
    EvaluationSubmission,
)
from .sessions import Attendance, CheckIn, Session
from .surveys import NeedsResponse, NeedsSurvey, SurveyTopic, TopicNeed

__all__ = [
    "Attendance",
    "BudgetLine",
    "CheckIn",
    "ClassInstructor",
    "ClassMember",
    "Evaluation",
    "EvaluationAnswer",
    "EvaluationQuestion",
    "EvaluationResponse",
    "EvaluationSubmission",
    "Instructor",
    "NeedsResponse",
    "NeedsSurvey",
    "Session",
    "SurveyTopic",
    "TopicNeed",
    "TrainingClass",
]
