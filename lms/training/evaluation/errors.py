"""The error every refused evaluation request raises."""


class EvaluationError(Exception):
    """A refusal; its text is a translated sentence for the user."""
