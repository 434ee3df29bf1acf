"""From an uploaded file to rows of raw text, or one ``FileRefused``.

The type comes from the file name (.xlsx or .csv) and is then checked
against the content, so a PDF or a renamed text file is refused rather than
read as garbage. Reading is bounded: at most ``HOCVIEN_IMPORT_MAX_BYTES``
bytes, ``MAX_COLUMNS`` columns and ``HOCVIEN_IMPORT_MAX_ROWS`` data rows;
blank rows are skipped, and a run of ``MAX_BLANK_RUN`` blank rows ends the
sheet (spreadsheets keep thousands of formatted empty rows).
"""

import csv
import datetime
import io
import os
from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from ..conf import app_settings
from .columns import map_headers
from .data import FileRefused

MAX_COLUMNS = 60
MAX_BLANK_RUN = 1000
ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class RawRow:
    number: int  # as the spreadsheet shows it; the header is row 1
    cells: dict[str, str]  # column key -> text, "" when blank


@dataclass(frozen=True)
class Table:
    headers: dict[str, str]  # column key -> header as written in the file
    rows: tuple[RawRow, ...]


def read_table(file, filename: str) -> Table:
    """The header and data rows of ``file`` (a binary file object)."""
    data = read_bounded(file)
    lines = iter(sheet_lines(data, filename))
    _number, header = next(lines, (1, []))
    columns = map_headers(header)
    rows = tuple(raw_row(n, cells, columns) for n, cells in bounded_rows(lines))
    if not rows:
        raise FileRefused(_("The file has column names but no rows of people."))
    return Table({key: text for key, (_p, text) in columns.items()}, rows)


def read_bounded(file) -> bytes:
    limit = app_settings.IMPORT_MAX_BYTES
    data = file.read(limit + 1)
    if len(data) > limit:
        raise FileRefused(
            _("The file is larger than %(size)s MB; split it into smaller files.")
            % {"size": round(limit / 1024 / 1024, 1)}
        )
    if not data.strip():
        raise FileRefused(_("The file is empty."))
    return data


def sheet_lines(data: bytes, filename: str):
    extension = os.path.splitext(filename.lower())[1]
    if extension == ".xlsx":
        return xlsx_lines(data)
    if extension == ".csv":
        return csv_lines(data)
    raise wrong_type()


def wrong_type():
    return FileRefused(
        _(
            "This is not an Excel workbook (.xlsx) or a CSV file. Download the "
            "template, fill it in and upload it as .xlsx or .csv."
        )
    )


def bounded_rows(lines):
    """(number, cells) of the non-blank data rows, refusing too many."""
    limit, count, blank_run = app_settings.IMPORT_MAX_ROWS, 0, 0
    for number, cells in lines:
        if not any(cells):
            blank_run += 1
            if blank_run >= MAX_BLANK_RUN:
                return
            continue
        blank_run, count = 0, count + 1
        if count > limit:
            raise FileRefused(
                _("The file has more than %(limit)s rows; split it into smaller files.")
                % {"limit": limit}
            )
        yield number, cells


def raw_row(number: int, cells: list[str], columns) -> RawRow:
    values = {
        key: cells[position] if position < len(cells) else ""
        for key, (position, _text) in columns.items()
    }
    return RawRow(number, values)


# ------------------------------------------------------------------ XLSX


def xlsx_lines(data: bytes):
    """(row number, texts) of the first worksheet."""
    if not data.startswith(ZIP_MAGIC):
        raise wrong_type()
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
        yield from ((n, [cell_text(v) for v in row]) for n, row in enumerate(rows, 1))
    # openpyxl raises anything from KeyError to zipfile errors on a damaged
    # or foreign ZIP (a .docx); for the user they all mean the same.
    except Exception as error:
        raise wrong_type() from error


def cell_text(value) -> str:
    """The text of a cell value; number cells lose nothing they still hold."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# ------------------------------------------------------------------- CSV


def csv_lines(data: bytes):
    """(row number, texts) of a UTF-8 CSV separated by commas or semicolons."""
    if data.startswith(ZIP_MAGIC) or data.startswith(b"%PDF") or b"\x00" in data:
        raise wrong_type()
    text = decode_utf8(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter(text))
    try:
        for number, row in enumerate(reader, 1):
            yield number, [cell.strip() for cell in row[:MAX_COLUMNS]]
    except csv.Error as error:
        raise FileRefused(
            _("The file could not be read as CSV: %(error)s") % {"error": error}
        ) from error


def decode_utf8(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileRefused(
            _(
                "The CSV file is not in UTF-8, so Vietnamese letters would be "
                "garbled. In Excel choose “Save as” and the type “CSV UTF-8”, "
                "or upload the .xlsx file."
            )
        ) from None


def delimiter(text: str) -> str:
    """The separator of the header line: Excel writes ";" in locales whose
    decimal mark is a comma, such as Vietnamese."""
    header = text.split("\n", 1)[0]
    return max([",", ";", "\t"], key=header.count)
