"""The enrolment file: its blank template, and enrolling the learners a
filled one lists, all or nothing."""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from lms.org import api as org
from lms.org.names import fold

from ..data import MemberSource
from ..enrolment import enrol_people
from .cells import cell, column_letter
from .reading import Refused, read_rows
from .report import RowError, SheetImportReport
from .writing import BOLD, to_bytes


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # as in the template
    aliases: tuple[str, ...]


ENROLMENT_COLUMNS = (
    Column("number", "STT", ("No", "Số TT", "Number")),
    Column("full_name", "Họ và tên", ("Họ tên", "Full name", "Name")),
    Column("phone", "Số điện thoại", ("Điện thoại", "SĐT", "Phone number", "Phone")),
    Column("national_id", "Số CCCD", ("CCCD", "Số CMND/CCCD", "Citizen ID number")),
    Column("email", "Email", ("E-mail", "Thư điện tử", "Email address")),
    Column("note", "Ghi chú", ("Note",)),
)
IDENTITY = ("phone", "national_id", "email")
TEXT_ROWS = 1000  # rows whose phone and ID cells are text, keeping zeros


def compact(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(text))


def enrolment_template_xlsx() -> bytes:
    """The blank enrolment file: the headers, and how to fill it in."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Learners")[:31]
    widths = (6, 28, 16, 16, 28, 24)
    for index, (column, width) in enumerate(
        zip(ENROLMENT_COLUMNS, widths, strict=True), 1
    ):
        sheet.cell(1, index, column.header).font = BOLD
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row in range(2, TEXT_ROWS + 2):
        for index in (3, 4):
            sheet.cell(row, index).number_format = "@"
    sheet.freeze_panes = "A2"
    help_sheet = workbook.create_sheet(_("How to fill it in")[:31])
    help_sheet.column_dimensions["A"].width = 100
    for row, line in enumerate(enrolment_help(), 1):
        help_sheet.cell(row, 1, line).alignment = Alignment(wrap_text=True)
    return to_bytes(workbook)


def enrolment_help() -> list[str]:
    return [
        _(
            "One learner per row. Only people already in the list of people "
            "of your units can be enrolled, and they need a login account."
        ),
        _(
            "Give the phone number (e.g. 0912345678), the citizen ID number "
            "or the email of each learner: that is how they are found."
        ),
        _(
            "The name may be left empty; when it is filled in, it must be the "
            "name of the person found (capitals and accents do not matter)."
        ),
        _(
            "All or nothing: if any row has a mistake, nobody is enrolled and "
            "every mistake is listed."
        ),
        _(
            "When the class is full, the learners after the last seat go on "
            "the waiting list, in the order of the file."
        ),
    ]


def import_enrolment(*, training_class, file, filename, by) -> SheetImportReport:
    """Enrol the learners the file lists (in its order; the waiting list
    once the class is full) with ``source=import``. Each row names one
    person among the people ``by`` may act on, with a login account, by
    phone, citizen ID or email (all those given must be the same person);
    a filled name must match theirs ignoring case and accents; a person
    may be listed once. Any bad row: nobody is enrolled, every problem is
    reported."""
    try:
        rows = read_rows(file, filename)
        header_row, columns = enrolment_columns(rows)
    except Refused as error:
        return SheetImportReport.refused(str(error))
    entries = [
        (number, {key: cell(cells, i) for key, i in columns.items()})
        for number, cells in rows
        if number > header_row
    ]
    entries = [
        (n, v) for n, v in entries if any(v.get(k) for k in (*IDENTITY, "full_name"))
    ]
    if not entries:
        return SheetImportReport.refused(
            _("The file has column names but no rows of learners.")
        )
    users, errors = find_learners(entries, columns, by)
    if errors:
        return SheetImportReport(ok=False, errors=errors)
    report = enrol_people(
        training_class=training_class, users=users, by=by, source=MemberSource.IMPORT
    )
    counts = {
        "enrolled": report.enrolled,
        "waitlisted": report.waitlisted,
        "unchanged": report.unchanged,
    }
    return SheetImportReport(ok=True, counts=counts)


def enrolment_columns(rows) -> tuple[int, dict[str, int]]:
    """The header row (the first of the first ten naming a column that
    finds people) and column key -> index."""
    names = {
        compact(text): column.key
        for column in ENROLMENT_COLUMNS
        for text in (column.header, *column.aliases)
    }
    for number, cells in rows[:10]:
        columns = {}
        for index, text in enumerate(cells):
            key = names.get(compact(text)) if text else None
            if key:
                columns.setdefault(key, index)
        if any(key in columns for key in IDENTITY):
            return number, columns
    raise Refused(
        _(
            "The file has no column “Số điện thoại”, “Số CCCD” or “Email”, "
            "so its learners cannot be found. Download the template, fill it "
            "in and upload it."
        )
    )


def find_learners(entries, columns, by):
    """The accounts of the rows' people in file order, and the errors."""
    typed = {key: [v[key] for _n, v in entries if v.get(key)] for key in IDENTITY}
    found = org.find_people(
        phones=typed["phone"],
        national_ids=typed["national_id"],
        emails=typed["email"],
        within=org.people_visible_to(by).filter(user__isnull=False),
    )
    users, errors, seen = [], [], {}
    for number, values in entries:
        person = row_person(number, values, columns, found, errors)
        if person is None:
            continue
        if person.pk in seen:
            message = _("This person is already on row %(row)s.") % {
                "row": seen[person.pk]
            }
            errors.append(RowError(number, first_letter(values, columns), message))
            continue
        seen[person.pk] = number
        users.append(person.user)
    return users, errors


def first_letter(values, columns) -> str:
    """The letter of the first identity column filled in."""
    key = next((k for k in IDENTITY if values.get(k)), "full_name")
    return column_letter(columns[key])


def not_found(key: str) -> str:
    return {
        "phone": _("No person with this phone number was found in your units."),
        "national_id": _(
            "No person with this citizen ID number was found in your units."
        ),
        "email": _("No person with this email address was found in your units."),
    }[key]


def row_person(number, values, columns, found, errors):
    """The one person the row names, or None (and its errors)."""
    given = [key for key in IDENTITY if values.get(key)]
    if not given:
        message = _(
            "Give the learner's phone number, citizen ID number or email: "
            "a name alone does not tell who they are."
        )
        errors.append(RowError(number, column_letter(columns["full_name"]), message))
        return None
    people = {key: found.get((key, values[key])) for key in given}
    missing = [key for key, person in people.items() if person is None]
    for key in missing:
        errors.append(RowError(number, column_letter(columns[key]), not_found(key)))
    if missing:
        return None
    if len({person.pk for person in people.values()}) > 1:
        message = _(
            "The phone number, citizen ID number and email of this row are "
            "of different people."
        )
        errors.append(RowError(number, first_letter(values, columns), message))
        return None
    person = people[given[0]]
    name = values.get("full_name")
    if name and fold(name) != fold(person.full_name):
        message = _("The name does not match the person found: %(name)s.") % {
            "name": person.full_name
        }
        errors.append(RowError(number, column_letter(columns["full_name"]), message))
        return None
    return person
