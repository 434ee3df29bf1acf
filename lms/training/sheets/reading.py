"""Opening an uploaded .xlsx and reading its non-blank rows, within limits;
a file that cannot be imported as a whole raises ``Refused``."""

import io

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from .cells import cell_text

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
MAX_COLUMNS = 400
MAX_BLANK_RUN = 1000  # spreadsheets keep thousands of formatted empty rows
ZIP_MAGIC = b"PK\x03\x04"


class Refused(ValueError):
    """The file as a whole cannot be imported; ``str(error)`` says why."""


def read_rows(file, filename: str) -> list[tuple[int, list[str]]]:
    """(row number, cell texts) of the non-blank rows of the first sheet of
    an .xlsx upload (a binary file object), or Refused."""
    data = file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise Refused(
            _("The file is larger than %(size)s MB; split it into smaller files.")
            % {"size": MAX_BYTES // 1024 // 1024}
        )
    if not data.strip():
        raise Refused(_("The file is empty."))
    if not filename.lower().endswith(".xlsx") or not data.startswith(ZIP_MAGIC):
        raise not_a_workbook()
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        rows = bounded(workbook.worksheets[0])
    except Refused:
        raise
    # openpyxl raises anything from KeyError to zipfile errors on a damaged
    # or foreign ZIP (a .docx); for the user they all mean the same.
    except Exception as error:
        raise not_a_workbook() from error
    if not rows:
        raise Refused(_("The file is empty."))
    return rows


def not_a_workbook() -> Refused:
    return Refused(
        _(
            "This is not an Excel workbook (.xlsx). Download the file from "
            "this page, fill it in and upload it as .xlsx."
        )
    )


def bounded(sheet) -> list[tuple[int, list[str]]]:
    rows, blank_run = [], 0
    values = sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
    for number, row in enumerate(values, 1):
        cells = [cell_text(value) for value in row]
        blank_run = 0 if any(cells) else blank_run + 1
        if blank_run >= MAX_BLANK_RUN:
            break
        if blank_run == 0:
            rows.append((number, cells))
        if len(rows) > MAX_ROWS:
            raise Refused(
                _("The file has more than %(limit)s rows; split it into smaller files.")
                % {"limit": f"{MAX_ROWS:,}".replace(",", ".")}
            )
    return rows
