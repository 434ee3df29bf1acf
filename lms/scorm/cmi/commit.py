"""Checking what a SCO commits, element by element, as the server's own
copy of the run-time API would: the browser's checks are not trusted.

A commit is checked in four steps, each working on what the step before
accepted: the names (known, writable, sound indices), the values on their
own, the dependencies between elements of one array entry (SCORM 2004),
and last the numbering of arrays, so that stored data never has a gap.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .model import KEYWORDS, DataModel
from .types import RANGE, SCALARS, Invalid, as_text
from .versions import model_for

BRACKETED_INDEX = re.compile(r"\[([^\]]*)\]")
INDEX = re.compile(r"^(0|[1-9]\d*)$")


@dataclass(frozen=True)
class CmiProblem:
    """A refused element: ``code`` is the standard's error code for it and
    ``message`` a translated sentence that names the element."""

    element: str
    code: int
    message: str


@dataclass(frozen=True)
class Element:
    """A writable element named in a commit. ``positions`` holds, outermost
    first, each array it is in: (array template, array's name, index)."""

    name: str
    template: str
    positions: tuple[tuple[str, str, int], ...] = ()


class Refused(Exception):
    def __init__(self, code: int, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def clean_commit(
    version: str, values: dict, *, existing: dict | None = None
) -> tuple[dict[str, str], list[CmiProblem]]:
    """The values a SCO may write, checked and normalised to text, and a
    problem for each one refused.

    Elements the LMS owns that the browser echoes back (learner id, credit,
    ``_count``…) are dropped without a problem, as are values that are not
    scalars and empty values an element does not accept (the browser sends
    "" for unset). ``existing`` is the stored flat data: an array entry or
    dependency already stored counts as present."""
    check = _Check(model_for(version), _flat(existing or {}))
    elements = check.named(_flat(values))
    accepted = check.values(elements)
    accepted = check.dependencies(accepted)
    accepted = check.numbering(accepted)
    return {element.name: text for element, text in accepted.items()}, check.problems


def normalise_name(name: str) -> str:
    """``cmi.interactions[0].id`` -> ``cmi.interactions.0.id``."""
    return BRACKETED_INDEX.sub(r".\1", str(name).strip())


def _flat(values: dict) -> dict[str, str]:
    return {
        normalise_name(name): as_text(value)
        for name, value in values.items()
        if isinstance(value, SCALARS)
    }


class _Check:
    """One commit being checked; refused elements end up in ``problems``."""

    def __init__(self, model: DataModel, stored: dict[str, str]):
        self.model = model
        self.codes = model.codes
        self.stored = stored
        self.problems: list[CmiProblem] = []

    def refuse(self, name: str, code: int, message: str) -> None:
        self.problems.append(CmiProblem(element=name, code=code, message=message))

    # ---------------------------------------------------------- names

    def named(self, values: dict[str, str]) -> dict[Element, str]:
        elements = {}
        for name, text in values.items():
            try:
                element = self.element(name)
            except Refused as refusal:
                self.refuse(name, refusal.code, refusal.message)
                continue
            if element is not None:
                elements[element] = text
        return elements

    def element(self, name: str) -> Element | None:
        """The element, or None when it is the LMS's to set."""
        if name.rsplit(".", 1)[-1] in KEYWORDS:
            return None
        element = self.parsed(name)
        if self.model.is_read_only(name, element.template):
            return None
        if not self.model.is_written_by_sco(element.template):
            raise Refused(self.codes.unknown, self._unknown_message(name))
        return element

    def _unknown_message(self, name: str) -> str:
        return _(
            "%(element)s is not an element of the SCORM %(version)s data model."
        ) % {
            "element": name,
            "version": self.model.version,
        }

    def parsed(self, name: str) -> Element:
        template, real, positions = [], [], []
        for segment in name.split("."):
            array = ".".join(template)
            if array in self.model.arrays:
                index = self.index(name, segment, self.model.arrays[array])
                positions.append((array, ".".join(real), index))
                segment_template = "n"
            else:
                segment_template = segment
            template.append(segment_template)
            real.append(segment)
        return Element(name, ".".join(template), tuple(positions))

    def index(self, name: str, segment: str, most: int) -> int:
        if not INDEX.match(segment):
            raise Refused(
                self.codes.index,
                _(
                    "%(element)s has an index that is not a whole number "
                    "written without leading zeros."
                )
                % {"element": name},
            )
        if int(segment) >= most:
            raise Refused(
                self.codes.index,
                _("%(element)s is beyond the %(limit)s entries this server keeps.")
                % {"element": name, "limit": most},
            )
        return int(segment)

    # ---------------------------------------------------------- values

    def values(self, elements: dict[Element, str]) -> dict[Element, str]:
        """Elements whose value is right for their type; the responses of
        interactions wait for the dependencies step, which knows the type."""
        accepted = {}
        for element, text in elements.items():
            validator = self.model.elements.get(element.template)
            if self.is_starting_echo(element, text):
                continue
            if validator is None:
                accepted[element] = text
            elif (value := self.valid(element, validator, text)) is not None:
                accepted[element] = value
        return accepted

    def is_starting_echo(self, element: Element, text: str) -> bool:
        """scorm-again sends 1.2's starting "not attempted" in every commit
        until the SCO sets a status: only going back to it is an error."""
        start = self.model.starting_values.get(element.template)
        return text == start and self.stored.get(element.name, start) == start

    def valid(self, element: Element, validator, text: str) -> str | None:
        try:
            return validator(text)
        except Invalid as invalid:
            # The browser sends "" for unset elements: not worth a problem.
            if text != "":
                code = self.codes.range if invalid.kind == RANGE else self.codes.type
                self.refuse(element.name, code, invalid.sentence(element.name))
            return None

    # ---------------------------------------------------------- dependencies

    def dependencies(self, accepted: dict[Element, str]) -> dict[Element, str]:
        """SCORM 2004: an interaction or objective needs its id before
        anything else; a response needs its interaction's type, in 1.2 too
        when there is one, to be checked against it."""
        committed = {element.name: text for element, text in accepted.items()}
        known = {name: text for name, text in self.stored.items() if text}
        known |= {name: text for name, text in committed.items() if text}
        kept = {}
        for element, text in accepted.items():
            if not self.has_anchors(element, known):
                continue
            if element.template in self.model.typed:
                text = self.valid_response(element, text, known)
            if text is not None:
                kept[element] = text
        return kept

    def has_anchors(self, element: Element, known: dict[str, str]) -> bool:
        for array, array_name, index in element.positions:
            anchor = self.model.anchors.get(array)
            if anchor is None:
                continue
            required = f"{array_name}.{index}.{anchor}"
            if element.name != required and required not in known:
                self.refuse_dependency(element.name, required)
                return False
        return True

    def refuse_dependency(self, name: str, required: str) -> None:
        message = _("%(element)s cannot be set before %(required)s.") % {
            "element": name,
            "required": required,
        }
        self.refuse(name, self.codes.dependency, message)

    def valid_response(self, element: Element, text: str, known) -> str | None:
        _array, interactions, index = element.positions[0]
        type_name = f"{interactions}.{index}.type"
        interaction_type = known.get(type_name)
        if interaction_type is None and self.codes.dependency is not None:
            self.refuse_dependency(element.name, type_name)
            return None
        validator = self.model.typed[element.template](interaction_type)
        return self.valid(element, validator, text)

    # ---------------------------------------------------------- numbering

    def numbering(self, accepted: dict[Element, str]) -> dict[Element, str]:
        """Entries must be numbered 0, 1, 2… counting the stored ones."""
        first_gaps = self.first_gaps(list(accepted) + self.stored_elements())
        kept = {}
        for element, text in accepted.items():
            if self.is_after_gap(element, first_gaps):
                self.refuse_gap(element.name)
            else:
                kept[element] = text
        return kept

    def stored_elements(self) -> list[Element]:
        elements = []
        for name in self.stored:
            try:
                elements.append(self.parsed(name))
            except Refused:
                continue
        return elements

    def first_gaps(self, elements: list[Element]) -> dict[str, int]:
        indices: dict[str, set[int]] = {}
        for element in elements:
            for _array, array_name, index in element.positions:
                indices.setdefault(array_name, set()).add(index)
        return {name: _first_missing(present) for name, present in indices.items()}

    def is_after_gap(self, element: Element, first_gaps: dict[str, int]) -> bool:
        return any(
            index > first_gaps[array_name]
            for array, array_name, index in element.positions
            if array not in self.model.unordered
        )

    def refuse_gap(self, name: str) -> None:
        message = _(
            "%(element)s leaves a gap: array entries must be numbered 0, 1, 2… "
            "in order."
        ) % {"element": name}
        self.refuse(name, self.codes.index, message)


def _first_missing(present: set[int]) -> int:
    index = 0
    while index in present:
        index += 1
    return index
