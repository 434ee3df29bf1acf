"""The error every refused request of lms.progress raises."""


class ProgressError(Exception):
    """A refused request; ``str(error)`` is a translated sentence."""
