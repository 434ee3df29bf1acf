"""Spreadsheets of a class (openpyxl): the attendance sheet, to print or to
fill in and read back, and the enrolment file.

Imports follow lms.org's people import: all or nothing. Every row is
checked first; if any cell is bad nothing is written and every problem is
reported by row number (as the spreadsheet shows it), column letter and
reason. A file that cannot be read as a whole (not an .xlsx workbook,
empty, too large, another class's sheet) gets one error. Scope is never
revealed: a person outside the importer's units is "not found in your
units", like a person who does not exist.

The modules:

``reading``            an upload -> its non-blank rows, or ``Refused``;
``cells``              cell text, a row's cell, a column's letter;
``report``             ``SheetImportReport`` and its ``RowError``;
``writing``            cell styles and saving a workbook;
``attendance_sheet``   the attendance sheet of a class, to print or fill in;
``attendance_import``  a filled attendance sheet read back into marks;
``enrolment_file``     the enrolment template and its import.
"""

from .attendance_import import import_attendance
from .attendance_sheet import attendance_sheet_xlsx
from .enrolment_file import enrolment_template_xlsx, import_enrolment
from .reading import Refused
from .report import RowError, SheetImportReport

__all__ = [
    "Refused",
    "RowError",
    "SheetImportReport",
    "attendance_sheet_xlsx",
    "enrolment_template_xlsx",
    "import_attendance",
    "import_enrolment",
]
