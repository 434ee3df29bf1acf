"""From raw rows to ``RowResult``s: every cell read, every row checked
against the file itself and the database, nothing written.

All the database reads happen once per file in ``Lookups.build``; the checks
then work on dictionaries, so 20,000 rows cost a handful of queries.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import scoping
from ..models import Assignment, Person, Title, Unit
from ..names import fold, normalize_name
from . import cells
from .columns import BY_KEY
from .data import Action, RowError, RowResult
from .reading import RawRow, Table

PARSERS = {
    "full_name": cells.full_name,
    "date_of_birth": cells.past_date,
    "gender": cells.gender,
    "ethnicity": cells.ethnicity,
    "phone": cells.phone,
    "email": cells.email,
    "national_id": cells.national_id,
    "unit_code": str.strip,
    "title": normalize_name,
    "in_leadership_pipeline": cells.yes_no,
    "since": cells.past_date,
}
PERSON_FIELDS = (*Person.IDENTITY_FIELDS, "in_leadership_pipeline")
# A blank cell leaves these as stored: a sparse sheet must not erase a
# person's phone (their login) or ID.
KEPT_WHEN_BLANK = set(Person.IDENTITY_FIELDS) - {"full_name"}
MATCH_KEYS = ("phone", "national_id")
QUERY_CHUNK = 2000


@dataclass(frozen=True)
class Scope:
    """The units a row may name and the people a row may update."""

    units: QuerySet
    people: QuerySet

    @classmethod
    def of(cls, user):
        """``user``'s units and people; everything for ``None`` (commands)."""
        if user is None:
            return cls(Unit.objects.all(), Person.objects.all())
        return cls(scoping.visible_units(user), scoping.visible_people(user))


@dataclass
class Row:
    """One row while it is being checked."""

    number: int
    headers: dict[str, str]
    values: dict[str, object] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
    person: Person | None = None
    unit: Unit | None = None
    title: Title | None = None

    def fail(self, key: str, reason: str):
        column = self.headers.get(key, BY_KEY[key].header) if key else ""
        self.errors.append(RowError(self.number, column, reason))


def validate(table: Table, scope: Scope) -> tuple[RowResult, ...]:
    rows = [parse_row(raw, table.headers) for raw in table.rows]
    lookups = Lookups.build(rows, scope)
    seen = {}
    for row in rows:
        for check in CHECKS:
            check(row, lookups, seen)
    return tuple(plan(row) for row in rows)


def parse_row(raw: RawRow, headers: dict[str, str]) -> Row:
    row = Row(raw.number, headers)
    for key, parse in PARSERS.items():
        try:
            row.values[key] = parse(raw.cells.get(key, ""))
        except cells.Invalid as error:
            row.fail(key, str(error))
    if not row.values.get("unit_code", True):
        row.fail("unit_code", _("The unit code is required."))
    return row


# ------------------------------------------------------------- lookups


def fetch(queryset, lookup: str, values) -> list:
    """``queryset`` filtered on ``lookup__in`` ``values``, a chunk at a time
    (SQLite limits the parameters of one query)."""
    values, found = sorted(values), []
    for start in range(0, len(values), QUERY_CHUNK):
        chunk = values[start : start + QUERY_CHUNK]
        found.extend(queryset.filter(**{f"{lookup}__in": chunk}))
    return found


def column_values(rows, key) -> set:
    return {row.values[key] for row in rows if row.values.get(key)}


@dataclass(frozen=True)
class Lookups:
    units: dict[str, Unit]
    titles: dict[tuple[int, str], Title]
    people: dict[tuple[str, str], Person]
    visible_people: set[int]
    current_starts: dict[int, datetime.date]

    @classmethod
    def build(cls, rows, scope: Scope):
        units = fetch_units(rows, scope)
        people = fetch_people(rows)
        ids = {person.pk for person in people.values()}
        return cls(
            units={unit.code.lower(): unit for unit in units},
            titles=fetch_titles(units),
            people=people,
            visible_people=set(
                fetch(scope.people.values_list("pk", flat=True), "pk", ids)
            ),
            current_starts=fetch_starts(ids),
        )


def fetch_units(rows, scope: Scope) -> list[Unit]:
    codes = {code.lower() for code in column_values(rows, "unit_code")}
    return fetch(scope.units.annotate(code_key=Lower("code")), "code_key", codes)


def fetch_titles(units) -> dict[tuple[int, str], Title]:
    organisations = {unit.organisation_id for unit in units}
    titles = Title.objects.filter(organisation_id__in=organisations)
    return {(title.organisation_id, fold(title.name)): title for title in titles}


def fetch_starts(person_ids) -> dict[int, datetime.date]:
    current = Assignment.objects.filter(end_date__isnull=True)
    pairs = current.values_list("person_id", "start_date")
    return dict(fetch(pairs, "person_id", person_ids))


def fetch_people(rows) -> dict[tuple[str, str], Person]:
    """Existing people by ("phone", value), ("national_id", value) and
    ("email", value), for every such value in the file."""
    people = {}
    for key in (*MATCH_KEYS, "email"):
        for person in fetch(Person.objects.all(), key, column_values(rows, key)):
            people[key, getattr(person, key)] = person
    return people


# -------------------------------------------------------------- checks


def check_identity(row: Row, lookups: Lookups, seen: dict):
    if all(row.values.get(key, "failed") is None for key in MATCH_KEYS):
        key = "phone" if "phone" in row.headers else "national_id"
        row.fail(
            key,
            _(
                "Give a phone number or a citizen ID number: the next import "
                "finds the person by them."
            ),
        )


def check_duplicates(row: Row, lookups: Lookups, seen: dict):
    for key in (*MATCH_KEYS, "email"):
        value = row.values.get(key)
        first = seen.setdefault((key, value), row.number) if value else row.number
        if first != row.number:
            row.fail(
                key,
                _("Row %(row)s has the same value; each person needs their own.")
                % {"row": first},
            )


def check_unit(row: Row, lookups: Lookups, seen: dict):
    code = row.values.get("unit_code")
    if code:
        row.unit = lookups.units.get(code.lower())
    if code and row.unit is None:
        row.fail(
            "unit_code",
            _("No unit with the code “%(code)s” was found in your units.")
            % {"code": cells.shown(code)},
        )


def check_title(row: Row, lookups: Lookups, seen: dict):
    name = row.values.get("title")
    if not name or row.unit is None:
        return
    row.title = lookups.titles.get((row.unit.organisation_id, fold(name)))
    if row.title is None:
        row.fail(
            "title",
            _("“%(title)s” is not a position title of %(organisation)s.")
            % {"title": cells.shown(name), "organisation": row.unit.organisation},
        )


def check_person(row: Row, lookups: Lookups, seen: dict):
    matches = {
        key: lookups.people.get((key, row.values.get(key))) for key in MATCH_KEYS
    }
    found = {person.pk: key for key, person in matches.items() if person}
    if len(found) > 1:
        row.fail(
            "national_id",
            _(
                "The phone number and the citizen ID number belong to two "
                "different people."
            ),
        )
    elif found:
        _pk, key = found.popitem()
        accept_person(row, matches[key], key, lookups, seen)


def accept_person(row: Row, person: Person, key: str, lookups: Lookups, seen):
    if person.pk not in lookups.visible_people:
        row.fail(key, NOT_IN_SCOPE[key]())
        return
    first = seen.setdefault(("person", person.pk), row.number)
    if first != row.number:
        row.fail("", _("This is the same person as in row %(row)s.") % {"row": first})
        return
    row.person = person


NOT_IN_SCOPE = {
    "phone": lambda: _("No person with this phone number was found in your units."),
    "national_id": lambda: _(
        "No person with this citizen ID number was found in your units."
    ),
}


def check_email(row: Row, lookups: Lookups, seen: dict):
    owner = lookups.people.get(("email", row.values.get("email")))
    if owner and owner != row.person:
        row.fail("email", _("This email address is used by another person."))


def check_position_date(row: Row, lookups: Lookups, seen: dict):
    if row.person is None or row.unit is None or not moves(row):
        return
    start = lookups.current_starts.get(row.person.pk)
    since = row.values.get("since") or timezone.localdate()
    if start and since < start:
        row.fail(
            "since",
            _(
                "The change cannot take effect before %(date)s, when the "
                "current position began."
            )
            % {"date": start.strftime("%d/%m/%Y")},
        )


CHECKS = (
    check_identity,
    check_duplicates,
    check_unit,
    check_title,
    check_person,
    check_email,
    check_position_date,
)


# ---------------------------------------------------------------- plan


def moves(row: Row) -> bool:
    title_id = row.title.pk if row.title else None
    return (row.unit.pk, title_id) != (row.person.unit_id, row.person.title_id)


def plan(row: Row) -> RowResult:
    if row.errors:
        return RowResult(row.number, errors=tuple(row.errors))
    common = {
        "unit_id": row.unit.pk,
        "title_id": row.title.pk if row.title else None,
        "since": row.values["since"] or timezone.localdate(),
    }
    if row.person is None:
        changes = tuple((name, row.values[name]) for name in PERSON_FIELDS)
        return RowResult(row.number, action=Action.CREATE, changes=changes, **common)
    changes, move = tuple(changed_fields(row)), moves(row)
    action = Action.UPDATE if changes or move else Action.UNCHANGED
    return RowResult(
        row.number,
        action=action,
        person_id=row.person.pk,
        changes=changes,
        move=move,
        **common,
    )


def changed_fields(row: Row):
    for name in PERSON_FIELDS:
        value = row.values[name]
        if name in KEPT_WHEN_BLANK and value in (None, ""):
            continue
        if getattr(row.person, name) != value:
            yield name, value
