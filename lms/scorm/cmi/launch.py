"""The values the browser's run-time API starts a session with."""

from .timing import seconds_to_iso_duration, seconds_to_timespan_12
from .types import SCALARS, as_text, canonical_number
from .versions import is_2004

# Written for this session only, never handed back to the next one:
# exit and session time in both versions, the navigation request of 2004,
# and all of SCORM 1.2's interactions, which a SCO may write but not read.
NOT_RESTORED_12 = ("cmi.core.exit", "cmi.core.session_time")
NOT_RESTORED_12_PREFIXES = ("cmi.interactions.",)
NOT_RESTORED_2004 = ("cmi.exit", "cmi.session_time", "adl.nav.request")
SUSPENDED = "suspend"
LEARNER_NAME_LIMIT = 255


def initial_values(
    version: str,
    *,
    learner_id: str,
    learner_name: str,
    entry: str,
    credit: bool,
    mode: str = "normal",
    total_seconds: float = 0,
    launch_data: str = "",
    mastery_score: float | None = None,
    max_time_allowed: str = "",
    time_limit_action: str = "",
    completion_threshold: float | None = None,
    scaled_passing_score: float | None = None,
    stored: dict | None = None,
) -> dict[str, str]:
    """The SCO's stored data with the LMS's own values over it, in the
    version's element names. Optional values left unset are left out, so
    that the browser keeps its own defaults for them."""
    learner = {
        "id": learner_id,
        "name": str(learner_name)[:LEARNER_NAME_LIMIT],
        "entry": entry,
        "credit": "credit" if credit else "no-credit",
        "mode": mode,
        "launch_data": launch_data,
        "max_time_allowed": max_time_allowed,
        "time_limit_action": time_limit_action,
    }
    if is_2004(version):
        owned = _owned_2004(
            learner, total_seconds, completion_threshold, scaled_passing_score
        )
        return _restored(stored, NOT_RESTORED_2004) | owned
    owned = _owned_12(learner, total_seconds, mastery_score)
    return _restored(stored, NOT_RESTORED_12, NOT_RESTORED_12_PREFIXES) | owned


def entry_for(version: str, stored: dict) -> str:
    """``cmi.entry`` for a new session: "resume" after a suspend,
    "ab-initio" the first time, "" otherwise (a 2004 "logout" is a normal
    exit)."""
    if not stored:
        return "ab-initio"
    exit_name = "cmi.exit" if is_2004(version) else "cmi.core.exit"
    return "resume" if stored.get(exit_name) == SUSPENDED else ""


def _owned_12(learner: dict, total_seconds: float, mastery_score) -> dict:
    values = {
        "cmi.core.student_id": learner["id"],
        "cmi.core.student_name": learner["name"],
        "cmi.core.entry": learner["entry"],
        "cmi.core.credit": learner["credit"],
        "cmi.core.lesson_mode": learner["mode"],
        "cmi.core.total_time": seconds_to_timespan_12(total_seconds),
        "cmi.launch_data": learner["launch_data"],
        "cmi.student_data.mastery_score": _number_or_blank(mastery_score),
        "cmi.student_data.max_time_allowed": learner["max_time_allowed"],
        "cmi.student_data.time_limit_action": learner["time_limit_action"],
    }
    return _without_unset(values, optional=("cmi.student_data.",))


def _owned_2004(learner: dict, total_seconds: float, threshold, passing) -> dict:
    values = {
        "cmi.learner_id": learner["id"],
        "cmi.learner_name": learner["name"],
        "cmi.entry": learner["entry"],
        "cmi.credit": learner["credit"],
        "cmi.mode": learner["mode"],
        "cmi.total_time": seconds_to_iso_duration(total_seconds),
        "cmi.launch_data": learner["launch_data"],
        "cmi.completion_threshold": _number_or_blank(threshold),
        "cmi.scaled_passing_score": _number_or_blank(passing),
        "cmi.max_time_allowed": learner["max_time_allowed"],
        "cmi.time_limit_action": learner["time_limit_action"],
    }
    optional = (
        "cmi.completion_threshold",
        "cmi.scaled_passing_score",
        "cmi.max_time_allowed",
        "cmi.time_limit_action",
    )
    return _without_unset(values, optional=optional)


def _restored(stored: dict | None, names: tuple, prefixes: tuple = ()) -> dict:
    return {
        name: as_text(value)
        for name, value in (stored or {}).items()
        if isinstance(value, SCALARS)
        and name not in names
        and not name.startswith(prefixes)
    }


def _without_unset(values: dict, *, optional: tuple[str, ...]) -> dict:
    return {
        name: str(value)
        for name, value in values.items()
        if value != "" or not name.startswith(optional)
    }


def _number_or_blank(number: float | None) -> str:
    return "" if number is None else canonical_number(number)
