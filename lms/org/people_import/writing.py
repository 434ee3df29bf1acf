"""Writing a validated import, all rows in one transaction, through the use
cases the admin forms use, so people get their account and keep the history
of their positions."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .. import api
from ..models import Person, Title, Unit
from .data import Action, FileRefused, RowResult


def write(results: tuple[RowResult, ...]):
    """Apply ``results``, which must have no errors, or raise FileRefused
    when someone changed the same people meanwhile; then nothing is written."""
    try:
        write_rows(results)
    except (IntegrityError, ValidationError, api.OrgError) as error:
        raise FileRefused(
            _(
                "Some of these people were changed while the file was being "
                "imported, so nothing was imported. Upload the file again."
            )
        ) from error


@transaction.atomic
def write_rows(results: tuple[RowResult, ...]):
    units = Unit.objects.in_bulk({result.unit_id for result in results})
    titles = Title.objects.in_bulk({result.title_id for result in results} - {None})
    people = Person.objects.in_bulk({result.person_id for result in results} - {None})
    for result in results:
        title = titles.get(result.title_id)
        if result.action == Action.CREATE:
            create(result, units[result.unit_id], title)
        elif result.action == Action.UPDATE:
            update(result, people[result.person_id], units[result.unit_id], title)


def create(result: RowResult, unit: Unit, title: Title | None):
    fields = dict(result.changes)
    api.register_person(unit=unit, title=title, since=result.since, **fields)


def update(result: RowResult, person: Person, unit: Unit, title: Title | None):
    if result.changes:
        for name, value in result.changes:
            setattr(person, name, value)
        person.save()
        api.sync_account(person)
    if result.move:
        api.assign_position(person=person, unit=unit, title=title, since=result.since)
