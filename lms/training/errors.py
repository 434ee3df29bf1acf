class TrainingError(Exception):
    """A refused request about classes, sessions or attendance;
    ``str(error)`` is a translated sentence and nothing was changed."""
