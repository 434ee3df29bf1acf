"""Cell helpers both sheets share: a cell's text, a row's cell, a column's letter."""

import datetime

from openpyxl.utils import get_column_letter


def cell_text(value) -> str:
    """The text of a cell; number cells lose nothing they still hold."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def cell(cells: list[str], index: int) -> str:
    return cells[index] if index < len(cells) else ""


def column_letter(index: int) -> str:
    """The letter of a 0-based column index."""
    return get_column_letter(index + 1)
