"""Refusals of the sequencer: an SN book exception code and a sentence a
learner can read."""

from django.utils.translation import gettext as _


class SequencingError(Exception):
    """A request the SN book refuses.

    ``code`` is the exception code of the SN book pseudo code (such as
    "NB.2.1-10" or "SB.2.9-3"), None for refusals outside it (an unknown
    activity given to ``report``); ``message`` and ``str(error)`` are a
    translated sentence."""

    def __init__(self, code: str | None, message: str | None = None):
        self.code = code
        self.message = message or describe(code)
        super().__init__(self.message)


def describe(code: str | None) -> str:
    """The sentence shown to a learner for an SN book exception code."""
    tables = (_navigation, _termination, _sequencing, _choice, _delivery)
    for table in tables:
        sentences = table()
        if code in sentences:
            return sentences[code]
    return _("This navigation request cannot be carried out now.")


def not_started() -> str:
    # NB.2.1-1 means "already started" for start but is also the SN book's
    # code for continue without a session, so that case needs its own text.
    return _("The course has not started yet.")


def _navigation() -> dict[str, str]:
    return {
        "NB.2.1-1": _("The course has already started."),
        "NB.2.1-2": not_started(),
        "NB.2.1-3": _("There is no suspended attempt to resume."),
        "NB.2.1-4": _(
            "This part of the course cannot be moved through with Continue; "
            "please choose an activity from the outline."
        ),
        "NB.2.1-5": _("Going back is not allowed in this part of the course."),
        "NB.2.1-6": _("You are at the beginning of the course."),
        "NB.2.1-7": _("This navigation request is not supported."),
        "NB.2.1-8": _(
            "You must finish the current activity before choosing another one."
        ),
        "NB.2.1-10": _(
            "Activities in this part of the course cannot be chosen from the "
            "outline; please use Continue and Previous."
        ),
        "NB.2.1-11": _("The chosen activity does not exist in this course."),
        "NB.2.1-12": _("The current activity has already ended."),
        "NB.2.1-13": _("This navigation request is not recognised."),
    }


def _termination() -> dict[str, str]:
    return {
        "TB.2.3-1": _("There is no current activity to end."),
        "TB.2.3-2": _("The current activity has already ended."),
        "TB.2.3-3": _("There is nothing to suspend at this point."),
        "TB.2.3-4": _(
            "The course cannot leave the current activity in the way its rules ask."
        ),
    }


def _sequencing() -> dict[str, str]:
    return {
        "SB.2.1-3": _("You are at the beginning of the course."),
        "SB.2.2-1": _(
            "This part of the course cannot be moved through with Continue "
            "and Previous."
        ),
        "SB.2.2-2": _("The next activity is not available yet."),
        "SB.2.4-1": _("You cannot skip ahead to this activity."),
        "SB.2.4-2": _("Going back to this activity is not allowed."),
        "SB.2.4-3": _("You are at the beginning of the course."),
        "SB.2.5-1": _("The course has already started."),
        "SB.2.6-1": _("The course has already started."),
        "SB.2.6-2": _("There is no suspended attempt to resume."),
        "SB.2.7-1": not_started(),
        "SB.2.7-2": _("This part of the course cannot be moved through with Continue."),
        "SB.2.8-1": not_started(),
        "SB.2.8-2": _("Going back is not allowed in this part of the course."),
        "SB.2.10-1": not_started(),
        "SB.2.10-2": _("The activity cannot be retried while it is still open."),
        "SB.2.10-3": _("There is nothing to open when retrying this activity."),
        "SB.2.11-1": not_started(),
        "SB.2.11-2": _("The current activity has not ended yet."),
        "SB.2.12-1": _("This navigation request is not recognised."),
    }


def _choice() -> dict[str, str]:
    return {
        "SB.2.9-1": _("The chosen activity does not exist in this course."),
        "SB.2.9-3": _("This activity is hidden and cannot be chosen."),
        "SB.2.9-4": _(
            "Activities in this part of the course cannot be chosen from the outline."
        ),
        "SB.2.9-6": _(
            "This part of the course opens only when the course leads you to it."
        ),
        "SB.2.9-7": _(
            "You must finish the current part of the course before choosing "
            "an activity elsewhere."
        ),
        "SB.2.9-8": _(
            "Only the next or the previous part of the course can be chosen from here."
        ),
        "SB.2.9-9": _("There is nothing to open in the chosen part of the course."),
    }


def _delivery() -> dict[str, str]:
    return {
        "DB.1.1-1": _(
            "This part of the course cannot be opened itself; please choose "
            "one of its activities."
        ),
        "DB.1.1-3": _("This activity is not available yet."),
        "DB.2-1": _("The current activity must end before another one opens."),
    }
