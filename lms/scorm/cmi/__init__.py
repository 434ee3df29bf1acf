"""The SCORM run-time data model on the server: SCORM 1.2 and SCORM 2004
(4th edition, used for 2nd and 3rd edition packages too).

The browser runs the API (scorm-again) and commits a flat dict of element
names to values; the server trusts none of it. Pure functions, no database:

- :func:`clean_commit` keeps the values a SCO may write, checked and
  normalised, and returns a :class:`CmiProblem` for each one refused;
- :func:`outcome` turns stored data into a :class:`ScoOutcome` by the
  standard's rules (mastery score, completion threshold, passing score);
- :func:`initial_values` and :func:`entry_for` give what a session starts
  with;
- the timing helpers convert both notations of a duration to and from
  seconds.
"""

from .commit import CmiProblem, clean_commit, normalise_name
from .launch import entry_for, initial_values
from .model import (
    MAX_CORRECT_RESPONSES,
    MAX_INTERACTION_OBJECTIVES,
    MAX_INTERACTIONS,
    MAX_LEARNER_COMMENTS,
    MAX_OBJECTIVES,
    MAX_SHARED_DATA,
    SHARED_DATA_LIMIT,
    SUSPEND_DATA_LIMIT_12,
    SUSPEND_DATA_LIMIT_2004,
)
from .outcome import ScoOutcome, outcome
from .timing import (
    iso_duration_seconds,
    seconds_to_iso_duration,
    seconds_to_timespan_12,
    timespan_12_seconds,
)

__all__ = [
    "MAX_CORRECT_RESPONSES",
    "MAX_INTERACTIONS",
    "MAX_INTERACTION_OBJECTIVES",
    "MAX_LEARNER_COMMENTS",
    "MAX_OBJECTIVES",
    "MAX_SHARED_DATA",
    "SHARED_DATA_LIMIT",
    "SUSPEND_DATA_LIMIT_12",
    "SUSPEND_DATA_LIMIT_2004",
    "CmiProblem",
    "ScoOutcome",
    "clean_commit",
    "entry_for",
    "initial_values",
    "iso_duration_seconds",
    "normalise_name",
    "outcome",
    "seconds_to_iso_duration",
    "seconds_to_timespan_12",
    "timespan_12_seconds",
]
