"""Importing people (cadres) from an XLSX or CSV file.

Other code calls ``lms.org.api.import_people``; this package does the work
in three steps, each handing off once:

``reading``     the file -> rows of raw text (``Table``), or ``FileRefused``
                for a file that cannot be read at all: wrong type, empty,
                headers only, missing columns, too large, not UTF-8;
``validation``  rows -> one ``RowResult`` per row: its errors, or what it
                would do (create, update, leave unchanged); reads only;
``writing``     the planned rows -> the database, in one transaction.

Policy: all or nothing. Every row is validated first. If any row has an
error, nothing is written and every bad row is reported (row number as the
spreadsheet shows it, column, reason). If every row is good, all are written
in one transaction; a concurrent change that breaks a row while writing
rolls the whole file back. There is never a half-written row or file.

Re-importing a file updates instead of duplicating: a row is the existing
person with its phone number or its citizen ID number. A blank cell keeps
what is stored for date of birth, gender, ethnicity, phone, email and ID; the
unit, the position title and "Quy hoạch" are always as the row says. A change
of unit or title goes through ``assign_position``, so it enters the history
from "Ngày nhận nhiệm vụ" (or today). A user imports only into the units they
manage and updates only the people in them; a row that names anything else
is "not found in your units", whatever exists outside them.
"""

from .data import Action, FileRefused, ImportReport, RowError, RowResult
from .reading import read_table
from .template_files import template_csv, template_xlsx
from .validation import Scope, validate
from .writing import write

__all__ = [
    "Action",
    "FileRefused",
    "ImportReport",
    "RowError",
    "RowResult",
    "run_import",
    "template_csv",
    "template_xlsx",
]


def run_import(*, file, filename: str, user, dry_run: bool) -> ImportReport:
    """Read, validate and (unless ``dry_run`` or a row is bad) write."""
    table = read_table(file, filename)
    report = ImportReport(validate(table, Scope.of(user)), dry_run=dry_run)
    if report.written:
        write(report.rows)
    return report
