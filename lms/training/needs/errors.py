"""The error every refused needs-survey request raises."""

from ..errors import TrainingError


class NeedsSurveyError(TrainingError):
    """A refused request about a training-needs survey; ``str(error)`` is a
    translated sentence and nothing was changed."""
