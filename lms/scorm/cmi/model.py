"""How a version of the data model is described to the commit checker.

Element names are written as templates with ``n`` for every array index:
``cmi.interactions.n.objectives.n.id``.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from .types import Validator

# The standard asks for 4096 characters of cmi.suspend_data in SCORM 1.2;
# real packages (Storyline, iSpring) write far more and break if refused,
# so we keep what SCORM 2004 allows.
SUSPEND_DATA_LIMIT_12 = 64000
SUSPEND_DATA_LIMIT_2004 = 64000
SHARED_DATA_LIMIT = 64000
# Caps keep one learner's attempt from growing without bound.
MAX_INTERACTIONS = 1000
MAX_OBJECTIVES = 500
MAX_INTERACTION_OBJECTIVES = 100
MAX_CORRECT_RESPONSES = 250
MAX_LEARNER_COMMENTS = 250
MAX_SHARED_DATA = 1000

KEYWORDS = ("_count", "_children", "_version")


@dataclass(frozen=True)
class Codes:
    """The standard's error code for each kind of refusal."""

    unknown: int
    index: int
    type: int
    range: int
    dependency: int | None = None


@dataclass(frozen=True)
class DataModel:
    """``elements`` a SCO may write; ``typed`` ones are checked against the
    interaction's type (given as None when it is not known); ``anchors``
    name, per array, the element an entry must have before anything else
    (SCORM 2004 only); ``unordered`` arrays are numbered by the LMS;
    ``starting_values`` are the values an element starts with that a SCO
    may not set itself."""

    version: str
    codes: Codes
    elements: dict[str, Validator]
    typed: dict[str, Callable[[str | None], Validator]]
    arrays: dict[str, int]
    read_only: frozenset[str]
    read_only_prefixes: tuple[str, ...] = ()
    anchors: dict[str, str] = field(default_factory=dict)
    unordered: frozenset[str] = frozenset()
    starting_values: dict[str, str] = field(default_factory=dict)

    def is_written_by_sco(self, template: str) -> bool:
        return template in self.elements or template in self.typed

    def is_read_only(self, name: str, template: str) -> bool:
        return template in self.read_only or name.startswith(self.read_only_prefixes)
