"""The blank files users download, fill in and import: the column headers and
one example row, which imports as it is when its unit code exists."""

import csv
import datetime
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .columns import BY_KEY, COLUMNS

EXAMPLE = {
    "full_name": "Nguyễn Thị Hoa",
    "date_of_birth": datetime.date(1985, 3, 15),
    "gender": "Nữ",
    "ethnicity": "Kinh",
    "phone": "0912345678",
    "email": "hoa.nguyen@example.com",
    "national_id": "001185012345",
    "unit_code": "ma-don-vi",
    "title": "",
    "in_leadership_pipeline": "Không",
    "since": datetime.date(2025, 1, 1),
}
# Text keeps the leading zeros of phones and IDs typed in later.
FORMATS = {
    "phone": "@",
    "national_id": "@",
    "unit_code": "@",
    "date_of_birth": "DD/MM/YYYY",
    "since": "DD/MM/YYYY",
}
CHOICES = {"gender": "Nam,Nữ,Khác", "in_leadership_pipeline": "Có,Không"}
TEMPLATE_ROWS = 2000  # rows given drop-down lists


def example_row(unit=None, title=None) -> dict:
    """The example, naming ``unit`` and ``title`` when given."""
    row = dict(EXAMPLE)
    if unit is not None:
        row["unit_code"] = unit.code
    if title is not None:
        row["title"] = title.name
    return row


def template_csv(*, unit=None, title=None) -> bytes:
    """UTF-8 with a BOM, which Excel needs to show Vietnamese letters."""
    row = example_row(unit, title)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow([column.header for column in COLUMNS])
    writer.writerow([csv_text(row[column.key]) for column in COLUMNS])
    return buffer.getvalue().encode("utf-8-sig")


def csv_text(value) -> str:
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return value


def template_xlsx(*, unit=None, title=None) -> bytes:
    """A "people" sheet (headers with notes, the example row) followed by an
    instructions sheet; the import reads the first sheet only."""
    workbook = Workbook()
    fill_people_sheet(workbook.active, example_row(unit, title))
    fill_instructions_sheet(workbook.create_sheet(_("Instructions")))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def fill_people_sheet(sheet, row: dict):
    sheet.title = _("People")
    sheet.freeze_panes = "A2"
    for index, column in enumerate(COLUMNS, 1):
        header = sheet.cell(row=1, column=index, value=column.header)
        header.font = Font(bold=True)
        header.fill = PatternFill("solid", fgColor="DDEBF7")
        header.comment = Comment(str(column.help), "Hocvien", width=300, height=90)
        sheet.cell(row=2, column=index, value=row[column.key])
        format_column(sheet, index, column.key)
    add_choices(sheet)


def format_column(sheet, index: int, key: str):
    """Column widths, and formats Excel gives to cells typed in later."""
    dimension = sheet.column_dimensions[get_column_letter(index)]
    dimension.width = 30 if key == "full_name" else 18
    if key in FORMATS:
        dimension.number_format = FORMATS[key]
        sheet.cell(row=2, column=index).number_format = FORMATS[key]


def add_choices(sheet):
    for key, choices in CHOICES.items():
        letter = get_column_letter(COLUMNS.index(BY_KEY[key]) + 1)
        validation = DataValidation(type="list", formula1=f'"{choices}"')
        validation.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
        sheet.add_data_validation(validation)


def fill_instructions_sheet(sheet):
    lines = [
        _("How to fill in this file"),
        _("Write one person per row on the first sheet; keep the first row."),
        _(
            "Each person needs a phone number or a citizen ID number: importing "
            "the file again finds them by these and updates them."
        ),
        _(
            "If any row has a mistake, nothing is imported and every mistake "
            "is listed; correct them and upload the whole file again."
        ),
        _("Replace the example row with your own people."),
        "",
    ]
    for line in lines:
        sheet.append([line])
    sheet.cell(row=1, column=1).font = Font(bold=True)
    for column in COLUMNS:
        sheet.append([column.header, str(column.help)])
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 90
