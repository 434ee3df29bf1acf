"""Building people files (XLSX, CSV) inside tests, as users fill them in."""

import csv
import io
import unicodedata

from openpyxl import Workbook, load_workbook

from lms.org import api

HEADERS = {
    "full_name": "Họ và tên",
    "date_of_birth": "Ngày sinh",
    "gender": "Giới tính",
    "ethnicity": "Dân tộc",
    "phone": "Số điện thoại",
    "email": "Email",
    "national_id": "Số CCCD",
    "unit": "Mã đơn vị",
    "title": "Chức danh",
    "pipeline": "Quy hoạch",
    "since": "Ngày nhận nhiệm vụ",
}


def person(**values) -> dict:
    """A row of a good file; ``values`` use the keys of HEADERS."""
    row = {
        "full_name": "Lò Thị Mai",
        "date_of_birth": "15/03/1985",
        "gender": "Nữ",
        "ethnicity": "Thái",
        "phone": "0912000001",
        "email": "",
        "national_id": "",
        "unit": "c-a",
        "title": "Ủy viên BCH",
        "pipeline": "",
        "since": "01/01/2025",
    }
    row.update(values)
    return row


def table(rows, headers=HEADERS):
    keys = list(headers)
    return [list(headers.values())] + [
        [row.get(key, "") for key in keys] for row in rows
    ]


def xlsx_bytes(rows, headers=HEADERS) -> bytes:
    workbook = Workbook()
    for line in table(rows, headers):
        workbook.active.append(line)
    return save_workbook(workbook)


def save_workbook(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows, headers=HEADERS, delimiter=",", encoding="utf-8-sig") -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter)
    for line in table(rows, headers):
        writer.writerow(["" if v is None else str(v) for v in line])
    return buffer.getvalue().encode(encoding)


TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def windows_1258(text: str) -> bytes:
    """Text as Windows-1258 bytes, which write a tone as a separate mark."""
    return b"".join(windows_1258_char(char) for char in text)


def windows_1258_char(char: str) -> bytes:
    try:
        return char.encode("cp1258")
    except UnicodeEncodeError:
        marks = unicodedata.normalize("NFD", char)
        tone = next(mark for mark in marks if mark in TONE_MARKS)
        base = unicodedata.normalize("NFC", marks.replace(tone, ""))
        return base.encode("cp1258") + tone.encode("cp1258")


def run_import(content: bytes, filename="can-bo.xlsx", user=None, dry_run=False):
    return api.import_people(
        file=io.BytesIO(content), filename=filename, user=user, dry_run=dry_run
    )


def open_workbook(content: bytes):
    return load_workbook(io.BytesIO(content))


def errors_of(report) -> list[tuple[int, str]]:
    """(row, column) of each error, to compare in one assert."""
    return [(error.row, error.column) for error in report.errors]
