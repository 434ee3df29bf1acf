"""Writes the demo data, creating only what is missing.

Organisations match on code, units on code, titles on (organisation, name),
people on phone number; anything already there is left as it is, so a
second run changes nothing. People are created through ``api`` like any
other, which gives them their history and their login account.
"""

from collections import Counter
from dataclasses import dataclass

from django.db import transaction

from .. import api
from ..data import ROLE_GROUPS
from ..models import ManagedUnit, Organisation, Person, Title, Unit
from ..phones import normalize_phone
from .logins import DEMO_LOGINS, DEMO_PASSWORD, DEMO_SINCE, DemoLogin
from .people import PersonSpec, people_specs
from .units import ORGANISATIONS, OrgSpec, UnitSpec

KINDS = ("organisations", "units", "titles", "people")


@dataclass(frozen=True)
class DemoSummary:
    totals: dict[str, int]  # KINDS -> how many the demo organisations hold
    created: dict[str, int]  # KINDS -> how many this run added
    logins: tuple[tuple[str, str, str, str], ...]  # (role, login, password, can see)


@transaction.atomic
def build() -> DemoSummary:
    """Create whatever part of the demo data is missing."""
    created = Counter()
    for org in ORGANISATIONS:
        ensure_organisation(org, created)
    units = {unit.code: unit for unit in demo_units()}
    titles = {(t.organisation_id, t.name): t for t in Title.objects.all()}
    reserved = [normalize_phone(login.phone) for login in DEMO_LOGINS]
    specs = people_specs(ORGANISATIONS, reserved_phones=reserved)
    created["people"] += ensure_people(specs, units, titles)
    logins = tuple(ensure_login(login, units, titles, created) for login in DEMO_LOGINS)
    return DemoSummary(totals(), {kind: created[kind] for kind in KINDS}, logins)


def ensure_organisation(org: OrgSpec, created: Counter) -> Organisation:
    organisation, is_new = Organisation.objects.get_or_create(
        code=org.code,
        defaults={
            "name": org.name,
            "short_name": org.short_name,
            "description": org.description,
        },
    )
    created["organisations"] += is_new
    for rank, (name, leading) in enumerate(org.titles, start=1):
        _title, is_new = Title.objects.get_or_create(
            organisation=organisation,
            name=name,
            defaults={"sort_order": rank * 10, "is_leadership": leading},
        )
        created["titles"] += is_new
    existing = {u.code: u for u in Unit.objects.filter(organisation=organisation)}
    ensure_unit(organisation, org.root, None, existing, created)
    return organisation


def ensure_unit(organisation, spec: UnitSpec, parent, existing, created):
    unit = existing.get(spec.code)
    if unit is None:
        fields = {
            "organisation": organisation,
            "name": spec.name,
            "code": spec.code,
            "level": spec.level,
        }
        # treebeard re-reads the parent row, so a stale path in memory is harmless.
        unit = parent.add_child(**fields) if parent else Unit.add_root(**fields)
        created["units"] += 1
    for child in spec.children:
        ensure_unit(organisation, child, unit, existing, created)


def demo_units():
    codes = [org.code for org in ORGANISATIONS]
    return Unit.objects.filter(organisation__code__in=codes)


def ensure_people(specs: list[PersonSpec], units, titles) -> int:
    phones = [spec.phone for spec in specs]
    known = set(Person.objects.filter(phone__in=phones).values_list("phone", flat=True))
    missing = [spec for spec in specs if spec.phone not in known]
    for spec in missing:
        register(spec, units, titles)
    return len(missing)


def register(spec: PersonSpec, units, titles) -> Person:
    """Register the person at their first post, then move them up the posts."""
    first, *later = spec.posts
    unit = units[first.unit_code]
    person = api.register_person(
        since=first.since,
        unit=unit,
        title=titles[unit.organisation_id, first.title],
        full_name=spec.full_name,
        gender=spec.gender,
        ethnicity=spec.ethnicity,
        date_of_birth=spec.date_of_birth,
        phone=spec.phone,
        email=spec.email,
        national_id=spec.national_id,
        in_leadership_pipeline=spec.in_leadership_pipeline,
    )
    for post in later:
        unit = units[post.unit_code]
        title = titles[unit.organisation_id, post.title]
        api.assign_position(person=person, unit=unit, title=title, since=post.since)
    return person


def ensure_login(login: DemoLogin, units, titles, created: Counter):
    """The login's person and account, with the demo password and role."""
    phone = normalize_phone(login.phone)
    person = Person.objects.filter(phone=phone).select_related("user").first()
    if person is None:
        person = register_login_person(login, phone, units, titles)
        created["people"] += 1
    user = api.ensure_account(person)
    # An unusable password would still cost a full hash to check.
    if not (user.has_usable_password() and user.check_password(DEMO_PASSWORD)):
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    scope = [units[login.scope_code]] if login.scope_code else []
    if lacks_role(user, login.role, scope):
        api.grant_role(user=user, role=login.role, units=scope)
    return (login.label, login.login, DEMO_PASSWORD, login.can_see)


def lacks_role(user, role, units) -> bool:
    # Granting again would change no row, but would still advance SQLite's
    # id sequences, and a second run should leave the database as it was.
    granted = ManagedUnit.objects.filter(user=user, unit__in=units).count()
    in_group = user.groups.filter(name=ROLE_GROUPS[role]).exists()
    return granted < len(units) or not in_group


def register_login_person(login: DemoLogin, phone: str, units, titles) -> Person:
    unit = units[login.unit_code]
    return api.register_person(
        since=DEMO_SINCE,
        unit=unit,
        title=titles[unit.organisation_id, login.title],
        full_name=login.full_name,
        gender=login.gender,
        ethnicity=login.ethnicity,
        date_of_birth=login.born,
        phone=phone,
        email=login.email,
    )


def totals() -> dict[str, int]:
    codes = [org.code for org in ORGANISATIONS]
    return {
        "organisations": Organisation.objects.filter(code__in=codes).count(),
        "units": demo_units().count(),
        "titles": Title.objects.filter(organisation__code__in=codes).count(),
        "people": Person.objects.filter(unit__organisation__code__in=codes).count(),
    }
