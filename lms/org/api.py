"""Public use cases of lms.org. Other apps import this module, ``data`` and
``signals`` only.

Everything here validates its input and raises ``OrgError`` (a translated
message) instead of writing something half-done.
"""

import datetime
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models.signals import post_migrate
from django.utils import timezone
from django.utils.translation import gettext as _

from . import people_import, scoping
from .data import ROLE_GROUPS, Position, Role
from .models import Assignment, ManagedUnit, Person, Title, Unit
from .signals import person_moved

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


class OrgError(Exception):
    """A request lms.org refused; ``str(error)`` is a sentence for the user."""


def people_visible_to(user):
    """Queryset of the people ``user`` may see and manage (empty for learners)."""
    return scoping.visible_people(user)


def units_visible_to(user):
    """Queryset of the units ``user`` may see and manage."""
    return scoping.visible_units(user)


def titles_visible_to(user):
    """Queryset of the position titles of the organisations whose units
    ``user`` may see (for filters and choosers)."""
    units = scoping.visible_units(user)
    return Title.objects.filter(organisation__in=units.values("organisation"))


def nearest_managers(unit: Unit, *, permission: str | None = None):
    """Queryset of the users who manage the unit nearest to ``unit`` (itself,
    then its parent, and so on up) that has any; only users holding
    ``permission`` ("app_label.codename") are counted when it is given.
    Empty when no unit above has one. How a learner's approver is found."""
    manager = get_user_model().objects
    if permission is None:
        users = manager.filter(is_active=True)
    else:
        users = manager.with_perm(
            permission, include_superusers=False, backend=MODEL_BACKEND
        )
    managed = ManagedUnit.objects.filter(
        unit__in=[*unit.get_ancestors(), unit], user__in=users
    )
    nearest = managed.order_by("-unit__depth").values("unit_id").first()
    if nearest is None:
        return users.none()
    return users.filter(managed_units__unit_id=nearest["unit_id"])


def instructor_accounts():
    """Queryset of the login accounts with the instructor role."""
    group = ROLE_GROUPS[Role.INSTRUCTOR]
    return get_user_model().objects.filter(groups__name=group).order_by("first_name")


def people_for_users(user_ids):
    """Queryset of the people whose accounts are ``user_ids`` (ids or a
    subquery), with unit and title, in Vietnamese name order."""
    return (
        Person.objects.filter(user_id__in=user_ids)
        .select_related("unit", "title")
        .order_by("sort_key", "pk")
    )


def person_for_user(user) -> Person | None:
    """The person record of a logged-in user, or None (e.g. a bare superuser)."""
    if not user.is_authenticated:
        return None
    return Person.objects.filter(user=user).select_related("unit", "title").first()


@transaction.atomic
def register_person(*, since: datetime.date | None = None, **fields) -> Person:
    """Create a person, their first assignment and their (password-less)
    login account. ``fields`` are Person fields; ``unit`` is required."""
    person = Person(**fields)
    person.full_clean(exclude=["user", "sort_key", "search_text"])
    person.save()
    Assignment.objects.create(
        person=person,
        unit=person.unit,
        title=person.title,
        start_date=since or timezone.localdate(),
    )
    ensure_account(person)
    return person


def role_group(role: Role) -> Group:
    """The group of ``role``; made again if missing (a test database
    flushed after the migration that creates the groups)."""
    return Group.objects.get_or_create(name=ROLE_GROUPS[role])[0]


def ensure_account(person: Person):
    """Give ``person`` a login account if they have none; the password stays
    unusable until a manager sets one (``set_temporary_password``)."""
    if person.user_id:
        return person.user
    User = get_user_model()
    user = User(username=f"hv{person.pk:07d}", email=person.email or "")
    # Django joins first and last name with the given name first; Vietnamese
    # is family name first, so the whole name goes in first_name.
    user.first_name = person.full_name[:150]
    user.set_unusable_password()
    user.save()
    user.groups.add(role_group(Role.LEARNER))
    person.user = user
    person.save(update_fields=["user"])
    return user


def sync_account(person: Person):
    """Copy name and email to the login account after an edit."""
    if person.user_id:
        type(person.user).objects.filter(pk=person.user_id).update(
            first_name=person.full_name[:150], email=person.email or ""
        )


def set_temporary_password(*, person: Person) -> str:
    """Set and return a random 10-character password for the person's account."""
    user = ensure_account(person)
    password = "".join(
        secrets.choice("abcdefghjkmnpqrstuvwxyz23456789") for _ in range(10)
    )
    user.set_password(password)
    user.save(update_fields=["password"])
    return password


@transaction.atomic
def assign_position(*, person: Person, unit: Unit, title=None, since: datetime.date):
    """Move ``person`` to ``unit`` with ``title`` from ``since`` on.

    The current assignment ends on ``since``; a change dated the same day as
    the current assignment's start corrects it instead. Raises OrgError for
    a date before the current assignment began or a title of another
    organisation. Sends ``person_moved``.
    """
    person = Person.objects.select_for_update().get(pk=person.pk)
    if title is not None and title.organisation_id != unit.organisation_id:
        raise OrgError(_("The title does not belong to the unit's organisation."))
    current = person.assignments.filter(end_date__isnull=True).first()
    if current and (current.unit_id, current.title_id) == (
        unit.pk,
        getattr(title, "pk", None),
    ):
        return person
    if current and since < current.start_date:
        raise OrgError(
            _(
                "The change cannot take effect before the current position "
                "began (%(date)s)."
            )
            % {"date": current.start_date.strftime("%d/%m/%Y")}
        )
    previous_unit = person.unit
    if current and since == current.start_date:
        current.unit, current.title = unit, title
        current.save(update_fields=["unit", "title"])
    else:
        if current:
            current.end_date = since
            current.save(update_fields=["end_date"])
        Assignment.objects.create(
            person=person, unit=unit, title=title, start_date=since
        )
    person.unit, person.title = unit, title
    person.save(update_fields=["unit", "title", "updated_at"])
    transaction.on_commit(
        lambda: person_moved.send(
            sender=Person, person=person, previous_unit=previous_unit, since=since
        )
    )
    return person


def position_on(*, person: Person, day: datetime.date) -> Position | None:
    """The unit and title ``person`` held on ``day``, or None before they joined."""
    row = person.assignments.active_on(day).order_by("-start_date").first()
    if row is None:
        return None
    return Position(
        unit_id=row.unit_id,
        title_id=row.title_id,
        start_date=row.start_date,
        end_date=row.end_date,
    )


def assignments_on(day: datetime.date):
    """Queryset of every assignment in force on ``day`` (one per person), for
    reports that must count people as they were on that date."""
    return Assignment.objects.active_on(day)


@transaction.atomic
def grant_role(*, user, role: Role, units=()):
    """Put ``user`` in the role's group and give them the subtrees of ``units``."""
    user.groups.add(role_group(role))
    for unit in units:
        ManagedUnit.objects.get_or_create(user=user, unit=unit)


def add_role_permissions(*, role: Role, permissions):
    """Give the role's group the permissions named "app_label.codename"
    (creating the group if needed). Unknown names raise OrgError."""
    group, _created = Group.objects.get_or_create(name=ROLE_GROUPS[role])
    for name in permissions:
        app_label, codename = name.split(".")
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is None:
            raise OrgError(f"Unknown permission {name}")
        group.permissions.add(permission)
    return group


def give_roles_permissions_after_migrate(app_config, role_permissions: dict):
    """Have ``role_permissions`` ({Role: ["app_label.codename", ...]}) added
    to the role groups after every migrate of ``app_config`` (idempotent):
    how an app gives roles the permissions of its own models."""

    def give(sender, **kwargs):
        # The app's permissions may not exist yet when its post_migrate arrives.
        create_permissions(sender, verbosity=0)
        for role, permissions in role_permissions.items():
            add_role_permissions(role=role, permissions=permissions)

    post_migrate.connect(
        give,
        sender=app_config,
        dispatch_uid=f"{app_config.label}_role_permissions",
        weak=False,
    )


def import_people(
    *, file, filename: str, user, dry_run: bool = False
) -> people_import.ImportReport:
    """Import people from ``file`` (a binary file object of an .xlsx or .csv
    file, its type told by ``filename``) as ``user``, or with no scope when
    ``user`` is None (management commands).

    All or nothing: returns an ``ImportReport`` whose ``errors`` list every
    bad row (row, column, reason) and then nothing was written; without
    errors every row was written in one transaction, unless ``dry_run``.
    ``report.created``/``updated``/``unchanged`` count the rows. Raises
    OrgError, with nothing written, when the user may not import people or
    the file cannot be imported as a whole (wrong type, empty, no rows,
    missing columns, too large, too many rows, a CSV not in UTF-8, or a
    concurrent change while writing).
    """
    if user is not None and not user.has_perm("org.import_people"):
        raise OrgError(_("You do not have permission to import people."))
    try:
        return people_import.run_import(
            file=file, filename=filename, user=user, dry_run=dry_run
        )
    except people_import.FileRefused as error:
        raise OrgError(str(error)) from error


def import_template(*, file_format: str, user=None) -> bytes:
    """The blank people file in ``file_format`` ("xlsx" or "csv"), its
    example row naming the first unit ``user`` manages (any unit for None)
    and a title of its organisation, so that it imports as it is. Raises
    OrgError for another format."""
    makers = {"xlsx": people_import.template_xlsx, "csv": people_import.template_csv}
    if file_format not in makers:
        raise OrgError(_("Templates are available as .xlsx or .csv only."))
    units = scoping.visible_units(user) if user is not None else Unit.objects.all()
    unit = units.select_related("organisation").first()
    title = unit.organisation.titles.first() if unit is not None else None
    return makers[file_format](unit=unit, title=title)


# --- used by lms.training sheets

FIND_CHUNK = 2000  # SQLite limits the parameters of one query


def find_people(*, phones=(), national_ids=(), emails=(), within=None) -> dict:
    """The people, among ``within`` (a Person queryset; everyone when None),
    with the phone numbers, citizen ID numbers or emails given as typed in
    a spreadsheet: phones the local way or in E.164, phones and IDs that a
    number cell stripped of their leading zeros restored, emails in any case.

    Returns ``{("phone" | "national_id" | "email", value as given): Person}``
    (with ``user``, ``unit`` and ``title``) for each value that found
    someone. Values not well formed and values of nobody in ``within`` are
    simply absent, so the caller learns nothing about people elsewhere.
    A few queries per 2,000 values."""
    from django.db.models.functions import Lower

    from .people_import import cells  # the people import's own cell readers

    people = within if within is not None else Person.objects.all()
    people = people.select_related("user", "unit", "title")
    people = people.annotate(email_key=Lower("email"))
    searches = [
        ("phone", "phone", cells.phone, phones),
        ("national_id", "national_id", cells.national_id, national_ids),
        ("email", "email_key", cells.email, emails),
    ]
    found = {}
    for key, field, read, values in searches:
        wanted = {}
        for value in values:
            try:
                stored = read(str(value).strip())
            except cells.Invalid:
                continue
            if stored:
                wanted.setdefault(stored, []).append(value)
        stored_values = sorted(wanted)
        for start in range(0, len(stored_values), FIND_CHUNK):
            chunk = stored_values[start : start + FIND_CHUNK]
            for person in people.filter(**{f"{field}__in": chunk}):
                for value in wanted[getattr(person, field)]:
                    found[key, value] = person
    return found
